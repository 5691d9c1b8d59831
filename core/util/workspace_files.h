// SPDX-License-Identifier: MIT
#pragma once
// Whether an output would land on the open workspace: `report --html w.db` replaced the workspace,
// every run and call in it, with the page. The CLI (before a command runs) and the workbench's save
// dialogs both ask here.

#include <string>

namespace baton::core {

/// The workspace file that `target` is: `workspace` itself, or its -wal, -shm or -journal, by
/// path, symlink or hard link (a target not yet made is compared by its resolved path). Empty
/// when `target` is none of them, or either name is empty.
std::string workspaceFileAt(const std::string& target, const std::string& workspace);

} // namespace baton::core
