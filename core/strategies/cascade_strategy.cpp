// SPDX-License-Identifier: MIT
#include "strategies/cascade_strategy.h"
#include "eval/answer_extraction.h"
#include "prompts/role_prompts.h"
#include "strategies/settings_reader.h"
#include "util/json_text.h"

#include <set>

namespace baton::core {

std::string finalAnswerOf(const std::string& reply) {
    auto marked = markedAnswer(reply);
    std::string s = marked ? *marked : reply;
    size_t b = s.find_first_not_of(" \t\r\n"), e = s.find_last_not_of(" \t\r\n");
    return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

std::optional<double> judgeScore(const std::string& reply) {
    size_t open = reply.find('{'), close = reply.rfind('}');
    if (open == std::string::npos || close == std::string::npos || close < open) return std::nullopt;
    auto doc = parseJsonOrDiscarded(std::string_view(reply).substr(open, close - open + 1));
    if (!doc.is_object() || !doc.contains("correct") || !doc["correct"].is_boolean()) return std::nullopt;
    double confidence =
        doc.value("confidence", nlohmann::json(0.5)).is_number() ? doc["confidence"].get<double>() : 0.5;
    confidence = std::clamp(confidence, 0.0, 1.0);
    return doc["correct"].get<bool>() ? confidence : 1 - confidence;
}

namespace {

std::optional<CascadeStrategy::Settings> readCascade(SettingsReader& s) {
    s.known({"chain", "scorer", "judge", "thresholds"});
    CascadeStrategy::Settings c;
    c.chain = s.models("chain", JsonReader::Need::Required);
    std::set<std::string> seen;
    if (s.settings().contains("chain") && s.settings()["chain"].is_array())
        for (size_t i = 0; i < s.settings()["chain"].size(); ++i) {
            const auto& name = s.settings()["chain"][i];
            if (name.is_string() && !seen.insert(name.get<std::string>()).second)
                s.error(JsonReader::child(s.at("chain"), i),
                        "\"" + name.get<std::string>() + "\" appears twice in the chain (a cycle)");
        }
    auto scorer = s.oneOf("scorer", {"judge", "agreement", "format"}, "judge");
    if (scorer)
        c.scorer = *scorer == "judge" ? CascadeScorer::Judge
                   : *scorer == "agreement" ? CascadeScorer::Agreement
                                            : CascadeScorer::Format;
    if (scorer && c.scorer == CascadeScorer::Judge) c.judge = s.model("judge", JsonReader::Need::Required);
    const nlohmann::json& settings = s.settings();
    const nlohmann::json& stages = settings.contains("chain") ? settings["chain"] : nlohmann::json::array();
    size_t gates = stages.is_array() && !stages.empty() ? stages.size() - 1 : 0;
    if (c.chain.empty()) {
        // no chain, no stages to gate: the chain's problem is reported
    } else if (!settings.contains("thresholds") || !settings["thresholds"].is_array() ||
               settings["thresholds"].size() != gates) {
        s.error(s.at("thresholds"), "give one threshold in [0, 1] per stage but the last (" + std::to_string(gates) + ")");
    } else {
        for (size_t i = 0; i < gates; ++i) {
            const auto& t = settings["thresholds"][i];
            if (!t.is_number() || !(t.get<double>() >= 0 && t.get<double>() <= 1))
                s.error(JsonReader::child(s.at("thresholds"), i),
                        "must be a number in [0, 1], got " + JsonReader::describe(t));
            else
                c.thresholds.push_back(t.get<double>());
        }
    }
    if (!s.ok()) return std::nullopt;
    return c;
}

} // namespace

StrategyKind CascadeStrategy::kind() {
    StrategyKind k;
    k.name = "cascade";
    k.description = "Cheap to expensive; a scorer (judge, agreement, format) gates each escalation (FrugalGPT).";
    k.settingsTemplate = {{"chain", nlohmann::json::array()}, {"scorer", "judge"}, {"judge", ""},
                          {"thresholds", nlohmann::json::array()}};
    k.modelFields = {"chain", "judge"};
    k.choiceFields = {{"scorer", {"judge", "agreement", "format"}}};
    k.read = [](const StrategySource& source) -> std::optional<StrategyPlan> {
        SettingsReader s(source);
        auto c = readCascade(s);
        if (!c) return std::nullopt;
        CallPlan calls;
        calls.always = {c->chain.front()};
        calls.sometimes.assign(c->chain.begin() + 1, c->chain.end());
        for (size_t k = 0; k + 1 < c->chain.size(); ++k) // each gate: a judge call or a second sample
            if (c->scorer == CascadeScorer::Judge)
                calls.sometimes.push_back(c->judge);
            else if (c->scorer == CascadeScorer::Agreement)
                calls.sometimes.push_back(c->chain[k]);
        return StrategyPlan{std::move(calls), [c = *c](const StrategyDeps&) -> Result<std::unique_ptr<Strategy>> {
                                return std::make_unique<CascadeStrategy>(c);
                            }};
    };
    return k;
}

Async<StrategyResult> CascadeStrategy::answer(StrategyContext& ctx) {
    const TaskItem& item = ctx.item();
    StrategyResult result;
    std::string parent;
    for (size_t k = 0; k < m_chain.size(); ++k) {
        const ModelSpec& model = *m_chain[k];
        std::string node = std::to_string(k);
        bool last = k + 1 == m_chain.size();
        Reason reason{k == 0 ? "first stage of the cascade" : "escalated from stage " + std::to_string(k - 1),
                      std::nullopt, std::nullopt};
        auto asking = ctx.ask(model, item.messages, CallRole::Answer, node, parent, std::move(reason));
        ModelCallResult call = co_await asking;
        if (!call.ok()) {
            result = fromFailedCall(call);
            // An earlier stage's answer is better than none when a later one fails on an error.
            if (!result.incomplete && !result.answer.empty()) result.error.clear();
            break;
        }
        result = {call.text, false, ""};
        if (last) break;

        std::optional<double> score; // unknown when the scorer could not tell: escalate, and log none
        std::string why;
        if (m_scorer == CascadeScorer::Format) {
            score = markedAnswer(call.text) ? 1.0 : 0.0;
            why = *score > 0 ? "the reply states a final answer" : "no readable final answer";
        } else if (m_scorer == CascadeScorer::Agreement) {
            std::vector<Message> again = item.messages;
            Reason sampleWhy{"second sample to test agreement", std::nullopt, std::nullopt};
            auto sampling =
                ctx.ask(model, std::move(again), CallRole::Answer, node + ".s", node, std::move(sampleWhy), 1);
            ModelCallResult other = co_await sampling;
            if (!other.ok()) {
                if (other.error == CallError::Budget || other.error == CallError::Cancelled) {
                    result.incomplete = true;
                    break;
                }
                why = "second sample failed: " + other.errorText;
            } else {
                score =
                    normalizeAnswer(finalAnswerOf(other.text)) == normalizeAnswer(finalAnswerOf(call.text)) ? 1.0 : 0.0;
                why = *score > 0 ? "two samples agree" : "two samples disagree";
            }
        } else {
            std::string prompt = renderPrompt(PromptRole::Judge, {{"question", item.prompt()}, {"answer", call.text}});
            Reason judgeWhy{"judge stage " + node + " with " + m_judge->name, std::nullopt, std::nullopt};
            std::vector<Message> messages = {{"user", prompt}};
            auto judging =
                ctx.ask(*m_judge, std::move(messages), CallRole::Judge, node + ".s", node, std::move(judgeWhy));
            ModelCallResult verdict = co_await judging;
            if (!verdict.ok()) {
                if (verdict.error == CallError::Budget || verdict.error == CallError::Cancelled) {
                    result.incomplete = true;
                    break;
                }
                why = "judge call failed (" + verdict.errorText + "); escalating";
            } else if (auto s = judgeScore(verdict.text)) {
                score = *s;
                why = "judge says P(correct) = " + std::to_string(*score).substr(0, 4);
            } else {
                why = "judge reply unreadable; escalating";
            }
        }
        bool stop = score && *score >= m_thresholds[k];
        ctx.annotate(node, Reason{why + (stop ? ": accepted" : ": escalating"), score, m_thresholds[k]});
        if (stop) break;
        parent = node;
    }
    co_return result;
}

} // namespace baton::core
