// SPDX-License-Identifier: MIT
#pragma once
/// GrowingThreadPool: the simulator's task queue for cpp-httplib. httplib hands a whole
/// keep-alive connection to one task, so a fixed pool of N threads serves only N connections and
/// starves the rest; this pool starts a thread whenever none is idle, up to `maxThreads`.

#include <httplib.h>

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace baton::core {

class GrowingThreadPool : public httplib::TaskQueue {
public:
    explicit GrowingThreadPool(size_t maxThreads) : m_max(maxThreads == 0 ? 1 : maxThreads) {}
    ~GrowingThreadPool() override;

    void enqueue(std::function<void()> fn) override;
    void shutdown() override;

    size_t threads() const;
    size_t peakBusy() const;

private:
    void work();

    size_t m_max;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<std::function<void()>> m_jobs;
    std::vector<std::thread> m_threads;
    size_t m_idle = 0;
    size_t m_busy = 0;
    size_t m_peakBusy = 0;
    bool m_shutdown = false;
};

} // namespace baton::core
