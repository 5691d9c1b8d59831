// SPDX-License-Identifier: MIT
#pragma once
/// The response cache's table: answers by cache key (endpoint, model, canonical request, repeat
/// index), their text content-addressed with the call log's texts (store/call_texts.h).

#include "model/token_usage.h"
#include "store/sqlite_db.h"

#include <optional>
#include <string>

namespace baton::core {

struct CachedResponse {
    std::string text;
    TokenUsage usage;
    std::string finishReason;
    std::optional<double> latencyMs, ttftMs; ///< of the call that first made the answer
};

/// nullopt when the key is not cached or its row cannot be read (a miss, never an error).
std::optional<CachedResponse> findCachedResponse(SqliteDb& db, const std::string& key);
/// Keeps the first answer of a key. Errors: the database's.
Status insertCachedResponse(SqliteDb& db, const std::string& key, const CachedResponse& response, int64_t nowMs);

} // namespace baton::core
