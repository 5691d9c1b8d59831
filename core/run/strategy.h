// SPDX-License-Identifier: MIT
#pragma once
/// Strategy: how one item is answered with the pool, written as straight-line code that
/// co_awaits model calls. Each call is a node of the item's routing tree, with a role, a parent
/// and the reason it was made.

#include "model/pool.h"
#include "run/model_caller.h"

#include <memory>
#include <string>

namespace baton::core {

struct StrategyResult {
    std::string answer;
    bool incomplete = false; ///< stopped by the budget or a cancel: not wrong, unfinished
    std::string error;       ///< why the item could not be answered, when it could not
};

/// What a strategy may use while answering one item.
class StrategyContext {
public:
    StrategyContext(ModelCaller& caller, const Pool& pool, std::string strategyName, const TaskItem& item)
        : m_caller(caller), m_pool(pool), m_strategy(std::move(strategyName)), m_item(item) {}

    /// Asks `model` with `messages` as routing-tree node `nodeId` under `parentNodeId`;
    /// `sample` picks another sample of the same request (its "seed").
    Async<ModelCallResult> ask(const ModelSpec& model, std::vector<Message> messages, CallRole role, std::string nodeId,
                              std::string parentNodeId, Reason reason, int64_t sample = 0);
    /// The embedding of `text` by `model`'s embeddings endpoint, as routing-tree node `nodeId`
    /// (role Embed): from the workspace's embedding cache, or an embeddings call of the run
    /// (budgeted, retried, logged with its cost like any call). The vector is in `embedding`.
    Async<ModelCallResult> embed(const ModelSpec& model, std::string text, std::string nodeId, std::string parentNodeId,
                                Reason reason);
    /// The embedder identity `model`'s vectors have in this run, before any call (see ModelCaller).
    std::string embedderIdentity(const ModelSpec& model) const { return m_caller.embedderIdentity(model); }
    /// Records the decision taken on a node after its call (a gate's score against its threshold).
    void annotate(const std::string& nodeId, const Reason& reason);

    const Pool& pool() const { return m_pool; }
    const TaskItem& item() const { return m_item; }
    int calls() const { return m_calls; }
    std::optional<Money> cost() const { return m_cost; }
    double latencyMs() const { return m_latencyMs; }

private:
    Async<ModelCallResult> send(CallRequest request);

    ModelCaller& m_caller;
    const Pool& m_pool;
    std::string m_strategy;
    const TaskItem& m_item;
    int m_calls = 0;
    std::optional<Money> m_cost = Money{0};
    double m_latencyMs = 0;
};

class Strategy {
public:
    virtual ~Strategy() = default;
    virtual Async<StrategyResult> answer(StrategyContext& ctx) = 0;
    /// Settings to record in the run's snapshot so that a resume rebuilds this very strategy
    /// (e.g. the run whose outcomes it learnt from).
    virtual nlohmann::json pinnedSettings() const { return nlohmann::json::object(); }
};

/// The result a failed call leaves for the item: incomplete for budget and cancel, else an error.
StrategyResult fromFailedCall(const ModelCallResult& call);

} // namespace baton::core
