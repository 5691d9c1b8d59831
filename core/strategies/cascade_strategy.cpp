#include "strategies/cascade_strategy.h"
#include "eval/answer_extraction.h"
#include "prompts/role_prompts.h"

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
    auto doc = nlohmann::json::parse(reply.substr(open, close - open + 1), nullptr, false);
    if (!doc.is_object() || !doc.contains("correct") || !doc["correct"].is_boolean()) return std::nullopt;
    double confidence =
        doc.value("confidence", nlohmann::json(0.5)).is_number() ? doc["confidence"].get<double>() : 0.5;
    confidence = std::clamp(confidence, 0.0, 1.0);
    return doc["correct"].get<bool>() ? confidence : 1 - confidence;
}

Result<std::unique_ptr<Strategy>> CascadeStrategy::create(const Pool& pool, const std::string& name,
                                                          const nlohmann::json& s) {
    auto c = std::make_unique<CascadeStrategy>();
    std::string where = "strategy \"" + name + "\"";
    const auto& chain = s.value("chain", nlohmann::json::array());
    if (!chain.is_array() || chain.empty())
        return fail(ErrorKind::BadInput, where + ": \"chain\" must list at least one model");
    std::set<std::string> seen;
    for (const auto& m : chain) {
        const ModelSpec* spec = m.is_string() ? pool.findModel(m.get<std::string>()) : nullptr;
        if (!spec) return fail(ErrorKind::BadInput, where + ": chain model " + m.dump() + " is not in the pool");
        if (!seen.insert(spec->name).second)
            return fail(ErrorKind::BadInput, where + ": \"" + spec->name + "\" appears twice in the chain (a cycle)");
        c->m_chain.push_back(spec);
    }
    std::string scorer = s.value("scorer", "judge");
    if (scorer == "judge")
        c->m_scorer = CascadeScorer::Judge;
    else if (scorer == "agreement")
        c->m_scorer = CascadeScorer::Agreement;
    else if (scorer == "format")
        c->m_scorer = CascadeScorer::Format;
    else
        return fail(ErrorKind::BadInput, where + ": \"scorer\" must be judge, agreement or format");
    if (c->m_scorer == CascadeScorer::Judge) {
        auto judge = s.value("judge", nlohmann::json());
        c->m_judge = judge.is_string() ? pool.findModel(judge.get<std::string>()) : nullptr;
        if (!c->m_judge) return fail(ErrorKind::BadInput, where + ": a judge scorer needs \"judge\": \"<pool model>\"");
    }
    const auto& thresholds = s.value("thresholds", nlohmann::json::array());
    if (!thresholds.is_array() || thresholds.size() != c->m_chain.size() - 1)
        return fail(ErrorKind::BadInput, where + ": give one threshold per stage but the last (" +
                                             std::to_string(c->m_chain.size() - 1) + ")");
    for (const auto& t : thresholds) {
        if (!t.is_number() || t.get<double>() < 0 || t.get<double>() > 1)
            return fail(ErrorKind::BadInput, where + ": threshold " + t.dump() + " is out of range [0, 1]");
        c->m_thresholds.push_back(t.get<double>());
    }
    return std::unique_ptr<Strategy>(std::move(c));
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

        double score = 0;
        std::string why;
        if (m_scorer == CascadeScorer::Format) {
            score = markedAnswer(call.text) ? 1.0 : 0.0;
            why = score > 0 ? "the reply states a final answer" : "no readable final answer";
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
                why = score > 0 ? "two samples agree" : "two samples disagree";
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
                why = "judge says P(correct) = " + std::to_string(score).substr(0, 4);
            } else {
                why = "judge reply unreadable; escalating";
            }
        }
        bool stop = score >= m_thresholds[k];
        ctx.annotate(node, Reason{why + (stop ? ": accepted" : ": escalating"), score, m_thresholds[k]});
        if (stop) break;
        parent = node;
    }
    co_return result;
}

} // namespace baton::core
