// SPDX-License-Identifier: MIT
#include "replay/category_rules_replay.h"

#include <algorithm>
#include <cmath>

namespace baton::core {

CategoryRulesReplay::CategoryRulesReplay(const OutcomeMatrix& m, const std::vector<size_t>& train,
                                         const std::vector<size_t>& test)
    : m_matrix(m), m_test(test) {
    const size_t models = m.modelCount(), all = m.categories.size();
    std::vector<std::vector<double>> gradeSum(all + 1, std::vector<double>(models, 0)), costSum = gradeSum;
    std::vector<std::vector<size_t>> graded(all + 1, std::vector<size_t>(models, 0)), priced = graded;
    for (size_t i : train)
        for (size_t model = 0; model < models; ++model) {
            size_t cell = m.cell(i, model);
            for (size_t row : {size_t(m.itemCategory[i]), all}) {
                if (!std::isnan(m.grade[cell])) gradeSum[row][model] += m.grade[cell], ++graded[row][model];
                if (!std::isnan(m.costUsd[cell])) costSum[row][model] += m.costUsd[cell], ++priced[row][model];
            }
        }
    m_grade.assign(all + 1, std::vector<double>(models, NAN));
    m_cost = m_grade;
    for (size_t row = 0; row <= all; ++row)
        for (size_t model = 0; model < models; ++model) {
            if (graded[row][model]) m_grade[row][model] = gradeSum[row][model] / double(graded[row][model]);
            if (priced[row][model]) m_cost[row][model] = costSum[row][model] / double(priced[row][model]);
        }
    double sum = 0;
    size_t n = 0;
    for (double c : m_cost[all])
        if (!std::isnan(c)) sum += c, ++n;
    m_meanCost = n ? sum / double(n) : 0;
}

std::vector<uint16_t> CategoryRulesReplay::route(double lambda) const {
    const size_t models = m_matrix.modelCount(), all = m_matrix.categories.size();
    std::vector<uint16_t> ofCategory(all + 1, 0);
    for (size_t row = 0; row <= all; ++row) {
        // A category without training grades follows the rule for all training items.
        const size_t from = std::all_of(m_grade[row].begin(), m_grade[row].end(), [](double g) { return std::isnan(g); })
                                ? all
                                : row;
        double best = -INFINITY;
        for (size_t model = 0; model < models; ++model) {
            double g = m_grade[from][model];
            if (std::isnan(g)) continue;
            double c = std::isnan(m_cost[from][model]) ? m_cost[all][model] : m_cost[from][model];
            double score = g - lambda * (std::isnan(c) ? 0 : c);
            // Ties go to the cheaper model.
            if (score > best || (score == best && c < m_cost[from][ofCategory[row]])) best = score, ofCategory[row] = uint16_t(model);
        }
    }
    std::vector<uint16_t> choice(m_test.size());
    for (size_t k = 0; k < m_test.size(); ++k)
        choice[k] = ofCategory[m_matrix.itemCategory[m_test[k]]];
    return choice;
}

std::vector<RoutePoint> CategoryRulesReplay::curve(std::optional<size_t> strong, int points) const {
    return lambdaCurve(m_matrix, m_test, strong, points, m_meanCost, "rules",
                       [this](double lambda) { return route(lambda); });
}

} // namespace baton::core
