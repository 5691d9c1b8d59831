// SPDX-License-Identifier: MIT
#pragma once
/// Probability calibration and its measures: Platt scaling (a logistic fit of the label on the
/// raw log-odds, Platt 1999), isotonic regression (pool-adjacent violators, Zadrozny & Elkan
/// 2002: any non-decreasing map, for scores a sigmoid cannot follow), the Brier score, the expected calibration error (ECE, equal-width
/// bins weighted by their counts) and the reliability diagram's bins.

#include <vector>

namespace baton::core {

struct PlattScaling {
    double a = 1, b = 0; ///< P = sigmoid(a x logOdds + b); the identity by default
    double apply(double logOdds) const;
};

/// Fits on validation predictions (raw log-odds) and their 0/1 labels.
PlattScaling fitPlatt(const std::vector<double>& logOdds, const std::vector<int>& labels);

/// A non-decreasing map from log-odds to P, linear between its knots and flat beyond the ends
/// (as scikit-learn's IsotonicRegression with out_of_bounds="clip").
struct IsotonicCalibration {
    std::vector<double> logOdds, probability; ///< knots, logOdds increasing
    double apply(double logOdds) const;
};

/// Pool-adjacent violators on the validation predictions sorted by log-odds; ties pooled first.
/// No prediction: the identity's sigmoid is not available, so P = 0.5 everywhere.
IsotonicCalibration fitIsotonic(const std::vector<double>& logOdds, const std::vector<int>& labels);

struct ReliabilityBin {
    double low = 0, high = 0; ///< predicted probabilities in [low, high)
    double meanPredicted = 0, observed = 0;
    int count = 0;
};

struct CalibrationReport {
    double brier = 0;
    double ece = 0;
    std::vector<ReliabilityBin> bins;
};

/// `bins` equal-width bins over [0, 1]; empty bins are kept with count 0.
CalibrationReport calibrationReport(const std::vector<double>& predicted, const std::vector<int>& labels, int bins = 10);

} // namespace baton::core
