// SPDX-License-Identifier: MIT
#pragma once
/// RunSettings: everything that decides what a run does (stored with the run, so it can be
/// resumed and reproduced), and RunEnvironment: how to reach things now (never stored).

#include "model/money.h"
#include "net/http_types.h"
#include "run/model_caller.h"
#include "util/result.h"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace baton::core {

struct RunSettings {
    std::vector<std::string> strategies; ///< the pool's strategy names to run
    bool baselines = true;               ///< every pool model alone, too
    int concurrency = 16;                ///< items in flight
    int perModelConcurrency = 8;         ///< calls in flight per model
    std::optional<Money> maxCost;        ///< the hard cap; never exceeded
    std::optional<int64_t> maxCalls;
    int maxSameErrorRepeats = 25; ///< stop when this many items in a row fail the same way
    uint64_t seed = 1;
    bool useCache = true;
    bool stream = false;
    HttpTimeouts timeouts;

    nlohmann::json toJson() const;
    /// Throws nlohmann's type_error for a field of the wrong type and JsonRangeError for a number that does not
    /// fit its field (the settings of a run imported from a bundle hold anything); fromStored says so instead.
    static RunSettings fromJson(const nlohmann::json& j);
    /// fromJson of run `runId`'s stored settings; BadInput naming the run and the field when they cannot be read.
    static Result<RunSettings> fromStored(const nlohmann::json& j, int64_t runId);
};

struct RunEnvironment {
    KeyResolver resolveKey;
    std::string simBaseUrl;  ///< where models of provider "sim" are served (an ephemeral port)
    std::string simIdentity; ///< what is simulated (profile hash): the cache key's stand-in for that URL
};

struct RunProgress {
    int64_t done = 0, total = 0, failed = 0, incomplete = 0;
    Money spent, reserved;
    double etaSeconds = 0;
};

struct RunSummary {
    int64_t runId = 0;
    std::string status; ///< completed, cancelled, failed
    int64_t jobs = 0, completed = 0, failed = 0, incomplete = 0, skipped = 0;
    Money spent;
    int64_t unknownCostCalls = 0;
    int64_t httpRequests = 0;
    std::string stopReason;
};

struct RunEstimate {
    int64_t jobs = 0;
    int64_t cachedJobs = 0;    ///< answered by earlier runs: the response cache answers them, at no cost
    Money low, expected, high; ///< high is the sum of every call's worst case (cached jobs: none)
    std::vector<std::string> unpriced;
};

} // namespace baton::core
