// SPDX-License-Identifier: MIT
#pragma once
/// CallGroup: a run's calls folded by what a report counts (strategy, role, status, finish
/// reason, cache hit, cost known or not) with their count, known cost and tokens. The workspace
/// keeps them as calls are logged (table call_totals), so a report reads a few rows per run
/// whatever its number of calls.

#include "model/call.h"
#include "store/sqlite_db.h"

#include <vector>

namespace baton::core {

struct CallGroup {
    std::string strategy;
    CallRole role = CallRole::Answer;
    CallStatus status = CallStatus::Pending;
    std::string finishReason;
    bool cacheHit = false;
    bool costKnown = true;
    int64_t calls = 0;
    Money cost;         ///< the sum of the known costs (0 when !costKnown)
    int64_t tokens = 0; ///< input + cached input + cache write + output + reasoning
    bool operator==(const CallGroup&) const = default;
};

/// The same folding of calls held in memory (borrowed baselines, tests), ordered as loadCallGroups.
std::vector<CallGroup> groupCalls(const std::vector<Call>& calls);
/// The run's calls as folded when they were logged. Errors: the database's.
Result<std::vector<CallGroup>> loadCallGroups(SqliteDb& db, int64_t runId);

} // namespace baton::core
