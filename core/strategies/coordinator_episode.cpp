// SPDX-License-Identifier: MIT
#include "strategies/coordinator_episode.h"
#include "eval/answer_extraction.h"
#include "prompts/role_prompts.h"
#include "util/json_text.h"

#include <algorithm>
#include <cstdio>
#include <map>

namespace baton::core {
namespace {

struct Subtask {
    std::string id, instruction, model;
    std::vector<std::string> uses;
};

struct Plan {
    std::vector<Subtask> subtasks;
    bool verify = false;
};

/// The planner's JSON (the first '{' to the last '}'), or nullopt when it cannot be read.
std::optional<Plan> readPlan(const std::string& reply) {
    size_t open = reply.find('{'), close = reply.rfind('}');
    if (open == std::string::npos || close == std::string::npos || close < open) return std::nullopt;
    auto doc = parseJsonOrDiscarded(std::string_view(reply).substr(open, close - open + 1));
    if (!doc.is_object() || !doc.contains("subtasks") || !doc["subtasks"].is_array() || doc["subtasks"].empty())
        return std::nullopt;
    Plan plan;
    plan.verify = doc.value("verify", nlohmann::json(false)).is_boolean() && doc["verify"].get<bool>();
    for (const auto& s : doc["subtasks"]) {
        if (!s.is_object()) return std::nullopt;
        Subtask t;
        t.id = s.value("id", nlohmann::json("")).is_string() ? s["id"].get<std::string>() : "";
        t.instruction =
            s.value("instruction", nlohmann::json("")).is_string() ? s["instruction"].get<std::string>() : "";
        t.model = s.value("model", nlohmann::json("")).is_string() ? s["model"].get<std::string>() : "";
        if (s.contains("uses") && s["uses"].is_array())
            for (const auto& u : s["uses"])
                if (u.is_string()) t.uses.push_back(u.get<std::string>());
        if (t.id.empty() || t.instruction.empty()) return std::nullopt;
        plan.subtasks.push_back(std::move(t));
    }
    return plan;
}

bool stopped(const ModelCallResult& r) {
    return r.error == CallError::Budget || r.error == CallError::CallCap || r.error == CallError::Cancelled;
}

std::string fmt(double p) {
    char b[16];
    std::snprintf(b, sizeof b, "%.2f", p);
    return b;
}

/// One episode's running state and the calls it makes.
class Episode {
public:
    Episode(const EpisodeSettings& s, const TaskItem& item, CoordinatorCalls& calls)
        : m_s(s), m_item(item), m_calls(calls) {
        if (s.policy) m_features = s.policy->features(item.prompt(), item.category);
    }

    Async<EpisodeResult> run() {
        if (m_s.policy) {
            auto turns = policyTurns();
            co_await turns;
        } else {
            auto planned = plannerDecides();
            co_await planned;
        }
        m_result.answer = m_answer;
        if (m_answer.empty() && !m_result.incomplete && m_result.error.empty())
            m_result.error = m_lastError.empty() ? "the coordinator ended without an answer"
                                                 : "the coordinator ended without an answer: " + m_lastError;
        co_return m_result;
    }

private:
    Async<int> policyTurns() {
        const CoordinatorPolicy& policy = *m_s.policy;
        for (int turn = 1; !m_over; ++turn) {
            m_turn = turn - 1;
            auto pick = pickAction(stateNow(0), [&](const CoordinatorAction& a) { return allowed(a); });
            if (!pick) break;
            CoordinatorAction a = pick->action();
            std::string node = "t" + std::to_string(turn);
            m_result.steps.push_back({a, pick->probability(), a.kind == ActionKind::Stop ? m_lastNode : node});
            Reason why{"turn " + std::to_string(turn) + ": " + pick->text(policy), pick->probability(), std::nullopt};
            if (a.kind == ActionKind::Stop) {
                if (!m_lastNode.empty()) {
                    const Reason& before = m_reasons[m_lastNode];
                    annotate(m_lastNode, Reason{before.text + "; then " + why.text, before.score, std::nullopt});
                }
                break;
            }
            const ModelSpec& model = *m_s.models[size_t(a.model)];
            auto acting = act(a.kind, model, node, std::move(why));
            co_await acting;
        }
        co_return 0;
    }

    /// The policy's choice among the actions a filter lets through: their softmax and its argmax
    /// (ties to the first listed).
    struct Pick {
        std::vector<CoordinatorAction> actions;
        std::vector<double> p;
        size_t best = 0;

        const CoordinatorAction& action() const { return actions[best]; }
        double probability() const { return p[best]; }
        /// "plan(sim/pro) (P=0.41); others: verify(sim/flash) 0.22, stop 0.10" (the three next).
        std::string text(const CoordinatorPolicy& policy) const {
            std::vector<size_t> order;
            for (size_t i = 0; i < p.size(); ++i)
                if (i != best) order.push_back(i);
            std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return p[a] > p[b]; });
            std::string out = policy.label(action()) + " (P=" + fmt(probability()) + ")";
            for (size_t k = 0; k < order.size() && k < 3; ++k)
                out += (k ? ", " : "; others: ") + policy.label(actions[order[k]]) + " " + fmt(p[order[k]]);
            return out;
        }
    };

    /// What the policy sees now: at depth 0 the episode's turn; deeper, a planned sub-task about
    /// to be answered or planned again (no answer, verdict or plan of its own yet) in its plan's turn.
    TurnState stateNow(int depth) const {
        const CoordinatorPolicy& policy = *m_s.policy;
        TurnState state;
        state.calls = m_result.calls;
        state.maxCalls = m_s.maxCalls;
        state.costOverReference = policy.costReferenceUsd > 0 ? m_result.costUsd / policy.costReferenceUsd : 0;
        state.depth = depth;
        state.turn = m_turn;
        if (depth == 0) {
            state.hasAnswer = !m_answer.empty();
            state.verdict = m_verdict;
            state.planned = m_planned;
            state.planFailed = m_planFailed;
        }
        return state;
    }

    /// nullopt when the filter lets no action through.
    template <typename Filter> std::optional<Pick> pickAction(const TurnState& state, Filter keep) const {
        Pick pick;
        std::vector<double> logits;
        for (const auto& [a, logit] : m_s.policy->logits(m_features, state))
            if (keep(a)) pick.actions.push_back(a), logits.push_back(logit);
        if (pick.actions.empty()) return std::nullopt;
        pick.p = softmax(logits);
        pick.best = size_t(std::max_element(pick.p.begin(), pick.p.end()) - pick.p.begin());
        return pick;
    }

    bool allowed(const CoordinatorAction& a) const {
        int left = m_s.maxCalls - m_result.calls;
        switch (a.kind) {
        case ActionKind::Answer:
            return left >= 1;
        case ActionKind::Plan:
            return !m_planned && !m_planFailed && left >= 2;
        case ActionKind::Verify:
            return !m_answer.empty() && m_verdict == 0 && left >= 1;
        case ActionKind::Synthesize:
            return m_outputs.size() >= 2 && !m_synthesized && left >= 1;
        case ActionKind::Stop:
            return !m_answer.empty();
        }
        return false;
    }

    Async<int> act(ActionKind kind, const ModelSpec& model, std::string node, Reason why) {
        switch (kind) {
        case ActionKind::Answer: {
            auto answering = ask(model, m_item.messages, CallRole::Answer, node, m_lastNode, why);
            ModelCallResult r = co_await answering;
            if (r.ok()) setAnswer(node, r.text), m_outputs.push_back({node, r.text});
            break;
        }
        case ActionKind::Plan: {
            auto planning = planAndCarryOut(model, node, why);
            co_await planning;
            break;
        }
        case ActionKind::Verify: {
            auto verifying = verify(model, node, m_lastNode, why);
            co_await verifying;
            break;
        }
        case ActionKind::Synthesize: {
            auto combining = synthesize(model, node, why);
            co_await combining;
            break;
        }
        case ActionKind::Stop:
            break;
        }
        co_return 0;
    }

    // Coroutine parameters are taken by value: a reference to a caller's temporary would dangle.
    Async<ModelCallResult> ask(const ModelSpec& model, std::vector<Message> messages, CallRole role, std::string node,
                               std::string parent, Reason why) {
        ++m_result.calls;
        m_reasons[node] = why;
        auto asking = m_calls.ask(model, std::move(messages), role, node, parent, std::move(why));
        ModelCallResult r = co_await asking;
        if (r.cost) {
            // Summed exactly in pico-dollars, as the call log sums them.
            m_cost += *r.cost;
            m_result.costUsd = m_cost.usd();
        } else if (r.error == CallError::None || r.attempts > 0)
            m_result.costUnknown = true;
        if (stopped(r))
            m_result.incomplete = true, m_over = true, m_result.error = r.errorText;
        else if (!r.ok() && m_lastError.empty())
            m_lastError = r.errorText;
        if (r.ok()) m_lastNode = node;
        co_return r;
    }

    void annotate(const std::string& node, Reason reason) {
        m_calls.annotate(node, reason);
        m_reasons[node] = std::move(reason);
    }

    void setAnswer(const std::string& node, const std::string& text) {
        m_answer = text, m_verdict = 0;
        m_answerNode = node;
    }

    /// A turn's plan (depth 0): carried out, it becomes the answer so far.
    Async<int> planAndCarryOut(const ModelSpec& planner, std::string node, Reason why) {
        auto planning = carryOutPlan(planner, node, m_lastNode, why, 0, "", "");
        PlanOutcome o = co_await planning;
        if (!o.asked) co_return 0;
        if (!o.read) {
            m_planFailed = true;
            co_return 0;
        }
        m_planned = true;
        m_planVerify = o.verify;
        if (!o.last.empty()) setAnswer(node, o.last);
        m_result.decomposed = o.decomposed;
        m_lastNode = node;
        co_return 0;
    }

    struct PlanOutcome {
        bool asked = false;      ///< the planner answered
        bool read = false;       ///< its plan could be read
        bool verify = false;     ///< the plan asks for a check
        bool decomposed = false; ///< two or more of its sub-tasks gave an output
        std::string last;        ///< the last sub-task's output: the plan's result
    };

    /// Asks `planner` for a plan at `depth` (0: the item's; 1: a sub-task's, `step` being its
    /// instruction and `inherited` the outputs it may see) and carries out its sub-tasks as nodes
    /// "<node>.<id>". Each sub-task is re-routed as the policy prefers and, below the policy's
    /// depth limit, may be planned again (its node is then the nested plan's).
    Async<PlanOutcome> carryOutPlan(const ModelSpec& planner, std::string node, std::string parent, Reason why,
                                    int depth, std::string step, std::string inherited) {
        PlanOutcome out;
        std::string names;
        for (const ModelSpec* m : m_s.models)
            names += (names.empty() ? "" : ", ") + m->name;
        // A nested plan quotes the item's question (the simulator finds its item by it) and the step.
        std::string question = m_item.prompt();
        if (!step.empty()) question += "\n\nPlan only this step of a larger plan: " + step;
        std::vector<Message> messages = {
            {"user", renderPrompt(PromptRole::Plan, {{"models", names}, {"question", question}})}};
        auto planning = ask(planner, std::move(messages), CallRole::Plan, node, parent, why);
        ModelCallResult r = co_await planning;
        if (!r.ok()) co_return out;
        out.asked = true;
        auto plan = readPlan(r.text);
        if (!plan) {
            annotate(node, Reason{why.text + "; the plan could not be read", why.score, std::nullopt});
            co_return out;
        }
        out.read = true;
        out.verify = plan->verify;
        bool reroute = m_s.policy && m_s.policy->reroutes(m_features);
        int preferred = m_s.policy ? m_s.policy->preferredModel(m_features) : -1;
        annotate(node, Reason{why.text + "; plan: " + std::to_string(plan->subtasks.size()) + " sub-task(s)" +
                                  (reroute ? ", re-routed to " + m_s.models[size_t(preferred)]->name : ""),
                              why.score, std::nullopt});
        std::map<std::string, std::string> done;
        for (const auto& t : plan->subtasks) {
            if (m_result.calls >= m_s.maxCalls) break;
            const ModelSpec* model = nullptr;
            for (const ModelSpec* m : m_s.models)
                if (m->name == t.model) model = m;
            std::string decided = model ? "the plan's choice" : "the plan named no pool model; the planner takes it";
            if (!model) model = &planner;
            if (reroute && preferred >= 0 && m_s.models[size_t(preferred)] != model) {
                decided = "re-routed by the policy from " + model->name;
                model = m_s.models[size_t(preferred)];
            }
            std::string context = inherited;
            for (const auto& u : t.uses)
                if (done.count(u)) context += "[" + u + "] " + done[u] + "\n";
            std::string stepNode = node + "." + t.id;
            std::optional<std::string> text;
            if (auto again = planAgain(depth + 1)) {
                ++m_result.nestedPlans;
                Reason nestedWhy{"sub-task " + t.id + " (depth " + std::to_string(depth + 1) + "): " + again->text,
                                 again->probability, std::nullopt};
                auto nested = carryOutPlan(*m_s.models[size_t(again->action.model)], stepNode, node, nestedWhy,
                                           depth + 1, t.instruction, context);
                PlanOutcome o = co_await nested;
                if (m_over) co_return out;
                if (!o.last.empty()) text = o.last;
            } else {
                std::vector<Message> stepMessages = {
                    {"user", renderPrompt(PromptRole::Subtask, {{"question", m_item.prompt()},
                                                                {"instruction", t.instruction},
                                                                {"context", context}})}};
                auto stepping =
                    ask(*model, std::move(stepMessages), CallRole::Answer, stepNode, node,
                        Reason{"sub-task " + t.id + ": " + decided + m_notPlannedAgain, std::nullopt, std::nullopt});
                ModelCallResult s = co_await stepping;
                if (m_over) co_return out;
                if (s.ok()) text = s.text;
            }
            if (!text) continue;
            done[t.id] = *text, out.last = *text;
            if (depth == 0) m_outputs.push_back({t.id, *text});
        }
        out.decomposed = done.size() >= 2;
        co_return out;
    }

    struct Choice {
        CoordinatorAction action;
        double probability = 0;
        std::string text; ///< "plan(sim/pro) (P=0.41); others: ..."
    };

    /// Whether the policy plans a sub-task at `depth` again: its softmax over answer(m) and
    /// plan(p) in the sub-task's state (no answer yet, the depth), a plan winning. Not offered at
    /// the policy's depth limit, nor with fewer than two calls left (a plan and one sub-task).
    /// When not chosen, m_notPlannedAgain says with which probability it was not.
    std::optional<Choice> planAgain(int depth) {
        m_notPlannedAgain.clear();
        if (!m_s.policy || depth >= m_s.policy->maxDepth || m_s.maxCalls - m_result.calls < 2) return std::nullopt;
        auto pick = pickAction(stateNow(depth), [](const CoordinatorAction& a) {
            return a.kind == ActionKind::Answer || a.kind == ActionKind::Plan;
        });
        if (!pick) return std::nullopt;
        if (pick->action().kind != ActionKind::Plan) {
            double plan = 0;
            for (size_t i = 0; i < pick->p.size(); ++i)
                if (pick->actions[i].kind == ActionKind::Plan) plan += pick->p[i];
            m_notPlannedAgain = "; not planned again (P(plan)=" + fmt(plan) + ")";
            return std::nullopt;
        }
        return Choice{pick->action(), pick->probability(), pick->text(*m_s.policy)};
    }

    Async<int> verify(const ModelSpec& verifier, std::string node, std::string parent, Reason why) {
        std::vector<Message> messages = {
            {"user", renderPrompt(PromptRole::Verify, {{"question", m_item.prompt()}, {"answer", m_answer}})}};
        auto verifying = ask(verifier, std::move(messages), CallRole::Verify, node, parent, why);
        ModelCallResult r = co_await verifying;
        if (!r.ok()) co_return 0;
        std::string first = r.text.substr(0, r.text.find('\n'));
        m_verdict = first.find("VERDICT: PASS") != std::string::npos   ? 1
                    : first.find("VERDICT: FAIL") != std::string::npos ? -1
                                                                       : 0;
        std::string read = m_verdict > 0 ? "PASS" : m_verdict < 0 ? "FAIL" : "unreadable";
        if (m_verdict == 0) m_verdict = -1; // an unreadable check is no pass, and is not asked again
        annotate(node, Reason{why.text + "; verdict " + read, why.score, std::nullopt});
        co_return 0;
    }

    Async<int> synthesize(const ModelSpec& model, std::string node, Reason why) {
        std::string context;
        for (const auto& [id, text] : m_outputs)
            context += "[" + id + "] " + text + "\n";
        std::vector<Message> messages = {
            {"user", renderPrompt(PromptRole::Synthesize, {{"question", m_item.prompt()}, {"context", context}})}};
        auto combining = ask(model, std::move(messages), CallRole::Synthesize, node, m_lastNode, why);
        ModelCallResult r = co_await combining;
        m_synthesized = true;
        if (r.ok()) setAnswer(node, r.text);
        co_return 0;
    }

    /// Conductor without training: the planner's plan as it is, its verify flag obeyed, a
    /// decomposed plan synthesized by the planner; an unreadable plan: the planner answers.
    Async<int> plannerDecides() {
        const ModelSpec& planner = *m_s.planner;
        auto planning = planAndCarryOut(
            planner, "t1", Reason{"planner-decides: " + planner.name + " plans", std::nullopt, std::nullopt});
        co_await planning;
        if (m_over) co_return 0;
        if (m_answer.empty() && m_result.calls < m_s.maxCalls) {
            auto answering =
                ask(planner, m_item.messages, CallRole::Answer, "t2", m_lastNode,
                    Reason{"planner-decides: no usable plan; the planner answers", std::nullopt, std::nullopt});
            ModelCallResult r = co_await answering;
            if (r.ok()) setAnswer("t2", r.text);
            co_return 0;
        }
        if (m_outputs.size() >= 2 && m_result.calls < m_s.maxCalls) {
            auto combining = synthesize(planner, "t2",
                                        Reason{"planner-decides: the plan was decomposed; the planner "
                                               "synthesizes",
                                               std::nullopt, std::nullopt});
            co_await combining;
        }
        if (m_planVerify && !m_over && !m_answer.empty() && m_result.calls < m_s.maxCalls) {
            auto verifying = verify(planner, "t3", m_lastNode,
                                    Reason{"planner-decides: the plan asks for a check", std::nullopt, std::nullopt});
            co_await verifying;
        }
        co_return 0;
    }

    const EpisodeSettings& m_s;
    const TaskItem& m_item;
    CoordinatorCalls& m_calls;
    ItemFeatures m_features;
    EpisodeResult m_result;
    Money m_cost; ///< known costs so far, exact
    std::string m_answer, m_answerNode, m_lastNode, m_lastError;
    std::map<std::string, Reason> m_reasons; ///< node -> the reason logged for it
    std::vector<std::pair<std::string, std::string>> m_outputs;
    std::string m_notPlannedAgain; ///< the last planAgain's refusal, for the sub-task's reason
    int m_verdict = 0;
    int m_turn = 0; ///< the turn under way, from 0
    bool m_planned = false, m_planFailed = false, m_planVerify = false, m_synthesized = false, m_over = false;
};

} // namespace

Async<EpisodeResult> runEpisode(const EpisodeSettings& settings, const TaskItem& item, CoordinatorCalls& calls) {
    auto episode = std::make_unique<Episode>(settings, item, calls);
    auto running = episode->run();
    EpisodeResult result = co_await running;
    if (result.answer.empty() && !result.incomplete && result.error.empty()) result.error = "no answer";
    co_return result;
}

} // namespace baton::core
