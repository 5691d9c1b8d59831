// SPDX-License-Identifier: MIT
#pragma once
/// RolloutEvaluator: plays coordinator episodes on many items at once on one event loop and
/// scores them (reward = grade - lambda x cost / reference). Calls go through a memo, so a
/// request asked before (same item, model, role, messages) is answered from memory and costs
/// nothing; only new requests reach the ModelCaller, which logs them under the training run with
/// their cost, checks the workspace's response cache first, and reserves each one's worst case
/// against the training budget, so the cap is never exceeded.

#include "engine/run_engine.h"
#include "net/http_event_loop.h"
#include "run/model_caller.h"
#include "strategies/coordinator_episode.h"

#include <map>
#include <memory>
#include <stop_token>

namespace baton::core {

/// What a policy does per category: how many items it planned, verified, synthesized, answered
/// directly (first action an answer), planned a sub-task again, and which models answered first.
struct BehaviourShares {
    int items = 0, plan = 0, verify = 0, synthesize = 0, direct = 0, decomposed = 0;
    int nested = 0; ///< items with a sub-task planned again
    std::map<std::string, int> firstModel;
};

struct RolloutFigures {
    int items = 0;
    double reward = 0, accuracy = 0, costPerItem = 0, callsPerItem = 0;
    bool incomplete = false; ///< some call was refused by the budget or cancelled
    int costUnknownItems = 0; ///< items with a call of unknown cost: costPerItem is then a lower bound
    std::map<std::string, BehaviourShares> byCategory;
    nlohmann::json toJson() const;
};

class RolloutEvaluator {
public:
    /// Calls are logged under run `runId`; `cap` is the training budget; at most `perModel` calls
    /// are in flight per model (as a run's --per-model).
    RolloutEvaluator(RunInputs inputs, const TaskSet& tasks, const RunEnvironment& env, int64_t runId,
                     std::optional<Money> cap, uint64_t seed, int perModel, std::stop_token stop);
    ~RolloutEvaluator();

    /// Plays `settings` on every item (concurrently) and scores it. Blocks until done.
    RolloutFigures evaluate(const EpisodeSettings& settings, const std::vector<const TaskItem*>& items, double lambda,
                            double costReferenceUsd);
    /// Plays every candidate on every item, all at once on the one event loop (a request two of
    /// them ask is sent once), and scores each. Blocks until done.
    std::vector<RolloutFigures> evaluate(const std::vector<EpisodeSettings>& candidates,
                                         const std::vector<const TaskItem*>& items, double lambda,
                                         double costReferenceUsd);

    Money spent() const { return m_budget.spent(); }
    int64_t httpRequests() const { return m_caller->httpRequests(); }
    int64_t asked() const { return m_asked; }
    int64_t memoHits() const { return m_hits; }
    /// Waits for every write. Errors: the workspace's.
    Status flush() { return m_logger.flush(); }

    struct Memo;

private:
    RolloutFigures score(const EpisodeSettings& settings, const std::vector<const TaskItem*>& items,
                         const std::vector<EpisodeResult>& results, double lambda, double costReferenceUsd);

    const TaskSet& m_tasks;
    std::stop_source m_stop;
    std::stop_callback<std::function<void()>> m_external;
    CallLogger m_logger;
    BudgetGuard m_budget;
    std::unique_ptr<ResponseCache> m_cache;
    std::unique_ptr<ModelCaller> m_caller;
    std::unique_ptr<Memo> m_memo;
    std::map<std::string, double> m_grades; ///< item + answer -> grade
    int64_t m_asked = 0, m_hits = 0;
    HttpEventLoop m_loop; // declared last: joined first, while everything it may call still lives
};

} // namespace baton::core
