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

} // namespace

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
