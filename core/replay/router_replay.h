// SPDX-License-Identifier: MIT
#pragma once
/// A learned router replayed on an outcome matrix: its choices at a lambda, its 100-point
/// cost-quality curve (a lambda sweep), the lambda that meets a target on a validation split,
/// and the calibration of its P(correct) against the recorded grades.

#include "learn/router_model.h"
#include "learn/router_target.h"
#include "replay/route_replay.h"

#include <optional>

namespace baton::core {

/// Per item, P(correct) and the expected cost of every model: computed once, reused per lambda.
struct RouterPredictions {
    std::vector<size_t> items;
    std::vector<std::vector<double>> probability, expectedCost; ///< [item][model]
};
RouterPredictions predictItems(const RouterModel& router, const OutcomeMatrix& matrix, const std::vector<size_t>& items);

/// The router's choice per item at `lambda` (its models must be the matrix's, in order).
std::vector<uint16_t> routerChoices(const RouterPredictions& predictions, double lambda);

/// 0, then `points - 1` lambdas growing geometrically from 0.01 to 1000 divided by the mean known
/// expected cost: from "accuracy only" to "the cheapest model nearly always".
std::vector<double> lambdaGrid(const RouterModel& router, int points = 100);

/// One point per lambda, strategy "router", param = lambda.
std::vector<RoutePoint> routerCurve(const RouterPredictions& predictions, const OutcomeMatrix& matrix,
                                    const std::vector<double>& lambdas, std::optional<size_t> strong = std::nullopt);

/// The curve's point that meets the target (pickOperatingPoint); nullopt when none does.
std::optional<RoutePoint> pointForTarget(const std::vector<RoutePoint>& curve, const RouterTarget& target);

/// The curve as (lambda, accuracy, cost, share) points, as a router artifact keeps it.
std::vector<OperatingPoint> operatingPoints(const std::vector<RoutePoint>& curve);

/// Per model, the calibration of the router's P(correct) against the grades of `predictions`' items.
std::vector<CalibrationReport> routerCalibration(const RouterPredictions& predictions, const OutcomeMatrix& matrix);

} // namespace baton::core
