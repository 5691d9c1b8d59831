// SPDX-License-Identifier: MIT
#pragma once
/// RouterModel: a learned router over N models. For an item it predicts P(correct) for every
/// model (per-model L2 logistic regression on the item's features, calibrated on a validation
/// split by Platt scaling or isotonic regression) and picks the model with the highest P - lambda x expected cost (USD per
/// item, from the training data: the item's category's mean where known, else the model's mean).

#include "learn/calibration.h"
#include "learn/logistic_regression.h"
#include "learn/router_features.h"

#include <map>
#include <string>
#include <vector>

namespace baton::core {

struct RouterModel {
    std::string learner = "logistic";
    std::vector<std::string> models;
    RouterFeatures features;
    std::vector<LinearModel> perModel;       ///< one per model
    std::vector<PlattScaling> calibration;   ///< one per model
    std::vector<IsotonicCalibration> isotonic; ///< one per model when isotonic; then it replaces Platt
    std::vector<double> expectedCostUsd;     ///< one per model; NaN when unknown
    std::map<std::string, std::vector<double>> categoryCostUsd; ///< category -> one per model

    /// Calibrated P(correct) of every model.
    std::vector<double> predict(const SparseVector& item) const;
    double expectedCost(size_t model, const std::string& category) const;

    struct Choice {
        size_t model = 0;
        std::vector<double> probability, expectedCost, score; ///< per model; score = P - lambda x cost
    };
    /// The winner of P - lambda x expected cost; ties go to the cheaper model, then the first.
    Choice choose(const SparseVector& item, const std::string& category, double lambda) const;
};

} // namespace baton::core
