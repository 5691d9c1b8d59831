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
/// Adds to `estimate` the embeddings calls of the run's routers trained on embeddings (read from
/// the workspace: the pool file does not say which routers embed): one per item and router
/// strategy, not for jobs in `cached`; low and expected at the input price x the prompt's estimated
/// tokens, high at the worst case (input price x UTF-8 bytes + 16). Counted as if no vector were
/// cached yet (the estimate knows no simulator identity); a router that cannot be read adds nothing
/// (preflight names it). An unpriced embedder is listed in `unpriced`.
void addEmbeddingCalls(SqliteDb& db, const Pool& pool, const TaskSet& tasks, const RunSettings& settings,
                       const PriceBook& prices, const std::set<JobKey>& cached, RunEstimate& estimate);
/// estimateRun with the cache and the embeddings calls above.
Result<RunEstimate> estimateWithCache(SqliteDb& db, const Pool& pool, const TaskSet& tasks,
                                      const RunSettings& settings, const PriceBook& prices);

} // namespace baton::core
