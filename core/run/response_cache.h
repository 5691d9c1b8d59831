// SPDX-License-Identifier: MIT
#pragma once
/// ResponseCache: answers keyed by (endpoint, model, canonical request, repeat index) from
/// earlier runs, so re-runs cost nothing and reproduce the same answers. Reads on the caller's
/// connection; writes through the CallLogger.

#include "run/call_logger.h"
#include "store/response_cache_table.h"

#include <optional>
#include <string>

namespace baton::core {

class ResponseCache {
public:
    ResponseCache(SqliteDb& reader, CallLogger& logger) : m_reader(reader), m_logger(logger) {}

    static std::string key(const std::string& canonicalRequest, int64_t repeatIndex);
    std::optional<CachedResponse> lookup(const std::string& key);
    void store(const std::string& key, const CachedResponse& response, int64_t nowMs);

private:
    SqliteDb& m_reader;
    CallLogger& m_logger;
};

} // namespace baton::core
