// SPDX-License-Identifier: MIT
#pragma once
/// SimProfile: the simulated models (skill per category, output length, latency, price, context
/// window), the seed, and the faults to inject. Loaded from JSON with every problem reported.

#include "model/price_entry.h"
#include "util/result.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace baton::core {

/// The most a profile's output_tokens mean, sd or min may state: a million tokens, the largest
/// context window of the demo models (sim/flash) and well past real models' output limits; a reply
/// of that length is built in memory (4.7 MB, 0.6 s in the debug build). A profile stating more is refused
/// at load.
inline constexpr int64_t kMaxSimOutputTokens = 1'000'000;
/// The longest wait a profile may state (a first token, a stall): a day, in ms.
inline constexpr int64_t kMaxSimWaitMs = 86'400'000;
/// The largest time scale, in a profile as on `sim serve --time-scale`: 1,000 times real latency.
inline constexpr int64_t kMaxSimTimeScale = 1000;

struct SimModel {
    std::string name;
    std::map<std::string, double> skill; ///< category -> P(correct); "default" for the rest
    double judgeSkill = 0.8;             ///< P(a judge/verify verdict is right)
    double outputMean = 80;              ///< output tokens ~ Normal(mean, sd), at least outputMin (each <= kMaxSimOutputTokens)
    double outputSd = 25;
    int64_t outputMin = 8;
    double ttftMs = 300;
    double tokensPerSecond = 80;
    TokenPrices price; ///< USD per 1M tokens, reported in /v1/models metadata and the demo pool
    int64_t contextWindow = 128000;
    double formatErrorRate = 0.02; ///< P(a role reply is garbage: no JSON, no verdict)

    double skillFor(const std::string& category) const;
};

/// Each rate is the probability per request; kinds are exclusive, drawn in this order.
struct SimFaults {
    double rate429 = 0, rate500 = 0, rate503 = 0;
    double rateStall = 0;        ///< sleep stallMs (real time) before answering
    double rateDrop = 0;         ///< close the connection mid-body / mid-stream
    double rateTruncated = 0;    ///< 200 with the JSON cut short
    double rateMalformed = 0;    ///< 200 with a body that is not JSON
    double rateMissingUsage = 0; ///< a valid answer without usage
    double rateStreamError = 0;  ///< streaming: an error event after HTTP 200
    double retryAfterSeconds = 1;
    bool retryAfterMs = false; ///< send retry-after-ms instead of Retry-After
    double stallMs = 30000;
    /// Hostile upstream, for the canary test: error bodies quote the request's credentials.
    bool echoCredentials = false;

    double total() const;
};

/// Documented modelling choice: splitting a task helps multi-step items and hurts long-context
/// ones (coordination noise); a sub-task answer's chance of being right moves by these amounts.
struct DecompositionEffect {
    double multiStepBonus = 0.15;
    double longContextPenalty = 0.20;
};

struct SimProfile {
    uint64_t seed = 1;
    double timeScale = 0; ///< 1 = real latency, 0 = no waiting
    std::vector<SimModel> models;
    SimFaults faults;
    DecompositionEffect decomposition;

    const SimModel* find(const std::string& name) const;
};

/// Errors: BadInput with every problem (file and JSON path) in Error::problems; numbers out of their
/// stated range (rates in [0,1], waits up to a day, a time scale up to 1,000, output tokens up to
/// kMaxSimOutputTokens) included.
Result<SimProfile> parseSimProfile(const std::string& text, const std::string& fileName);
Result<SimProfile> loadSimProfile(const std::string& path);
/// The demo profile compiled in from resources/demo/sim_profile.json.
SimProfile demoSimProfile();

} // namespace baton::core
