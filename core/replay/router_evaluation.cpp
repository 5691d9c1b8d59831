// SPDX-License-Identifier: MIT
#include "replay/router_evaluation.h"
#include "replay/fixed_strategy_curves.h"
#include "eval/frontier.h"
#include "replay/gap_recovered.h"
#include "replay/item_split.h"
#include "replay/model_stats.h"
#include "replay/router_replay.h"
#include "util/rng.h"

#include <algorithm>
#include <cmath>

namespace baton::core {
namespace {

Interval95 quantiles95(std::vector<double> values);

/// APGR on resampled test items: the choices per lambda are fixed, only the items drawn change.
Interval95 apgrInterval(const OutcomeMatrix& m, const RouterPredictions& p, const std::vector<double>& lambdas,
                        size_t weak, size_t strong, int resamples, uint64_t seed) {
    std::vector<std::vector<uint16_t>> choices;
    for (double lambda : lambdas)
        choices.push_back(routerChoices(p, lambda));
    size_t n = p.items.size();
    Rng rng(seed * 7919 + 17);
    std::vector<double> values;
    std::vector<size_t> draw(n);
    for (int r = 0; r < resamples; ++r) {
        for (auto& d : draw)
            d = size_t(rng.uniform() * double(n)) % n;
        auto accuracy = [&](auto modelOf) {
            double sum = 0;
            for (size_t k : draw)
                sum += m.grade[m.cell(p.items[k], modelOf(k))];
            return sum / double(n);
        };
        double weakAcc = accuracy([&](size_t) { return weak; });
        double strongAcc = accuracy([&](size_t) { return strong; });
        std::vector<SharePoint> curve;
        for (const auto& c : choices) {
            double share = 0;
            for (size_t k : draw)
                share += c[k] == strong;
            curve.push_back({share / double(n), accuracy([&](size_t k) { return size_t(c[k]); })});
        }
        double apgr = averagePgr(curve, weakAcc, strongAcc);
        if (!std::isnan(apgr)) values.push_back(apgr);
    }
    return quantiles95(std::move(values));
}

/// The 2.5% and 97.5% quantiles of `values` (sorted here); empty: no interval.
Interval95 quantiles95(std::vector<double> values) {
    if (values.empty()) return {};
    std::sort(values.begin(), values.end());
    auto at = [&](double q) {
        return values[size_t(std::clamp(q * double(values.size() - 1), 0.0, double(values.size() - 1)))];
    };
    return {at(0.025), at(0.975)};
}

/// The AIQ of a curve (the model of every item per point) and its AIQ over the singles' hull, on
/// resampled `items` (see RouterSeedResult). The same seed draws the same resamples, so that
/// strategies compared on one seed are compared on the same draws.
/// With `against` (another strategy's choices per point), also its AIQ minus that one's, paired.
struct AiqIntervals {
    Interval95 aiq, overSingles, overAgainst;
};
AiqIntervals aiqIntervals(const OutcomeMatrix& m, const std::vector<size_t>& testItems,
                          const std::vector<std::vector<uint16_t>>& choices, bool usd, std::optional<size_t> strong,
                          int resamples, uint64_t seed, const std::vector<std::vector<uint16_t>>* against = nullptr) {
    const size_t n = testItems.size();
    Rng rng(seed * 6151 + 29);
    std::vector<double> aiqs, over, overAgainst;
    std::vector<size_t> draw(n), items(n);
    std::vector<uint16_t> chosen(n);
    for (int r = 0; r < resamples; ++r) {
        for (size_t k = 0; k < n; ++k) {
            draw[k] = size_t(rng.uniform() * double(n)) % n;
            items[k] = testItems[draw[k]];
        }
        auto resampled = [&](const std::vector<std::vector<uint16_t>>& perPoint) {
            std::vector<RoutePoint> curve;
            for (const auto& c : perPoint) {
                for (size_t k = 0; k < n; ++k)
                    chosen[k] = c[draw[k]];
                curve.push_back(scoreRoutes(m, items, chosen, strong));
            }
            return curve;
        };
        std::vector<RoutePoint> curve = resampled(choices), singles;
        double lo = INFINITY, hi = -INFINITY;
        for (size_t model = 0; model < m.modelCount(); ++model) {
            singles.push_back(scoreRoutes(m, items, std::vector<uint16_t>(n, uint16_t(model)), strong));
            lo = std::min(lo, costAxis(singles.back(), usd)), hi = std::max(hi, costAxis(singles.back(), usd));
        }
        double aiq = curveAiq(curve, usd, lo, hi), hull = curveAiq(singles, usd, lo, hi);
        if (std::isnan(aiq)) continue;
        aiqs.push_back(aiq);
        if (!std::isnan(hull)) over.push_back(aiq - hull);
        if (against)
            if (double other = curveAiq(resampled(*against), usd, lo, hi); !std::isnan(other))
                overAgainst.push_back(aiq - other);
    }
    return {quantiles95(std::move(aiqs)), quantiles95(std::move(over)), quantiles95(std::move(overAgainst))};
}

} // namespace

Result<RouterEvaluation> evaluateRouter(const OutcomeMatrix& m, const RouterEvaluationOptions& o, std::stop_token stop) {
    RouterEvaluation out;
    std::vector<size_t> complete = completeItems(m);
    if (complete.empty()) return fail(ErrorKind::BadInput, "no item has a grade for every model; nothing to compare on");
    std::optional<size_t> weak, strong;
    if (!o.strong.empty() || m.modelCount() == 2) {
        auto stats = modelStats(m, complete);
        size_t best = stats[0].accuracy >= (stats.size() > 1 ? stats[1].accuracy : 0) ? 0 : 1;
        strong = o.strong.empty() ? std::optional<size_t>(best) : m.modelIndex(o.strong);
        weak = o.weak.empty() ? std::optional<size_t>(1 - best) : m.modelIndex(o.weak);
        if (!strong || !weak) return fail(ErrorKind::BadInput, "the weak or strong model is not in the matrix");
        out.weak = m.models[*weak], out.strong = m.models[*strong];
    }
    bool usd = true;
    for (size_t i : complete)
        for (size_t model = 0; model < m.modelCount(); ++model)
            usd = usd && !std::isnan(m.costUsd[m.cell(i, model)]);
    out.costAxis = usd ? "usd" : "strong-share";
    if (!usd && !strong)
        return fail(ErrorKind::BadInput, "the matrix has unknown costs and no weak/strong pair: give costs "
                                         "(--assume-cost MODEL=USD) or name --weak and --strong");

    for (uint64_t seed : o.seeds) {
        if (stop.stop_requested()) return fail(ErrorKind::BadInput, "cancelled");
        ItemSplit outer = stratifiedSplit(m, o.testShare, seed, complete);
        ItemSplit inner = stratifiedSplit(m, o.validationShare, seed + 1000, outer.train);
        RouterSeedResult r;
        r.seed = seed, r.trainItems = inner.train.size(), r.validationItems = inner.test.size();
        r.testItems = outer.test.size();

        // Without costs, a two-model router trades the strong model's extra P(correct) against
        // a unit price of the strong model: its lambda is RouteLLM's threshold.
        OutcomeMatrix priced = m;
        if (!usd)
            for (size_t i = 0; i < m.itemCount(); ++i)
                for (size_t model = 0; model < m.modelCount(); ++model)
                    priced.costUsd[m.cell(i, model)] = model == *strong ? 1.0 : 0.0;
        auto router = trainRouter(priced, inner.train, inner.test, o.train, stop);
        if (!router) return std::unexpected(router.error());
        RouterPredictions predictions = predictItems(*router, priced, outer.test);
        std::vector<double> lambdas = lambdaGrid(*router, o.points);
        r.router = routerCurve(predictions, priced, lambdas, strong);
        auto fixed = fixedStrategyCurves(priced, outer.train, outer.test, strong,
                                         {o.compareKnn, o.compareRules, o.k, o.points});
        r.knn = fixed.knn, r.rules = fixed.rules;
        if (o.compareMf) {
            RouterTrainOptions mfOptions = o.train;
            mfOptions.learner = "mf";
            auto mf = trainRouter(priced, inner.train, inner.test, mfOptions, stop);
            if (!mf) return std::unexpected(mf.error());
            r.mf = routerCurve(predictItems(*mf, priced, outer.test), priced, lambdaGrid(*mf, o.points), strong);
            for (auto& p : r.mf)
                p.strategy = "mf";
        }
        for (size_t model = 0; model < m.modelCount(); ++model) {
            RoutePoint b = scoreRoutes(priced, outer.test, std::vector<uint16_t>(outer.test.size(), uint16_t(model)),
                                       strong);
            b.strategy = m.models[model];
            r.baselines.push_back(b);
        }
        double lo = INFINITY, hi = -INFINITY;
        for (const auto& b : r.baselines)
            lo = std::min(lo, costAxis(b, usd)), hi = std::max(hi, costAxis(b, usd));
        r.routerAiq = curveAiq(r.router, usd, lo, hi);
        r.knnAiq = curveAiq(r.knn, usd, lo, hi);
        if (!r.mf.empty()) r.mfAiq = curveAiq(r.mf, usd, lo, hi);
        if (!r.rules.empty()) r.rulesAiq = curveAiq(r.rules, usd, lo, hi);
        r.baselineAiq = curveAiq(r.baselines, usd, lo, hi);
        if (strong) {
            double weakAcc = r.baselines[*weak].accuracy, strongAcc = r.baselines[*strong].accuracy;
            r.routerApgr = averagePgr(sharePoints(r.router), weakAcc, strongAcc);
            r.knnApgr = averagePgr(sharePoints(r.knn), weakAcc, strongAcc);
            if (!r.mf.empty()) r.mfApgr = averagePgr(sharePoints(r.mf), weakAcc, strongAcc);
            if (!r.mf.empty()) r.mfCpt50 = callPerformanceThreshold(sharePoints(r.mf), weakAcc, strongAcc, 0.5);
            if (!r.rules.empty()) {
                r.rulesApgr = averagePgr(sharePoints(r.rules), weakAcc, strongAcc);
                r.rulesCpt50 = callPerformanceThreshold(sharePoints(r.rules), weakAcc, strongAcc, 0.5);
            }
            r.routerCpt50 = callPerformanceThreshold(sharePoints(r.router), weakAcc, strongAcc, 0.5);
            r.knnCpt50 = callPerformanceThreshold(sharePoints(r.knn), weakAcc, strongAcc, 0.5);
            r.routerApgrCi = apgrInterval(priced, predictions, lambdas, *weak, *strong, o.bootstrap, seed);
        }
        r.oracle = scoreRoutes(priced, outer.test, oracleChoices(priced, outer.test), strong);
        r.oracle.strategy = "oracle";
        if (o.bootstrap > 0) {
            std::vector<std::vector<uint16_t>> routerChoicesPerLambda;
            for (double lambda : lambdas)
                routerChoicesPerLambda.push_back(routerChoices(predictions, lambda));
            auto router = aiqIntervals(priced, outer.test, routerChoicesPerLambda, usd, strong, o.bootstrap, seed);
            r.routerAiqCi = router.aiq, r.routerOverSinglesCi = router.overSingles;
            if (!fixed.knnChoices.empty()) {
                auto knn = aiqIntervals(priced, outer.test, fixed.knnChoices, usd, strong, o.bootstrap, seed,
                                        &routerChoicesPerLambda);
                r.knnAiqCi = knn.aiq, r.knnMinusRouterCi = knn.overAgainst;
            }
            if (!fixed.rulesChoices.empty()) {
                auto rules = aiqIntervals(priced, outer.test, fixed.rulesChoices, usd, strong, o.bootstrap, seed,
                                          &routerChoicesPerLambda);
                r.rulesAiqCi = rules.aiq, r.rulesMinusRouterCi = rules.overAgainst;
            }
        }
        r.calibration = routerCalibration(predictions, priced);
        out.seeds.push_back(std::move(r));
    }
    return out;
}

} // namespace baton::core
