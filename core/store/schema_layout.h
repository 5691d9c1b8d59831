// SPDX-License-Identifier: MIT
#pragma once
/// What a workspace's schema has. A read-only copy of an older workspace is read as it is
/// (Workspace::openForReading), so its readers ask before they name a table or a column a later
/// schema added: call_texts (13), items.messages (14), the matrices of the replay lab.

#include "store/sqlite_db.h"

#include <string_view>

namespace baton::core {

/// Whether the workspace has a table (or index, or view) of that name.
Result<bool> hasTable(SqliteDb& db, std::string_view name);

/// Whether `table` has a column of that name (false when there is no such table).
Result<bool> hasColumn(SqliteDb& db, std::string_view table, std::string_view column);

} // namespace baton::core
