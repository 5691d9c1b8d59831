// SPDX-License-Identifier: MIT
#pragma once
/// RouterReport: what a trained router's artifact says about its held-out test split, as plain
/// values for the Replay lab (and anything else that shows a router): the router at its chosen
/// lambda, every single model, the oracle, the lambda curve on the test items, and per model the
/// calibration of its P(correct) (Brier, ECE, reliability bins).

#include "learn/calibration.h"
#include "learn/router_artifact.h"
#include "learn/router_target.h"
#include "replay/router_evaluation.h"

#include <cmath>
#include <string>
#include <vector>

namespace baton::core {

struct RouterReportRow {
    enum class Kind { Router, Single, Oracle } kind = Kind::Single;
    std::string name;
    double accuracy = NAN, meanCostUsd = NAN, strongShare = NAN;
    double brier = NAN, ece = NAN; ///< single models: the router's P(correct) for that model
};

struct RouterReport {
    std::string name, strongModel, lambdaChosenBy, calibrationMethod;
    double lambda = 0;
    uint64_t seed = 0; ///< of the split; 0: unknown
    size_t trainItems = 0, validationItems = 0, testItems = 0;
    std::vector<RouterReportRow> rows;      ///< router, then each model in the router's order, then the oracle
    std::vector<OperatingPoint> testCurve;  ///< empty for artifacts saved before the test curve was kept
    /// kNN and rules by category on the same test items (replay/fixed_strategy_curves.h); empty
    /// when they were not computed (RouterFitOptions::compareFixed off, older artifacts).
    std::vector<OperatingPoint> knnCurve, rulesCurve;
    /// AIQ on the test items over the single models' cost range; NaN when not computed.
    double routerAiq = NAN, knnAiq = NAN, rulesAiq = NAN, singlesAiq = NAN;
    std::string costAxis = "usd"; ///< or "strong-share" (a matrix without costs: `router eval` only)
    std::vector<std::string> models;        ///< order of `calibration`
    std::vector<CalibrationReport> calibration;
};

/// Reads the artifact's metrics and parameters; a figure the artifact lacks stays NaN (or empty).
RouterReport routerReport(const RouterArtifact& artifact);
/// One seed of `router eval` as the same report (no chosen lambda: no router row, no calibration
/// bins), so that it is drawn by the same chart (router_chart.h). `seed` indexes evaluation.seeds.
RouterReport routerReport(const RouterEvaluation& evaluation, size_t seed, const std::vector<std::string>& models);

} // namespace baton::core
