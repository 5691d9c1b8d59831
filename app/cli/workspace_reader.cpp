// SPDX-License-Identifier: MIT
#include "workspace_reader.h"

#include "store/workspace.h"

namespace baton::cli {

core::Result<std::unique_ptr<core::SqliteDb>> openWorkspaceReader(const std::string& db) {
    auto workspace = core::Workspace::openForReading(db);
    if (!workspace) return std::unexpected(workspace.error());
    return workspace->openReader(); // its own connection: it outlives the Workspace object
}

} // namespace baton::cli
