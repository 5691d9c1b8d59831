// SPDX-License-Identifier: MIT
#include "util/redact.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <string_view>
#include <utility>

namespace baton::core {
namespace {

constexpr size_t kMinPartialEcho = 12;

std::string base64(const std::string& in) {
    static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    size_t i = 0;
    for (; i + 2 < in.size(); i += 3) {
        uint32_t v =
            uint32_t((unsigned char)in[i]) << 16 | uint32_t((unsigned char)in[i + 1]) << 8 | (unsigned char)in[i + 2];
        for (int s = 18; s >= 0; s -= 6)
            out += kAlphabet[(v >> s) & 63];
    }
    if (i < in.size()) {
        uint32_t v =
            uint32_t((unsigned char)in[i]) << 16 | (i + 1 < in.size() ? uint32_t((unsigned char)in[i + 1]) << 8 : 0);
        out += kAlphabet[(v >> 18) & 63];
        out += kAlphabet[(v >> 12) & 63];
        out += i + 1 < in.size() ? kAlphabet[(v >> 6) & 63] : '=';
        out += '=';
    }
    return out;
}

std::string urlEncode(const std::string& in) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : in) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~')
            out += char(c);
        else
            out += '%', out += kHex[c >> 4], out += kHex[c & 15];
    }
    return out;
}

/// A long enough run of the key (a provider echoing it minus a few characters, or with its
/// middle masked) is redacted too: a DP over common suffixes finds every run, in O(text x key).
std::string redactPartialEchoes(std::string text, const std::string& secret) {
    if (secret.size() < kMinPartialEcho) return text;
    const size_t least = kMinPartialEcho; // a masked echo may show either end: 12 characters is a leak
    // Any run of `least` characters holds one of these aligned chunks whole: a cheap filter
    // that keeps the quadratic pass off texts that share nothing with the key.
    const size_t chunk = least / 2;
    bool candidate = false;
    for (size_t j = 0; j + chunk <= secret.size() && !candidate; j += chunk)
        candidate = text.find(std::string_view(secret).substr(j, chunk)) != std::string::npos;
    if (!candidate) return text;
    std::vector<size_t> run(secret.size() + 1, 0), next(secret.size() + 1, 0);
    std::vector<std::pair<size_t, size_t>> spans; // [begin, end) in text
    for (size_t i = 0; i < text.size(); ++i) {
        for (size_t j = 0; j < secret.size(); ++j) {
            next[j + 1] = text[i] == secret[j] ? run[j] + 1 : 0;
            if (next[j + 1] >= least) spans.emplace_back(i + 1 - next[j + 1], i + 1);
        }
        std::swap(run, next);
    }
    if (spans.empty()) return text;
    std::vector<bool> hidden(text.size(), false);
    for (auto [b, e] : spans)
        std::fill(hidden.begin() + long(b), hidden.begin() + long(e), true);
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
        if (!hidden[i])
            out += text[i];
        else if (i == 0 || !hidden[i - 1])
            out += "[REDACTED]";
    }
    return out;
}

} // namespace

std::vector<std::string> secretForms(const std::string& secret) {
    std::vector<std::string> forms = {secret, urlEncode(secret)};
    // Inside a longer base64 text the secret can start at any of three alignments; the middle
    // characters of each encoding do not depend on the neighbours.
    for (int pad = 0; pad < 3; ++pad) {
        std::string encoded = base64(std::string(size_t(pad), 'x') + secret + "xx");
        size_t skip = (size_t(pad) * 4 + 2) / 3 + 1, keep = secret.size() * 4 / 3;
        if (keep > 2 && encoded.size() > skip + keep - 2) forms.push_back(encoded.substr(skip, keep - 2));
    }
    return forms;
}

std::string redactSecrets(std::string text, const std::vector<std::string>& secrets) {
    for (const auto& secret : secrets) {
        if (secret.size() < 4) continue;
        text = redactPartialEchoes(std::move(text), secret);
        for (const auto& form : secretForms(secret)) {
            if (form.size() < 4) continue;
            for (size_t pos = text.find(form); pos != std::string::npos; pos = text.find(form, pos + 10))
                text.replace(pos, form.size(), "[REDACTED]");
        }
    }
    return text;
}

} // namespace baton::core
