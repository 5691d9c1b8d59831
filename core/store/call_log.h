// SPDX-License-Identifier: MIT
#pragma once
/// The decision log: runs and their calls, written through the StoreWriter, read back whole.

#include "model/call.h"
#include "model/run.h"
#include "store/sqlite_db.h"
#include "store/store_writer.h"

#include <vector>

namespace baton::core {

/// Inserts `run` (its id is ignored) and returns the new id.
Result<int64_t> insertRun(SqliteDb& db, const Run& run);
/// The same on the writer's thread, waiting until it is committed.
Result<int64_t> insertRun(StoreWriter& writer, const Run& run);
/// Errors: a duplicate (run, item, strategy, node, attempt) is refused by the UNIQUE constraint.
Status insertCall(SqliteDb& db, const Call& call);
/// Rewrites the reason of a node's last attempt with the decision taken after it returned.
Status updateLastCallReason(SqliteDb& db, int64_t runId, const std::string& item, const std::string& strategy,
                            const std::string& node, const Reason& reason);
/// Narrows loadCalls to one strategy and/or one item (served by the calls_by_item index).
struct CallFilter {
    std::optional<std::string> strategy;
    std::optional<std::string> itemId;
};
/// The run's calls in logged order.
Result<std::vector<Call>> loadCalls(SqliteDb& db, int64_t runId, const CallFilter& filter = {});

} // namespace baton::core
