// SPDX-License-Identifier: MIT
#pragma once
/// compactWorkspace: `db compact`. Gives a workspace whose texts were written before schema 12
/// the texts layout of schema 12 (see schema.cpp), then rewrites the file without its free pages.

#include "store/sqlite_db.h"

#include <functional>
#include <string_view>

namespace baton::core {

struct CompactReport {
    bool textsRebuilt = false; ///< false: the texts had schema 12's layout already
    int64_t texts = 0;         ///< texts copied into the new layout
    int64_t bytesBefore = 0;   ///< the database file and its WAL
    int64_t bytesAfter = 0;
};

/// `step` names what runs ("texts", "vacuum"); `fraction` is how far it is, in [0, 1].
using CompactProgress = std::function<void(std::string_view step, double fraction)>;

/// Needs the workspace to itself (no other connection, no transaction open on `db`), and free
/// disk space for a copy of the file: VACUUM writes one beside it, then the WAL holds another.
/// Errors: Busy (as SQLite reports it) when another process has the workspace open; Io when the
/// disk is too small. A failure leaves the workspace as it was: the texts are rebuilt in one
/// transaction, and VACUUM changes nothing it does not finish.
Result<CompactReport> compactWorkspace(SqliteDb& db, const CompactProgress& progress = {});

} // namespace baton::core
