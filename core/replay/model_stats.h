// SPDX-License-Identifier: MIT
#pragma once
/// Per-model figures over a matrix: accuracy with a 95% Wilson interval, mean cost (unknown when
/// any graded cell's cost is unknown, never 0), p50 latency, n; and the oracle.

#include <cmath>
#include "eval/statistics.h"
#include "matrix/outcome_matrix.h"

#include <map>
#include <string>
#include <vector>

namespace baton::core {

struct ModelStats {
    std::string model;
    int64_t n = 0;             ///< graded cells
    double accuracy = 0;       ///< mean grade
    Interval ci;               ///< Wilson, on the rounded sum of grades
    double meanCostUsd = NAN;  ///< NaN = unknown
    int64_t unknownCost = 0;   ///< graded cells without a cost
    double p50LatencyMs = NAN; ///< NaN = none recorded
};

/// Over `items` (empty = every item); each model on its own graded cells.
std::vector<ModelStats> modelStats(const OutcomeMatrix& matrix, const std::vector<size_t>& items = {});

/// Items where every model has a grade: the common ground for comparing routes.
std::vector<size_t> completeItems(const OutcomeMatrix& matrix, const std::vector<size_t>& items = {});

/// Fills unknown costs with an assumed cost per item for the named models (a note records it).
/// Unnamed models keep their unknown costs.
void assumeCosts(OutcomeMatrix& matrix, const std::map<std::string, double>& usdPerItem);

/// Per item of `items`: the model with the highest grade, the cheapest among ties (unknown cost
/// counts as dearest), the first among equal costs.
std::vector<uint16_t> oracleChoices(const OutcomeMatrix& matrix, const std::vector<size_t>& items);

} // namespace baton::core
