// SPDX-License-Identifier: MIT
#pragma once
/// The one retry policy (DESIGN section 4): at most 2 retries; backoff min(0.5 s x 2^n, 8 s) x
/// U(0.75, 1.0); a server's retry-after-ms, then Retry-After (seconds or HTTP date), honoured up
/// to 60 s, garbage ignored; connection errors, 408, 409, 429 and 5xx are retried; a server's
/// x-should-retry wins; nothing is retried once a stream has delivered content.

#include <chrono>
#include <map>
#include <optional>
#include <string>

namespace baton::core {

inline constexpr int kMaxRetries = 2;
inline constexpr double kRetryAfterCapSeconds = 60;

/// Header names are lowercased. `now` is for HTTP dates. nullopt when absent or garbage.
std::optional<double> retryAfterSeconds(const std::map<std::string, std::string>& headers,
                                        std::chrono::system_clock::time_point now);

struct AttemptFacts {
    int retriesSoFar = 0;          ///< 0 after the first attempt
    std::optional<int> httpStatus; ///< nullopt: no response (connection error, timeout)
    bool transportError = false;   ///< connection refused/reset, timeout, DNS...
    bool deliveredContent = false; ///< a stream already passed content on
    bool cancelled = false;
    std::map<std::string, std::string> headers;
};

struct RetryDecision {
    bool retry = false;
    double delaySeconds = 0;
    std::string why; ///< for the decision log
};

/// `jitter` is a draw from U(0, 1), so callers control the randomness (and tests pin it).
RetryDecision decideRetry(const AttemptFacts& facts, double jitter, std::chrono::system_clock::time_point now);

} // namespace baton::core
