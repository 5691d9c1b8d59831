// SPDX-License-Identifier: MIT
#include "store/call_costs.h"
#include "store/run_rows.h"

namespace baton::core {

Result<std::vector<Call>> loadCallCosts(SqliteDb& db, int64_t runId, std::stop_token stop) {
    // The run's calls lie within its ids' range, read in one pass in id order (0.5 s for 1M calls
    // in the sqlite3 CLI); through the (run, strategy, item) index every call was looked up in
    // the table and the rows then sorted by id (2.9 s).
    ReadSnapshot snapshot(db);
    if (!snapshot.begun()) return std::unexpected(snapshot.begun().error());
    auto where = findRunRows(db, "calls", "id", runId);
    if (!where) return std::unexpected(where.error());
    std::vector<Call> calls;
    if (where->count == 0) return calls;
    calls.reserve(size_t(where->count));
    auto stmt = db.prepare("SELECT c.item_id, c.strategy, c.role, c.status, c.cost_pico, c.cache_hit FROM " +
                           where->table("calls", "c") + " WHERE " + where->where("c", "id") + " ORDER BY c.id");
    if (!stmt) return std::unexpected(stmt.error());
    stmt->bind(1, runId);
    Result<bool> row;
    while ((row = stmt->step()) && *row) {
        if (calls.size() % 4096 == 0 && stop.stop_requested())
            return std::unexpected(Error{ErrorKind::Internal, "stopped", {}});
        Call c;
        c.runId = runId;
        c.itemId = stmt->columnText(0);
        c.strategy = stmt->columnText(1);
        c.role = callRoleFromString(stmt->columnText(2)).value_or(CallRole::Answer);
        c.status = callStatusFromString(stmt->columnText(3)).value_or(CallStatus::Error);
        if (auto pico = stmt->columnOptInt(4)) c.cost = Money{*pico};
        c.cacheHit = stmt->columnInt(5) != 0;
        calls.push_back(std::move(c));
    }
    if (!row) return std::unexpected(row.error());
    return calls;
}

} // namespace baton::core
