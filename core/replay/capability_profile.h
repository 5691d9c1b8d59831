// SPDX-License-Identifier: MIT
#pragma once
/// Capability profiles: per model x category, accuracy with a 95% Wilson interval, mean cost per
/// item (unknown stays unknown), p50 latency and n.

#include <cmath>
#include "eval/statistics.h"
#include "matrix/outcome_matrix.h"

#include <string>
#include <vector>

namespace baton::core {

struct ProfileCell {
    std::string model, category;
    int64_t n = 0;
    double accuracy = NAN;
    Interval ci;
    double meanCostUsd = NAN;
    double p50LatencyMs = NAN;
};

/// Model-major, categories in the matrix's order; cells with n = 0 are included (accuracy NaN).
std::vector<ProfileCell> capabilityProfile(const OutcomeMatrix& matrix);

/// The cells as CSV (core::toCsv, RFC 4180) with the header
/// model,category,n,accuracy,ci_low,ci_high,mean_cost_usd,p50_latency_ms; unknown values are
/// empty. What `baton-cli profile --csv` prints and the Profiles page exports.
std::string capabilityProfileCsv(const std::vector<ProfileCell>& cells);

} // namespace baton::core
