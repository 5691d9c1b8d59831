// SPDX-License-Identifier: MIT
#include "store/call_texts.h"
#include "store/hash_key.h"
#include "store/schema_layout.h"
#include "util/sha256.h"

namespace baton::core {

Result<std::string> putCallText(SqliteDb& db, std::string_view body) {
    std::string hash = sha256Hex(body);
    // Two texts can share a key (2^-64 for a pair): the whole hash decides whether it is stored.
    auto stmt = db.cached("INSERT INTO call_texts(key, hash, body) SELECT ?1, ?2, ?3 "
                          "WHERE NOT EXISTS (SELECT 1 FROM call_texts WHERE key = ?1 AND hash = ?2)");
    if (!stmt) return std::unexpected(stmt.error());
    if (auto ok = (*stmt)->bind(1, hashKey(hash)).bind(2, hash).bind(3, body).run(); !ok)
        return std::unexpected(ok.error());
    return hash;
}

Result<std::optional<std::string>> findCallText(SqliteDb& db, std::string_view hash) {
    auto stmt = db.cached("SELECT body FROM call_texts WHERE key = ? AND hash = ?");
    if (!stmt) {
        // A read-only workspace of schema 12 is read as it is (Workspace::openForReading): it has
        // no call texts, all of them are in `texts`.
        auto table = hasTable(db, "call_texts");
        if (table && !*table) return std::optional<std::string>();
        return std::unexpected(stmt.error());
    }
    (*stmt)->bind(1, hashKey(hash)).bind(2, hash);
    auto row = (*stmt)->step();
    if (!row) return std::unexpected(row.error());
    std::optional<std::string> body;
    if (*row) body = (*stmt)->columnText(0);
    (*stmt)->reset();
    return body;
}

} // namespace baton::core
