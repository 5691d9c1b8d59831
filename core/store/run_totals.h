// SPDX-License-Identifier: MIT
#pragma once
/// RunTotals: what each run of a workspace spent and logged, for the run history (read from the
/// totals kept as calls are logged, not from the calls). Errors: the database's, as Result.

#include "model/money.h"
#include "store/sqlite_db.h"

#include <map>

namespace baton::core {

struct RunTotals {
    Money spent;                  ///< known costs of every call not answered from the cache
    int64_t calls = 0;
    int64_t unknownCostCalls = 0; ///< so "spent" is a lower bound when not 0
    int64_t cachedCalls = 0;
};

/// Per run id; runs with no call are absent.
Result<std::map<int64_t, RunTotals>> loadRunTotals(SqliteDb& db);

} // namespace baton::core
