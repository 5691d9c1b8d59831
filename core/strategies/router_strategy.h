// SPDX-License-Identifier: MIT
#pragma once
/// `router`: a trained router from the workspace (`baton-cli router train`) answers each item with
/// the model of highest P(correct) - lambda x expected cost. lambda is given, or met from a target
/// on the validation curve the router was saved with, or the one chosen at training. The models
/// routed over (`models`, default the whole pool) must be exactly the router's. The run pins the
/// router's version into its snapshot; each call's reason gives P(correct), the expected cost and
/// the score of every model, lambda, and why the winner won.
///
/// A router trained on embeddings (`router train --features embeddings --embedder M`) first asks
/// the embedder model M of the pool for the embedding of the item's prompt: a node of role
/// "embed" (from the workspace's embedding cache, or a budgeted, logged call of the run), the
/// routed call its child. A pool without M is refused, naming it; "models" defaults to the pool's
/// models without M when the router does not route to M.
///
///   {"kind": "router", "router": "demo-router@2", "lambda": 20}
///   {"kind": "router", "router": "demo-router", "target": {"cost_per_item": 0.0005}}

#include "learn/router_target.h"
#include "strategies/strategy_kind.h"

namespace baton::core {

class RouterStrategy : public Strategy {
public:
    /// `models` in the router's order; `embedder` the pool's model of the router's embedder (null
    /// for TF-IDF features).
    RouterStrategy(std::vector<const ModelSpec*> models, RouterArtifact router, double lambda, std::string lambdaFrom,
                   const ModelSpec* embedder = nullptr);
    static StrategyKind kind();
    nlohmann::json pinnedSettings() const override { return {{"router", m_router.selector()}}; }
    Async<StrategyResult> answer(StrategyContext& ctx) override;

    /// The choice for an item and the reason logged with it.
    struct Decision {
        const ModelSpec* model = nullptr;
        RouterModel::Choice choice;
        std::string reason;
    };
    /// `embedding`: the item's prompt's vector, for a router on embedding features.
    Decision decide(const TaskItem& item, const std::vector<float>* embedding = nullptr) const;
    double lambda() const { return m_lambda; }

private:
    std::vector<const ModelSpec*> m_models;
    RouterArtifact m_router;
    double m_lambda = 0;
    std::string m_lambdaFrom;
    const ModelSpec* m_embedder = nullptr;
};

/// Why `pool`'s models (names) and the router's differ, or "" when they are the same set.
std::string modelDifference(const std::vector<std::string>& routerModels, const std::vector<std::string>& poolModels);

/// The strategy that puts saved router `selector` (trained on `routerModels`) at `lambda` into
/// `pool`: {"router", "lambda"}, plus "models" when the pool has more models than the router.
/// Errors: BadInput naming the router's models the pool lacks (and what to do).
Result<StrategyConfig> routerStrategyFor(const Pool& pool, const std::string& selector,
                                         const std::vector<std::string>& routerModels, double lambda);

} // namespace baton::core
