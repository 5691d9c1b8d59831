// SPDX-License-Identifier: MIT
#pragma once
// An output that would land on the workspace: `report 1 --db w.db --html w.db` replaced the
// workspace, every run and call in it, with the HTML page (and `bundle export --out w.db` with
// the zip), exit 0. Checked for every command before it runs.

#include "cli_args.h"

#include <optional>
#include <string>

namespace baton::cli {

/// The usage error when an output option (--out, --html, --xlsx, --chart) names the file given
/// with --db, or its -wal, -shm or -journal (the same path, a symlink or a hard link to it).
std::optional<std::string> outputOverWorkspace(const ParsedArgs& args);

} // namespace baton::cli
