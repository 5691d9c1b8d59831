// SPDX-License-Identifier: MIT
#include "training/rollout_evaluator.h"
#include "eval/grader.h"
#include "providers/endpoint.h"
#include "util/sha256.h"

#include <future>
#include <unordered_map>

namespace baton::core {

struct RolloutEvaluator::Memo {
    struct Entry {
        bool done = false;
        ModelCallResult result;
        std::vector<std::function<void(ModelCallResult)>> waiters;
    };
    std::unordered_map<std::string, std::shared_ptr<Entry>> entries;
};

namespace {

/// One episode's calls: answered from the memo, or asked once (concurrent askers of the same
/// request wait for the first).
class RolloutCalls : public CoordinatorCalls {
public:
    RolloutCalls(RolloutEvaluator::Memo& memo, ModelCaller& caller, const TaskItem& item, int64_t& asked, int64_t& hits)
        : m_memo(memo), m_caller(caller), m_item(item), m_asked(asked), m_hits(hits) {}

    Async<ModelCallResult> ask(const ModelSpec& model, std::vector<Message> messages, CallRole role, std::string,
                               std::string, Reason reason) override {
        std::string text = m_item.id + "\x1f" + model.name + "\x1f" + toString(role);
        for (const auto& m : messages)
            text += "\x1f" + m.role + "\x1e" + m.content;
        std::string key = sha256Hex(text);
        ++m_asked;
        std::shared_ptr<RolloutEvaluator::Memo::Entry> entry = m_memo.entries[key];
        if (entry && entry->done) {
            ++m_hits;
            co_return entry->result;
        }
        if (entry) {
            ++m_hits;
            auto waiting = awaitCallback<ModelCallResult>([entry](auto resume) { entry->waiters.push_back(resume); });
            ModelCallResult r = co_await waiting;
            co_return r;
        }
        entry = std::make_shared<RolloutEvaluator::Memo::Entry>();
        m_memo.entries[key] = entry;
        CallRequest request;
        request.model = &model;
        request.spec.messages = std::move(messages);
        request.itemId = m_item.id;
        request.strategy = "coordinator-training";
        request.nodeId = "r" + key.substr(0, 16);
        request.role = role;
        request.reason = Reason{"training rollout: " + reason.text, reason.score, std::nullopt};
        auto calling = m_caller.call(std::move(request));
        ModelCallResult r = co_await calling;
        entry->done = true;
        entry->result = r;
        auto waiters = std::move(entry->waiters);
        for (auto& resume : waiters)
            resume(r);
        co_return r;
    }
    void annotate(const std::string&, const Reason&) override {}

private:
    RolloutEvaluator::Memo& m_memo;
    ModelCaller& m_caller;
    const TaskItem& m_item;
    int64_t& m_asked;
    int64_t& m_hits;
};

Async<EpisodeResult> playOne(const EpisodeSettings& settings, const TaskItem& item, RolloutEvaluator::Memo& memo,
                             ModelCaller& caller, int64_t& asked, int64_t& hits) {
    RolloutCalls calls(memo, caller, item, asked, hits);
    auto episode = runEpisode(settings, item, calls);
    EpisodeResult r = co_await episode;
    co_return r;
}

} // namespace

nlohmann::json RolloutFigures::toJson() const {
    nlohmann::json behaviour = nlohmann::json::object();
    for (const auto& [category, b] : byCategory)
        behaviour[category] = {{"items", b.items},   {"plan", b.plan},
                               {"verify", b.verify}, {"synthesize", b.synthesize},
                               {"direct", b.direct}, {"decomposed", b.decomposed},
                               {"nested", b.nested}, {"first_model", b.firstModel}};
    return {{"items", items},
            {"reward", reward},
            {"accuracy", accuracy},
            {"cost_per_item_usd", costPerItem},
            {"calls_per_item", callsPerItem},
            {"cost_unknown_items", costUnknownItems},
            {"behaviour", behaviour}};
}

RolloutEvaluator::RolloutEvaluator(RunInputs inputs, const TaskSet& tasks, const RunEnvironment& env, int64_t runId,
                                   std::optional<Money> cap, uint64_t seed, int perModel, std::stop_token stop)
    : m_tasks(tasks), m_external(stop, std::function<void()>([this] { m_stop.request_stop(); })),
      m_logger(inputs.writer), m_budget(cap, std::nullopt), m_memo(std::make_unique<Memo>()) {
    m_cache = std::make_unique<ResponseCache>(inputs.reader, m_logger);
    CallerSettings cs;
    cs.runId = runId;
    cs.prices = &inputs.prices;
    cs.resolveKey = env.resolveKey;
    cs.baseUrlFor = [env](const ModelSpec& m) { return baseUrlFor(m, env.simBaseUrl); };
    cs.simIdentity = env.simIdentity;
    cs.seed = seed;
    cs.perModelConcurrency = perModel;
    m_caller = std::make_unique<ModelCaller>(m_loop, m_logger, m_budget, m_cache.get(), cs, m_stop.get_token());
}

RolloutEvaluator::~RolloutEvaluator() = default;

RolloutFigures RolloutEvaluator::evaluate(const EpisodeSettings& settings, const std::vector<const TaskItem*>& items,
                                          double lambda, double costReferenceUsd) {
    return evaluate(std::vector<EpisodeSettings>{settings}, items, lambda, costReferenceUsd).front();
}

std::vector<RolloutFigures> RolloutEvaluator::evaluate(const std::vector<EpisodeSettings>& candidates,
                                                       const std::vector<const TaskItem*>& items, double lambda,
                                                       double costReferenceUsd) {
    std::promise<std::vector<EpisodeResult>> done;
    auto finished = done.get_future();
    m_loop.post([&] {
        std::vector<Async<EpisodeResult>> episodes;
        for (const EpisodeSettings& settings : candidates)
            for (const TaskItem* item : items)
                episodes.push_back(playOne(settings, *item, *m_memo, *m_caller, m_asked, m_hits));
        whenAll(std::move(episodes)).detach([&](std::vector<EpisodeResult> r) { done.set_value(std::move(r)); });
    });
    std::vector<EpisodeResult> results = finished.get();
    std::vector<RolloutFigures> figures;
    for (size_t c = 0; c < candidates.size(); ++c) {
        std::vector<EpisodeResult> mine(std::make_move_iterator(results.begin() + ptrdiff_t(c * items.size())),
                                        std::make_move_iterator(results.begin() + ptrdiff_t((c + 1) * items.size())));
        figures.push_back(score(candidates[c], items, mine, lambda, costReferenceUsd));
    }
    return figures;
}

RolloutFigures RolloutEvaluator::score(const EpisodeSettings& settings, const std::vector<const TaskItem*>& items,
                                       const std::vector<EpisodeResult>& results, double lambda,
                                       double costReferenceUsd) {
    RolloutFigures f;
    f.items = int(items.size());
    for (size_t i = 0; i < items.size(); ++i) {
        const TaskItem& item = *items[i];
        const EpisodeResult& r = results[i];
        if (r.incomplete) f.incomplete = true;
        if (r.costUnknown) ++f.costUnknownItems;
        double g = 0;
        if (!r.answer.empty()) {
            auto key = item.id + "\x1f" + r.answer;
            auto it = m_grades.find(key);
            if (it == m_grades.end())
                it = m_grades.emplace(key, grade(m_tasks.graderFor(item), r.answer, item.references).score).first;
            g = it->second;
        }
        f.accuracy += g;
        f.costPerItem += r.costUsd;
        f.callsPerItem += r.calls;
        f.reward += g - (costReferenceUsd > 0 ? lambda * r.costUsd / costReferenceUsd : 0);
        BehaviourShares& b = f.byCategory[item.category];
        ++b.items;
        bool plan = false, verify = false, synth = false;
        for (const auto& s : r.steps) {
            plan = plan || s.action.kind == ActionKind::Plan;
            verify = verify || s.action.kind == ActionKind::Verify;
            synth = synth || s.action.kind == ActionKind::Synthesize;
        }
        if (!settings.policy) plan = true; // planner-decides always plans
        b.plan += plan, b.verify += verify, b.synthesize += synth, b.decomposed += r.decomposed;
        b.nested += r.nestedPlans > 0;
        if (!r.steps.empty() && r.steps.front().action.kind == ActionKind::Answer) {
            ++b.direct;
            ++b.firstModel[settings.models[size_t(r.steps.front().action.model)]->name];
        }
    }
    if (f.items > 0) {
        double n = f.items;
        f.reward /= n, f.accuracy /= n, f.costPerItem /= n, f.callsPerItem /= n;
    }
    return f;
}

} // namespace baton::core
