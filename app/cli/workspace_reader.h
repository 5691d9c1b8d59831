// SPDX-License-Identifier: MIT
#pragma once
// A reading connection to a workspace for the commands that only read (a copy on read-only media
// included: see core::Workspace::openForReading).

#include "store/sqlite_db.h"

#include <memory>
#include <string>

namespace baton::cli {

/// Errors: the workspace's (missing, damaged, newer or older schema).
core::Result<std::unique_ptr<core::SqliteDb>> openWorkspaceReader(const std::string& db);

} // namespace baton::cli
