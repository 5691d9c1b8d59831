// SPDX-License-Identifier: MIT
#include "store/prior_calls.h"
#include "store/call_texts.h"

namespace baton::core {

std::string nodeKey(const std::string& item, const std::string& strategy, const std::string& node) {
    return item + '\x1f' + strategy + '\x1f' + node;
}

Result<PriorLog> loadPriorCalls(SqliteDb& db, int64_t runId) {
    PriorLog prior;
    auto attempts = db.prepare("SELECT item_id, strategy, node_id, MAX(attempt) FROM calls WHERE run_id = ? "
                               "GROUP BY item_id, strategy, node_id");
    if (!attempts) return std::unexpected(attempts.error());
    attempts->bind(1, runId);
    Result<bool> row;
    while ((row = attempts->step()) && *row)
        prior.lastAttempt[nodeKey(attempts->columnText(0), attempts->columnText(1),
                                               attempts->columnText(2))] = int(attempts->columnOptInt(3).value_or(0));
    if (!row) return std::unexpected(row.error());

    if (auto spent = db.prepare("SELECT COALESCE(SUM(cost_pico), 0) FROM calls WHERE run_id = ?"); !spent) {
        return std::unexpected(spent.error());
    } else {
        spent->bind(1, runId);
        if (auto r = spent->step(); !r) return std::unexpected(r.error());
        prior.spent = Money{spent->columnOptInt(0).value_or(0)};
    }

    auto stmt = db.prepare(
        "SELECT c.item_id, c.strategy, c.node_id, t.body, c.input_tokens, c.cached_input_tokens, "
        "c.cache_write_tokens, c.output_tokens, c.reasoning_tokens, c.cost_pico, c.latency_ms, c.response_hash "
        "FROM calls c LEFT JOIN texts t ON t.hash = c.response_hash WHERE c.run_id = ? AND c.status = 'ok' ORDER BY c.id");
    if (!stmt) return std::unexpected(stmt.error());
    stmt->bind(1, runId);
    while ((row = stmt->step()) && *row) {
        PriorCall p;
        // Logged before schema 13 the response is in `texts`, since then in the call texts. A call
        // whose response is in neither is not finished: it is sent again.
        if (!stmt->columnIsNull(3)) {
            p.text = stmt->columnText(3);
        } else {
            auto text = findCallText(db, stmt->columnText(11));
            if (!text) return std::unexpected(text.error());
            if (!*text) continue;
            p.text = std::move(**text);
        }
        p.usage = {stmt->columnOptInt(4), stmt->columnOptInt(5), stmt->columnOptInt(6), stmt->columnOptInt(7),
                   stmt->columnOptInt(8)};
        if (auto c = stmt->columnOptInt(9)) p.cost = Money{*c};
        p.latencyMs = stmt->columnOptDouble(10).value_or(0);
        prior.finished[nodeKey(stmt->columnText(0), stmt->columnText(1), stmt->columnText(2))] =
            std::move(p);
    }
    if (!row) return std::unexpected(row.error());
    return prior;
}

} // namespace baton::core
