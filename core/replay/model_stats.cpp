// SPDX-License-Identifier: MIT
#include "replay/model_stats.h"

#include <algorithm>
#include <cmath>

namespace baton::core {

static std::vector<size_t> allItems(const OutcomeMatrix& m, const std::vector<size_t>& items) {
    if (!items.empty()) return items;
    std::vector<size_t> all(m.itemCount());
    for (size_t i = 0; i < all.size(); ++i)
        all[i] = i;
    return all;
}

std::vector<ModelStats> modelStats(const OutcomeMatrix& m, const std::vector<size_t>& itemsIn) {
    auto items = allItems(m, itemsIn);
    std::vector<ModelStats> out;
    for (size_t model = 0; model < m.modelCount(); ++model) {
        ModelStats s;
        s.model = m.models[model];
        double sum = 0, cost = 0;
        std::vector<double> latencies;
        const float* g = m.grade.data() + m.cell(0, model);
        const double* c = m.costUsd.data() + m.cell(0, model);
        const float* l = m.latencyMs.data() + m.cell(0, model);
        for (size_t i : items) {
            if (std::isnan(g[i])) continue;
            ++s.n, sum += g[i];
            if (std::isnan(c[i]))
                ++s.unknownCost;
            else
                cost += c[i];
            if (!std::isnan(l[i])) latencies.push_back(l[i]);
        }
        if (s.n) {
            s.accuracy = sum / double(s.n);
            s.ci = wilsonInterval(std::llround(sum), s.n);
            if (s.unknownCost == 0) s.meanCostUsd = cost / double(s.n);
        }
        if (!latencies.empty()) s.p50LatencyMs = percentile(std::move(latencies), 50);
        out.push_back(std::move(s));
    }
    return out;
}

std::vector<size_t> completeItems(const OutcomeMatrix& m, const std::vector<size_t>& itemsIn) {
    std::vector<size_t> out;
    for (size_t i : allItems(m, itemsIn)) {
        bool all = true;
        for (size_t model = 0; model < m.modelCount() && all; ++model)
            all = m.hasGrade(i, model);
        if (all) out.push_back(i);
    }
    return out;
}

void assumeCosts(OutcomeMatrix& m, const std::map<std::string, double>& usdPerItem) {
    for (const auto& [model, usd] : usdPerItem) {
        auto index = m.modelIndex(model);
        if (!index) continue;
        size_t filled = 0;
        for (size_t i = 0; i < m.itemCount(); ++i) {
            double& c = m.costUsd[m.cell(i, *index)];
            if (std::isnan(c)) c = usd, ++filled;
        }
        if (filled)
            m.provenance.notes.push_back("assumed $" + std::to_string(usd) + " per item for " + model + " on " +
                                         std::to_string(filled) + " cell(s) without a recorded cost");
    }
}

std::vector<uint16_t> oracleChoices(const OutcomeMatrix& m, const std::vector<size_t>& items) {
    std::vector<uint16_t> choice(items.size(), 0);
    for (size_t k = 0; k < items.size(); ++k) {
        size_t i = items[k];
        double bestGrade = -1, bestCost = INFINITY;
        for (size_t model = 0; model < m.modelCount(); ++model) {
            size_t c = m.cell(i, model);
            if (std::isnan(m.grade[c])) continue;
            double cost = std::isnan(m.costUsd[c]) ? INFINITY : m.costUsd[c];
            if (m.grade[c] > bestGrade || (m.grade[c] == bestGrade && cost < bestCost))
                bestGrade = m.grade[c], bestCost = cost, choice[k] = uint16_t(model);
        }
    }
    return choice;
}

} // namespace baton::core
