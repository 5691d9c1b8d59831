// SPDX-License-Identifier: MIT
#pragma once
/// Where SQLite's unix VFS makes its temporary files (statement journals spilled to disk,
/// VACUUM's copy): SQLITE_TMPDIR or TMPDIR when set to a folder, else /var/tmp, /usr/tmp, /tmp.

#include <filesystem>

namespace baton::core {

std::filesystem::path sqliteTempDir();

} // namespace baton::core
