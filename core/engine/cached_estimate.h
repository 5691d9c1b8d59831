// SPDX-License-Identifier: MIT
#pragma once
/// The one estimate of a run the workbench and CLI show: estimateRun with the jobs that earlier
/// runs on the same task set completed with the same models and the same strategy settings
/// counted as answered from the response cache (same requests, same cache keys: nothing sent).
/// Errors: the database's.

#include "engine/run_engine.h"

namespace baton::core {

/// The jobs of this run that earlier runs answered with identical models and strategy settings.
Result<std::set<JobKey>> jobsAnsweredBefore(SqliteDb& db, const Pool& pool, const TaskSet& tasks,
                                            const RunSettings& settings);
/// A router strategy of the run that routes on embeddings (the pool file does not say which do:
/// the router is read from the workspace).
struct EmbeddingRouterUse {
    std::string strategy;
    const ModelSpec* embedder = nullptr; ///< the pool's model named at training
    std::string identity;                ///< the embedder the router's vectors came from
    bool routesToEmbedder = false;       ///< the router also answers with it
};
/// The run's router strategies on embeddings whose router can be read and whose embedder is in the
/// pool (others add nothing here: preflight names them).
std::vector<EmbeddingRouterUse> embeddingRouters(SqliteDb& db, const Pool& pool, const RunSettings& settings);
/// Adds to `estimate` the embeddings calls of the run's routers trained on embeddings: one per item
/// and router strategy whose prompt has no vector in the workspace's embedding cache for the
/// router's embedder (the run's lookup; vectors of another embedder are refused before any call),
/// not for jobs in `cached`. Low and expected count each such prompt once per embedder (the run
/// embeds a text once) at the input price x its estimated tokens; high every one at its worst
/// case (input price x UTF-8 bytes + 16), as concurrent items may each embed it. An unpriced
/// embedder is listed in `unpriced`.
void addEmbeddingCalls(SqliteDb& db, const Pool& pool, const TaskSet& tasks, const RunSettings& settings,
                       const PriceBook& prices, const std::set<JobKey>& cached, RunEstimate& estimate);
/// estimateRun, with each embedding router's embedder left out of its choice when it does not
/// route to it, plus addEmbeddingCalls.
Result<RunEstimate> estimateWithEmbeddings(SqliteDb& db, const Pool& pool, const TaskSet& tasks,
                                           const RunSettings& settings, const PriceBook& prices,
                                           const std::set<JobKey>& cached = {});
/// estimateRun with the cache and the embeddings calls above.
Result<RunEstimate> estimateWithCache(SqliteDb& db, const Pool& pool, const TaskSet& tasks,
                                      const RunSettings& settings, const PriceBook& prices);

} // namespace baton::core
