// SPDX-License-Identifier: MIT
#pragma once
/// The call log's request and response texts (schema 13): each stored once, named like every text
/// by its hex SHA-256, and found through hashKey(hash) (store/hash_key.h). The index of 8-byte keys
/// is a quarter the size of one of 64-character hex hashes, so a run's inserts land in pages SQLite
/// still holds.

#include "store/sqlite_db.h"

#include <optional>
#include <string>
#include <string_view>

namespace baton::core {

/// Stores `body` unless a call text with its hash is stored; returns its hex SHA-256 either way.
Result<std::string> putCallText(SqliteDb& db, std::string_view body);

/// The call text named `hash`, or nullopt if none is stored under it (through a statement the
/// connection keeps prepared: a resume looks up every answered call's response).
Result<std::optional<std::string>> findCallText(SqliteDb& db, std::string_view hash);

} // namespace baton::core
