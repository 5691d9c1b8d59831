// SPDX-License-Identifier: MIT
#include "strategies/moa_strategy.h"
#include "eval/answer_extraction.h"
#include "prompts/role_prompts.h"
#include "strategies/cascade_strategy.h"
#include "strategies/settings_reader.h"

#include <map>

namespace baton::core {
namespace {

std::string majority(const std::vector<std::string>& replies) {
    std::map<std::string, int> votes;
    std::string best;
    int bestVotes = 0;
    for (const auto& r : replies) {
        std::string answer = finalAnswerOf(r);
        if (++votes[normalizeAnswer(answer)] > bestVotes) bestVotes = votes[normalizeAnswer(answer)], best = answer;
    }
    return best;
}

} // namespace

StrategyKind MoaStrategy::kind() {
    StrategyKind k;
    k.name = "moa";
    k.description = "Mixture-of-Agents: layers of proposers refine each other's answers, an aggregator synthesizes.";
    k.settingsTemplate = {{"layers", 1}, {"proposers", nlohmann::json::array()}, {"aggregator", ""}};
    k.modelFields = {"proposers", "aggregator"};
    k.read = [](const StrategySource& source) -> std::optional<StrategyPlan> {
        SettingsReader s(source);
        s.known({"layers", "proposers", "aggregator"});
        auto layers = s.integer("layers", 1, kMaxLayers, 1);
        auto proposers = s.models("proposers", JsonReader::Need::Required);
        const ModelSpec* aggregator = s.model("aggregator", JsonReader::Need::Required);
        if (!s.ok()) return std::nullopt;
        CallPlan calls;
        for (int64_t layer = 0; layer < *layers; ++layer)
            calls.always.insert(calls.always.end(), proposers.begin(), proposers.end());
        calls.always.push_back(aggregator);
        return StrategyPlan{std::move(calls),
                            [layers = int(*layers), proposers, aggregator](const StrategyDeps&)
                                -> Result<std::unique_ptr<Strategy>> {
                                return std::make_unique<MoaStrategy>(layers, proposers, *aggregator);
                            }};
    };
    return k;
}

Async<StrategyResult> MoaStrategy::answer(StrategyContext& ctx) {
    const TaskItem& item = ctx.item();
    std::vector<std::string> previous;
    for (int layer = 1; layer <= m_layers; ++layer) {
        std::vector<Message> messages = item.messages;
        if (!previous.empty())
            messages = {{"user", renderPrompt(PromptRole::Aggregate, {{"question", item.prompt()},
                                                                      {"candidates", renderCandidates(previous)}})}};
        std::vector<Async<ModelCallResult>> calls;
        for (size_t j = 0; j < m_proposers.size(); ++j) {
            Reason reason{"layer " + std::to_string(layer) + " proposer" +
                              (previous.empty() ? "" : ", sees the previous layer's answers"),
                          std::nullopt, std::nullopt};
            calls.push_back(ctx.ask(*m_proposers[j], messages, CallRole::Propose,
                                    std::to_string(layer) + "." + std::to_string(j), "agg", std::move(reason)));
        }
        auto proposing = whenAll(std::move(calls));
        std::vector<ModelCallResult> results = co_await proposing;
        std::vector<std::string> answers;
        for (const auto& r : results) {
            if (r.error == CallError::Budget || r.error == CallError::CallCap || r.error == CallError::Cancelled) {
                StrategyResult stopped = fromFailedCall(r);
                co_return stopped;
            }
            if (r.ok()) answers.push_back(r.text);
        }
        if (answers.empty()) {
            StrategyResult none{"", false,
                                "every proposer of layer " + std::to_string(layer) +
                                    " failed: " + results.front().errorText};
            co_return none;
        }
        previous = std::move(answers);
    }
    std::vector<Message> synthesize = {
        {"user", renderPrompt(PromptRole::Aggregate,
                              {{"question", item.prompt()}, {"candidates", renderCandidates(previous)}})}};
    Reason reason{"aggregator synthesizes " + std::to_string(previous.size()) + " answers", std::nullopt, std::nullopt};
    auto aggregating = ctx.ask(*m_aggregator, std::move(synthesize), CallRole::Aggregate, "agg", "", std::move(reason));
    ModelCallResult aggregated = co_await aggregating;
    StrategyResult result;
    if (aggregated.ok() && markedAnswer(aggregated.text)) {
        result = {aggregated.text, false, ""};
    } else if (aggregated.error == CallError::Budget || aggregated.error == CallError::Cancelled ||
               aggregated.error == CallError::CallCap) {
        result = fromFailedCall(aggregated);
    } else {
        // Documented fallback: the last layer's majority answer.
        std::string why =
            aggregated.ok() ? "aggregator reply has no final answer" : "aggregator failed: " + aggregated.errorText;
        ctx.annotate("agg", Reason{why + "; fell back to the proposers' majority", std::nullopt, std::nullopt});
        result = {"The answer is " + majority(previous) + ".", false, ""};
    }
    co_return result;
}

} // namespace baton::core
