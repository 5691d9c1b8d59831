// SPDX-License-Identifier: MIT
#pragma once
/// A community price list (`model_prices_and_context_window.json`) kept as a dated price version
/// in the workspace. `baton-cli prices import --db` and the workbench's Reprice dialog
/// ("Import price list...") both read and store through here, so both key a version by the
/// SHA-256 of the file's bytes (the same bytes are the same version; the first date stays) and
/// count its models the same way. Reading and storing are apart so that a caller reads off its
/// writer's thread and holds the writer only to store.
/// Errors: Io for a file that cannot be read; BadInput with every bad value at its JSON path (read
/// fails, so nothing is stored); SQLite errors, translated.

#include "pricing/community_prices.h"
#include "store/price_versions.h"

#include <string>

namespace baton::core {

struct PriceListFile {
    std::string path;
    std::string bytes;     ///< the file as read: its SHA-256 keys the version
    CommunityPrices read;  ///< every entry dated asOf, with source
    std::string asOf;      ///< YYYY-MM-DD
    std::string source;
};

/// Reads the community price list at `path`, every entry dated `asOf` with `source` ("": the path).
Result<PriceListFile> readCommunityPriceFile(const std::string& path, const std::string& asOf,
                                        const std::string& source = "");

/// Stores `list` as a version (or finds the one with the same bytes). `db` is a writer
/// connection, or the connection of a StoreWriter operation.
Result<SavedPriceVersion> storePriceList(SqliteDb& db, const PriceListFile& list);

} // namespace baton::core
