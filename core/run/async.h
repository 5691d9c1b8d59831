// SPDX-License-Identifier: MIT
#pragma once
/// Async<T>: a lazily started C++20 coroutine, so strategies read as straight-line code that
/// co_awaits model calls. Awaiting an Async starts it and resumes the awaiter when it finishes
/// (symmetric transfer, no stack growth). `detach(onDone)` starts a top-level task.
/// Async tasks here run on the HTTP event loop thread; they never block.
///
/// House rule: co_await only named objects (`auto t = f(x); T r = co_await t;`), and build
/// arguments with destructors outside the co_await expression. GCC 12 destroys temporaries
/// inside a co_await expression twice (GCC PR 101367 and relatives).

#include <coroutine>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace baton::core {

template <class T> class Async {
public:
    struct promise_type {
        std::optional<T> value;
        std::exception_ptr error;
        std::coroutine_handle<> continuation;
        std::function<void(T)> onDone; // for detached tasks

        Async get_return_object() { return Async(std::coroutine_handle<promise_type>::from_promise(*this)); }
        std::suspend_always initial_suspend() noexcept { return {}; }
        struct FinalAwaiter {
            bool await_ready() noexcept { return false; }
            std::coroutine_handle<> await_suspend(std::coroutine_handle<promise_type> h) noexcept {
                auto& p = h.promise();
                if (p.continuation) return p.continuation;
                if (p.onDone) {
                    auto done = std::move(p.onDone);
                    T result = std::move(*p.value);
                    h.destroy(); // detached: nobody else owns the frame
                    done(std::move(result));
                }
                return std::noop_coroutine();
            }
            void await_resume() noexcept {}
        };
        FinalAwaiter final_suspend() noexcept { return {}; }
        void return_value(T v) { value = std::move(v); }
        void unhandled_exception() { std::terminate(); } // core code reports errors as values
    };

    Async(Async&& other) noexcept : m_handle(std::exchange(other.m_handle, {})) {}
    Async& operator=(Async&& other) noexcept {
        if (m_handle) m_handle.destroy();
        m_handle = std::exchange(other.m_handle, {});
        return *this;
    }
    ~Async() {
        if (m_handle) m_handle.destroy();
    }

    bool await_ready() const noexcept { return false; }
    std::coroutine_handle<> await_suspend(std::coroutine_handle<> awaiter) noexcept {
        m_handle.promise().continuation = awaiter;
        return m_handle;
    }
    T await_resume() { return std::move(*m_handle.promise().value); }

    /// Starts the task; `onDone` receives its result; the frame frees itself.
    void detach(std::function<void(T)> onDone) {
        auto h = std::exchange(m_handle, {});
        h.promise().onDone = std::move(onDone);
        h.resume();
    }

private:
    explicit Async(std::coroutine_handle<promise_type> h) : m_handle(h) {}
    std::coroutine_handle<promise_type> m_handle;
};

/// Suspends the awaiting coroutine until `start(resume)` calls resume(value) (once, on the loop
/// thread). The bridge from callbacks to co_await.
template <class T, class Start> struct CallbackAwaiter {
    Start start;
    std::optional<T> value;
    std::coroutine_handle<> handle;
    bool inSuspend = false;

    bool await_ready() const noexcept { return false; }
    bool await_suspend(std::coroutine_handle<> h) {
        handle = h;
        inSuspend = true;
        start([this](T v) {
            value = std::move(v);
            if (!inSuspend) handle.resume();
        });
        inSuspend = false;
        return !value.has_value(); // completed synchronously: do not suspend at all
    }
    T await_resume() { return std::move(*value); }
};

template <class T, class Start> CallbackAwaiter<T, Start> awaitCallback(Start start) {
    return {std::move(start), {}, {}, false};
}

} // namespace baton::core

namespace baton::core {

/// Runs tasks side by side on the event loop and resumes with all their results, in order.
template <class T> Async<std::vector<T>> whenAll(std::vector<Async<T>> tasks) {
    struct State {
        std::vector<std::optional<T>> results;
        size_t remaining = 0;
        std::function<void(int)> resume;
    };
    auto state = std::make_shared<State>();
    state->results.resize(tasks.size());
    state->remaining = tasks.size();
    if (!tasks.empty()) {
        auto all = awaitCallback<int>([&](auto resume) {
            state->resume = std::move(resume);
            for (size_t i = 0; i < tasks.size(); ++i)
                tasks[i].detach([state, i](T value) {
                    state->results[i] = std::move(value);
                    if (--state->remaining == 0) state->resume(0);
                });
        });
        co_await all;
    }
    std::vector<T> out;
    for (auto& r : state->results)
        out.push_back(std::move(*r));
    co_return out;
}

} // namespace baton::core
