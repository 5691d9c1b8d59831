// SPDX-License-Identifier: MIT
#pragma once
// FifoLines: a named pipe that a test feeds task lines into from a thread of its own, so that an
// import reading it can be held at a known line (no file is ever "big enough" or "slow enough"):
// `first` lines go at once; the rest only once release() is called, and stop as soon as the
// reader closes its end (EPIPE) or `limit` lines are written. Whether the reader gave up early
// is then a count, not a time.

#include <atomic>
#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <semaphore>
#include <string>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace baton::test {

class FifoLines {
public:
    FifoLines(std::string path, int first, int limit) : m_path(std::move(path)), m_first(first), m_limit(limit) {
        std::signal(SIGPIPE, SIG_IGN); // a closed reader is a write error (EPIPE), not the end of the test
        m_made = ::mkfifo(m_path.c_str(), 0600) == 0;
        if (m_made) m_thread = std::jthread([this] { feed(); });
    }
    ~FifoLines() {
        release();
        if (!m_thread.joinable()) return;
        // A reader that never came: open and close a read end, so that the writer's open returns
        // and its first write fails.
        int fd = ::open(m_path.c_str(), O_RDONLY | O_NONBLOCK);
        if (fd >= 0) ::close(fd);
        m_thread.join();
    }

    bool made() const { return m_made; }
    const std::string& path() const { return m_path; }
    /// Lets the lines after the first ones go.
    void release() {
        if (!m_released.exchange(true)) m_go.release();
    }
    /// Waits until the first lines are written (into the pipe: the reader may not have read them yet).
    void waitFirst() { m_firstDone.acquire(); }
    /// Waits until the writer has ended (reader closed, or every line written).
    void wait() {
        if (m_thread.joinable()) m_thread.join();
    }
    int written() const { return m_written; }
    bool readerClosed() const { return m_readerClosed; }
    int limit() const { return m_limit; }

private:
    static std::string line(int i) {
        return "{\"id\": \"q" + std::to_string(i) + "\", \"prompt\": \"What is " + std::to_string(i) +
               " + 1?\", \"answer\": \"" + std::to_string(i + 1) + "\"}\n";
    }
    bool put(int fd, int i) {
        std::string text = line(i);
        size_t done = 0;
        while (done < text.size()) {
            ssize_t n = ::write(fd, text.data() + done, text.size() - done);
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) {
                m_readerClosed = errno == EPIPE;
                return false;
            }
            done += size_t(n);
        }
        ++m_written;
        return true;
    }
    void feed() {
        int fd = ::open(m_path.c_str(), O_WRONLY); // waits for the reader to open its end
        int i = 0;
        for (; fd >= 0 && i < m_first && i < m_limit; ++i)
            if (!put(fd, i)) break;
        m_firstDone.release();
        if (fd < 0 || i < m_first) return (void)(fd >= 0 && ::close(fd));
        m_go.acquire();
        for (; i < m_limit; ++i)
            if (!put(fd, i)) break;
        ::close(fd);
    }

    std::string m_path;
    int m_first, m_limit;
    bool m_made = false;
    std::atomic<int> m_written{0};
    std::atomic<bool> m_readerClosed{false};
    std::atomic<bool> m_released{false};
    std::binary_semaphore m_go{0};
    std::binary_semaphore m_firstDone{0};
    std::jthread m_thread;
};

} // namespace baton::test
