// SPDX-License-Identifier: MIT
#include "store/call_log.h"

namespace baton::core {
namespace {

constexpr const char* kCallColumns =
    "run_id, item_id, strategy, node_id, parent_node_id, role, model, reason_text, reason_score, reason_threshold, "
    "request_hash, response_hash, status, error, attempt, http_status, input_tokens, cached_input_tokens, "
    "cache_write_tokens, output_tokens, reasoning_tokens, cost_pico, billed_cost_pico, cost_estimated, maybe_billed, "
    "ttft_ms, latency_ms, started_at_ms, finished_at_ms, cache_hit, finish_reason";

std::optional<int64_t> pico(const std::optional<Money>& m) {
    return m ? std::optional<int64_t>(m->pico) : std::nullopt;
}

/// Binds parameters in order: bind(a)(b)(c) binds ?1, ?2, ?3.
struct ColumnBinder {
    Statement& stmt;
    int index = 0;
    template <class T> ColumnBinder& operator()(const T& value) {
        stmt.bind(++index, value);
        return *this;
    }
};

std::optional<Money> money(const std::optional<int64_t>& v) {
    return v ? std::optional<Money>(Money{*v}) : std::nullopt;
}

} // namespace

Result<int64_t> insertRun(SqliteDb& db, const Run& run) {
    auto stmt = db.prepare("INSERT INTO runs(created_at_ms, status, pool, price_book, task_set_hash, strategies, seed, "
                           "settings) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    if (!stmt) return std::unexpected(stmt.error());
    stmt->bind(1, run.createdAtMs).bind(2, toString(run.status)).bind(3, run.poolSnapshot.dump());
    stmt->bind(4, run.priceBookSnapshot.dump()).bind(5, run.taskSetHash).bind(6, nlohmann::json(run.strategies).dump());
    stmt->bind(7, static_cast<int64_t>(run.seed)).bind(8, run.settings.dump());
    if (auto ok = stmt->run(); !ok) return std::unexpected(ok.error());
    return db.lastInsertId();
}

Result<int64_t> insertRun(StoreWriter& writer, const Run& run) {
    int64_t runId = 0;
    auto inserted = writer
                        .submit([&](SqliteDb& db) -> Status {
                            auto id = insertRun(db, run);
                            if (!id) return std::unexpected(id.error());
                            runId = *id;
                            return {};
                        })
                        .get();
    if (!inserted) return std::unexpected(inserted.error());
    return runId;
}

Status insertCall(SqliteDb& db, const Call& c) {
    static const std::string sql = std::string("INSERT INTO calls(") + kCallColumns +
                                   ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
    auto stmt = db.cached(sql);
    if (!stmt) return std::unexpected(stmt.error());
    ColumnBinder bind{**stmt};
    bind(c.runId)(c.itemId)(c.strategy)(c.nodeId)(c.parentNodeId)(toString(c.role))(c.model)(c.reason.text);
    bind(c.reason.score)(c.reason.threshold)(c.requestHash)(c.responseHash)(toString(c.status))(c.error);
    bind(int64_t(c.attempt))(c.httpStatus ? std::optional<int64_t>(*c.httpStatus) : std::nullopt);
    bind(c.usage.input)(c.usage.cachedInput)(c.usage.cacheWrite)(c.usage.output)(c.usage.reasoning);
    bind(pico(c.cost))(pico(c.billedCost))(int64_t(c.costEstimated))(int64_t(c.maybeBilled))(c.ttftMs)(c.latencyMs);
    bind(c.startedAtMs)(c.finishedAtMs)(int64_t(c.cacheHit))(c.finishReason);
    return (*stmt)->run();
}

namespace {

Result<std::vector<Call>> readCalls(Result<Statement>& stmt) {
    if (!stmt) return std::unexpected(stmt.error());
    std::vector<Call> calls;
    Result<bool> row;
    while ((row = stmt->step()) && *row) {
        const Statement& s = *stmt;
        Call c;
        int i = 0;
        c.runId = s.columnInt(i++);
        c.itemId = s.columnText(i++);
        c.strategy = s.columnText(i++);
        c.nodeId = s.columnText(i++);
        c.parentNodeId = s.columnText(i++);
        c.role = callRoleFromString(s.columnText(i++)).value_or(CallRole::Answer);
        c.model = s.columnText(i++);
        c.reason.text = s.columnText(i++);
        c.reason.score = s.columnOptDouble(i++);
        c.reason.threshold = s.columnOptDouble(i++);
        c.requestHash = s.columnText(i++);
        c.responseHash = s.columnText(i++);
        c.status = callStatusFromString(s.columnText(i++)).value_or(CallStatus::Error);
        c.error = s.columnText(i++);
        c.attempt = static_cast<int>(s.columnInt(i++));
        auto http = s.columnOptInt(i++);
        c.httpStatus = http ? std::optional<int>(static_cast<int>(*http)) : std::nullopt;
        c.usage = {s.columnOptInt(i), s.columnOptInt(i + 1), s.columnOptInt(i + 2), s.columnOptInt(i + 3),
                   s.columnOptInt(i + 4)};
        i += 5;
        c.cost = money(s.columnOptInt(i++));
        c.billedCost = money(s.columnOptInt(i++));
        c.costEstimated = s.columnInt(i++) != 0;
        c.maybeBilled = s.columnInt(i++) != 0;
        c.ttftMs = s.columnOptDouble(i++);
        c.latencyMs = s.columnOptDouble(i++);
        c.startedAtMs = s.columnInt(i++);
        c.finishedAtMs = s.columnInt(i++);
        c.cacheHit = s.columnInt(i++) != 0;
        c.finishReason = s.columnText(i++);
        calls.push_back(std::move(c));
    }
    if (!row) return std::unexpected(row.error());
    return calls;
}

} // namespace

Result<std::vector<Call>> loadCalls(SqliteDb& db, int64_t runId, const CallFilter& filter) {
    std::string sql = std::string("SELECT ") + kCallColumns + " FROM calls WHERE run_id = ?";
    if (filter.strategy) sql += " AND strategy = ?";
    if (filter.itemId) sql += " AND item_id = ?";
    auto stmt = db.prepare(sql + " ORDER BY id");
    if (stmt) {
        int i = 1;
        stmt->bind(i++, runId);
        if (filter.strategy) stmt->bind(i++, *filter.strategy);
        if (filter.itemId) stmt->bind(i++, *filter.itemId);
    }
    return readCalls(stmt);
}

Status updateLastCallReason(SqliteDb& db, int64_t runId, const std::string& item, const std::string& strategy,
                            const std::string& node, const Reason& reason) {
    auto stmt = db.prepare("UPDATE calls SET reason_text = ?, reason_score = ?, reason_threshold = ? WHERE id = "
                           "(SELECT MAX(id) FROM calls WHERE run_id = ? AND item_id = ? AND strategy = ? AND node_id = ?)");
    if (!stmt) return std::unexpected(stmt.error());
    stmt->bind(1, reason.text).bind(2, reason.score).bind(3, reason.threshold).bind(4, runId).bind(5, item);
    return stmt->bind(6, strategy).bind(7, node).run();
}

} // namespace baton::core
