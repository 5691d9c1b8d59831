// SPDX-License-Identifier: MIT
#include "store/schema_layout.h"

namespace baton::core {

Result<bool> hasTable(SqliteDb& db, std::string_view name) {
    auto stmt = db.prepare("SELECT 1 FROM sqlite_master WHERE name = ?");
    if (!stmt) return std::unexpected(stmt.error());
    stmt->bind(1, name);
    return stmt->step();
}

Result<bool> hasColumn(SqliteDb& db, std::string_view table, std::string_view column) {
    auto stmt = db.prepare("SELECT 1 FROM pragma_table_info(?) WHERE name = ?");
    if (!stmt) return std::unexpected(stmt.error());
    stmt->bind(1, table).bind(2, column);
    return stmt->step();
}

} // namespace baton::core
