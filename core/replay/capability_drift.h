// SPDX-License-Identifier: MIT
#pragma once
/// Drift between two matrices (or runs) on the same items: per model x category, the change in
/// accuracy with the exact McNemar test on items graded in both (grades >= 0.5 count as right),
/// or a two-proportion z-test where no item is shared; p-values Holm-corrected over all cells;
/// cells with an adjusted p below alpha are flagged.

#include <cmath>
#include "matrix/outcome_matrix.h"

#include <string>
#include <vector>

namespace baton::core {

struct DriftCell {
    std::string model, category;
    int64_t nBefore = 0, nAfter = 0, paired = 0;
    double before = NAN, after = NAN, delta = NAN;
    std::string test; ///< "mcnemar" or "two-proportion"
    double p = NAN, pHolm = NAN;
    bool flagged = false;
};

struct DriftReport {
    std::vector<DriftCell> cells;
    size_t sharedItems = 0;
    double alpha = 0.05;
};

/// Models and categories present in both matrices (by name).
DriftReport capabilityDrift(const OutcomeMatrix& before, const OutcomeMatrix& after, double alpha = 0.05);

/// Two-sided p of the pooled two-proportion z-test; 1 when either n is 0 or the pooled rate is 0 or 1.
double twoProportionP(int64_t rightA, int64_t nA, int64_t rightB, int64_t nB);
/// Holm's step-down adjustment, in the input order.
std::vector<double> holmAdjust(const std::vector<double>& p);

} // namespace baton::core
