// SPDX-License-Identifier: MIT
#include "sim/deadline_http_server.h"

#include <arpa/inet.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>

namespace baton::core {
namespace {

using Clock = std::chrono::steady_clock;

int msUntil(Clock::time_point t) { // rounded up: poll's 0 means "do not wait"
    return int(
        std::clamp<int64_t>(std::chrono::ceil<std::chrono::milliseconds>(t - Clock::now()).count(), 0, INT32_MAX));
}

/// Polls `sock` for `events` until `deadline`, in short steps so that a stopping server (its
/// listening socket closed) is noticed. True when the socket is ready.
bool waitFor(socket_t sock, short events, Clock::time_point deadline, const std::atomic<socket_t>& listening) {
    for (;;) {
        if (listening == INVALID_SOCKET) return false;
        int left = msUntil(deadline);
        pollfd p{sock, events, 0};
        int n = ::poll(&p, 1, std::min(left, 100));
        if (n > 0) return (p.revents & (events | POLLHUP | POLLERR)) != 0;
        if (n < 0 && errno != EINTR) return false;
        if (left == 0) return false;
    }
}

void ipAndPort(const sockaddr_storage& addr, std::string& ip, int& port) {
    std::array<char, INET6_ADDRSTRLEN> text{};
    if (addr.ss_family == AF_INET) {
        const auto& a = reinterpret_cast<const sockaddr_in&>(addr);
        ::inet_ntop(AF_INET, &a.sin_addr, text.data(), text.size());
        port = ntohs(a.sin_port);
    } else if (addr.ss_family == AF_INET6) {
        const auto& a = reinterpret_cast<const sockaddr_in6&>(addr);
        ::inet_ntop(AF_INET6, &a.sin6_addr, text.data(), text.size());
        port = ntohs(a.sin6_port);
    }
    ip = text.data();
}

/// A socket stream whose reads give up at the current request's deadline (and, like httplib's
/// own, after `readTimeout` without a byte). Reads are buffered: httplib reads headers a byte at
/// a time.
class DeadlineStream : public httplib::Stream {
public:
    DeadlineStream(socket_t sock, const std::atomic<socket_t>& listening, std::chrono::milliseconds readTimeout,
                   std::chrono::milliseconds writeTimeout, std::atomic<int64_t>& timedOut)
        : m_sock(sock), m_listening(listening), m_readTimeout(readTimeout), m_writeTimeout(writeTimeout),
          m_timedOut(timedOut) {}

    /// Waits up to `timeout` for the next request to begin.
    bool waitForRequest(std::chrono::milliseconds timeout) const {
        return m_next < m_end || waitFor(m_sock, POLLIN, Clock::now() + timeout, m_listening);
    }
    void startRequest(Clock::time_point deadline) { m_deadline = deadline, m_expired = false; }
    bool expired() const { return m_expired; }

    bool is_readable() const override {
        if (m_next < m_end) return true;
        bool deadlineFirst = m_deadline <= Clock::now() + m_readTimeout;
        bool ready = waitFor(m_sock, POLLIN, deadlineFirst ? m_deadline : Clock::now() + m_readTimeout, m_listening);
        if (!ready && !m_expired && deadlineFirst && m_listening != INVALID_SOCKET) {
            m_expired = true;
            ++m_timedOut; // counted before the 408 leaves, so a client that saw it sees the count
        }
        return ready;
    }
    bool is_writable() const override { return waitFor(m_sock, POLLOUT, Clock::now() + m_writeTimeout, m_listening); }
    ssize_t read(char* ptr, size_t size) override {
        if (m_next == m_end) {
            if (!is_readable()) return -1;
            ssize_t n;
            do
                n = ::recv(m_sock, m_buffer.data(), m_buffer.size(), 0);
            while (n < 0 && errno == EINTR);
            if (n <= 0) return n;
            m_next = 0, m_end = size_t(n);
        }
        size_t n = std::min(size, m_end - m_next);
        std::copy_n(m_buffer.data() + m_next, n, ptr);
        m_next += n;
        return ssize_t(n);
    }
    ssize_t write(const char* ptr, size_t size) override {
        if (!is_writable()) return -1;
        ssize_t n;
        do
            n = ::send(m_sock, ptr, size, MSG_NOSIGNAL);
        while (n < 0 && errno == EINTR);
        return n;
    }
    void get_remote_ip_and_port(std::string& ip, int& port) const override {
        sockaddr_storage addr{};
        socklen_t length = sizeof addr;
        if (::getpeername(m_sock, reinterpret_cast<sockaddr*>(&addr), &length) == 0) ipAndPort(addr, ip, port);
    }
    void get_local_ip_and_port(std::string& ip, int& port) const override {
        sockaddr_storage addr{};
        socklen_t length = sizeof addr;
        if (::getsockname(m_sock, reinterpret_cast<sockaddr*>(&addr), &length) == 0) ipAndPort(addr, ip, port);
    }
    socket_t socket() const override { return m_sock; }

private:
    socket_t m_sock;
    const std::atomic<socket_t>& m_listening;
    std::chrono::milliseconds m_readTimeout, m_writeTimeout;
    std::atomic<int64_t>& m_timedOut;
    Clock::time_point m_deadline = Clock::time_point::max();
    mutable bool m_expired = false;
    std::array<char, 4096> m_buffer{};
    size_t m_next = 0, m_end = 0;
};

thread_local const DeadlineStream* t_current = nullptr;

std::chrono::milliseconds ms(time_t sec, time_t usec) {
    return std::chrono::milliseconds(int64_t(sec) * 1000 + int64_t(usec) / 1000);
}

} // namespace

bool DeadlineHttpServer::requestTimedOut() {
    return t_current && t_current->expired();
}

// The loop of httplib's own process_server_socket (keep-alive count and timeout), with the
// deadline stream in place of its socket stream.
bool DeadlineHttpServer::process_and_close_socket(socket_t sock) {
    DeadlineStream stream(sock, svr_sock_, ms(read_timeout_sec_, read_timeout_usec_),
                          ms(write_timeout_sec_, write_timeout_usec_), m_timedOut);
    bool ok = false;
    for (size_t left = keep_alive_max_count_; left > 0; --left) {
        // The next request may take the keep-alive timeout to begin; from its first byte, its
        // head and body have m_limit to arrive.
        if (!stream.waitForRequest(ms(keep_alive_timeout_sec_, 0))) break;
        stream.startRequest(Clock::now() + m_limit);
        bool closed = false;
        t_current = &stream;
        ok = process_request(stream, left == 1, closed, nullptr);
        t_current = nullptr;
        if (stream.expired()) {
            break; // httplib answered (408, see requestTimedOut); the rest of the request is not read
        }
        if (!ok || closed) break;
    }
    ::shutdown(sock, SHUT_RDWR);
    ::close(sock);
    return ok;
}

} // namespace baton::core
