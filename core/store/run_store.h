// SPDX-License-Identifier: MIT
#pragma once
/// Runs and outcomes in the workspace: the run's reproducible snapshot and status, each job's
/// outcome.

#include "model/run.h"
#include "store/sqlite_db.h"

#include <optional>
#include <vector>

namespace baton::core {

Status insertOutcome(SqliteDb& db, const Outcome& outcome);
Status updateRunStatus(SqliteDb& db, int64_t runId, RunStatus status);
/// Says why the run stopped before its end ("cancelled: the workbench was closed during the run").
Status recordStopReason(SqliteDb& db, int64_t runId, const std::string& reason);
/// Replaces a run's stored settings (a resume that changes the cap stores the new one).
Status updateRunSettings(SqliteDb& db, int64_t runId, const nlohmann::json& settings);
/// Errors: NotFound naming the run.
Result<Run> loadRun(SqliteDb& db, int64_t runId);
/// The first run whose settings say it was imported from the bundle `identity` (kImportedFromBundle).
Result<std::optional<int64_t>> findRunImportedFrom(SqliteDb& db, const std::string& identity);
Result<std::vector<Run>> listRuns(SqliteDb& db);
/// The run's outcomes by strategy and item; without `answers` their answer texts are left empty
/// (a report needs grades, costs and latencies only).
Result<std::vector<Outcome>> loadOutcomes(SqliteDb& db, int64_t runId, bool answers = true);
/// The strategies (baselines included) with an outcome in the run, in the key's order (as bytes):
/// one look in the key's index per strategy, not a read of every outcome.
Result<std::vector<std::string>> loadOutcomeStrategies(SqliteDb& db, int64_t runId);
/// The outcomes of one strategy of the run by item, answer texts left empty: that strategy's rows
/// only, through the key's index (what the Inspector lists of one strategy).
Result<std::vector<Outcome>> loadStrategyOutcomes(SqliteDb& db, int64_t runId, const std::string& strategy);
/// One job's outcome with its answer text; nullopt when the run has none for it.
Result<std::optional<Outcome>> loadOutcome(SqliteDb& db, int64_t runId, const std::string& strategy,
                                           const std::string& item);

} // namespace baton::core
