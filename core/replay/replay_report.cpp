// SPDX-License-Identifier: MIT
#include "replay/replay_report.h"
#include "replay/gap_recovered.h"
#include "replay/item_split.h"

#include <algorithm>
#include <cmath>

namespace baton::core {

namespace {

Result<size_t> modelNamed(const OutcomeMatrix& m, const std::string& name) {
    auto index = m.modelIndex(name);
    if (!index) return fail(ErrorKind::BadInput, "no model \"" + name + "\" in the matrix; see baton-cli matrix show");
    return *index;
}

void finishCurve(ReplayCurve& c, const ReplayReport& r, bool usd, double lo, double hi) {
    std::vector<SharePoint> shares = sharePoints(c.points);
    c.aiq = curveAiq(c.points, usd, lo, hi);
    if (r.weak.empty() || shares.empty()) return;
    double weak = NAN, strong = NAN;
    for (const auto& b : r.baselines) {
        if (b.strategy == r.weak) weak = b.accuracy;
        if (b.strategy == r.strong) strong = b.accuracy;
    }
    c.apgr = averagePgr(shares, weak, strong);
    c.cpt50 = callPerformanceThreshold(shares, weak, strong, 0.5);
    c.cpt80 = callPerformanceThreshold(shares, weak, strong, 0.8);
}

} // namespace

Result<ReplayReport> replay(const OutcomeMatrix& m, const ReplayOptions& o, std::stop_token stop,
                            const ReplayProgressFn& progress) {
    ReplayReport r;
    r.items = m.itemCount();
    r.models = modelStats(m);
    auto complete = completeItems(m);
    r.completeItems = complete.size();
    if (complete.empty())
        return fail(ErrorKind::BadInput, "no item is graded for every model; drop the sparse models from the pool");
    if (m.modelCount() > 65535) return fail(ErrorKind::BadInput, "more than 65535 models; split the matrix");
    r.oracle = scoreRoutes(m, complete, oracleChoices(m, complete));
    r.oracle.strategy = "oracle";
    auto split = stratifiedSplit(m, o.testShare, o.seed, complete);
    r.trainItems = split.train.size(), r.testItems = split.test.size();
    if (split.test.empty() || split.train.empty())
        return fail(ErrorKind::BadInput, "the split left no train or no test items; change --test-share");

    std::optional<size_t> strong;
    if (!o.strong.empty() || m.modelCount() == 2) {
        auto stats = modelStats(m, complete);
        size_t s = stats[0].accuracy >= stats[1 % stats.size()].accuracy ? 0 : 1;
        auto st = o.strong.empty() ? Result<size_t>(s) : modelNamed(m, o.strong);
        if (!st) return std::unexpected(st.error());
        auto wk = o.weak.empty() ? Result<size_t>(1 - s) : modelNamed(m, o.weak);
        if (!wk) return std::unexpected(wk.error());
        strong = *st, r.strong = m.models[*st], r.weak = m.models[*wk];
    }
    bool usd = true;
    for (size_t model = 0; model < m.modelCount(); ++model) {
        RoutePoint b = scoreRoutes(m, split.test, std::vector<uint16_t>(split.test.size(), uint16_t(model)), strong);
        b.strategy = m.models[model];
        usd = usd && !std::isnan(b.meanCostUsd);
        r.baselines.push_back(b);
    }
    r.testOracle = scoreRoutes(m, split.test, oracleChoices(m, split.test), strong);
    r.testOracle.strategy = "oracle";
    if (!usd && !strong)
        r.notes.push_back("costs are unknown and there is no weak/strong pair: curves have no cost axis; give "
                          "--assume-cost MODEL=USD");
    r.costAxis = usd ? "usd" : "strong-share";
    std::vector<CurvePoint> basePoints;
    for (const auto& b : r.baselines)
        basePoints.push_back({costAxis(b, usd), b.accuracy, b.strategy});
    r.baselineHull = nonDecreasingHull(basePoints);
    double lo = INFINITY, hi = -INFINITY;
    for (const auto& p : basePoints)
        if (!std::isnan(p.cost)) lo = std::min(lo, p.cost), hi = std::max(hi, p.cost);
    if (!std::isfinite(lo)) lo = hi = NAN;
    r.baselineAiq = aiq(r.baselineHull, lo, hi);
    if (!r.baselineHull.empty()) r.randomMix = randomMix(r.baselineHull.front(), r.baselineHull.back(), 10);

    int total = int(o.strategies.size()), done = 0;
    for (const auto& name : o.strategies) {
        if (stop.stop_requested()) return fail(ErrorKind::BadInput, "cancelled");
        ReplayCurve curve;
        curve.strategy = name;
        if (name == "similarity") {
            SimilarityReplay sim(m, split.train, split.test, o.k);
            curve.points = sim.curve(strong, o.curvePoints);
        } else if (name == "cascade") {
            if (m.scorerNames.empty())
                return fail(ErrorKind::BadInput, "the cascade needs scorer values in the matrix (a score:NAME column)");
            CascadeSpec spec;
            auto scorer = o.cascadeScorer.empty() ? std::optional<size_t>(0) : m.scorerIndex(o.cascadeScorer);
            if (!scorer) return fail(ErrorKind::BadInput, "no scorer \"" + o.cascadeScorer + "\" in the matrix");
            spec.scorer = *scorer;
            if (o.cascadeChain.empty()) {
                std::vector<size_t> order(m.modelCount());
                for (size_t k = 0; k < order.size(); ++k)
                    order[k] = k;
                std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
                    return costAxis(r.baselines[a], usd) < costAxis(r.baselines[b], usd) ||
                           (!usd && r.baselines[a].accuracy < r.baselines[b].accuracy);
                });
                spec.chain = order;
            } else
                for (const auto& c : o.cascadeChain) {
                    auto index = modelNamed(m, c);
                    if (!index) return std::unexpected(index.error());
                    spec.chain.push_back(*index);
                }
            curve.points = cascadeCurve(m, split.test, spec, strong, o.curvePoints);
        } else if (name == "rules") {
            std::map<std::string, size_t> byCategory;
            size_t fallback = 0;
            for (size_t k = 1; k < r.baselines.size(); ++k)
                if (r.baselines[k].accuracy > r.baselines[fallback].accuracy) fallback = k;
            if (o.rules.empty()) { // learn: the best model per category on the training items
                for (size_t c = 0; c < m.categories.size(); ++c) {
                    std::vector<size_t> inCategory;
                    for (size_t i : split.train)
                        if (m.itemCategory[i] == c) inCategory.push_back(i);
                    if (inCategory.empty()) continue;
                    auto stats = modelStats(m, inCategory);
                    size_t best = 0;
                    for (size_t k = 1; k < stats.size(); ++k)
                        if (stats[k].accuracy > stats[best].accuracy) best = k;
                    byCategory[m.categories[c]] = best;
                }
            } else
                for (const auto& [category, model] : o.rules) {
                    auto index = modelNamed(m, model);
                    if (!index) return std::unexpected(index.error());
                    byCategory[category] = *index;
                }
            RoutePoint p = scoreRoutes(m, split.test, routeByRules(m, split.test, byCategory, fallback), strong);
            p.strategy = "rules";
            curve.points = {p};
        } else {
            return fail(ErrorKind::BadInput, "unknown replay strategy \"" + name + "\"; use similarity, cascade or rules");
        }
        finishCurve(curve, r, usd, lo, hi);
        r.curves.push_back(std::move(curve));
        if (progress) progress(++done, total);
    }
    return r;
}

} // namespace baton::core
