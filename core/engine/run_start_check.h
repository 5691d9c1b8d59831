// SPDX-License-Identifier: MIT
#pragma once
/// What the workbench must know before it starts a run, read in one go (off the GUI thread: on a
/// big workspace the reads take seconds): whether a baseline run has to come first (a strategy
/// that learns from labelled outcomes, and the workspace has none for these models), whether the
/// run may start at all (preflight: strategies, keys, prices under a cap), and the estimate of
/// everything that will run, with the response cache counted.

#include "engine/cached_estimate.h"

namespace baton::core {

struct RunStartCheck {
    Status allowed;              ///< preflight's answer, for everything that will run
    bool baselinesFirst = false; ///< a baseline run must come first; `estimate` covers both runs
    RunEstimate estimate;        ///< with the cache when the workspace could be read, else without
};

/// `settings` as the user chose them; when a baseline run must come first the check and the
/// estimate cover the baselines and the strategies together. `allowed` holds preflight's errors;
/// a workspace that cannot be read for the estimate leaves the estimate without the cache.
RunStartCheck checkRunStart(SqliteDb& db, const Pool& pool, const TaskSet& tasks, const RunSettings& settings,
                            const RunEnvironment& env, const PriceBook& prices);

} // namespace baton::core
