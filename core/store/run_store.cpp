// SPDX-License-Identifier: MIT
#include "store/run_store.h"
#include "store/run_rows.h"
#include "store/text_store.h"

#include <algorithm>
#include <cstdint>

namespace baton::core {
namespace {

std::optional<int64_t> pico(const std::optional<Money>& m) {
    return m ? std::optional<int64_t>(m->pico) : std::nullopt;
}

Run runFrom(const Statement& s) {
    Run r;
    r.id = s.columnInt(0);
    r.createdAtMs = s.columnInt(1);
    r.status = runStatusFromString(s.columnText(2)).value_or(RunStatus::Failed);
    r.poolSnapshot = nlohmann::json::parse(s.columnText(3), nullptr, false);
    r.priceBookSnapshot = nlohmann::json::parse(s.columnText(4), nullptr, false);
    r.taskSetHash = s.columnText(5);
    auto strategies = nlohmann::json::parse(s.columnText(6), nullptr, false);
    if (strategies.is_array())
        for (const auto& name : strategies)
            if (name.is_string()) r.strategies.push_back(name.get<std::string>());
    r.seed = static_cast<uint64_t>(s.columnInt(7));
    r.settings = nlohmann::json::parse(s.columnText(8), nullptr, false);
    r.stopReason = s.columnText(9);
    return r;
}

constexpr const char* kRunColumns =
    "id, created_at_ms, status, pool, price_book, task_set_hash, strategies, seed, settings, stop_reason";

} // namespace

Status insertOutcome(SqliteDb& db, const Outcome& o) {
    auto answer = putText(db, o.answer);
    if (!answer) return std::unexpected(answer.error());
    auto stmt = db.cached("INSERT OR REPLACE INTO outcomes(run_id, item_id, strategy, answer_hash, grade, cost_pico, "
                           "latency_ms, call_count, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!stmt) return std::unexpected(stmt.error());
    (*stmt)->bind(1, o.runId)
        .bind(2, o.itemId)
        .bind(3, o.strategy)
        .bind(4, *answer)
        .bind(5, o.grade)
        .bind(6, pico(o.cost));
    (*stmt)->bind(7, o.latencyMs).bind(8, int64_t(o.callCount)).bind(9, toString(o.status));
    return (*stmt)->run();
}

Status updateRunStatus(SqliteDb& db, int64_t runId, RunStatus status) {
    auto stmt = db.cached("UPDATE runs SET status = ? WHERE id = ?");
    if (!stmt) return std::unexpected(stmt.error());
    return (*stmt)->bind(1, toString(status)).bind(2, runId).run();
}

Status recordStopReason(SqliteDb& db, int64_t runId, const std::string& reason) {
    auto stmt = db.prepare("UPDATE runs SET stop_reason = ? WHERE id = ?");
    if (!stmt) return std::unexpected(stmt.error());
    return stmt->bind(1, reason).bind(2, runId).run();
}

Status updateRunSettings(SqliteDb& db, int64_t runId, const nlohmann::json& settings) {
    auto stmt = db.prepare("UPDATE runs SET settings = ? WHERE id = ?");
    if (!stmt) return std::unexpected(stmt.error());
    return stmt->bind(1, settings.dump()).bind(2, runId).run();
}

Result<Run> loadRun(SqliteDb& db, int64_t runId) {
    auto stmt = db.prepare(std::string("SELECT ") + kRunColumns + " FROM runs WHERE id = ?");
    if (!stmt) return std::unexpected(stmt.error());
    stmt->bind(1, runId);
    auto row = stmt->step();
    if (!row) return std::unexpected(row.error());
    if (!*row)
        return fail(ErrorKind::NotFound, "no run " + std::to_string(runId) + " in " + db.path() +
                                             "; list runs with `baton-cli runs --db " + db.path() + "`");
    return runFrom(*stmt);
}

Result<std::optional<int64_t>> findRunImportedFrom(SqliteDb& db, const std::string& identity) {
    auto stmt = db.prepare(std::string("SELECT id FROM runs WHERE json_valid(settings) AND json_extract(settings, '$.") +
                           kImportedFromBundle + "') = ? ORDER BY id LIMIT 1");
    if (!stmt) return std::unexpected(stmt.error());
    stmt->bind(1, identity);
    auto row = stmt->step();
    if (!row) return std::unexpected(row.error());
    return *row ? std::optional<int64_t>(stmt->columnInt(0)) : std::nullopt;
}

Result<std::vector<Run>> listRuns(SqliteDb& db) {
    auto stmt = db.prepare(std::string("SELECT ") + kRunColumns + " FROM runs ORDER BY id");
    if (!stmt) return std::unexpected(stmt.error());
    std::vector<Run> runs;
    Result<bool> row;
    while ((row = stmt->step()) && *row)
        runs.push_back(runFrom(*stmt));
    if (!row) return std::unexpected(row.error());
    return runs;
}

namespace {

Outcome readOutcome(const Statement& s, int64_t runId) {
    Outcome o;
    o.runId = runId;
    o.itemId = s.columnText(0);
    o.strategy = s.columnText(1);
    o.answer = s.columnText(2);
    o.grade = s.columnOptDouble(3);
    if (auto c = s.columnOptInt(4)) o.cost = Money{*c};
    o.latencyMs = s.columnOptDouble(5);
    o.callCount = int(s.columnInt(6));
    o.status = outcomeStatusFromString(s.columnText(7)).value_or(OutcomeStatus::Failed);
    return o;
}

} // namespace

Result<std::vector<Outcome>> loadOutcomes(SqliteDb& db, int64_t runId, bool answers) {
    // Walking the primary key's index in (strategy, item) order looked up every row in the table
    // (1.3 s for 660k outcomes); a run's rows most often lie together and are read in one pass
    // over their rowids' range (0.13 s, store/run_rows.h), then put in the index's order here.
    ReadSnapshot snapshot(db);
    if (!snapshot.begun()) return std::unexpected(snapshot.begun().error());
    auto where = findRunRows(db, "outcomes", "rowid", runId);
    if (!where) return std::unexpected(where.error());
    std::vector<Outcome> out;
    if (where->count == 0) return out;
    const int64_t count = where->count;
    auto stmt = db.prepare(
        answers ? "SELECT o.item_id, o.strategy, t.body, o.grade, o.cost_pico, o.latency_ms, o.call_count, o.status "
                  "FROM " + where->table("outcomes", "o") + " JOIN texts t ON t.hash = o.answer_hash "
                  "WHERE " + where->where("o", "rowid")
                : "SELECT o.item_id, o.strategy, '', o.grade, o.cost_pico, o.latency_ms, o.call_count, o.status "
                  "FROM " + where->table("outcomes", "o") + " WHERE " + where->where("o", "rowid"));
    if (!stmt) return std::unexpected(stmt.error());
    stmt->bind(1, runId);
    // Rows as read; per strategy (in the order first met: a run has a handful, and its rows cycle
    // through them) the positions of its rows.
    std::vector<Outcome> rows;
    rows.reserve(size_t(count));
    std::vector<std::vector<uint32_t>> byStrategy;
    Result<bool> row;
    size_t at = 0;
    while ((row = stmt->step()) && *row) {
        rows.push_back(readOutcome(*stmt, runId));
        const std::string& strategy = rows.back().strategy;
        if (at >= byStrategy.size() || rows[byStrategy[at].front()].strategy != strategy) {
            at = 0;
            while (at < byStrategy.size() && rows[byStrategy[at].front()].strategy != strategy)
                ++at;
            if (at == byStrategy.size()) byStrategy.emplace_back();
        }
        byStrategy[at].push_back(uint32_t(rows.size() - 1));
        at = at + 1 < byStrategy.size() ? at + 1 : 0; // the next row is most often the next strategy's
    }
    if (!row) return std::unexpected(row.error());
    // The index's order: strategy, then item, both as bytes (SQLite's BINARY collation, as std::string's <).
    const auto itemOf = [&](uint32_t i) -> const std::string& { return rows[i].itemId; };
    std::ranges::sort(byStrategy, {},
                      [&](const std::vector<uint32_t>& v) -> const std::string& { return rows[v.front()].strategy; });
    // Every strategy's rows most often come in the same order of items (one job per item and
    // strategy, logged item by item): the order found for one is reused for the next when it has
    // the same items in the same order, checked item by item.
    std::vector<bool> sameAsBefore(byStrategy.size(), false);
    for (size_t b = 1; b < byStrategy.size(); ++b)
        sameAsBefore[b] = std::ranges::equal(byStrategy[b], byStrategy[b - 1], {}, itemOf, itemOf);
    std::vector<uint32_t> order; // indexes into the strategy's positions, by item
    for (size_t b = 0; b < byStrategy.size(); ++b) {
        auto& positions = byStrategy[b];
        if (!sameAsBefore[b]) {
            order.resize(positions.size());
            for (uint32_t i = 0; i < order.size(); ++i)
                order[i] = i;
            std::ranges::sort(order, {}, [&](uint32_t i) -> const std::string& { return itemOf(positions[i]); });
        }
        std::vector<uint32_t> sorted;
        sorted.reserve(positions.size());
        for (uint32_t i : order)
            sorted.push_back(positions[i]);
        positions = std::move(sorted);
    }
    out.reserve(size_t(count));
    for (const auto& positions : byStrategy)
        for (uint32_t i : positions)
            out.push_back(std::move(rows[i]));
    return out;
}

Result<std::vector<std::string>> loadOutcomeStrategies(SqliteDb& db, int64_t runId) {
    // Each step seeks the next strategy in the (run, strategy, item) index: a handful of looks
    // where DISTINCT walked all 660k keys of a 1M-call run.
    auto stmt =
        db.prepare("WITH RECURSIVE s(name) AS (SELECT MIN(strategy) FROM outcomes WHERE run_id = ?1 "
                   "UNION ALL SELECT (SELECT MIN(strategy) FROM outcomes WHERE run_id = ?1 AND strategy > name) "
                   "FROM s WHERE name IS NOT NULL) SELECT name FROM s WHERE name IS NOT NULL");
    if (!stmt) return std::unexpected(stmt.error());
    stmt->bind(1, runId);
    std::vector<std::string> names;
    Result<bool> row;
    while ((row = stmt->step()) && *row)
        names.push_back(stmt->columnText(0));
    if (!row) return std::unexpected(row.error());
    return names;
}

Result<std::vector<Outcome>> loadStrategyOutcomes(SqliteDb& db, int64_t runId, const std::string& strategy) {
    auto stmt =
        db.prepare("SELECT item_id, strategy, '', grade, cost_pico, latency_ms, call_count, status FROM outcomes "
                   "WHERE run_id = ? AND strategy = ? ORDER BY item_id");
    if (!stmt) return std::unexpected(stmt.error());
    stmt->bind(1, runId).bind(2, strategy);
    std::vector<Outcome> out;
    Result<bool> row;
    while ((row = stmt->step()) && *row)
        out.push_back(readOutcome(*stmt, runId));
    if (!row) return std::unexpected(row.error());
    return out;
}

Result<std::optional<Outcome>> loadOutcome(SqliteDb& db, int64_t runId, const std::string& strategy,
                                           const std::string& item) {
    auto stmt = db.prepare("SELECT o.item_id, o.strategy, t.body, o.grade, o.cost_pico, o.latency_ms, o.call_count, "
                           "o.status FROM outcomes o JOIN texts t ON t.hash = o.answer_hash "
                           "WHERE o.run_id = ? AND o.strategy = ? AND o.item_id = ?");
    if (!stmt) return std::unexpected(stmt.error());
    stmt->bind(1, runId).bind(2, strategy).bind(3, item);
    auto row = stmt->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return std::optional<Outcome>();
    return std::optional(readOutcome(*stmt, runId));
}

} // namespace baton::core
