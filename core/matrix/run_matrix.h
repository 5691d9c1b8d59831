// SPDX-License-Identifier: MIT
#pragma once
/// The outcome matrix of a Baton run: every baseline (a strategy named after a pool model) as a
/// model column, with grade, cost (unknown stays unknown), latency and answer per item, and every
/// gate score the run's cascades computed on those answers as scorer values ("judge:MODEL",
/// "agreement", "format"), so a cascade replays offline from the run.

#include "matrix/outcome_matrix.h"
#include "store/sqlite_db.h"

namespace baton::core {

/// The matrix is named "run N". Errors: NotFound for an unknown run or one without baseline
/// outcomes (run the baselines).
Result<OutcomeMatrix> matrixFromRun(SqliteDb& db, int64_t runId);

} // namespace baton::core
