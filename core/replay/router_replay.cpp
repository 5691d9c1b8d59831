// SPDX-License-Identifier: MIT
#include "replay/router_replay.h"

#include <cmath>

namespace baton::core {

RouterPredictions predictItems(const RouterModel& router, const OutcomeMatrix& m, const std::vector<size_t>& items) {
    RouterPredictions out;
    out.items = items;
    for (size_t i : items) {
        SparseVector x = router.features.vectorize(m.prompts.empty() ? "" : m.prompts[i], m.categoryOf(i));
        out.probability.push_back(router.predict(x));
        std::vector<double> costs;
        for (size_t model = 0; model < router.models.size(); ++model)
            costs.push_back(router.expectedCost(model, m.categoryOf(i)));
        out.expectedCost.push_back(std::move(costs));
    }
    return out;
}

std::vector<uint16_t> routerChoices(const RouterPredictions& p, double lambda) {
    std::vector<uint16_t> choice(p.items.size(), 0);
    for (size_t k = 0; k < p.items.size(); ++k) {
        const auto& prob = p.probability[k];
        const auto& cost = p.expectedCost[k];
        double best = -INFINITY;
        for (size_t m = 0; m < prob.size(); ++m) {
            double score = prob[m] - (std::isnan(cost[m]) ? (lambda > 0 ? INFINITY : 0) : lambda * cost[m]);
            if (score > best || (score == best && cost[m] < cost[choice[k]])) best = score, choice[k] = uint16_t(m);
        }
    }
    return choice;
}

std::vector<double> lambdaGrid(const RouterModel& router, int points) {
    double sum = 0;
    int known = 0;
    for (double c : router.expectedCostUsd)
        if (!std::isnan(c) && c > 0) sum += c, ++known;
    double scale = known ? sum / known : 1;
    std::vector<double> grid{0};
    for (int k = 0; k + 1 < points; ++k)
        grid.push_back(0.01 / scale * std::pow(1e5, double(k) / std::max(points - 2, 1)));
    return grid;
}

std::vector<RoutePoint> routerCurve(const RouterPredictions& p, const OutcomeMatrix& m,
                                    const std::vector<double>& lambdas, std::optional<size_t> strong) {
    std::vector<RoutePoint> curve;
    for (double lambda : lambdas) {
        RoutePoint point = scoreRoutes(m, p.items, routerChoices(p, lambda), strong);
        point.strategy = "router", point.param = lambda;
        curve.push_back(point);
    }
    return curve;
}

std::vector<OperatingPoint> operatingPoints(const std::vector<RoutePoint>& curve) {
    std::vector<OperatingPoint> out;
    for (const auto& p : curve)
        out.push_back({p.param, p.accuracy, p.meanCostUsd, p.strongShare});
    return out;
}

std::optional<RoutePoint> pointForTarget(const std::vector<RoutePoint>& curve, const RouterTarget& target) {
    auto k = pickOperatingPoint(operatingPoints(curve), target);
    return k ? std::optional<RoutePoint>(curve[*k]) : std::nullopt;
}

std::vector<CalibrationReport> routerCalibration(const RouterPredictions& p, const OutcomeMatrix& m) {
    std::vector<CalibrationReport> out;
    for (size_t model = 0; model < m.modelCount(); ++model) {
        std::vector<double> predicted;
        std::vector<int> labels;
        for (size_t k = 0; k < p.items.size(); ++k)
            if (m.hasGrade(p.items[k], model)) {
                predicted.push_back(p.probability[k][model]);
                labels.push_back(m.grade[m.cell(p.items[k], model)] >= 0.5f ? 1 : 0);
            }
        out.push_back(calibrationReport(predicted, labels));
    }
    return out;
}

} // namespace baton::core
