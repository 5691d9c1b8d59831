// SPDX-License-Identifier: MIT
#include "strategies/cascade_optimiser.h"
#include "eval/answer_extraction.h"
#include "strategies/labelled_outcomes.h"

#include <algorithm>
#include <functional>

namespace baton::core {

CascadePlan evaluateCascade(const OutcomeMatrixView& matrix, std::vector<std::string> chain,
                            std::vector<double> thresholds, double scorerCostUsd) {
    CascadePlan plan{std::move(chain), std::move(thresholds), 0, 0};
    if (matrix.items.empty()) return plan;
    double correct = 0, cost = 0;
    for (const auto& item : matrix.items) {
        for (size_t k = 0; k < plan.chain.size(); ++k) {
            const MatrixCell& cell = item.at(plan.chain[k]);
            cost += cell.costUsd;
            bool last = k + 1 == plan.chain.size();
            if (!last) cost += scorerCostUsd;
            if (last || cell.score >= plan.thresholds[k]) {
                correct += cell.grade;
                break;
            }
        }
    }
    plan.accuracy = correct / double(matrix.items.size());
    plan.meanCostUsd = cost / double(matrix.items.size());
    return plan;
}

OutcomeMatrixView formatScoredMatrix(const LabelledOutcomes& labels, const std::vector<std::string>& models,
                                     bool heldOut) {
    OutcomeMatrixView m;
    m.models = models;
    for (size_t i = 0; i < labels.items.size(); ++i) {
        if ((i % 2 == 1) != heldOut) continue;
        const LabelledItem& item = labels.items[i];
        std::map<std::string, MatrixCell> row;
        for (const auto& model : models) {
            auto answer = item.answer.find(model);
            double score = answer != item.answer.end() && markedAnswer(answer->second) ? 1.0 : 0.0;
            row[model] = {item.grade.at(model), item.costUsd.count(model) ? item.costUsd.at(model) : 0.0, score};
        }
        m.items.push_back(std::move(row));
    }
    return m;
}

std::optional<CascadePlan> optimiseCascade(const OutcomeMatrixView& matrix, double budgetPerItemUsd,
                                           double scorerCostUsd, int maxLength) {
    // Candidate models ordered by mean cost: a cascade goes from cheap to expensive.
    std::vector<std::pair<double, std::string>> byCost;
    for (const auto& m : matrix.models) {
        double c = 0;
        for (const auto& item : matrix.items)
            c += item.at(m).costUsd;
        byCost.emplace_back(c, m);
    }
    std::sort(byCost.begin(), byCost.end());
    std::vector<double> grid;
    for (int i = 0; i <= 10; ++i)
        grid.push_back(i / 10.0);

    std::optional<CascadePlan> best;
    auto consider = [&](const CascadePlan& p) {
        if (p.meanCostUsd > budgetPerItemUsd + 1e-15) return;
        if (!best || p.accuracy > best->accuracy + 1e-12 ||
            (std::abs(p.accuracy - best->accuracy) <= 1e-12 && p.meanCostUsd < best->meanCostUsd))
            best = p;
    };
    std::vector<std::string> chain;
    std::function<void(size_t)> chains = [&](size_t from) {
        if (!chain.empty()) {
            std::vector<double> thresholds(chain.size() - 1, 0);
            std::function<void(size_t)> sweep = [&](size_t k) {
                if (k == thresholds.size()) return consider(evaluateCascade(matrix, chain, thresholds, scorerCostUsd));
                for (double t : grid)
                    thresholds[k] = t, sweep(k + 1);
            };
            sweep(0);
        }
        if (int(chain.size()) == maxLength) return;
        for (size_t i = from; i < byCost.size(); ++i) {
            chain.push_back(byCost[i].second);
            chains(i + 1);
            chain.pop_back();
        }
    };
    chains(0);
    return best;
}

} // namespace baton::core
