// SPDX-License-Identifier: MIT
#include "util/url.h"

#include <algorithm>
#include <cctype>

namespace baton::core {

std::optional<Url> parseUrl(const std::string& text) {
    // A space or control character anywhere (CR/LF above all) is not a URL libcurl will send,
    // and in a header it would be an injection; refuse it here rather than fail every attempt.
    if (std::any_of(text.begin(), text.end(), [](unsigned char c) { return c <= 0x20 || c == 0x7F; }))
        return std::nullopt;
    auto sep = text.find("://");
    if (sep == std::string::npos) return std::nullopt;
    Url url;
    url.scheme = text.substr(0, sep);
    std::transform(url.scheme.begin(), url.scheme.end(), url.scheme.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    if (url.scheme != "http" && url.scheme != "https") return std::nullopt;
    std::string rest = text.substr(sep + 3);
    auto pathStart = rest.find_first_of("/?#");
    std::string authority = rest.substr(0, pathStart);
    url.path = pathStart == std::string::npos ? "" : rest.substr(pathStart);
    if (authority.empty() || authority.find('@') != std::string::npos) return std::nullopt;
    std::string portText;
    if (authority.front() == '[') {
        auto close = authority.find(']');
        if (close == std::string::npos) return std::nullopt;
        url.host = authority.substr(0, close + 1);
        if (close + 1 < authority.size()) {
            if (authority[close + 1] != ':') return std::nullopt;
            portText = authority.substr(close + 2);
        }
    } else {
        auto colon = authority.find(':');
        url.host = authority.substr(0, colon);
        if (colon != std::string::npos) portText = authority.substr(colon + 1);
    }
    std::transform(url.host.begin(), url.host.end(), url.host.begin(), [](unsigned char c) { return std::tolower(c); });
    if (url.host.empty() || url.host.find_first_of(" \t\r\n") != std::string::npos) return std::nullopt;
    if (!portText.empty()) {
        if (portText.size() > 5 || !std::all_of(portText.begin(), portText.end(), ::isdigit)) return std::nullopt;
        url.port = std::stoi(portText);
        if (url.port < 1 || url.port > 65535) return std::nullopt;
    } else {
        url.port = url.scheme == "https" ? 443 : 80;
    }
    return url;
}

bool isLoopbackHost(const std::string& host) {
    if (host == "localhost" || host == "[::1]") return true;
    // 127.0.0.0/8 as a dotted quad only: "127.example.com" is a remote name.
    int parts = 0, digits = 0;
    for (char c : host) {
        if (c == '.') {
            if (digits == 0) return false;
            ++parts, digits = 0;
        } else if (std::isdigit(static_cast<unsigned char>(c)) && ++digits <= 3) {
        } else {
            return false;
        }
    }
    return parts == 3 && digits > 0 && host.rfind("127.", 0) == 0;
}

} // namespace baton::core
