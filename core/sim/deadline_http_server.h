// SPDX-License-Identifier: MIT
#pragma once
/// DeadlineHttpServer: cpp-httplib's server with a time limit on reading each request. httplib
/// 0.11 times out each read only, so a client that sends a byte of its headers (or body) every few
/// seconds held a connection and its thread for as long as it liked (slowloris). Here a request's
/// head and body must arrive within `requestReadLimit` of its first byte, or the connection is
/// closed; the wait for a keep-alive connection's next request is bounded as before.

#include <httplib.h>

#include <atomic>
#include <chrono>

namespace baton::core {

class DeadlineHttpServer : public httplib::Server {
public:
    explicit DeadlineHttpServer(std::chrono::milliseconds requestReadLimit) : m_limit(requestReadLimit) {}

    /// On a thread serving a request: whether that request missed its deadline (for the error
    /// handler and content readers, which then answer 408 and close).
    static bool requestTimedOut();
    /// Connections closed because a request did not arrive in time.
    int64_t requestsTimedOut() const { return m_timedOut; }

private:
    bool process_and_close_socket(socket_t sock) override;

    std::chrono::milliseconds m_limit;
    std::atomic<int64_t> m_timedOut{0};
};

} // namespace baton::core
