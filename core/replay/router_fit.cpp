// SPDX-License-Identifier: MIT
#include "replay/router_fit.h"
#include "model/money_text.h"
#include "replay/fixed_strategy_curves.h"
#include "replay/item_split.h"
#include "replay/model_stats.h"
#include "replay/router_replay.h"
#include "util/sha256.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <set>

namespace baton::core {
namespace {

nlohmann::json orNull(double v) {
    return std::isnan(v) ? nlohmann::json() : nlohmann::json(v);
}

nlohmann::json pointJson(const RoutePoint& p) {
    return {{"accuracy", p.accuracy}, {"mean_cost_usd", orNull(p.meanCostUsd)}, {"strong_share", orNull(p.strongShare)},
            {"items", p.items}};
}

} // namespace

Result<RouterArtifact> fitRouter(const OutcomeMatrix& m, const RouterFitOptions& o, std::stop_token stop,
                                 const std::function<void(double)>& progress) {
    std::vector<size_t> complete = completeItems(m);
    if (complete.empty()) return fail(ErrorKind::BadInput, "no item has a grade for every model; nothing to train on");
    for (size_t model = 0; model < m.modelCount(); ++model)
        for (size_t i : complete)
            if (std::isnan(m.costUsd[m.cell(i, model)]))
                return fail(ErrorKind::BadInput,
                            "model \"" + m.models[model] + "\" has unknown costs (item \"" + m.itemIds[i] +
                                "\"); a router trades P(correct) against cost, so give costs "
                                "(--assume-cost MODEL=USD) or use a run's baselines");

    ItemSplit outer = stratifiedSplit(m, o.testShare, o.seed, complete);
    ItemSplit inner = stratifiedSplit(m, o.validationShare, o.seed + 1000, outer.train);
    std::set<size_t> seen(inner.train.begin(), inner.train.end());
    seen.insert(inner.test.begin(), inner.test.end());
    for (size_t i : outer.test) // the figures below are honest only if this holds
        if (seen.count(i)) return fail(ErrorKind::Internal, "test item \"" + m.itemIds[i] + "\" was also trained on");
    if (outer.test.empty()) return fail(ErrorKind::BadInput, "the test split is empty: raise --test-share or give more items");

    auto scaled = [&](double from, double to) {
        return [&, from, to](double f) {
            if (progress) progress(from + (to - from) * f);
        };
    };
    const double trained = o.compareFixed ? 0.6 : 0.9;
    auto model = trainRouter(m, inner.train, inner.test, o.train, stop, scaled(0, trained));
    if (!model) return std::unexpected(model.error());

    // The strongest model: the most accurate on the training items.
    auto stats = modelStats(m, inner.train);
    size_t strong = 0;
    for (size_t k = 1; k < stats.size(); ++k)
        if (stats[k].accuracy > stats[strong].accuracy) strong = k;

    RouterPredictions validation = predictItems(*model, m, inner.test);
    std::vector<RoutePoint> curve = routerCurve(validation, m, lambdaGrid(*model, o.points), strong);
    std::vector<OperatingPoint> points = operatingPoints(curve);
    double lambda = 0;
    std::string chosenBy;
    if (o.lambda) {
        lambda = *o.lambda, chosenBy = "given";
    } else {
        RouterTarget target = o.target.value_or(RouterTarget{RouterTarget::Kind::CostCap, INFINITY});
        auto k = pickOperatingPoint(points, target);
        if (!k) {
            double cheapest = INFINITY, lowestShare = INFINITY;
            for (const auto& p : points)
                cheapest = std::min(cheapest, p.meanCostUsd), lowestShare = std::min(lowestShare, p.strongShare);
            return fail(ErrorKind::BadInput, "no lambda meets the target (" + describeTarget(target) +
                                                 ") on the validation split: the router's cheapest point costs " +
                                                 formatUsdFigure(cheapest) +
                                                 " per item and its lowest share of calls to " + m.models[strong] +
                                                 " is " + std::to_string(lowestShare) + "; relax the target");
        }
        lambda = points[*k].lambda;
        chosenBy = o.target ? describeTarget(target) : "the best accuracy on the validation split";
    }
    // kNN and rules learn from every item the router learnt from (its train and validation
    // items), as in `router eval`, so that all three are scored on the same test items.
    FixedStrategyCurves fixed;
    if (o.compareFixed) {
        if (progress) progress(trained + 0.05);
        fixed = fixedStrategyCurves(m, outer.train, outer.test, strong, {true, true, o.k, o.points});
    }
    if (progress) progress(0.95);
    if (stop.stop_requested()) return fail(ErrorKind::BadInput, "cancelled");

    RouterArtifact a;
    a.name = o.name;
    a.createdAtMs = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::system_clock::now().time_since_epoch())
                        .count();
    a.trainingDataHash = outcomeMatrixHash(m);

    RouterPredictions test = predictItems(*model, m, outer.test);
    // The same lambdas on the held-out items: the curve the Replay lab draws against the baselines.
    std::vector<RoutePoint> testCurve = routerCurve(test, m, lambdaGrid(*model, o.points), strong);
    std::vector<OperatingPoint> testPoints = operatingPoints(testCurve);
    RoutePoint atLambda = scoreRoutes(m, outer.test, routerChoices(test, lambda), strong);
    RoutePoint onValidation = scoreRoutes(m, inner.test, routerChoices(validation, lambda), strong);
    nlohmann::json singles = nlohmann::json::array();
    std::vector<RoutePoint> singlePoints;
    double lo = INFINITY, hi = -INFINITY;
    for (size_t k = 0; k < m.modelCount(); ++k) {
        RoutePoint s = scoreRoutes(m, outer.test, std::vector<uint16_t>(outer.test.size(), uint16_t(k)), strong);
        singles.push_back({{"model", m.models[k]}, {"accuracy", s.accuracy}, {"mean_cost_usd", orNull(s.meanCostUsd)}});
        lo = std::min(lo, s.meanCostUsd), hi = std::max(hi, s.meanCostUsd);
        singlePoints.push_back(std::move(s));
    }
    // AIQ over the single models' cost range on the test items, as `router eval` computes it.
    nlohmann::json aiq = {{"router", orNull(curveAiq(testCurve, true, lo, hi))},
                          {"singles", orNull(curveAiq(singlePoints, true, lo, hi))}};
    if (o.compareFixed) {
        aiq["knn"] = orNull(curveAiq(fixed.knn, true, lo, hi));
        aiq["rules"] = orNull(curveAiq(fixed.rules, true, lo, hi));
    }
    RoutePoint oracle = scoreRoutes(m, outer.test, oracleChoices(m, outer.test), strong);
    nlohmann::json calibration = nlohmann::json::array();
    auto reports = routerCalibration(test, m);
    for (size_t k = 0; k < reports.size(); ++k) {
        nlohmann::json bins = nlohmann::json::array();
        for (const auto& b : reports[k].bins)
            bins.push_back({{"low", b.low}, {"high", b.high}, {"mean_predicted", b.meanPredicted},
                            {"observed", b.observed}, {"count", b.count}});
        calibration.push_back({{"model", m.models[k]}, {"brier", reports[k].brier}, {"ece", reports[k].ece},
                               {"reliability", bins}});
    }
    a.metrics = {{"strong_model", m.models[strong]},
                 {"validation", pointJson(onValidation)},
                 {"test", pointJson(atLambda)},
                 {"test_singles", singles},
                 {"test_oracle", pointJson(oracle)},
                 {"test_calibration", calibration},
                 {"validation_curve", operatingPointsToJson(points)},
                 {"test_curve", operatingPointsToJson(testPoints)},
                 {"test_aiq", aiq}};
    if (o.compareFixed) {
        a.metrics["test_knn_curve"] = operatingPointsToJson(operatingPoints(fixed.knn));
        a.metrics["test_rules_curve"] = operatingPointsToJson(operatingPoints(fixed.rules));
    }
    a.parameters = {{"learner", o.train.learner},
                    {"c", o.train.c},
                    {"features", model->features.kind()},
                    {"buckets", o.train.embeddings ? nlohmann::json() : nlohmann::json(o.train.buckets)},
                    {"embedder", o.train.embeddings ? nlohmann::json{{"identity", o.train.embeddings->embedder},
                                                                     {"model", o.train.embeddings->model},
                                                                     {"dims", o.train.embeddings->dims}}
                                                    : nlohmann::json()},
                    {"calibration", o.train.calibration},
                    {"factors", o.train.learner == "mf" ? nlohmann::json(o.train.factors) : nlohmann::json()},
                    {"seed", o.seed},
                    {"test_share", o.testShare},
                    {"validation_share", o.validationShare},
                    {"train_items", inner.train.size()},
                    {"validation_items", inner.test.size()},
                    {"test_items", outer.test.size()},
                    {"lambda", lambda},
                    {"lambda_chosen_by", chosenBy},
                    {"target", o.target ? routerTargetToJson(*o.target) : nlohmann::json()},
                    {"training_data", {{"name", m.name}, {"format", m.provenance.format},
                                       {"source", m.provenance.sourceFile}}}};
    a.model = std::move(*model);
    if (progress) progress(1.0);
    return a;
}

} // namespace baton::core
