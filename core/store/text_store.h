// SPDX-License-Identifier: MIT
#pragma once
/// Content-addressed text (prompts, responses, messages): stored once under its SHA-256, so
/// repeated runs do not duplicate text.

#include "store/sqlite_db.h"

#include <optional>
#include <string>

namespace baton::core {

/// Stores `body` if new; returns its hash either way.
Result<std::string> putText(SqliteDb& db, std::string_view body);
/// Stores `body` under `hash` if new; `hash` must be sha256Hex(body), made by the caller (a
/// streaming import makes it on its reader's thread).
Status putTextAs(SqliteDb& db, std::string_view hash, std::string_view body);
/// The text for `hash`, or nullopt if none is stored: from `texts`, or else from the call log's texts
/// (store/call_texts.h).
Result<std::optional<std::string>> getText(SqliteDb& db, const std::string& hash);

} // namespace baton::core
