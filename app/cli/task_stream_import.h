// SPDX-License-Identifier: MIT
#pragma once
// `tasks import` without the set in memory: items go from the file (TaskItemReader, read ahead
// on a thread of its own by ReadAheadItems) into the workspace (TaskSetWriter) one by one, in
// one savepoint; a file imported before with the same options is recognised by its SHA-256 and
// not parsed again.

#include "io/task_import.h"
#include "store/sqlite_db.h"

#include <stop_token>
#include <string>
#include <vector>

namespace baton::cli {

struct StreamedImport {
    int64_t taskSetId = 0;
    std::string name;
    std::string contentHash;
    int64_t items = 0;
    bool alreadyPresent = false; ///< the same content was there: nothing was written
    bool sameFile = false;       ///< found by the file's hash, without parsing it
    int64_t itemsRead = 0;       ///< items parsed from the file (0 when sameFile)
    std::vector<core::Diagnostic> skipped;
};

/// Errors: as importTasks (every bad line listed; nothing written unless skipBad), and the
/// workspace's SQLite errors (then nothing is written either). A stop asked before the set is
/// saved is importCancelled(), nothing written.
core::Result<StreamedImport> streamTasksIntoWorkspace(core::SqliteDb& db, const std::string& path,
                                                      const core::ImportOptions& options, int64_t nowMs,
                                                      std::stop_token stop = {});

/// The error of an import stopped by `stop` (Ctrl+C or SIGTERM), and the test for it.
using core::importCancelled;
using core::isImportCancelled;

} // namespace baton::cli
