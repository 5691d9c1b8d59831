// SPDX-License-Identifier: MIT
#include "eval/routing_tree.h"

#include <algorithm>
#include <map>
#include <set>

namespace baton::core {

RoutingTree buildRoutingTree(const std::vector<Call>& calls, const std::string& itemId, const std::string& strategy) {
    RoutingTree tree;
    std::map<std::string, size_t> byNode;
    for (const auto& c : calls) {
        if (c.itemId != itemId || c.strategy != strategy) continue;
        auto [it, fresh] = byNode.emplace(c.nodeId, tree.nodes.size());
        if (fresh) {
            tree.nodes.push_back({c, 1, c.cost, {}, std::nullopt});
            continue;
        }
        RoutingNode& node = tree.nodes[it->second];
        node.cost = node.cost && c.cost ? std::optional(*node.cost + *c.cost) : std::nullopt;
        node.attempts += 1;
        node.call = c; // keep the last attempt
    }
    for (size_t i = 0; i < tree.nodes.size(); ++i) {
        auto parent = byNode.find(tree.nodes[i].call.parentNodeId);
        if (tree.nodes[i].call.parentNodeId.empty() || parent == byNode.end()) {
            tree.roots.push_back(i);
        } else {
            tree.nodes[i].parent = parent->second;
            tree.nodes[parent->second].children.push_back(i);
        }
    }
    return tree;
}

std::vector<std::string> rightByABaseline(const std::vector<Outcome>& outcomes,
                                          const std::vector<std::string>& baselines) {
    std::set<std::string> right;
    for (const auto& o : outcomes)
        if (o.status != OutcomeStatus::Incomplete && o.grade.value_or(0) >= 0.5 &&
            std::find(baselines.begin(), baselines.end(), o.strategy) != baselines.end())
            right.insert(o.itemId);
    return {right.begin(), right.end()};
}

std::vector<std::string> wrongWhileABaselineWasRight(const std::vector<Outcome>& outcomes, const std::string& strategy,
                                                     const std::vector<std::string>& baselines) {
    std::set<std::string> strategyWrong;
    for (const auto& o : outcomes)
        if (o.status != OutcomeStatus::Incomplete && o.grade.value_or(0) < 0.5 && o.strategy == strategy)
            strategyWrong.insert(o.itemId);
    const std::vector<std::string> baselineRight = rightByABaseline(outcomes, baselines);
    std::vector<std::string> out;
    std::set_intersection(strategyWrong.begin(), strategyWrong.end(), baselineRight.begin(), baselineRight.end(),
                          std::back_inserter(out));
    return out;
}

} // namespace baton::core
