// SPDX-License-Identifier: MIT
#pragma once
/// HttpEventLoop: one thread drives every HTTP exchange through a libcurl multi handle
/// (keep-alive connection reuse, HTTP/2 where offered, no thread per call). It also runs posted
/// tasks and timers, so engine code can live on this one thread without locks.
/// Credentials never follow a redirect (redirects are not followed at all) and only http/https
/// are allowed.

#include "net/http_types.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

namespace baton::core {

class HttpEventLoop {
public:
    using TransferId = uint64_t;

    HttpEventLoop();
    ~HttpEventLoop(); ///< cancels what is in flight and joins the thread
    HttpEventLoop(const HttpEventLoop&) = delete;
    HttpEventLoop& operator=(const HttpEventLoop&) = delete;

    /// Thread-safe. Handlers run on the loop thread.
    TransferId start(HttpRequest request, HttpHandlers handlers);
    /// Thread-safe; onDone follows with HttpFailure::Cancelled unless it already finished.
    void cancel(TransferId id);
    /// Runs `task` on the loop thread.
    void post(std::function<void()> task);
    /// Runs `task` on the loop thread after `seconds`.
    void after(double seconds, std::function<void()> task);
    bool onLoopThread() const { return std::this_thread::get_id() == m_thread.get_id(); }
    size_t inFlight() const { return m_inFlight; }
    /// libcurl easy handles created so far; finished transfers hand theirs to the next one.
    size_t easyHandlesCreated() const { return m_easyCreated; }

private:
    struct Transfer;
    struct Timer {
        std::chrono::steady_clock::time_point due;
        uint64_t order;
        std::function<void()> task;
    };

    void run();
    void drainCommands();
    void addTransfer(std::unique_ptr<Transfer> t);
    void finish(Transfer* t, int curlCode);
    void enforceTimeouts();
    int runTimers(); ///< ms until the next timer (capped)

    void* m_multi = nullptr;
    std::thread m_thread;
    std::atomic<bool> m_stopping{false};
    std::atomic<size_t> m_inFlight{0};
    std::atomic<TransferId> m_nextId{1};

    std::mutex m_mutex; // guards the three queues below
    std::vector<std::unique_ptr<Transfer>> m_toStart;
    std::vector<TransferId> m_toCancel;
    std::vector<std::function<void()>> m_posted;
    std::vector<Timer> m_newTimers;

    // Loop-thread state.
    std::map<TransferId, std::unique_ptr<Transfer>> m_active;
    static constexpr size_t kMaxSpareEasy = 1024;
    std::vector<void*> m_spareEasy; // CURL*, reset and ready
    std::atomic<size_t> m_easyCreated{0};
    std::multimap<std::chrono::steady_clock::time_point, std::function<void()>> m_timers;
};

} // namespace baton::core
