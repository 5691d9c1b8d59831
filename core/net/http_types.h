// SPDX-License-Identifier: MIT
#pragma once
/// Plain values of one HTTP exchange on the event loop.

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace baton::core {

struct HttpTimeouts {
    int connectMs = 10000;   ///< TCP + TLS handshake
    int firstByteMs = 60000; ///< request sent -> first response byte
    int idleMs = 30000;      ///< longest silence once bytes flow (streams)
    int totalMs = 600000;    ///< whole exchange
};

struct HttpRequest {
    std::string method = "POST";
    std::string url;
    std::vector<std::pair<std::string, std::string>> headers; ///< values may be secrets: never logged
    std::string body;
    HttpTimeouts timeouts;
};

enum class HttpFailure { None, Connect, Timeout, FirstByteTimeout, IdleTimeout, Dropped, Cancelled, Other };

struct HttpResult {
    long status = 0;                            ///< 0 when no response line arrived
    std::map<std::string, std::string> headers; ///< lowercased names
    HttpFailure failure = HttpFailure::None;
    std::string error;        ///< libcurl's words for the failure, without header values
    bool requestSent = false; ///< the request left this machine: the provider may bill it
    double firstByteMs = 0;
    double totalMs = 0;
};

struct HttpHandlers {
    /// Each body chunk as it arrives (on the loop thread).
    std::function<void(std::string_view chunk)> onData;
    std::function<void(HttpResult result)> onDone;
};

std::string toString(HttpFailure failure);

} // namespace baton::core
