// SPDX-License-Identifier: MIT
#pragma once
/// Connection check: asks a model's endpoint for its model listing (free: no tokens, no cost)
/// and reports whether the endpoint answers, accepts the key, and serves the remote model id.
/// What it says never contains the key.

#include "net/http_event_loop.h"
#include "run/run_settings.h"

#include <functional>
#include <string>

namespace baton::core {

struct ConnectionCheck {
    bool ok = false;     ///< reachable, key accepted, remote model listed
    std::string summary; ///< one line for the analyst: what happened and what to do
    long httpStatus = 0;
    double latencyMs = 0;
    size_t modelsListed = 0;
};

/// Starts the check and returns at once: no thread of its own. `done` is called once: on the
/// loop's thread when the listing arrives, `timeouts` expire or the loop is destroyed (then as
/// cancelled), or on this thread before the call returns when nothing could be sent (no key, a
/// bad URL).
void startConnectionCheck(HttpEventLoop& loop, const ModelSpec& model, const RunEnvironment& env, HttpTimeouts timeouts,
                          std::function<void(ConnectionCheck)> done);

} // namespace baton::core
