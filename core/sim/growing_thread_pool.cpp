// SPDX-License-Identifier: MIT
#include "sim/growing_thread_pool.h"

#include <algorithm>

namespace baton::core {

GrowingThreadPool::~GrowingThreadPool() {
    shutdown();
}

void GrowingThreadPool::enqueue(std::function<void()> fn) {
    {
        std::lock_guard lock(m_mutex);
        m_jobs.push_back(std::move(fn));
        // Idle workers take queued jobs first; a new thread only when every one is taken.
        if (m_idle < m_jobs.size() && m_threads.size() < m_max && !m_shutdown)
            m_threads.emplace_back([this] { work(); });
    }
    m_wake.notify_one();
}

void GrowingThreadPool::shutdown() {
    std::vector<std::thread> threads;
    {
        std::lock_guard lock(m_mutex);
        m_shutdown = true;
        threads.swap(m_threads);
    }
    m_wake.notify_all();
    for (auto& t : threads)
        t.join();
}

size_t GrowingThreadPool::threads() const {
    std::lock_guard lock(m_mutex);
    return m_threads.size();
}

size_t GrowingThreadPool::peakBusy() const {
    std::lock_guard lock(m_mutex);
    return m_peakBusy;
}

void GrowingThreadPool::work() {
    std::unique_lock lock(m_mutex);
    for (;;) {
        ++m_idle;
        m_wake.wait(lock, [this] { return m_shutdown || !m_jobs.empty(); });
        --m_idle;
        if (m_jobs.empty()) return; // shut down with nothing left to serve
        auto fn = std::move(m_jobs.front());
        m_jobs.pop_front();
        m_peakBusy = std::max(m_peakBusy, ++m_busy);
        lock.unlock();
        fn();
        lock.lock();
        --m_busy;
    }
}

} // namespace baton::core
