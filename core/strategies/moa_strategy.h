// SPDX-License-Identifier: MIT
#pragma once
/// `moa` (Mixture-of-Agents, Wang et al. 2024): L layers of proposers answer side by side; from
/// the second layer on, each proposer also sees the previous layer's answers (aggregate
/// template); an aggregator then synthesizes the last layer's answers. If the aggregator's
/// reply has no readable final answer, the majority answer of the last layer is used and the
/// reason says so. Tree: the aggregator is the root "agg"; proposer j of layer l is "l.j"
/// under it.
///
///   {"kind": "moa", "layers": 2, "proposers": ["sim/nano", "sim/mini", "sim/flash"], "aggregator": "sim/pro"}

#include "strategies/strategy_kind.h"

namespace baton::core {

class MoaStrategy : public Strategy {
public:
    static constexpr int kMaxLayers = 5;
    MoaStrategy(int layers, std::vector<const ModelSpec*> proposers, const ModelSpec& aggregator)
        : m_layers(layers), m_proposers(std::move(proposers)), m_aggregator(&aggregator) {}
    static StrategyKind kind();
    Async<StrategyResult> answer(StrategyContext& ctx) override;

private:
    int m_layers = 1;
    std::vector<const ModelSpec*> m_proposers;
    const ModelSpec* m_aggregator = nullptr;
};

} // namespace baton::core
