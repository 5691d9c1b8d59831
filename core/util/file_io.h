// SPDX-License-Identifier: MIT
#pragma once
/// Whole-file reads and crash-safe writes (temp file in the same folder, fsync, rename).
/// Errors name the file and the system's reason.

#include "util/result.h"

#include <fstream>
#include <memory>
#include <string>

namespace baton::core {

Result<std::string> readTextFile(const std::string& path);
/// The file opened for reading in binary, for line-by-line reads of files too big to hold.
/// Errors: as readTextFile.
Result<std::unique_ptr<std::ifstream>> openTextFile(const std::string& path);
/// The SHA-256 of the file's bytes, read in chunks (a fixed amount of memory whatever its size).
Result<std::string> sha256OfFile(const std::string& path);

/// How an output path is written. A new or regular file (or a symlink) is replaced through a
/// temporary file and a rename; an existing character device or pipe (`/dev/stdout`, `/dev/null`,
/// a FIFO) is written in place: renaming over it replaced the device node itself (as root,
/// `--out /dev/null` left a regular file there). Errors (BadInput): a folder, a block device, a socket.
enum class OutputTarget { Replace, Stream };
Result<OutputTarget> outputTarget(const std::string& path);

/// Replaces `path` atomically: readers see the old content or the new one, never a mix,
/// even if the process is killed mid-write. A device or pipe (see outputTarget) is written in place.
Status writeFileAtomically(const std::string& path, const std::string& content);

} // namespace baton::core
