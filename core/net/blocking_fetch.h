// SPDX-License-Identifier: MIT
#pragma once
/// One request on the event loop, waited for: for callers that make a few requests in order
/// (a connection check, embedding batches), not for a run's concurrent calls.

#include "net/http_event_loop.h"

#include <string>

namespace baton::core {

/// Sends `request` on `loop` and blocks until it ends; the response body is appended to `body`.
/// Must not be called on the loop's own thread.
HttpResult fetchBlocking(HttpEventLoop& loop, HttpRequest request, std::string& body);

} // namespace baton::core
