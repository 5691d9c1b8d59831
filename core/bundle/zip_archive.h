// SPDX-License-Identifier: MIT
#pragma once
/// Zip archives of named text files through libzip: written whole to a temporary file and renamed
/// (a crash never leaves half a zip), read back whole (each entry by readZipEntry, io/zip_entry.h).
/// Both report progress and stop between steps (bundle_progress.h): writing per share of the bytes
/// written, reading per file; a stopped write leaves neither the target nor a .part file.
/// Errors: Io for the file system, BadInput for a file that is not a readable zip or whose files
/// would take more than kMaxZipBytes once unpacked (refused before any is read), bundleCancelled().

#include "bundle/bundle_progress.h"
#include "util/result.h"

#include <cstdint>
#include <map>
#include <string>

namespace baton::core {

using ZipEntries = std::map<std::string, std::string>; ///< path inside the zip -> bytes

/// The most a zip's files may take once unpacked, all together: they are read into memory, and a
/// zip bomb of a few MB states gigabytes. A 300-item run of the demo pool is about 3 MB.
inline constexpr uint64_t kMaxZipBytes = uint64_t(2) << 30;

Status writeZip(const std::string& path, const ZipEntries& entries, const BundleProgress& progress = {});
Result<ZipEntries> readZip(const std::string& path, const BundleProgress& progress = {});

} // namespace baton::core
