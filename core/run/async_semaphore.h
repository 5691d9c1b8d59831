// SPDX-License-Identifier: MIT
#pragma once
/// AsyncSemaphore: limits how many coroutines hold a permit (per-model concurrency); waiters
/// resume in arrival order on the event loop. Loop thread only.

#include "net/http_event_loop.h"

#include <coroutine>
#include <deque>

namespace baton::core {

class AsyncSemaphore {
public:
    AsyncSemaphore(HttpEventLoop& loop, int permits) : m_loop(loop), m_available(permits) {}

    struct Acquire {
        AsyncSemaphore& sem;
        bool await_ready() {
            if (sem.m_available > 0) return --sem.m_available, true;
            return false;
        }
        void await_suspend(std::coroutine_handle<> h) { sem.m_waiters.push_back(h); }
        void await_resume() {}
    };
    Acquire acquire() { return {*this}; }
    void release() {
        if (m_waiters.empty()) return void(++m_available);
        auto next = m_waiters.front();
        m_waiters.pop_front();
        m_loop.post([next] { next.resume(); }); // the permit passes straight to the next waiter
    }

private:
    HttpEventLoop& m_loop;
    int m_available;
    std::deque<std::coroutine_handle<>> m_waiters;
};

} // namespace baton::core
