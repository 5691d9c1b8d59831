#pragma once
/// Runs and outcomes in the workspace: the run's reproducible snapshot and status, each job's
/// outcome, and the finished calls of an interrupted run (for resume).

#include "model/run.h"
#include "run/model_caller.h"
#include "store/sqlite_db.h"

#include <map>
#include <vector>

namespace baton::core {

Status insertOutcome(SqliteDb& db, const Outcome& outcome);
Status updateRunStatus(SqliteDb& db, int64_t runId, RunStatus status);
/// Replaces a run's stored settings (a resume that changes the cap stores the new one).
Status updateRunSettings(SqliteDb& db, int64_t runId, const nlohmann::json& settings);
/// Errors: NotFound naming the run.
Result<Run> loadRun(SqliteDb& db, int64_t runId);
Result<std::vector<Run>> listRuns(SqliteDb& db);
Result<std::vector<Outcome>> loadOutcomes(SqliteDb& db, int64_t runId);
/// The last successful call of each (item, strategy, node) of the run, keyed by ModelCaller::nodeKey.
Result<PriorLog> loadPriorCalls(SqliteDb& db, int64_t runId);

} // namespace baton::core
