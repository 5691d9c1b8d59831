// SPDX-License-Identifier: MIT
#include "store/text_store.h"
#include "store/call_texts.h"
#include "util/sha256.h"

namespace baton::core {

Result<std::string> putText(SqliteDb& db, std::string_view body) {
    std::string hash = sha256Hex(body);
    if (auto ok = putTextAs(db, hash, body); !ok) return std::unexpected(ok.error());
    return hash;
}

Status putTextAs(SqliteDb& db, std::string_view hash, std::string_view body) {
    auto stmt = db.cached("INSERT OR IGNORE INTO texts(hash, body) VALUES (?, ?)");
    if (!stmt) return std::unexpected(stmt.error());
    return (*stmt)->bind(1, hash).bind(2, body).run();
}

Result<std::optional<std::string>> getText(SqliteDb& db, const std::string& hash) {
    auto stmt = db.prepare("SELECT body FROM texts WHERE hash = ?");
    if (!stmt) return std::unexpected(stmt.error());
    stmt->bind(1, hash);
    auto row = stmt->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return findCallText(db, hash);
    return std::optional<std::string>(stmt->columnText(0));
}

} // namespace baton::core
