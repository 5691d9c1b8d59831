// SPDX-License-Identifier: MIT
#pragma once
// A file chosen in a save dialog that is the open workspace: the dialog asks "replace?", and a yes
// wrote the chart, table, report or bundle over the database with every run in it.

#include <QString>

namespace baton::ui {

/// Why `target` may not be written (it is `workspace` or its -wal, -shm or -journal, by path,
/// symlink or hard link), or an empty string when it may.
QString workspaceClash(const QString& target, const QString& workspace);

} // namespace baton::ui
