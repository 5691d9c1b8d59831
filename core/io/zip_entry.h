// SPDX-License-Identifier: MIT
#pragma once
/// One entry of a zip archive read whole through libzip, never trusting the size the zip states:
/// the one reader of run bundles (bundle/zip_archive.h) and MMLU-Pro results (matrix/mmlu_pro_import.h).
/// Errors: BadInput "<path>: \"<entry>\" inside the zip ..." for an entry stated past
/// kZipEntryMaxBytes, one that cannot be opened, or one that does not hold what it states.

#include "util/result.h"

#include <cstdint>
#include <string>

struct zip; // libzip's zip_t

namespace baton::core {

/// The most Baton reads of one entry of a zip: 4 GiB (a bundle's calls.jsonl and an MMLU-Pro
/// results file are tens of MB).
inline constexpr uint64_t kZipEntryMaxBytes = uint64_t(1) << 32;

/// Reads entry `index` of an archive libzip has open. Its stated size is refused past
/// kZipEntryMaxBytes and not trusted further: the text grows as bytes arrive (a crafted header
/// costs no memory) and must end at exactly that size. `expected` names what the zip should be
/// ("a Baton bundle") in the message of a refusal.
Result<std::string> readZipEntry(zip* archive, uint64_t index, const std::string& path, const std::string& expected);

} // namespace baton::core
