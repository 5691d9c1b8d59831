// SPDX-License-Identifier: MIT
#include "store/call_costs.h"

namespace baton::core {

Result<std::vector<Call>> loadCallCosts(SqliteDb& db, int64_t runId, std::stop_token stop) {
    auto stmt = db.prepare(
        "SELECT item_id, strategy, role, status, cost_pico, cache_hit FROM calls WHERE run_id = ? ORDER BY id");
    if (!stmt) return std::unexpected(stmt.error());
    stmt->bind(1, runId);
    std::vector<Call> calls;
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
