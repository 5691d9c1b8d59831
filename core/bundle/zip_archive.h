// SPDX-License-Identifier: MIT
#pragma once
/// Zip archives of named text files through libzip: written whole to a temporary file and renamed
/// (a crash never leaves half a zip), read back whole.
/// Errors: Io for the file system, BadInput for a file that is not a readable zip.

#include "util/result.h"

#include <map>
#include <string>

namespace baton::core {

using ZipEntries = std::map<std::string, std::string>; ///< path inside the zip -> bytes

Status writeZip(const std::string& path, const ZipEntries& entries);
Result<ZipEntries> readZip(const std::string& path);

} // namespace baton::core
