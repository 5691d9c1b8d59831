#pragma once
/// `single`: one model answers the item as asked. Every pool model also runs as a baseline
/// through this strategy. Decision rule: none; the reason logged is "single model".

#include "run/strategy.h"

namespace baton::core {

class SingleStrategy : public Strategy {
public:
    explicit SingleStrategy(const ModelSpec& model) : m_model(model) {}
    Async<StrategyResult> answer(StrategyContext& ctx) override;

private:
    const ModelSpec& m_model;
};

} // namespace baton::core
