// SPDX-License-Identifier: MIT
#pragma once
/// RunPair: two runs side by side. Each strategy and model of either run gets its figures in
/// both; where both runs graded the same items, run B is compared with run A on those items
/// (paired bootstrap Δ, exact McNemar p, W/T/L). Different task sets: side by side only. Runs of
/// different pools are paired by name, and a strategy or model configured differently in the
/// two pools says what differs of its own configuration (a changed model it uses is marked on the
/// model's row), so that a Δ reads as including that change. Pure.

#include "eval/run_history.h"

namespace baton::core {

struct RunPairRow {
    std::string name;
    bool baseline = false;
    std::optional<StrategyMetrics> a, b;
    std::optional<Comparison> bVersusA; ///< on the items both runs graded; nullopt when none
    /// What differs between the two pools' configurations of this name ("settings", "endpoint or
    /// price"...; empty when the same or when in one run only).
    std::string configChange;
};

struct RunPair {
    int64_t runA = 0, runB = 0;
    bool sameTaskSet = false;
    bool samePool = false; ///< the two runs' pool snapshots are identical
    std::string poolA, poolB; ///< the pools' names
    std::vector<RunPairRow> rows; ///< run A's order, then names only in run B
};

RunPair pairRuns(const RunDetails& a, const RunDetails& b);

} // namespace baton::core
