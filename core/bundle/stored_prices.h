// SPDX-License-Identifier: MIT
#pragma once
/// Re-pricing from the workspace: a stored price version read back as a PriceBook, a stored run
/// re-priced, and what the "Reprice with..." choices are for a run (the stored versions, newest
/// first, and the vendors its pool names).
/// Errors: NotFound for an unknown run or version (naming the versions there are); BadInput when
/// a stored book does not parse (it names the version); SQLite errors, translated.

#include "bundle/run_repricing.h"
#include "store/price_versions.h"
#include "store/sqlite_db.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace baton::core {

Result<PriceBook> loadPriceVersionBook(SqliteDb& db, int64_t versionId);

/// Which other prices a stored run is re-priced with: a price list file, a stored version, or
/// neither (the prices the run recorded), and vendors whose prices rise by x%.
struct RepriceSource {
    std::string file;                           ///< a price list file, read with readPriceListFile
    std::string fileAsOf;                       ///< YYYY-MM-DD: dates a community list's entries
    std::optional<int64_t> version;             ///< a stored price version
    std::map<std::string, double> raisePercent; ///< vendor tag -> +x%
};

/// The prices read, the run and its calls loaded, then repriceRun. Errors: BadInput when both a
/// file and a version are given; the file's, the version's or the run's error.
Result<RunRepricing> repriceStoredRun(SqliteDb& db, int64_t runId, const RepriceSource& source);

struct RepriceChoices {
    std::vector<PriceVersion> versions;    ///< newest first, without books
    std::vector<std::string> vendors;      ///< poolVendors(run)
    std::vector<std::string> recordedAsOf; ///< recordedPriceDates(run)
};
Result<RepriceChoices> repriceChoices(SqliteDb& db, int64_t runId);

} // namespace baton::core
