// SPDX-License-Identifier: MIT
#include "store/run_totals.h"

namespace baton::core {

Result<std::map<int64_t, RunTotals>> loadRunTotals(SqliteDb& db) {
    auto stmt = db.prepare("SELECT run_id, COALESCE(SUM(CASE WHEN cache_hit = 0 THEN cost_pico END), 0), SUM(calls), "
                           "SUM(CASE WHEN cost_known = 0 THEN calls ELSE 0 END), "
                           "SUM(CASE WHEN cache_hit = 1 THEN calls ELSE 0 END) FROM call_totals GROUP BY run_id");
    if (!stmt) return std::unexpected(stmt.error());
    std::map<int64_t, RunTotals> totals;
    Result<bool> row;
    while ((row = stmt->step()) && *row) {
        RunTotals& t = totals[stmt->columnOptInt(0).value_or(0)];
        t.spent = Money{stmt->columnOptInt(1).value_or(0)};
        t.calls = stmt->columnOptInt(2).value_or(0);
        t.unknownCostCalls = stmt->columnOptInt(3).value_or(0);
        t.cachedCalls = stmt->columnOptInt(4).value_or(0);
    }
    if (!row) return std::unexpected(row.error());
    return totals;
}

} // namespace baton::core
