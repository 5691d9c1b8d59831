// SPDX-License-Identifier: MIT
#include "store/gate_scores.h"

#include <cmath>

namespace baton::core {

Result<std::vector<GateScore>> loadGateScores(SqliteDb& db, int64_t runId) {
    // The decision is written on a node's last attempt (updateLastCallReason).
    auto stmt = db.prepare(
        "SELECT c.item_id, c.strategy, c.model, c.node_id, c.reason_score, c.reason_threshold FROM calls c "
        "WHERE c.run_id = ? AND c.role = 'answer' AND c.status = 'ok' AND c.reason_score IS NOT NULL "
        "AND c.attempt = (SELECT MAX(attempt) FROM calls d WHERE d.run_id = c.run_id AND d.item_id = c.item_id "
        "AND d.strategy = c.strategy AND d.node_id = c.node_id) ORDER BY c.id");
    if (!stmt) return std::unexpected(stmt.error());
    stmt->bind(1, runId);
    std::vector<GateScore> scores;
    Result<bool> row;
    while ((row = stmt->step()) && *row)
        scores.push_back({stmt->columnText(0), stmt->columnText(1), stmt->columnText(2), stmt->columnText(3),
                          stmt->columnOptDouble(4).value_or(NAN), stmt->columnOptDouble(5).value_or(NAN)});
    if (!row) return std::unexpected(row.error());
    return scores;
}

} // namespace baton::core
