// SPDX-License-Identifier: MIT
#include "store/response_cache_table.h"
#include "store/text_store.h"

namespace baton::core {

std::optional<CachedResponse> findCachedResponse(SqliteDb& db, const std::string& key) {
    auto stmt = db.prepare("SELECT t.body, c.usage, c.finish_reason, c.latency_ms, c.ttft_ms FROM response_cache c "
                           "JOIN texts t ON t.hash = c.response_hash WHERE c.key = ?");
    if (!stmt) return std::nullopt;
    stmt->bind(1, key);
    auto row = stmt->step();
    if (!row || !*row) return std::nullopt;
    auto usage = nlohmann::json::parse(stmt->columnText(1), nullptr, false);
    if (!usage.is_object()) return std::nullopt;
    return CachedResponse{stmt->columnText(0), usage.get<TokenUsage>(), stmt->columnText(2), stmt->columnOptDouble(3),
                          stmt->columnOptDouble(4)};
}

Status insertCachedResponse(SqliteDb& db, const std::string& key, const CachedResponse& response, int64_t nowMs) {
    auto hash = putText(db, response.text);
    if (!hash) return std::unexpected(hash.error());
    auto stmt = db.cached("INSERT OR IGNORE INTO response_cache(key, response_hash, usage, finish_reason, "
                          "created_at_ms, latency_ms, ttft_ms) VALUES (?, ?, ?, ?, ?, ?, ?)");
    if (!stmt) return std::unexpected(stmt.error());
    (*stmt)->bind(1, key)
        .bind(2, *hash)
        .bind(3, nlohmann::json(response.usage).dump())
        .bind(4, response.finishReason)
        .bind(5, nowMs)
        .bind(6, response.latencyMs)
        .bind(7, response.ttftMs);
    return (*stmt)->run();
}

} // namespace baton::core
