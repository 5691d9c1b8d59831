// SPDX-License-Identifier: MIT
#pragma once
/// Minimal URL parsing for endpoint checks: scheme, host, port and origin.

#include <optional>
#include <string>

namespace baton::core {

struct Url {
    std::string scheme; ///< "http" or "https", lowercased
    std::string host;   ///< lowercased, brackets kept for IPv6 ("[::1]")
    int port = 0;       ///< explicit or the scheme's default
    std::string path;

    std::string origin() const { return scheme + "://" + host + ":" + std::to_string(port); }
};

/// Only http and https are accepted; user-info ("user:pass@"), spaces and control characters
/// (CR/LF) anywhere are refused.
std::optional<Url> parseUrl(const std::string& text);
bool isLoopbackHost(const std::string& host);

} // namespace baton::core
