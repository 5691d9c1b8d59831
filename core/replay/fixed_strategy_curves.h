// SPDX-License-Identifier: MIT
#pragma once
/// The fixed strategies a learned router is measured against on its test items: kNN routing
/// (similarity over the prompts' TF-IDF) and rules by category (category_rules_replay.h), both
/// learnt on the same training items and replayed on the same test items, each over its own
/// 100-point lambda sweep (lambda prices expected cost against expected grade for both, so each is
/// a curve, not a point). One function, so `router eval`, `router train` and the Replay lab's
/// router chart show the same curves. No errors: empty items give empty curves.

#include "replay/route_replay.h"

namespace baton::core {

struct FixedStrategyCurves {
    std::vector<RoutePoint> knn;   ///< strategy "knn"; empty when not asked for
    std::vector<RoutePoint> rules; ///< strategy "rules"; empty when not asked for
    /// Per point of each curve, the model of every test item (for bootstrap intervals).
    std::vector<std::vector<uint16_t>> knnChoices, rulesChoices;
};

struct FixedStrategyOptions {
    bool knn = true, rules = true;
    size_t k = 10; ///< kNN's neighbours
    int points = 100;
};

FixedStrategyCurves fixedStrategyCurves(const OutcomeMatrix& matrix, const std::vector<size_t>& train,
                                        const std::vector<size_t>& test, std::optional<size_t> strong,
                                        const FixedStrategyOptions& options = {});

} // namespace baton::core
