// SPDX-License-Identifier: MIT
#pragma once
/// Routing trees from the decision log: for one (item, strategy), its calls as a forest of
/// nodes (the last attempt of each node, with how many attempts it took), children in log order.

#include "model/call.h"
#include "model/run.h"

#include <string>
#include <vector>

namespace baton::core {

struct RoutingNode {
    Call call; ///< the node's last attempt
    int attempts = 1;
    std::optional<Money> cost; ///< all attempts; nullopt if any is unknown
    std::vector<size_t> children;
    std::optional<size_t> parent;
};

struct RoutingTree {
    std::vector<RoutingNode> nodes;
    std::vector<size_t> roots;
};

RoutingTree buildRoutingTree(const std::vector<Call>& calls, const std::string& itemId, const std::string& strategy);

/// The items some baseline graded right (grade >= 0.5, incomplete ones left out), sorted.
std::vector<std::string> rightByABaseline(const std::vector<Outcome>& outcomes,
                                          const std::vector<std::string>& baselines);
/// Items where `strategy` got it wrong (grade < 0.5) while at least one of `baselines` was right.
std::vector<std::string> wrongWhileABaselineWasRight(const std::vector<Outcome>& outcomes, const std::string& strategy,
                                                     const std::vector<std::string>& baselines);

} // namespace baton::core
