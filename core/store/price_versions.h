// SPDX-License-Identifier: MIT
#pragma once
/// Dated price-list versions in the workspace (table `price_versions`, schema v9): every price
/// list imported is kept with the date its prices were read, where it came from, the SHA-256 of
/// the file's bytes and the price book it gave, as JSON text (the store knows nothing of pricing:
/// `bundle/stored_prices` turns a version into a PriceBook). The same bytes imported again are the
/// same version: never a second row.

#include "store/sqlite_db.h"

#include <string>
#include <vector>

namespace baton::core {

struct PriceVersion {
    int64_t id = 0; ///< assigned by savePriceVersion
    int64_t importedAtMs = 0;
    std::string asOf;   ///< YYYY-MM-DD the prices were read
    std::string source; ///< where the list came from (a URL or a file name)
    std::string sha256; ///< of the imported file's bytes
    int64_t modelCount = 0;
    std::string book; ///< the price book as JSON text; empty in listPriceVersions' rows
};

struct SavedPriceVersion {
    PriceVersion version; ///< the stored row (without its book)
    bool created = false; ///< false: the same content was already stored as that version
};

/// Stores `version` unless a version with the same sha256 exists, and returns the stored row.
/// Errors: BadInput for an empty sha256 or book; the SQLite error, translated.
Result<SavedPriceVersion> savePriceVersion(SqliteDb& db, const PriceVersion& version);
/// Every version, newest first (by as-of date, then by id), without books.
Result<std::vector<PriceVersion>> listPriceVersions(SqliteDb& db);
/// Errors: NotFound naming the versions there are and how to list or import them.
Result<PriceVersion> loadPriceVersion(SqliteDb& db, int64_t id);

} // namespace baton::core
