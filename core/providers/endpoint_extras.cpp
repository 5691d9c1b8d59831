// SPDX-License-Identifier: MIT
#include "providers/endpoint_extras.h"

#include <algorithm>
#include <cctype>

namespace baton::core {
namespace {

std::string percentEncode(const std::string& text) {
    static const char* const kHex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += char(c);
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
    return out;
}

bool sameName(const std::string& a, const std::string& b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](unsigned char x, unsigned char y) {
               return std::tolower(x) == std::tolower(y);
           });
}

} // namespace

ResolvedHeaders resolveSecretHeaders(const ModelSpec& model,
                                     const std::function<std::optional<std::string>(const KeyRef&)>& resolveKey) {
    ResolvedHeaders out;
    for (const auto& [name, header] : model.headers) {
        if (header.keyRef.kind == KeyRef::Kind::None) continue;
        auto value = resolveKey ? resolveKey(header.keyRef) : std::nullopt;
        if (!value || value->empty()) {
            out.missing = name;
            out.values.clear();
            return out;
        }
        out.values[name] = *value;
    }
    return out;
}

std::string withQuery(const std::string& url, const std::map<std::string, std::string>& query) {
    if (query.empty()) return url;
    std::string out = url;
    char separator = out.find('?') == std::string::npos ? '?' : '&';
    for (const auto& [name, value] : query) {
        out += separator;
        out += percentEncode(name) + "=" + percentEncode(value);
        separator = '&';
    }
    return out;
}

void applyEndpointExtras(HttpRequest& request, const ModelSpec& model,
                         const std::map<std::string, std::string>& secretValues) {
    for (const auto& [name, header] : model.headers) {
        std::string value = header.value;
        if (header.keyRef.kind != KeyRef::Kind::None) {
            auto it = secretValues.find(name);
            if (it == secretValues.end()) continue; // the caller refuses the call before this
            value = it->second;
        }
        std::erase_if(request.headers, [&](const auto& h) { return sameName(h.first, name); });
        request.headers.emplace_back(name, value);
    }
    request.url = withQuery(request.url, model.query);
}

} // namespace baton::core
