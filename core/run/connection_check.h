// SPDX-License-Identifier: MIT
#pragma once
/// Connection check: asks a model's endpoint for its model listing (free: no tokens, no cost)
/// and reports whether the endpoint answers, accepts the key, and serves the remote model id.
/// What it says never contains the key.

#include "net/http_event_loop.h"
#include "run/run_settings.h"

#include <string>

namespace baton::core {

struct ConnectionCheck {
    bool ok = false;     ///< reachable, key accepted, remote model listed
    std::string summary; ///< one line for the analyst: what happened and what to do
    long httpStatus = 0;
    double latencyMs = 0;
    size_t modelsListed = 0;
};

/// Blocks until the listing arrives or `timeouts` expire. Not on the loop's own thread.
ConnectionCheck checkConnection(HttpEventLoop& loop, const ModelSpec& model, const RunEnvironment& env,
                                HttpTimeouts timeouts = {});

} // namespace baton::core
