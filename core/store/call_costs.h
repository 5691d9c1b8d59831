// SPDX-License-Identifier: MIT
#pragma once
/// The run's calls as the workbench's cost views read them (cost per call, cost per item by
/// role): only strategy, item, role, status, cost and cache hit are read, and each call is handed
/// to the caller as it is read, to be folded: opening a 1M-call run neither reads every call's
/// hashes, reasons and errors nor holds a million Call records.

#include "model/call.h"
#include "store/sqlite_db.h"

#include <functional>
#include <optional>
#include <stop_token>
#include <string>

namespace baton::core {

/// Calls `visit` with each call of the run in logged order; every other field of the Call is left
/// at its default, and the Call is reused for the next row (copy what outlives the visit). When
/// `stop` is requested the read ends early with an Internal error "stopped" (a window closing meanwhile).
/// With `strategy`, only that strategy's calls are visited (a borrowed baseline's, in its run).
Status forEachCallCost(SqliteDb& db, int64_t runId, const std::function<void(const Call&)>& visit,
                       std::stop_token stop = {}, const std::optional<std::string>& strategy = std::nullopt);

} // namespace baton::core
