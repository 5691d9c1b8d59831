#include "run/response_cache.h"
#include "store/text_store.h"
#include "util/sha256.h"

namespace baton::core {

std::string ResponseCache::key(const std::string& canonicalRequest, int64_t repeatIndex) {
    return sha256Hex(canonicalRequest + "\n#repeat=" + std::to_string(repeatIndex));
}

std::optional<CachedResponse> ResponseCache::lookup(const std::string& key) {
    auto stmt = m_reader.prepare("SELECT t.body, c.usage, c.finish_reason FROM response_cache c "
                                 "JOIN texts t ON t.hash = c.response_hash WHERE c.key = ?");
    if (!stmt) return std::nullopt;
    stmt->bind(1, key);
    auto row = stmt->step();
    if (!row || !*row) return std::nullopt;
    auto usage = nlohmann::json::parse(stmt->columnText(1), nullptr, false);
    if (!usage.is_object()) return std::nullopt;
    return CachedResponse{stmt->columnText(0), usage.get<TokenUsage>(), stmt->columnText(2)};
}

void ResponseCache::store(const std::string& key, const CachedResponse& response, int64_t nowMs) {
    m_logger.submit([key, response, nowMs](SqliteDb& db) -> Status {
        auto hash = putText(db, response.text);
        if (!hash) return std::unexpected(hash.error());
        auto stmt =
            db.cached("INSERT OR IGNORE INTO response_cache(key, response_hash, usage, finish_reason, created_at_ms) "
                       "VALUES (?, ?, ?, ?, ?)");
        if (!stmt) return std::unexpected(stmt.error());
        (*stmt)->bind(1, key)
            .bind(2, *hash)
            .bind(3, nlohmann::json(response.usage).dump())
            .bind(4, response.finishReason)
            .bind(5, nowMs);
        return (*stmt)->run();
    });
}

} // namespace baton::core
