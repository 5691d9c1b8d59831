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
Result<RunEstimate> estimateWithCache(SqliteDb& db, const Pool& pool, const TaskSet& tasks,
                                      const RunSettings& settings, const PriceBook& prices);

} // namespace baton::core
