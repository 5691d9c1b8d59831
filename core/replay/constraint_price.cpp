// SPDX-License-Identifier: MIT
#include "replay/constraint_price.h"
#include "eval/frontier.h"
#include "util/rng.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace baton::core {

Result<PoolConstraint> PoolConstraint::parse(const std::string& text) {
    PoolConstraint c;
    c.label = text;
    auto split = [](const std::string& list) {
        std::set<std::string> out;
        std::stringstream in(list);
        for (std::string v; std::getline(in, v, ',');)
            if (!v.empty()) out.insert(v);
        return out;
    };
    auto neq = text.find("!="), eq = text.find('=');
    if (eq == std::string::npos || eq == 0)
        return fail(ErrorKind::BadInput, "constraint \"" + text +
                                             "\": expected without=A,B, TAG=V1,V2 or TAG!=V (e.g. weights=open)");
    if (neq != std::string::npos && neq + 1 == eq)
        c.tagNotIn[text.substr(0, neq)] = split(text.substr(eq + 1));
    else if (text.substr(0, eq) == "without")
        c.without = split(text.substr(eq + 1));
    else
        c.tagIn[text.substr(0, eq)] = split(text.substr(eq + 1));
    return c;
}

std::vector<size_t> modelsKept(const OutcomeMatrix& m, const PoolConstraint& c, const ModelTags& tags) {
    std::vector<size_t> kept;
    for (size_t model = 0; model < m.modelCount(); ++model) {
        const std::string& name = m.models[model];
        if (c.without.count(name)) continue;
        auto found = tags.find(name);
        auto tag = [&](const std::string& key) -> std::string {
            if (found == tags.end()) return "";
            auto t = found->second.find(key);
            return t == found->second.end() ? "" : t->second;
        };
        bool ok = true;
        for (const auto& [key, allowed] : c.tagIn)
            ok = ok && allowed.count(tag(key));
        for (const auto& [key, excluded] : c.tagNotIn)
            ok = ok && !excluded.count(tag(key));
        if (ok) kept.push_back(model);
    }
    return kept;
}

namespace {

struct Sums {
    std::vector<double> grade, cost; ///< per model, weighted sums over items
    double weight = 0;
};

Sums weightedSums(const OutcomeMatrix& m, const std::vector<size_t>& items, const std::vector<uint32_t>* weights) {
    Sums s;
    s.grade.assign(m.modelCount(), 0), s.cost.assign(m.modelCount(), 0);
    for (size_t model = 0; model < m.modelCount(); ++model) {
        const float* g = m.grade.data() + m.cell(0, model);
        const double* c = m.costUsd.data() + m.cell(0, model);
        double gs = 0, cs = 0;
        for (size_t k = 0; k < items.size(); ++k) {
            double w = weights ? (*weights)[k] : 1.0;
            gs += w * g[items[k]], cs += w * c[items[k]];
        }
        s.grade[model] = gs, s.cost[model] = cs;
    }
    s.weight = weights ? double(items.size()) : double(items.size());
    return s;
}

struct Figures {
    std::string reference;
    double refCost = NAN, refAccuracy = NAN, lost = NAN, added = NAN;
};

Figures figures(const OutcomeMatrix& m, const Sums& s, const std::vector<size_t>& kept) {
    std::vector<CurvePoint> all, constrained;
    Figures f;
    for (size_t model = 0; model < m.modelCount(); ++model) {
        CurvePoint p{s.cost[model] / s.weight, s.grade[model] / s.weight, m.models[model]};
        all.push_back(p);
        if (std::find(kept.begin(), kept.end(), model) != kept.end()) constrained.push_back(p);
        if (std::isnan(f.refAccuracy) || p.quality > f.refAccuracy ||
            (p.quality == f.refAccuracy && p.cost < f.refCost))
            f.reference = p.label, f.refAccuracy = p.quality, f.refCost = p.cost;
    }
    auto hull = nonDecreasingHull(constrained);
    f.lost = f.refAccuracy - hullQualityAt(hull, f.refCost);
    f.added = hullCostFor(hull, f.refAccuracy) - f.refCost;
    return f;
}

} // namespace

Result<ConstraintPrice> priceOfConstraint(const OutcomeMatrix& m, const std::vector<size_t>& items,
                                          const std::vector<size_t>& kept, int resamples, uint64_t seed) {
    if (kept.empty()) return fail(ErrorKind::BadInput, "the constraint keeps no model of the matrix");
    if (items.empty()) return fail(ErrorKind::BadInput, "no item is graded for every model; nothing to compare");
    Sums s = weightedSums(m, items, nullptr);
    for (size_t model = 0; model < m.modelCount(); ++model)
        if (std::isnan(s.cost[model]))
            return fail(ErrorKind::BadInput, "model \"" + m.models[model] +
                                                 "\" has items without a cost; give --assume-cost " +
                                                 m.models[model] + "=USD_PER_ITEM");
    ConstraintPrice price;
    for (size_t k : kept)
        price.kept.push_back(m.models[k]);
    Figures f = figures(m, s, kept);
    price.referenceModel = f.reference, price.referenceCost = f.refCost, price.referenceAccuracy = f.refAccuracy;
    price.accuracyLost = f.lost, price.costAdded = f.added;
    if (resamples <= 0) return price;
    std::vector<double> lost, added;
    Rng rng(seed);
    std::vector<uint32_t> weights(items.size());
    int unreachable = 0;
    for (int r = 0; r < resamples; ++r) {
        std::fill(weights.begin(), weights.end(), 0);
        for (size_t k = 0; k < items.size(); ++k)
            ++weights[size_t(rng.between(0, int64_t(items.size()) - 1))];
        Figures b = figures(m, weightedSums(m, items, &weights), kept);
        if (!std::isnan(b.lost)) lost.push_back(b.lost);
        if (std::isnan(b.added))
            ++unreachable;
        else
            added.push_back(b.added);
    }
    price.unreachableShare = double(unreachable) / resamples;
    if (!lost.empty()) price.accuracyLostCi = {percentile(lost, 2.5), percentile(lost, 97.5)};
    if (!added.empty()) price.costAddedCi = {percentile(added, 2.5), percentile(added, 97.5)};
    return price;
}

} // namespace baton::core
