#include "strategies/single_strategy.h"

namespace baton::core {

Async<StrategyResult> SingleStrategy::answer(StrategyContext& ctx) {
    Reason reason{"single model: " + m_model.name, std::nullopt, std::nullopt};
    auto asking = ctx.ask(m_model, ctx.item().messages, CallRole::Answer, "0", "", std::move(reason));
    ModelCallResult call = co_await asking;
    StrategyResult result = call.ok() ? StrategyResult{call.text, false, ""} : fromFailedCall(call);
    co_return result;
}

} // namespace baton::core
