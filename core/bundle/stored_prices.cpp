// SPDX-License-Identifier: MIT
#include "bundle/stored_prices.h"

#include "pricing/price_list_file.h"
#include "store/call_log.h"
#include "store/run_store.h"

namespace baton::core {

Result<PriceBook> loadPriceVersionBook(SqliteDb& db, int64_t versionId) {
    auto version = loadPriceVersion(db, versionId);
    if (!version) return std::unexpected(version.error());
    return PriceBook::fromJson(version->book, db.path() + ": price version " + std::to_string(versionId));
}

Result<RunRepricing> repriceStoredRun(SqliteDb& db, int64_t runId, const RepriceSource& source) {
    if (!source.file.empty() && source.version)
        return fail(ErrorKind::BadInput, "re-price with a price list file or a stored price version, not both");
    std::optional<PriceBook> book;
    if (!source.file.empty()) {
        auto read = readPriceListFile(source.file, source.fileAsOf);
        if (!read) return std::unexpected(read.error());
        book = std::move(*read);
    } else if (source.version) {
        auto read = loadPriceVersionBook(db, *source.version);
        if (!read) return std::unexpected(read.error());
        book = std::move(*read);
    }
    RepriceOptions options;
    options.book = book ? &*book : nullptr;
    options.raisePercent = source.raisePercent;
    auto run = loadRun(db, runId);
    if (!run) return std::unexpected(run.error());
    auto calls = loadCalls(db, runId);
    if (!calls) return std::unexpected(calls.error());
    return repriceRun(*run, *calls, options);
}

Result<RepriceChoices> repriceChoices(SqliteDb& db, int64_t runId) {
    auto run = loadRun(db, runId);
    if (!run) return std::unexpected(run.error());
    auto versions = listPriceVersions(db);
    if (!versions) return std::unexpected(versions.error());
    return RepriceChoices{std::move(*versions), poolVendors(*run), recordedPriceDates(*run)};
}

} // namespace baton::core
