// SPDX-License-Identifier: MIT
#pragma once
/// The run engine: jobs of (item x strategy), every pool model also as a baseline, executed on
/// the HTTP event loop with global and per-model concurrency limits, a budget guard, the
/// response cache, progress, cancel and resume. Every call and every outcome goes to the
/// workspace database as it happens.

#include "model/pool.h"
#include "model/task_set.h"
#include "pricing/price_book.h"
#include "run/run_settings.h"
#include "store/prior_jobs.h"
#include "store/store_writer.h"

#include <functional>
#include <map>
#include <stop_token>

namespace baton::core {

using ProgressFn = std::function<void(const RunProgress&)>;

struct RunInputs {
    StoreWriter& writer;
    SqliteDb& reader; ///< a read connection of the same workspace (cache lookups, resume)
    const PriceBook& prices;
};

/// Checks that can fail before anything is spent: strategies, keys, prices under a cap, and a
/// cap that cannot pay for even one call. Errors: BadInput listing every problem.
Status preflight(const Pool& pool, const TaskSet& tasks, const RunSettings& settings, const RunEnvironment& env,
                 const PriceBook& prices, SqliteDb* labelsFrom = nullptr);

/// Cost range of a run before it starts, from token estimates (low: prompts plus short answers;
/// expected: prompts plus a quarter of the output allowance; high: every call's worst case).
/// Jobs in `cached` (strategy or baseline name, item id) are counted as answered from the
/// response cache: nothing spent (see estimateWithCache). `notAnswering`: per strategy, a model
/// it calls but never routes an answer to (a router's embedder, known only from the workspace),
/// left out of its one-of choice.
RunEstimate estimateRun(const Pool& pool, const TaskSet& tasks, const RunSettings& settings, const PriceBook& prices,
                        const std::set<JobKey>& cached = {},
                        const std::map<std::string, std::string>& notAnswering = {});

/// Starts a new run. The task set must already be in the workspace (its hash is recorded).
Result<RunSummary> startRun(RunInputs inputs, const Pool& pool, const TaskSet& tasks, const RunSettings& settings,
                            const RunEnvironment& env, std::stop_token stop, ProgressFn progress);

/// Continues an interrupted run: jobs with a final outcome are skipped, and calls that finished
/// are reused from the log instead of being sent again. `maxCost` may raise the cap.
Result<RunSummary> resumeRun(RunInputs inputs, int64_t runId, std::optional<Money> maxCost, const RunEnvironment& env,
                             std::stop_token stop, ProgressFn progress);

} // namespace baton::core
