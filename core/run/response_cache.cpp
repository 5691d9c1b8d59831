// SPDX-License-Identifier: MIT
#include "run/response_cache.h"
#include "util/sha256.h"

namespace baton::core {

std::string ResponseCache::key(const std::string& canonicalRequest, int64_t repeatIndex) {
    return sha256Hex(canonicalRequest + "\n#repeat=" + std::to_string(repeatIndex));
}

std::optional<CachedResponse> ResponseCache::lookup(const std::string& key) { return findCachedResponse(m_reader, key); }

void ResponseCache::store(const std::string& key, const CachedResponse& response, int64_t nowMs) {
    m_logger.submit([key, response, nowMs](SqliteDb& db) { return insertCachedResponse(db, key, response, nowMs); });
}

} // namespace baton::core
