// SPDX-License-Identifier: MIT
#include "store/sqlite_temp_dir.h"

#include <cstdlib>

namespace baton::core {

std::filesystem::path sqliteTempDir() {
    namespace fs = std::filesystem;
    std::error_code ec;
    for (const char* env : {"SQLITE_TMPDIR", "TMPDIR"})
        if (const char* dir = std::getenv(env); dir && *dir && fs::is_directory(dir, ec)) return dir;
    for (const char* dir : {"/var/tmp", "/usr/tmp", "/tmp"})
        if (fs::is_directory(dir, ec)) return dir;
    return ".";
}

} // namespace baton::core
