// SPDX-License-Identifier: MIT
#include "replay/route_replay.h"
#include "eval/frontier.h"

#include <cmath>

namespace baton::core {

double costAxis(const RoutePoint& p, bool usd) {
    return usd ? p.meanCostUsd : p.strongShare;
}

double curveAiq(const std::vector<RoutePoint>& curve, bool usd, double lo, double hi) {
    std::vector<CurvePoint> points;
    for (const auto& p : curve)
        points.push_back({costAxis(p, usd), p.accuracy, p.strategy});
    return aiq(nonDecreasingHull(points), lo, hi);
}

std::vector<SharePoint> sharePoints(const std::vector<RoutePoint>& curve) {
    std::vector<SharePoint> out;
    for (const auto& p : curve)
        if (!std::isnan(p.strongShare)) out.push_back({p.strongShare, p.accuracy});
    return out;
}

RoutePoint scoreRoutes(const OutcomeMatrix& m, const std::vector<size_t>& items, const std::vector<uint16_t>& choice,
                       std::optional<size_t> strong) {
    RoutePoint p;
    p.items = items.size();
    if (items.empty()) return p;
    double grade = 0, cost = 0;
    size_t strongCount = 0;
    const size_t n = m.itemCount();
    const float* g = m.grade.data();
    const double* c = m.costUsd.data();
    for (size_t k = 0; k < items.size(); ++k) {
        size_t cell = size_t(choice[k]) * n + items[k];
        float v = g[cell];
        grade += std::isnan(v) ? 0.0 : double(v);
        cost += c[cell]; // NaN propagates: one unknown cost makes the total unknown
        strongCount += strong && choice[k] == *strong;
    }
    p.accuracy = grade / double(items.size());
    p.meanCostUsd = cost / double(items.size());
    if (strong) p.strongShare = double(strongCount) / double(items.size());
    return p;
}

std::vector<uint16_t> routeByRules(const OutcomeMatrix& m, const std::vector<size_t>& items,
                                   const std::map<std::string, size_t>& modelOfCategory, size_t defaultModel) {
    std::vector<int> byCategory(m.categories.size(), int(defaultModel));
    for (size_t c = 0; c < m.categories.size(); ++c)
        if (auto it = modelOfCategory.find(m.categories[c]); it != modelOfCategory.end()) byCategory[c] = int(it->second);
    std::vector<uint16_t> choice(items.size());
    for (size_t k = 0; k < items.size(); ++k)
        choice[k] = uint16_t(byCategory[m.itemCategory[items[k]]]);
    return choice;
}

SimilarityReplay::SimilarityReplay(const OutcomeMatrix& m, const std::vector<size_t>& train,
                                   const std::vector<size_t>& test, size_t k)
    : m_matrix(m), m_test(test) {
    const size_t models = m.modelCount();
    std::vector<std::string> docs;
    for (size_t i : train)
        docs.push_back(m.prompts.empty() ? m.itemIds[i] : m.prompts[i]);
    TfidfIndex index(docs);
    // A model's mean known cost on the training items stands in where a neighbour's cost is unknown.
    std::vector<double> fallback(models, 0);
    double total = 0;
    size_t counted = 0;
    for (size_t model = 0; model < models; ++model) {
        double sum = 0;
        size_t known = 0;
        for (size_t i : train)
            if (double c = m.costUsd[m.cell(i, model)]; !std::isnan(c)) sum += c, ++known;
        fallback[model] = known ? sum / double(known) : NAN;
        if (known) total += fallback[model], ++counted;
    }
    m_meanCost = counted ? total / double(counted) : 0;
    m_expectedGrade.assign(test.size() * models, 0);
    m_expectedCost.assign(test.size() * models, 0);
    for (size_t t = 0; t < test.size(); ++t) {
        size_t item = test[t];
        auto near = index.nearest(m.prompts.empty() ? m.itemIds[item] : m.prompts[item], k,
                                  [](size_t) { return false; });
        for (size_t model = 0; model < models; ++model) {
            double grade = 0, cost = 0;
            size_t graded = 0;
            for (auto [doc, similarity] : near) {
                size_t cell = m.cell(train[doc], model);
                if (!std::isnan(m.grade[cell])) grade += m.grade[cell], ++graded;
                cost += std::isnan(m.costUsd[cell]) ? fallback[model] : m.costUsd[cell];
            }
            m_expectedGrade[t * models + model] = graded ? grade / double(graded) : 0;
            m_expectedCost[t * models + model] = near.empty() ? fallback[model] : cost / double(near.size());
        }
    }
}

std::vector<uint16_t> SimilarityReplay::route(double lambda) const {
    const size_t models = m_matrix.modelCount();
    std::vector<uint16_t> choice(m_test.size());
    for (size_t t = 0; t < m_test.size(); ++t) {
        double best = -INFINITY;
        for (size_t model = 0; model < models; ++model) {
            double cost = m_expectedCost[t * models + model];
            double value = m_expectedGrade[t * models + model] - lambda * (std::isnan(cost) ? 0 : cost);
            if (value > best) best = value, choice[t] = uint16_t(model);
        }
    }
    return choice;
}

std::vector<RoutePoint> lambdaCurve(const OutcomeMatrix& matrix, const std::vector<size_t>& items,
                                    std::optional<size_t> strong, int points, double meanCost,
                                    const std::string& strategy,
                                    const std::function<std::vector<uint16_t>(double lambda)>& route) {
    std::vector<RoutePoint> out;
    double scale = meanCost > 0 ? 1 / meanCost : 1;
    for (int p = 0; p < points; ++p) {
        double lambda = p == 0 ? 0 : scale * std::pow(10.0, -3 + 6.0 * (p - 1) / std::max(1, points - 2));
        RoutePoint r = scoreRoutes(matrix, items, route(lambda), strong);
        r.strategy = strategy, r.param = lambda;
        out.push_back(r);
    }
    return out;
}

std::vector<RoutePoint> SimilarityReplay::curve(std::optional<size_t> strong, int points) const {
    return lambdaCurve(m_matrix, m_test, strong, points, m_meanCost, "similarity",
                       [this](double lambda) { return route(lambda); });
}

RoutePoint replayCascade(const OutcomeMatrix& m, const std::vector<size_t>& items, const CascadeSpec& spec,
                         const std::vector<double>& thresholds, std::optional<size_t> strong) {
    RoutePoint p;
    p.strategy = "cascade", p.items = items.size();
    if (items.empty() || spec.chain.empty()) return p;
    const size_t n = m.itemCount();
    const float* score = m.scorers[spec.scorer].data();
    double grade = 0, cost = 0;
    size_t strongCount = 0;
    for (size_t i : items) {
        size_t last = spec.chain.size() - 1;
        for (size_t stage = 0; stage <= last; ++stage) {
            size_t cell = spec.chain[stage] * n + i;
            cost += m.costUsd[cell];
            float s = score[cell];
            if (stage == last || (!std::isnan(s) && s >= thresholds[stage])) {
                grade += std::isnan(m.grade[cell]) ? 0.0 : double(m.grade[cell]);
                strongCount += strong && spec.chain[stage] == *strong;
                break;
            }
        }
    }
    p.accuracy = grade / double(items.size());
    p.meanCostUsd = cost / double(items.size());
    if (strong) p.strongShare = double(strongCount) / double(items.size());
    return p;
}

std::vector<RoutePoint> cascadeCurve(const OutcomeMatrix& m, const std::vector<size_t>& items, const CascadeSpec& spec,
                                     std::optional<size_t> strong, int points) {
    std::vector<RoutePoint> out;
    for (int p = 0; p < points; ++p) {
        double t = points > 1 ? double(p) / (points - 1) : 0.5;
        RoutePoint r = replayCascade(m, items, spec, std::vector<double>(spec.chain.size(), t), strong);
        r.param = t;
        out.push_back(r);
    }
    return out;
}

} // namespace baton::core
