// SPDX-License-Identifier: MIT
#include "util/secrets.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace baton::core {
namespace {

bool isTokenChar(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
}

bool startsWith(std::string_view s, std::string_view prefix) {
    return s.substr(0, prefix.size()) == prefix;
}

bool isWordChar(char c) {
    return isTokenChar(c) || c == '/' || c == '+' || c == '=';
}

/// An AWS secret access key: 40 characters of base64 with both cases and a digit.
bool looksLikeAwsSecret(std::string_view w) {
    if (w.size() != 40) return false;
    bool upper = false, lower = false, digit = false;
    for (char c : w) {
        auto u = static_cast<unsigned char>(c);
        if (!std::isalnum(u) && c != '/' && c != '+') return false;
        upper |= std::isupper(u) != 0, lower |= std::islower(u) != 0, digit |= std::isdigit(u) != 0;
    }
    return upper && lower && digit;
}

/// "api_key=VALUE", "token: VALUE": a secret-named field followed by a value of 8+ characters.
bool holdsSecretAssignment(std::string_view text) {
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '=' && text[i] != ':') continue;
        size_t nameEnd = i;
        while (nameEnd > 0 && text[nameEnd - 1] == ' ')
            --nameEnd;
        size_t nameBegin = nameEnd;
        while (nameBegin > 0 && (isTokenChar(text[nameBegin - 1])) && text[nameBegin - 1] != '.')
            --nameBegin;
        if (nameBegin == nameEnd || !isSecretFieldName(text.substr(nameBegin, nameEnd - nameBegin))) continue;
        size_t v = i + 1;
        while (v < text.size() && (text[v] == ' ' || text[v] == '"' || text[v] == '\''))
            ++v;
        size_t valueEnd = v;
        while (valueEnd < text.size() && isWordChar(text[valueEnd]))
            ++valueEnd;
        // Prose ("the key: categories") is not a key; a value with a digit or of key length is.
        std::string_view value = text.substr(v, valueEnd - v);
        bool digit = std::any_of(value.begin(), value.end(), [](char c) { return std::isdigit((unsigned char)c); });
        if ((value.size() >= 8 && digit) || value.size() >= 20) return true;
    }
    return false;
}

} // namespace

bool containsSecret(std::string_view text) {
    if (looksLikeSecret(text)) return true;
    if (text.find("Bearer ") != std::string_view::npos || text.find("bearer ") != std::string_view::npos) {
        size_t at = text.find("earer ");
        std::string_view rest = text.substr(at + 6);
        size_t n = 0;
        while (n < rest.size() && isWordChar(rest[n]))
            ++n;
        if (n >= 8) return true;
    }
    for (size_t i = 0; i < text.size();) {
        if (!isWordChar(text[i])) {
            ++i;
            continue;
        }
        size_t end = i;
        while (end < text.size() && isWordChar(text[end]))
            ++end;
        std::string_view word = text.substr(i, end - i);
        while (!word.empty() && (word.back() == '.' || word.back() == '='))
            word.remove_suffix(1);
        // A word may carry its key after a separator ("key=sk-..."), so each suffix that starts
        // a key prefix is tried as well.
        for (size_t s = 0; s < word.size(); ++s)
            if ((s == 0 || !std::isalnum(static_cast<unsigned char>(word[s - 1]))) && looksLikeSecret(word.substr(s)))
                return true;
        if (looksLikeAwsSecret(word)) return true;
        i = end;
    }
    return holdsSecretAssignment(text);
}

bool looksLikeSecret(std::string_view value) {
    static constexpr std::array<std::string_view, 12> kPrefixes = {
        "sk-", "AIza", "xai-", "gsk_", "hf_", "pplx-", "r8_", "ghp_", "github_pat_", "glpat-", "AKIA", "nvapi-"};
    if (startsWith(value, "Bearer ") || startsWith(value, "bearer ")) return value.size() > 12;
    bool tokenShaped = value.size() >= 20 && std::all_of(value.begin(), value.end(), isTokenChar);
    if (!tokenShaped) return false;
    for (auto prefix : kPrefixes)
        if (startsWith(value, prefix)) return true;
    // A long run of mixed letters and digits with no separators reads as a generated key.
    bool hasDigit = std::any_of(value.begin(), value.end(), [](char c) { return std::isdigit((unsigned char)c); });
    bool hasUpper = std::any_of(value.begin(), value.end(), [](char c) { return std::isupper((unsigned char)c); });
    bool hasLower = std::any_of(value.begin(), value.end(), [](char c) { return std::islower((unsigned char)c); });
    bool hasSeparator = value.find_first_of("-_.") != std::string_view::npos;
    return value.size() >= 32 && hasDigit && hasUpper && hasLower && !hasSeparator;
}

bool isSecretFieldName(std::string_view name) {
    std::string lower(name);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    std::erase(lower, '_');
    std::erase(lower, '-');
    static constexpr std::array<std::string_view, 9> kNames = {
        "apikey", "key", "token", "accesstoken", "secret", "password", "authorization", "bearer", "xapikey"};
    return std::find(kNames.begin(), kNames.end(), lower) != kNames.end();
}

} // namespace baton::core
