// SPDX-License-Identifier: MIT
#include "sim/sim_server.h"
#include "sim/deadline_http_server.h"
#include "sim/growing_thread_pool.h"
#include "sim/response_encoding.h"
#include "util/url.h"

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <thread>

namespace baton::core {

struct SimServer::Impl {
    explicit Impl(SimServerOptions o)
        : options(std::move(o)),
          server(std::chrono::milliseconds(int64_t(std::clamp(options.requestReadSeconds, 0.001, 86400.0) * 1000))) {}

    std::shared_ptr<SimResponder> responder;
    SimServerOptions options;
    DeadlineHttpServer server;
    std::thread thread;
    int port = 0;
    std::atomic<bool> stopping{false};
    std::atomic<int64_t> served{0};
    std::atomic<GrowingThreadPool*> pool{nullptr};

    /// Sleeps in short steps so that stop() is never held up by a simulated stall. The wait is a product of
    /// profile figures (ttft x time scale, ms per token x tokens): at most a day, so that it fits the
    /// microseconds it becomes (a cast of 1e300 is undefined behaviour); NaN or below 0 is no wait.
    void sleepMs(double ms) {
        if (!(ms > 0)) return;
        auto until =
            std::chrono::steady_clock::now() + std::chrono::microseconds(int64_t(std::min(ms, 86400e3) * 1000));
        while (!stopping && std::chrono::steady_clock::now() < until)
            std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(
                until - std::chrono::steady_clock::now(), std::chrono::milliseconds(20)));
    }

    static void sendError(httplib::Response& res, const SimHttpError& e) {
        res.status = e.status;
        for (const auto& [k, v] : e.headers)
            res.set_header(k, v);
        res.set_content(e.body(), "application/json");
    }

    /// Takes Accept-Encoding off the request, so that httplib never compresses by itself (it owns
    /// the request as a mutable local), and returns it for encodeReply.
    static std::string takeAcceptEncoding(const httplib::Request& req) {
        std::string accept = req.get_header_value("Accept-Encoding");
        const_cast<httplib::Request&>(req).headers.erase("Accept-Encoding");
        return accept;
    }

    /// Encodes a reply's body the way the client asked (see response_encoding.h).
    static void encodeReply(const std::string& accept, httplib::Response& res) {
        if (res.body.size() >= kMinCompressBytes && acceptsGzip(accept) && !res.has_header("Content-Encoding"))
            if (auto packed = gzipFast(res.body)) {
                res.body = std::move(*packed);
                res.set_header("Content-Encoding", "gzip");
            }
    }

    /// The request body, at most options.maxBodyBytes however it is sent; else a 413 in `res`.
    bool readBody(const httplib::Request& req, const httplib::ContentReader& reader, std::string& body,
                  httplib::Response& res) const {
        bool tooLarge = req.has_header("Content-Length") &&
                        std::strtoull(req.get_header_value("Content-Length").c_str(), nullptr, 10) >
                            uint64_t(options.maxBodyBytes);
        bool complete = true;
        if (!tooLarge)
            complete = reader([&](const char* data, size_t length) {
                if (body.size() + length > options.maxBodyBytes) return !(tooLarge = true);
                body.append(data, length);
                return true;
            });
        if (!tooLarge && !complete) {
            sendError(res, DeadlineHttpServer::requestTimedOut() ? requestTimeout()
                                                                 : SimHttpError{400, "invalid_request_error", "",
                                                                                "The request body is incomplete.", "", {}});
            res.set_header("Connection", "close");
            return false;
        }
        if (tooLarge) {
            sendError(res, {413, "invalid_request_error", "", "Request body too large for the simulator.", "", {}});
            res.set_header("Connection", "close"); // the rest of the body is never read
        }
        return !tooLarge;
    }

    SimHttpError requestTimeout() const {
        char limit[32];
        std::snprintf(limit, sizeof limit, "%g", options.requestReadSeconds);
        return {408, "invalid_request_error", "",
                std::string("The request did not arrive within ") + limit + " s of its first byte; the connection is closed.",
                "", {}};
    }

    void chat(const httplib::Request& req, httplib::Response& res);
    void replyJson(httplib::Response& res, const SimCompletion& c, SimFault fault);
    void replyStream(httplib::Response& res, const SimCompletion& c, bool includeUsage, SimFault fault);
};

void SimServer::Impl::chat(const httplib::Request& req, httplib::Response& res) {
    auto parsed = parseChatRequest(req.body);
    if (auto* error = std::get_if<SimHttpError>(&parsed)) return sendError(res, *error);
    const ChatRequest& request = std::get<ChatRequest>(parsed);
    SimFault fault = responder->drawFault(request.model, req.body);
    if (fault == SimFault::Stall) sleepMs(responder->profile().faults.stallMs);
    if (fault == SimFault::RateLimited || fault == SimFault::ServerError || fault == SimFault::Unavailable) {
        SimHttpError error = responder->faultError(fault);
        // A hostile upstream quotes back every header it was sent (keys, gateway tokens...).
        if (responder->profile().faults.echoCredentials)
            for (const auto& [name, value] : req.headers)
                if (name != "Content-Length" && name != "Host" && name != "Accept" && name != "Content-Type")
                    error.message += " (you sent " + name + ": " + value + ")";
        return sendError(res, error);
    }
    auto result = responder->complete(request);
    if (auto* error = std::get_if<SimHttpError>(&result)) return sendError(res, *error);
    const SimCompletion& completion = std::get<SimCompletion>(result);
    if (request.stream)
        replyStream(res, completion, request.includeUsage, fault);
    else
        replyJson(res, completion, fault);
}

void SimServer::Impl::replyJson(httplib::Response& res, const SimCompletion& c, SimFault fault) {
    sleepMs(c.ttftMs + c.perTokenMs * double(c.completionTokens));
    std::string body = responder->completionBody(c, fault != SimFault::MissingUsage);
    if (fault == SimFault::Truncated) body = body.substr(0, body.size() / 2);
    if (fault == SimFault::Malformed)
        body = "{\"id\": \"" + c.id + "\", \"choices\": [{\"message\": {,,}}]} <html>upstream</html>";
    if (fault == SimFault::Drop) {
        // Promise the whole body, send half, then close: the client sees the connection drop.
        auto shared = std::make_shared<std::string>(std::move(body));
        res.set_content_provider(shared->size(), "application/json",
                                 [shared](size_t offset, size_t, httplib::DataSink& sink) {
                                     if (offset == 0) sink.write(shared->data(), shared->size() / 2);
                                     return false;
                                 });
        return;
    }
    res.set_content(body, "application/json");
}

void SimServer::Impl::replyStream(httplib::Response& res, const SimCompletion& c, bool includeUsage, SimFault fault) {
    auto events = std::make_shared<std::vector<std::string>>(
        responder->streamEvents(c, includeUsage && fault != SimFault::MissingUsage));
    size_t half = events->size() / 2;
    auto next = std::make_shared<size_t>(0);
    res.set_header("Cache-Control", "no-cache");
    res.set_chunked_content_provider(
        "text/event-stream", [this, events, next, half, fault, c](size_t, httplib::DataSink& sink) {
            size_t i = (*next)++;
            if (stopping) return false;
            bool failPoint = i == half && half > 0;
            if (failPoint && fault == SimFault::Drop) return false; // connection closed mid-stream
            if (failPoint && fault == SimFault::StreamError) {
                std::string error =
                    "data: {\"error\": {\"message\": \"The server had an error while processing your request "
                    "(simulated).\", \"type\": \"server_error\", \"param\": null, \"code\": null}}\n\n";
                sink.write(error.data(), error.size());
                sink.done();
                return true;
            }
            if (failPoint && fault == SimFault::Truncated) {
                sink.done(); // ends without finish_reason or [DONE]
                return true;
            }
            if (failPoint && fault == SimFault::Malformed) {
                std::string bad = "data: {\"id\": \"" + c.id + "\", \"choices\": [{\"delta\": {\"content\": \n\n";
                sink.write(bad.data(), bad.size());
            }
            if (i >= events->size()) {
                sink.done();
                return true;
            }
            const std::string& event = (*events)[i];
            sleepMs(i == 0 ? c.ttftMs : c.perTokenMs * 3);
            return sink.write(event.data(), event.size());
        });
}

SimServer::SimServer(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}

Result<std::unique_ptr<SimServer>> SimServer::start(std::shared_ptr<SimResponder> responder, SimServerOptions options) {
    std::string host = options.host == "::1" ? "[::1]" : options.host;
    if (!isLoopbackHost(host))
        return fail(ErrorKind::BadInput,
                    "the simulator only listens on loopback (127.0.0.1, ::1, localhost), not \"" + options.host + "\"");
    auto impl = std::make_unique<Impl>(options);
    impl->responder = std::move(responder);
    Impl* self = impl.get();
    int threads = options.threads;
    self->server.new_task_queue = [self, threads] {
        auto* pool = new GrowingThreadPool(size_t(threads));
        self->pool = pool;
        return pool;
    };
    // Headers and body go out in separate writes; with Nagle on, every reused connection waited
    // ~40 ms for the client's delayed ACK before the body left.
    self->server.set_tcp_nodelay(true);
    self->server.set_payload_max_length(options.maxBodyBytes);
    self->server.set_keep_alive_max_count(100000);
    // A client that stops sending holds a thread only this long per read; one that sends slowly,
    // only options.requestReadSeconds per request (slowloris; DeadlineHttpServer).
    self->server.set_read_timeout(10, 0);
    self->server.set_write_timeout(30, 0);
    // Bodies are read through a content reader so that the size limit holds however the body is
    // sent: httplib 0.11 enforces it for Content-Length only, and read a chunked body whole.
    self->server.Post("/v1/chat/completions", [self](const httplib::Request& req, httplib::Response& res,
                                                     const httplib::ContentReader& reader) {
        ++self->served;
        std::string accept = Impl::takeAcceptEncoding(req);
        httplib::Request withBody = req;
        if (!self->readBody(req, reader, withBody.body, res)) return;
        self->chat(withBody, res);
        Impl::encodeReply(accept, res);
    });
    self->server.Get("/v1/models", [self](const httplib::Request& req, httplib::Response& res) {
        ++self->served;
        std::string accept = Impl::takeAcceptEncoding(req);
        res.set_content(self->responder->modelsBody(), "application/json");
        Impl::encodeReply(accept, res);
    });
    self->server.Post("/v1/embeddings", [self](const httplib::Request& req, httplib::Response& res,
                                               const httplib::ContentReader& reader) {
        ++self->served;
        std::string accept = Impl::takeAcceptEncoding(req);
        std::string text;
        if (!self->readBody(req, reader, text, res)) return;
        auto body = self->responder->embeddingsBody(text);
        if (auto* error = std::get_if<SimHttpError>(&body)) return Impl::sendError(res, *error);
        res.set_content(std::get<std::string>(body), "application/json");
        Impl::encodeReply(accept, res);
    });
    self->server.set_error_handler([self](const httplib::Request& req, httplib::Response& res) {
        if (DeadlineHttpServer::requestTimedOut()) {
            Impl::sendError(res, self->requestTimeout());
            res.set_header("Connection", "close");
            return;
        }
        if (!res.body.empty()) return;
        std::string message = res.status == 413   ? "Request body too large for the simulator."
                              : res.status == 404 ? "Unknown request URL: " + req.method + " " + req.path + "."
                                                  : "Invalid request.";
        res.set_content(SimHttpError{res.status, "invalid_request_error", "", message, "", {}}.body(),
                        "application/json");
    });
    self->server.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        Impl::sendError(res, {500, "server_error", "", "The simulator failed on this request.", "", {}});
    });

    // Debian's compiled cpp-httplib listens with a backlog of 5, far too small for a thousand
    // simultaneous connects; remember the socket so the backlog can be raised after binding.
    auto listenSocket = std::make_shared<socket_t>(INVALID_SOCKET);
    self->server.set_socket_options([listenSocket](socket_t sock) {
        httplib::default_socket_options(sock);
        *listenSocket = sock;
    });
    std::string bindHost = options.host == "localhost" ? "127.0.0.1" : options.host;
    self->port = options.port == 0 ? self->server.bind_to_any_port(bindHost)
                                   : (self->server.bind_to_port(bindHost, options.port) ? options.port : -1);
    if (self->port <= 0)
        return fail(ErrorKind::Io, "cannot listen on " + options.host + ":" + std::to_string(options.port) +
                                       " (in use or not permitted); choose another --port or 0 for any free port");
    if (*listenSocket != INVALID_SOCKET) ::listen(*listenSocket, SOMAXCONN);
    self->thread = std::thread([self] { self->server.listen_after_bind(); });
    while (!self->server.is_running())
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    return std::unique_ptr<SimServer>(new SimServer(std::move(impl)));
}

SimServer::~SimServer() {
    stop();
}

void SimServer::stop() {
    if (!m_impl || m_impl->stopping.exchange(true)) return;
    m_impl->server.stop();
    if (m_impl->thread.joinable()) m_impl->thread.join();
}

int SimServer::port() const {
    return m_impl->port;
}

std::string SimServer::baseUrl() const {
    std::string host = m_impl->options.host == "::1" ? "[::1]" : m_impl->options.host;
    return "http://" + host + ":" + std::to_string(m_impl->port) + "/v1";
}

int64_t SimServer::requestsServed() const {
    return m_impl->served;
}

int64_t SimServer::requestsTimedOut() const {
    return m_impl->server.requestsTimedOut();
}

size_t SimServer::peakConnections() const {
    GrowingThreadPool* pool = m_impl->pool;
    return pool ? pool->peakBusy() : 0;
}
const SimResponder& SimServer::responder() const {
    return *m_impl->responder;
}

} // namespace baton::core
