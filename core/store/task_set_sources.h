// SPDX-License-Identifier: MIT
#pragma once
/// Where task sets came from: a source key (the SHA-256 of the file's bytes with the import
/// options that shape the items) names the set that importing it gave, so that the same file
/// imported again is recognised without being parsed. A key is recorded only for an import
/// that took every line (one that skipped bad lines is parsed again, to list them again).

#include "store/sqlite_db.h"

#include <optional>
#include <string>

namespace baton::core {

struct ImportedSource {
    int64_t taskSetId = 0;
    std::string name;
    std::string contentHash;
    int64_t itemCount = 0;
};

/// The set that `sourceKey` gave, if recorded (and the set still exists).
Result<std::optional<ImportedSource>> findImportedSource(SqliteDb& db, const std::string& sourceKey);
/// Records (or replaces) the set that `sourceKey` gives. Call inside a transaction.
Status recordImportedSource(SqliteDb& db, const std::string& sourceKey, const std::string& fileSha256,
                            const std::string& optionsJson, int64_t taskSetId, int64_t nowMs);

} // namespace baton::core
