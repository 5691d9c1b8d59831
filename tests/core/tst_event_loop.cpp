// SPDX-License-Identifier: MIT
// The one libcurl event loop: 1,000 calls in flight, cancel, first-byte and idle timeouts,
// no redirects followed, only http/https.

#include "core_printers.h"
#include "net/http_event_loop.h"
#include "sim/demo_tasks.h"
#include "sim/sim_server.h"

#include <QTest>
#include <atomic>
#include <condition_variable>
#include <future>
#include <httplib.h>
#include <mutex>
#include <set>
#include <nlohmann/json.hpp>
#include <thread>

using namespace baton::core;

namespace {

std::unique_ptr<SimServer> startSim(double timeScale, int threads) {
    SimProfile p = demoSimProfile();
    p.faults = {};
    p.timeScale = timeScale;
    SimServerOptions options;
    options.threads = threads;
    return std::move(SimServer::start(std::make_shared<SimResponder>(p, generateDemoTasks(1, 2)), options).value());
}

HttpRequest chat(const SimServer& sim, const std::string& model, bool stream = false) {
    nlohmann::json body = {{"model", model},
                           {"messages", {{{"role", "user"}, {"content", generateDemoTasks(1, 2).items[0].prompt()}}}}};
    if (stream) body["stream"] = true;
    HttpRequest r;
    r.url = sim.baseUrl() + "/chat/completions";
    r.headers = {{"Content-Type", "application/json"}};
    r.body = body.dump();
    return r;
}

/// A loopback server on its own thread; waits until it accepts before returning.
struct LocalServer {
    httplib::Server server;
    int port = 0;
    std::thread thread;
    void start() {
        port = server.bind_to_any_port("127.0.0.1");
        thread = std::thread([this] { server.listen_after_bind(); });
        while (!server.is_running())
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    ~LocalServer() {
        server.stop();
        if (thread.joinable()) thread.join();
    }
    std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port) + path; }
};

HttpResult fetch(HttpEventLoop& loop, HttpRequest request, std::string* body = nullptr) {
    std::promise<HttpResult> done;
    loop.start(std::move(request), {[body](std::string_view chunk) {
                                        if (body) body->append(chunk);
                                    },
                                    [&done](HttpResult r) { done.set_value(std::move(r)); }});
    return done.get_future().get();
}

} // namespace

class TestEventLoop : public QObject {
    Q_OBJECT
private slots:
    void thousandCallsInFlight() {
        // The server answers nobody until all 1,000 requests are in, so they are all in flight at once.
        constexpr int kCalls = 1000;
        LocalServer gate;
        gate.server.new_task_queue = [] { return new httplib::ThreadPool(kCalls + 50); };
        // A loaded, sanitized client may take seconds to write all 1,000 requests; cpp-httplib's
        // default 5 s read timeout would then close connections that are merely slow.
        gate.server.set_read_timeout(120, 0);
        auto listenSocket = std::make_shared<socket_t>(INVALID_SOCKET);
        gate.server.set_socket_options([listenSocket](socket_t sock) {
            httplib::default_socket_options(sock);
            *listenSocket = sock;
        });
        std::mutex mutex;
        std::condition_variable allIn;
        int arrived = 0;
        gate.server.Post("/v1/chat/completions", [&](const httplib::Request&, httplib::Response& res) {
            std::unique_lock lock(mutex);
            if (++arrived == kCalls) allIn.notify_all();
            allIn.wait_for(lock, std::chrono::seconds(120), [&] { return arrived >= kCalls; });
            res.set_content(R"({"choices":[]})", "application/json");
        });
        gate.start();
        ::listen(*listenSocket, SOMAXCONN); // cpp-httplib's own backlog is 5
        HttpEventLoop loop;
        std::atomic<int> ok{0}, finished{0};
        std::map<std::string, int> failures; // written on the loop thread only
        std::promise<void> all;
        for (int i = 0; i < kCalls; ++i) {
            HttpRequest request;
            request.url = gate.url("/v1/chat/completions");
            request.body = "{}";
            request.timeouts.connectMs = 60000;
            request.timeouts.firstByteMs = 150000;
            loop.start(std::move(request),
                       {{}, [&](HttpResult r) {
                            if (r.status == 200 && r.failure == HttpFailure::None)
                                ++ok;
                            else
                                ++failures[toString(r.failure) + " " + std::to_string(r.status) + " " + r.error];
                            if (++finished == kCalls) all.set_value();
                        }});
        }
        size_t peak = 0;
        auto future = all.get_future();
        while (future.wait_for(std::chrono::milliseconds(5)) != std::future_status::ready)
            peak = std::max(peak, loop.inFlight());
        for (const auto& [why, n] : failures)
            qWarning("%d calls failed: %s", n, why.c_str());
        QCOMPARE(ok.load(), kCalls);
        QCOMPARE(arrived, kCalls);
        QVERIFY2(peak == size_t(kCalls), qPrintable(QString("peak in flight %1").arg(peak)));
    }

    void cancelOneCall() {
        auto sim = startSim(1.0, 16);
        HttpEventLoop loop;
        std::promise<HttpResult> cancelled, finished;
        auto slow = loop.start(chat(*sim, "sim/frontier"), {{}, [&](HttpResult r) { cancelled.set_value(r); }});
        loop.start(chat(*sim, "sim/nano"), {{}, [&](HttpResult r) { finished.set_value(r); }});
        loop.cancel(slow);
        QVERIFY(cancelled.get_future().get().failure == HttpFailure::Cancelled);
        QCOMPARE(finished.get_future().get().status, 200L); // the other call is untouched
    }

    void firstByteAndIdleTimeouts() {
        auto sim = startSim(1.0, 16);
        HttpEventLoop loop;
        HttpRequest slow = chat(*sim, "sim/frontier"); // ttft 800 ms
        slow.timeouts.firstByteMs = 200;
        HttpResult r = fetch(loop, slow);
        QVERIFY(r.failure == HttpFailure::FirstByteTimeout);
        QVERIFY(r.requestSent); // sent, so it may be billed
        QVERIFY(r.totalMs < 700);

        // A stream that sends one event, then goes quiet for 1.5 s.
        LocalServer stalling;
        stalling.server.Post("/v1/chat/completions", [](const httplib::Request&, httplib::Response& res) {
            res.set_chunked_content_provider("text/event-stream", [](size_t offset, httplib::DataSink& sink) {
                if (offset > 0) {
                    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
                    sink.done();
                    return true;
                }
                std::string event = "data: {\"choices\":[{\"delta\":{\"content\":\"Hel\"}}]}\n\n";
                return sink.write(event.data(), event.size());
            });
        });
        stalling.start();
        HttpRequest stream;
        stream.url = stalling.url("/v1/chat/completions");
        stream.body = "{}";
        stream.timeouts.idleMs = 300;
        std::string body;
        HttpResult idle = fetch(loop, stream, &body);
        QVERIFY(idle.failure == HttpFailure::IdleTimeout);
        QVERIFY(body.find("Hel") != std::string::npos); // it had started
        QVERIFY(idle.totalMs < 1400);
    }

    void redirectsAreNotFollowed() {
        LocalServer elsewhere, redirecting;
        std::atomic<int> reachedElsewhere{0};
        elsewhere.server.Post("/steal", [&](const httplib::Request&, httplib::Response& res) {
            ++reachedElsewhere;
            res.set_content("{}", "application/json");
        });
        elsewhere.start();
        redirecting.server.Post("/v1/chat/completions", [&](const httplib::Request&, httplib::Response& res) {
            res.status = 307;
            res.set_header("Location", elsewhere.url("/steal"));
        });
        redirecting.start();
        HttpEventLoop loop;
        HttpRequest req;
        req.url = redirecting.url("/v1/chat/completions");
        req.headers = {{"Authorization", "Bearer sk-must-not-travel"}};
        req.body = "{}";
        HttpResult r = fetch(loop, req);
        QCOMPARE(r.status, 307L);
        QCOMPARE(reachedElsewhere.load(), 0);
    }

    void easyHandlesAreReusedAndOnlyGzipIsAdvertised() {
        LocalServer echo;
        std::mutex mutex;
        std::set<std::string> acceptEncodings;
        echo.server.Post("/v1/chat/completions", [&](const httplib::Request& req, httplib::Response& res) {
            std::lock_guard lock(mutex);
            acceptEncodings.insert(req.get_header_value("Accept-Encoding"));
            res.set_content(R"({"choices":[]})", "text/plain"); // text/plain: httplib would not compress anyway
        });
        echo.start();
        HttpEventLoop loop;
        for (int i = 0; i < 40; ++i) {
            HttpRequest request;
            request.url = echo.url("/v1/chat/completions");
            request.body = "{}";
            QCOMPARE(fetch(loop, request).status, 200L);
        }
        // One after another: each transfer takes the handle the previous one gave back.
        QCOMPARE(loop.easyHandlesCreated(), size_t(1));
        // brotli and zstd cost the upstream more CPU per response than the bytes they save here.
        QCOMPARE(acceptEncodings, (std::set<std::string>{"gzip"}));
    }

    void onlyHttpAndHttps() {
        HttpEventLoop loop;
        HttpRequest req;
        req.method = "GET";
        req.url = "file:///etc/passwd";
        std::string body;
        HttpResult r = fetch(loop, req, &body);
        QVERIFY(r.failure != HttpFailure::None);
        QVERIFY(body.empty());
    }
};

QTEST_GUILESS_MAIN(TestEventLoop)
#include "tst_event_loop.moc"
