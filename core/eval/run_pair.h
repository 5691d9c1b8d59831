// SPDX-License-Identifier: MIT
#pragma once
/// RunPair: two runs side by side. Each strategy and model of either run gets its figures in
/// both; where both runs graded the same items, run B is compared with run A on those items
/// (paired bootstrap Δ, exact McNemar p, W/T/L). Different task sets: side by side only. Pure.

#include "eval/run_history.h"

namespace baton::core {

struct RunPairRow {
    std::string name;
    bool baseline = false;
    std::optional<StrategyMetrics> a, b;
    std::optional<Comparison> bVersusA; ///< on the items both runs graded; nullopt when none
};

struct RunPair {
    int64_t runA = 0, runB = 0;
    bool sameTaskSet = false;
    std::vector<RunPairRow> rows; ///< run A's order, then names only in run B
};

RunPair pairRuns(const RunDetails& a, const RunDetails& b);

} // namespace baton::core
