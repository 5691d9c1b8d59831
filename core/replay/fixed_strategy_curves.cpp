// SPDX-License-Identifier: MIT
#include "replay/fixed_strategy_curves.h"
#include "replay/category_rules_replay.h"

namespace baton::core {

FixedStrategyCurves fixedStrategyCurves(const OutcomeMatrix& m, const std::vector<size_t>& train,
                                        const std::vector<size_t>& test, std::optional<size_t> strong,
                                        const FixedStrategyOptions& o) {
    FixedStrategyCurves out;
    if (train.empty() || test.empty()) return out;
    if (o.knn) out.knn = SimilarityReplay(m, train, test, o.k).curve(strong, o.points);
    for (auto& p : out.knn)
        p.strategy = "knn";
    if (o.rules) out.rules = CategoryRulesReplay(m, train, test).curve(strong, o.points);
    return out;
}

} // namespace baton::core
