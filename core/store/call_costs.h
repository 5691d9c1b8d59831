// SPDX-License-Identifier: MIT
#pragma once
/// The run's calls as the workbench's cost views read them (cost per call, cost per item by
/// role): only strategy, item, role, status, cost and cache hit are read and filled, so opening a
/// 1M-call run does not read every call's hashes, reasons and errors.

#include "model/call.h"
#include "store/sqlite_db.h"

#include <stop_token>
#include <vector>

namespace baton::core {

/// In logged order; every other field of each Call is left at its default. When `stop` is
/// requested the read ends early with an Internal error "stopped" (a window closing meanwhile).
Result<std::vector<Call>> loadCallCosts(SqliteDb& db, int64_t runId, std::stop_token stop = {});

} // namespace baton::core
