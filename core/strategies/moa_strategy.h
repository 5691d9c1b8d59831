#pragma once
/// `moa` (Mixture-of-Agents, Wang et al. 2024): L layers of proposers answer side by side; from
/// the second layer on, each proposer also sees the previous layer's answers (aggregate
/// template); an aggregator then synthesizes the last layer's answers. If the aggregator's
/// reply has no readable final answer, the majority answer of the last layer is used and the
/// reason says so. Tree: the aggregator is the root "agg"; proposer j of layer l is "l.j"
/// under it.
///
///   {"kind": "moa", "layers": 2, "proposers": ["sim/nano", "sim/mini", "sim/flash"], "aggregator": "sim/pro"}

#include "run/strategy.h"

namespace baton::core {

class MoaStrategy : public Strategy {
public:
    static Result<std::unique_ptr<Strategy>> create(const Pool& pool, const std::string& name,
                                                    const nlohmann::json& settings);
    Async<StrategyResult> answer(StrategyContext& ctx) override;

private:
    int m_layers = 1;
    std::vector<const ModelSpec*> m_proposers;
    const ModelSpec* m_aggregator = nullptr;
};

} // namespace baton::core
