// SPDX-License-Identifier: MIT
#include "learn/router_model.h"

#include <cmath>

namespace baton::core {

std::vector<double> RouterModel::predict(const SparseVector& item) const {
    std::vector<double> p(models.size());
    for (size_t m = 0; m < models.size(); ++m)
        p[m] = isotonic.empty() ? calibration[m].apply(perModel[m].score(item)) : isotonic[m].apply(perModel[m].score(item));
    return p;
}

double RouterModel::expectedCost(size_t model, const std::string& category) const {
    auto it = categoryCostUsd.find(category);
    if (it != categoryCostUsd.end() && !std::isnan(it->second[model])) return it->second[model];
    return expectedCostUsd[model];
}

RouterModel::Choice RouterModel::choose(const SparseVector& item, const std::string& category, double lambda) const {
    Choice c;
    c.probability = predict(item);
    for (size_t m = 0; m < models.size(); ++m) {
        double cost = expectedCost(m, category);
        c.expectedCost.push_back(cost);
        // An unknown cost cannot be traded off: such a model is only chosen when lambda is 0.
        c.score.push_back(c.probability[m] - (std::isnan(cost) ? (lambda > 0 ? INFINITY : 0) : lambda * cost));
    }
    for (size_t m = 1; m < models.size(); ++m) {
        bool better = c.score[m] > c.score[c.model] ||
                      (c.score[m] == c.score[c.model] && c.expectedCost[m] < c.expectedCost[c.model]);
        if (better) c.model = m;
    }
    return c;
}

} // namespace baton::core
