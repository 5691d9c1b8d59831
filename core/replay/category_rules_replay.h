// SPDX-License-Identifier: MIT
#pragma once
/// Rules routing as `router eval` compares it: the rules a person would write per category
/// (category -> model, like the demo pool's `by-category`), written from the training items with
/// hindsight: for each lambda, each category goes to the model with the best mean grade - lambda x
/// mean cost on that category's training items (a category with no training item: the best over
/// all of them). Applied to the test items, never the same items.

#include "replay/route_replay.h"

namespace baton::core {

class CategoryRulesReplay {
public:
    CategoryRulesReplay(const OutcomeMatrix& matrix, const std::vector<size_t>& train, const std::vector<size_t>& test);
    /// The model of every test item at `lambda`.
    std::vector<uint16_t> route(double lambda) const;
    /// 100 points: lambda = 0, then 99 lambdas spread geometrically around 1 / mean cost (as kNN's).
    std::vector<RoutePoint> curve(std::optional<size_t> strong = std::nullopt, int points = 100) const;

private:
    const OutcomeMatrix& m_matrix;
    std::vector<size_t> m_test;
    /// Per category (the last row: all training items), per model: mean grade and mean cost.
    std::vector<std::vector<double>> m_grade, m_cost;
    double m_meanCost = 0;
};

} // namespace baton::core
