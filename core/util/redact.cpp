#include "util/redact.h"

#include <cctype>

namespace baton::core {
namespace {

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
        for (const auto& form : secretForms(secret)) {
            if (form.size() < 4) continue;
            for (size_t pos = text.find(form); pos != std::string::npos; pos = text.find(form, pos + 10))
                text.replace(pos, form.size(), "[REDACTED]");
        }
    }
    return text;
}

} // namespace baton::core
