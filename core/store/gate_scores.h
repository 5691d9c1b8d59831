// SPDX-License-Identifier: MIT
#pragma once
/// The gate and judge scores a run computed: every answer node whose decision carried a score
/// (a cascade stage's judge, agreement or format score), read back so that the run's outcome
/// matrix holds them and a cascade can be replayed from it offline.

#include "store/sqlite_db.h"

#include <string>
#include <vector>

namespace baton::core {

struct GateScore {
    std::string itemId, strategy, model, nodeId;
    double score = 0;
    double threshold = 0; ///< NaN when the decision named none
};

/// The last attempt of every answer node of `runId` with a logged score, in logged order.
/// Errors: the database's, as read.
Result<std::vector<GateScore>> loadGateScores(SqliteDb& db, int64_t runId);

} // namespace baton::core
