// SPDX-License-Identifier: MIT
#pragma once
/// What an interrupted run's log already holds, read back for resume: the calls that finished
/// (reused instead of being sent again) and the last attempt number of every node.

#include "model/money.h"
#include "model/token_usage.h"
#include "store/sqlite_db.h"

#include <map>
#include <optional>
#include <string>

namespace baton::core {

/// A finished call of an interrupted run, reused on resume instead of being sent again.
struct PriorCall {
    std::string text;
    TokenUsage usage;
    std::optional<Money> cost;
    double latencyMs = 0;
};

/// Both maps are keyed by nodeKey(item, strategy, node). A new attempt of a cancelled call is
/// numbered after the last one logged.
struct PriorLog {
    std::map<std::string, PriorCall> finished;
    std::map<std::string, int> lastAttempt;
    Money spent; ///< every earlier call of the run with a known cost, counted against its cap
};

/// The key of one routing-tree node of one job.
std::string nodeKey(const std::string& item, const std::string& strategy, const std::string& node);

/// Errors: the database's, as read.
Result<PriorLog> loadPriorCalls(SqliteDb& db, int64_t runId);

} // namespace baton::core
