#include "strategies/single_strategy.h"

namespace baton::core {

Task<StrategyResult> SingleStrategy::answer(StrategyContext& ctx) {
    ModelCallResult call = co_await ctx.ask(m_model, ctx.item().messages, CallRole::Answer, "0", "",
                                            Reason{"single model: " + m_model.name, std::nullopt, std::nullopt});
    if (!call.ok()) co_return fromFailedCall(call);
    co_return StrategyResult{call.text, false, ""};
}

} // namespace baton::core
