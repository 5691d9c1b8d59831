// SPDX-License-Identifier: MIT
#include "strategies/single_strategy.h"
#include "strategies/settings_reader.h"

namespace baton::core {

StrategyKind SingleStrategy::kind() {
    StrategyKind k;
    k.name = "single";
    k.description = "One model answers every item (every pool model also runs as a baseline).";
    k.settingsTemplate = {{"model", ""}};
    k.modelFields = {"model"};
    k.read = [](const StrategySource& source) -> std::optional<StrategyPlan> {
        SettingsReader s(source);
        s.known({"model"});
        const ModelSpec* model = s.model("model", JsonReader::Need::Required);
        if (!s.ok()) return std::nullopt;
        return StrategyPlan{{{model}, {}, {}},
                            [model](const StrategyDeps&) -> Result<std::unique_ptr<Strategy>> {
                                return std::make_unique<SingleStrategy>(*model);
                            }};
    };
    return k;
}

Async<StrategyResult> SingleStrategy::answer(StrategyContext& ctx) {
    Reason reason{"single model: " + m_model.name, std::nullopt, std::nullopt};
    auto asking = ctx.ask(m_model, ctx.item().messages, CallRole::Answer, "0", "", std::move(reason));
    ModelCallResult call = co_await asking;
    StrategyResult result = call.ok() ? StrategyResult{call.text, false, ""} : fromFailedCall(call);
    co_return result;
}

} // namespace baton::core
