// SPDX-License-Identifier: MIT
// ConnectionTester ("Test connection" on the Pools page), STYLE rule 6: tests in flight take no
// thread of their own (clicks do not pile threads up), and closing cancels them instead of waiting
// for their timeouts. The endpoint is a loopback port that accepts connections (the kernel does,
// into its backlog) and never answers, so a test stays in flight until it is cancelled.

#include "connection_tester.h"

#include <QSignalSpy>
#include <QTest>

#include <arpa/inet.h>
#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <netinet/in.h>
#include <string>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

using namespace baton;

namespace {

class SilentServer {
public:
    SilentServer() {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t size = sizeof addr;
        if (::bind(m_fd, reinterpret_cast<sockaddr*>(&addr), size) != 0 || ::listen(m_fd, 64) != 0 ||
            ::getsockname(m_fd, reinterpret_cast<sockaddr*>(&addr), &size) != 0)
            return;
        m_port = ntohs(addr.sin_port);
    }
    ~SilentServer() { ::close(m_fd); }
    int port() const { return m_port; }
    /// Accepts `n` connections and answers each with an empty JSON object.
    void answer(int n) {
        for (int i = 0; i < n; ++i) {
            int c = ::accept(m_fd, nullptr, nullptr);
            if (c < 0) return;
            char request[4096];
            (void)::recv(c, request, sizeof request, 0);
            const std::string reply = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n"
                                      "Connection: close\r\n\r\n{}";
            (void)::send(c, reply.data(), reply.size(), MSG_NOSIGNAL);
            ::close(c);
        }
    }

private:
    int m_fd = -1;
    int m_port = 0;
};

core::ModelSpec modelAt(int port) {
    core::ModelSpec model;
    model.name = "silent";
    model.provider = core::ProviderKind::OpenAi;
    model.baseUrl = "http://127.0.0.1:" + std::to_string(port) + "/v1";
    model.remoteModel = "m";
    return model;
}

int threadCount() {
    int n = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator("/proc/self/task"))
        ++n;
    return n;
}

} // namespace

class TestConnectionTester : public QObject {
    Q_OBJECT
private slots:
    // Each click used to start a thread kept until the tester died: 8 clicks, 8 more threads.
    void testsInFlightTakeNoThreadOfTheirOwn() {
        SilentServer server;
        QVERIFY(server.port() > 0);
        ui::ConnectionTester tester;
        tester.test(modelAt(server.port()), {}); // the first one starts the tester's HTTP loop
        const int before = threadCount();
        for (int i = 0; i < 8; ++i)
            tester.test(modelAt(server.port()), {});
        QCOMPARE(threadCount(), before);
    }

    // Closing used to wait for every test in flight to end (up to its 20 s timeout). Here only a
    // cancel ends them (the timeouts are 10 minutes): if the tester's destructor has not returned
    // 10 s after it began, the server answers, which lets a waiting destructor return, and the
    // test fails. A destructor that cancels returns without the answer.
    void closingCancelsTestsInFlight() {
        SilentServer server;
        QVERIFY(server.port() > 0);
        auto tester = std::make_unique<ui::ConnectionTester>();
        tester->timeouts.firstByteMs = tester->timeouts.idleMs = tester->timeouts.totalMs = 600000;
        QSignalSpy finished(tester.get(), &ui::ConnectionTester::finished);
        for (int i = 0; i < 3; ++i)
            tester->test(modelAt(server.port()), {});

        std::mutex mutex;
        std::condition_variable cv;
        bool closed = false;
        std::atomic<bool> answered{false};
        std::thread watchdog([&] {
            std::unique_lock lock(mutex);
            if (cv.wait_for(lock, std::chrono::seconds(10), [&] { return closed; })) return;
            lock.unlock();
            answered = true;
            server.answer(3);
        });
        tester.reset();
        {
            std::lock_guard lock(mutex);
            closed = true;
        }
        cv.notify_one();
        watchdog.join();
        QVERIFY2(!answered, "the destructor waited for the tests in flight");
        QCOMPARE(finished.count(), 0);
    }
};

QTEST_MAIN(TestConnectionTester)
#include "tst_connection_tester.moc"
