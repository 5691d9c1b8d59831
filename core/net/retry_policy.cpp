// SPDX-License-Identifier: MIT
#include "net/retry_policy.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <ctime>

namespace baton::core {
namespace {

std::optional<double> parseSeconds(const std::string& text) {
    if (text.empty()) return std::nullopt;
    char* end = nullptr;
    double v = std::strtod(text.c_str(), &end);
    while (end && *end == ' ')
        ++end;
    if (end == text.c_str() || (end && *end) || !std::isfinite(v) || v < 0) return std::nullopt;
    return v;
}

/// IMF-fixdate, e.g. "Wed, 21 Oct 2015 07:28:00 GMT", as seconds since 1970. Kept in seconds: a
/// time_point counts nanoseconds in 64 bits, which overflows past the year 2262 (fuzzing found a
/// server date in the year 5871 doing that).
std::optional<double> parseHttpDate(const std::string& text) {
    std::tm tm{};
    const char* end = strptime(text.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm);
    if (!end || *end) return std::nullopt;
    time_t t = timegm(&tm);
    if (t == -1) return std::nullopt;
    return double(t);
}

} // namespace

std::optional<double> retryAfterSeconds(const std::map<std::string, std::string>& headers,
                                        std::chrono::system_clock::time_point now) {
    if (auto it = headers.find("retry-after-ms"); it != headers.end())
        if (auto ms = parseSeconds(it->second)) return std::min(*ms / 1000.0, kRetryAfterCapSeconds);
    auto it = headers.find("retry-after");
    if (it == headers.end()) return std::nullopt;
    if (auto s = parseSeconds(it->second)) return std::min(*s, kRetryAfterCapSeconds);
    if (auto date = parseHttpDate(it->second)) {
        double s = *date - std::chrono::duration<double>(now.time_since_epoch()).count();
        return std::clamp(s, 0.0, kRetryAfterCapSeconds);
    }
    return std::nullopt;
}

RetryDecision decideRetry(const AttemptFacts& f, double jitter, std::chrono::system_clock::time_point now) {
    if (f.cancelled) return {false, 0, "cancelled"};
    if (f.deliveredContent) return {false, 0, "the stream had already delivered content"};
    if (f.retriesSoFar >= kMaxRetries) return {false, 0, "retries exhausted (" + std::to_string(kMaxRetries) + ")"};
    bool retryable = f.transportError || !f.httpStatus;
    std::string why = f.transportError ? "connection error" : "";
    if (f.httpStatus) {
        int s = *f.httpStatus;
        retryable = s == 408 || s == 409 || s == 429 || s >= 500;
        why = "HTTP " + std::to_string(s);
    }
    if (auto it = f.headers.find("x-should-retry"); it != f.headers.end()) {
        if (it->second == "true") retryable = true, why += ", x-should-retry: true";
        if (it->second == "false") retryable = false, why += ", x-should-retry: false";
    }
    if (!retryable) return {false, 0, why.empty() ? "not retryable" : why + " is not retryable"};
    double backoff = std::min(0.5 * std::pow(2.0, f.retriesSoFar), 8.0) * (0.75 + 0.25 * jitter);
    if (auto serverSays = retryAfterSeconds(f.headers, now)) return {true, *serverSays, why + "; server asked to wait"};
    return {true, backoff, why + "; backoff"};
}

} // namespace baton::core
