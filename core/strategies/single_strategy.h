// SPDX-License-Identifier: MIT
#pragma once
/// `single`: one model answers the item as asked. Every pool model also runs as a baseline
/// through this strategy. Decision rule: none; the reason logged is "single model".
///
///   {"kind": "single", "model": "sim/pro"}

#include "strategies/strategy_kind.h"

namespace baton::core {

class SingleStrategy : public Strategy {
public:
    explicit SingleStrategy(const ModelSpec& model) : m_model(model) {}
    static StrategyKind kind();
    Async<StrategyResult> answer(StrategyContext& ctx) override;

private:
    const ModelSpec& m_model;
};

} // namespace baton::core
