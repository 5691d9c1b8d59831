// SPDX-License-Identifier: MIT
#include "store/response_cache_table.h"
#include "store/call_texts.h"
#include "store/hash_key.h"

#include <sqlite3.h>

namespace baton::core {

std::optional<CachedResponse> findCachedResponse(SqliteDb& db, const std::string& key) {
    // One statement per lookup (a run makes one per job): the answer's text joined from `texts`,
    // where answers cached before schema 13 are, else read from the call texts.
    auto stmt = db.prepare("SELECT c.response_hash, c.usage, c.finish_reason, c.latency_ms, c.ttft_ms, t.body "
                           "FROM response_cache c LEFT JOIN texts t ON t.hash = c.response_hash "
                           "WHERE c.key_id = ? AND c.key = ?");
    if (!stmt) return std::nullopt;
    stmt->bind(1, hashKey(key)).bind(2, key);
    auto row = stmt->step();
    if (!row || !*row) return std::nullopt;
    auto usage = nlohmann::json::parse(stmt->columnText(1), nullptr, false);
    if (!usage.is_object()) return std::nullopt;
    Result<std::optional<std::string>> text = std::optional<std::string>(stmt->columnText(5));
    if (stmt->columnIsNull(5)) text = findCallText(db, stmt->columnText(0));
    if (!text || !*text) return std::nullopt;
    return CachedResponse{std::move(**text), usage.get<TokenUsage>(), stmt->columnText(2), stmt->columnOptDouble(3),
                          stmt->columnOptDouble(4)};
}

Status insertCachedResponse(SqliteDb& db, const std::string& key, const CachedResponse& response, int64_t nowMs) {
    auto hash = putCallText(db, response.text);
    if (!hash) return std::unexpected(hash.error());
    const std::string usage = nlohmann::json(response.usage).dump();
    auto bindRow = [&](Statement& s) -> Statement& {
        return s.bind(1, hashKey(key))
            .bind(2, key)
            .bind(3, *hash)
            .bind(4, usage)
            .bind(5, response.finishReason)
            .bind(6, nowMs)
            .bind(7, response.latencyMs)
            .bind(8, response.ttftMs);
    };
    // The first answer of a key is kept (a key's answer is the same request's, but a repeat may differ).
    auto insert = db.cached("INSERT INTO response_cache(key_id, key, response_hash, usage, finish_reason, "
                            "created_at_ms, latency_ms, ttft_ms) SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8 "
                            "WHERE NOT EXISTS (SELECT 1 FROM response_cache WHERE key_id = ?1 AND key = ?2)");
    if (!insert) return std::unexpected(insert.error());
    if (auto ok = bindRow(**insert).run(); !ok || sqlite3_changes(db.handle()) > 0) return ok;
    // The key has a row. It is kept if it answers; one that cannot (its text gone, its usage
    // unreadable: a damaged workspace, which `db check` names) was a miss never replaced, so every
    // run paid for its request again. It takes this answer.
    if (findCachedResponse(db, key)) return {};
    auto repair = db.cached("UPDATE response_cache SET response_hash = ?3, usage = ?4, finish_reason = ?5, "
                            "created_at_ms = ?6, latency_ms = ?7, ttft_ms = ?8 WHERE key_id = ?1 AND key = ?2");
    if (!repair) return std::unexpected(repair.error());
    return bindRow(**repair).run();
}

} // namespace baton::core
