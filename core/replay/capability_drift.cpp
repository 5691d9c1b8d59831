// SPDX-License-Identifier: MIT
#include "replay/capability_drift.h"
#include "eval/statistics.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <unordered_map>

namespace baton::core {

double twoProportionP(int64_t a, int64_t nA, int64_t b, int64_t nB) {
    if (nA == 0 || nB == 0) return 1;
    double pooled = double(a + b) / double(nA + nB);
    if (pooled <= 0 || pooled >= 1) return 1;
    double se = std::sqrt(pooled * (1 - pooled) * (1.0 / double(nA) + 1.0 / double(nB)));
    double z = (double(a) / double(nA) - double(b) / double(nB)) / se;
    return std::erfc(std::fabs(z) / std::sqrt(2.0));
}

std::vector<double> holmAdjust(const std::vector<double>& p) {
    std::vector<size_t> order(p.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return p[a] < p[b]; });
    std::vector<double> adjusted(p.size());
    double running = 0;
    for (size_t rank = 0; rank < order.size(); ++rank) {
        double value = std::min(1.0, double(p.size() - rank) * p[order[rank]]);
        running = std::max(running, value);
        adjusted[order[rank]] = running;
    }
    return adjusted;
}

DriftReport capabilityDrift(const OutcomeMatrix& a, const OutcomeMatrix& b, double alpha) {
    DriftReport report;
    report.alpha = alpha;
    std::unordered_map<std::string, size_t> inB;
    for (size_t i = 0; i < b.itemCount(); ++i)
        inB.emplace(b.itemIds[i], i);
    for (size_t i = 0; i < a.itemCount(); ++i)
        report.sharedItems += inB.count(a.itemIds[i]);
    for (size_t ma = 0; ma < a.modelCount(); ++ma) {
        auto mb = b.modelIndex(a.models[ma]);
        if (!mb) continue;
        for (size_t c = 0; c < a.categories.size(); ++c) {
            auto cb = std::find(b.categories.begin(), b.categories.end(), a.categories[c]);
            if (cb == b.categories.end()) continue;
            uint32_t catB = uint32_t(cb - b.categories.begin());
            DriftCell d;
            d.model = a.models[ma], d.category = a.categories[c];
            int64_t rightA = 0, rightB = 0, onlyA = 0, onlyB = 0;
            for (size_t i = 0; i < a.itemCount(); ++i) {
                if (a.itemCategory[i] != c || !a.hasGrade(i, ma)) continue;
                bool right = a.grade[a.cell(i, ma)] >= 0.5f;
                ++d.nBefore, rightA += right;
                auto j = inB.find(a.itemIds[i]);
                if (j != inB.end() && b.hasGrade(j->second, *mb)) {
                    bool rightAfter = b.grade[b.cell(j->second, *mb)] >= 0.5f;
                    ++d.paired, onlyA += right && !rightAfter, onlyB += !right && rightAfter;
                }
            }
            for (size_t j = 0; j < b.itemCount(); ++j)
                if (b.itemCategory[j] == catB && b.hasGrade(j, *mb)) ++d.nAfter, rightB += b.grade[b.cell(j, *mb)] >= 0.5f;
            if (d.nBefore == 0 || d.nAfter == 0) continue;
            d.before = double(rightA) / double(d.nBefore), d.after = double(rightB) / double(d.nAfter);
            d.delta = d.after - d.before;
            if (d.paired > 0) {
                d.test = "mcnemar", d.p = mcnemarExactP(onlyA, onlyB);
            } else {
                d.test = "two-proportion", d.p = twoProportionP(rightA, d.nBefore, rightB, d.nAfter);
            }
            report.cells.push_back(std::move(d));
        }
    }
    std::vector<double> p;
    for (const auto& d : report.cells)
        p.push_back(d.p);
    auto adjusted = holmAdjust(p);
    for (size_t k = 0; k < report.cells.size(); ++k)
        report.cells[k].pHolm = adjusted[k], report.cells[k].flagged = adjusted[k] < alpha;
    return report;
}

} // namespace baton::core
