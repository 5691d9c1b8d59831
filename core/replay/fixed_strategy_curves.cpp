// SPDX-License-Identifier: MIT
#include "replay/fixed_strategy_curves.h"
#include "replay/category_rules_replay.h"

namespace baton::core {

FixedStrategyCurves fixedStrategyCurves(const OutcomeMatrix& m, const std::vector<size_t>& train,
                                        const std::vector<size_t>& test, std::optional<size_t> strong,
                                        const FixedStrategyOptions& o) {
    FixedStrategyCurves out;
    if (train.empty() || test.empty()) return out;
    if (o.knn) {
        SimilarityReplay knn(m, train, test, o.k);
        out.knn = knn.curve(strong, o.points);
        for (auto& p : out.knn)
            p.strategy = "knn", out.knnChoices.push_back(knn.route(p.param));
    }
    if (o.rules) {
        CategoryRulesReplay rules(m, train, test);
        out.rules = rules.curve(strong, o.points);
        for (const auto& p : out.rules)
            out.rulesChoices.push_back(rules.route(p.param));
    }
    return out;
}

} // namespace baton::core
