// SPDX-License-Identifier: MIT
#pragma once
/// The workspace database schema and its forward migrations. Version N is reached by applying
/// migrations 1..N in order, each in its own transaction; PRAGMA user_version records N.

#include "store/sqlite_db.h"

namespace baton::core {

int latestSchemaVersion();
/// The oldest version this build reads without migrating (a read-only copy cannot be migrated):
/// the versions after it only add tables that readers do without (v13: call_texts).
int oldestSchemaReadAsItIs();

/// Brings `db` up to the latest version. Errors: BadInput for a database written by a newer
/// Baton (nothing is changed), or the SQLite error of the failing migration (rolled back).
Status migrate(SqliteDb& db);

} // namespace baton::core
