// SPDX-License-Identifier: MIT
#pragma once
/// Run: everything needed to reproduce a run (pool, prices, task set hash, strategies, seed,
/// settings) and its status; Outcome: the result of one (item, strategy) job.

#include "model/money.h"
#include "util/json_optional.h"

#include <optional>
#include <string>
#include <vector>

namespace baton::core {

enum class RunStatus { Pending, Running, Completed, Cancelled, Failed };
std::string toString(RunStatus status);
std::optional<RunStatus> runStatusFromString(const std::string& text);

/// A key of Run::settings, set when the run came from a bundle: its pool is not the user's. Its
/// value is the bundle's identity, the SHA-256 of its manifest (true for runs imported before it was).
inline constexpr const char* kImportedFromBundle = "imported_from_bundle";

struct Run {
    int64_t id = 0;
    int64_t createdAtMs = 0;
    RunStatus status = RunStatus::Pending;
    nlohmann::json poolSnapshot;      ///< the pool file as it was at the start
    nlohmann::json priceBookSnapshot; ///< the entries the run priced with
    std::string taskSetHash;
    std::vector<std::string> strategies;
    uint64_t seed = 0;
    nlohmann::json settings = nlohmann::json::object(); ///< concurrency, budget, repeats...
    std::string stopReason; ///< why it stopped before its end; empty while running or when completed
    bool operator==(const Run&) const = default;
};

enum class OutcomeStatus { Complete, Incomplete, Failed };
std::string toString(OutcomeStatus status);
std::optional<OutcomeStatus> outcomeStatusFromString(const std::string& text);

struct Outcome {
    int64_t runId = 0;
    std::string itemId;
    std::string strategy;
    std::string answer;
    std::optional<double> grade; ///< in [0,1]; nullopt when incomplete
    std::optional<Money> cost;   ///< sum of every call of the job; nullopt if any call's cost is unknown
    std::optional<double> latencyMs;
    int callCount = 0;
    OutcomeStatus status = OutcomeStatus::Complete;
    bool operator==(const Outcome&) const = default;
};

void to_json(nlohmann::json& j, const Run& r);
void from_json(const nlohmann::json& j, Run& r);
void to_json(nlohmann::json& j, const Outcome& o);
void from_json(const nlohmann::json& j, Outcome& o);

} // namespace baton::core
