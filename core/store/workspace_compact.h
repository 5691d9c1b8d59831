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

/// Needs the workspace to itself: Io, changing nothing, while another connection has it open;
/// during the compact it is locked (another process that opens it waits, then says so). Needs free
/// disk for the rebuilt texts and VACUUM's journal beside it and for VACUUM's copy where SQLite
/// puts temporary files: Io, changing nothing, when there is not. The texts are rebuilt in one
/// transaction and VACUUM changes nothing it does not finish; a VACUUM that fails after the
/// rebuild says that the rebuild was kept.
Result<CompactReport> compactWorkspace(SqliteDb& db, const CompactProgress& progress = {});

} // namespace baton::core
