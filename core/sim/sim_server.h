// SPDX-License-Identifier: MIT
#pragma once
/// SimServer: the pool simulator served over real HTTP on loopback, as an OpenAI-compatible
/// endpoint: POST /v1/chat/completions (JSON or SSE), GET /v1/models, POST /v1/embeddings.
/// Bad requests get OpenAI-shaped 4xx errors; faults come from the profile.

#include "sim/sim_responder.h"
#include "util/result.h"

#include <memory>
#include <string>

namespace baton::core {

struct SimServerOptions {
    std::string host = "127.0.0.1"; ///< loopback only; anything else is refused
    int port = 0;                   ///< 0: an ephemeral port
    size_t maxBodyBytes = 8u << 20; ///< larger bodies get 413
    /// A request's head and body must arrive within this many seconds of its first byte, else
    /// 408 and the connection is closed: a client dripping bytes (slowloris) holds a thread no
    /// longer than this.
    double requestReadSeconds = 10;
    /// Most connections served at once: httplib gives each keep-alive connection a thread, and
    /// threads start only when every one is busy, so a large limit costs nothing until used.
    int threads = 4096;
};

class SimServer {
public:
    /// Errors: BadInput for a non-loopback host; Io when the port cannot be bound.
    static Result<std::unique_ptr<SimServer>> start(std::shared_ptr<SimResponder> responder,
                                                    SimServerOptions options = {});
    ~SimServer(); ///< stops and joins
    SimServer(const SimServer&) = delete;
    SimServer& operator=(const SimServer&) = delete;

    int port() const;
    /// "http://127.0.0.1:PORT/v1", the base URL a pool model points at.
    std::string baseUrl() const;
    void stop();
    int64_t requestsServed() const;
    /// Connections closed because a request did not arrive within requestReadSeconds.
    int64_t requestsTimedOut() const;
    /// The most connections that were being served at the same time.
    size_t peakConnections() const;
    const SimResponder& responder() const;

    struct Impl;

private:
    explicit SimServer(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

} // namespace baton::core
