// SPDX-License-Identifier: MIT
#include "bundle/price_version_import.h"

#include "util/clock.h"
#include "util/file_io.h"
#include "util/sha256.h"

namespace baton::core {

Result<PriceListFile> readCommunityPriceFile(const std::string& path, const std::string& asOf,
                                             const std::string& source) {
    auto bytes = readTextFile(path);
    if (!bytes) return std::unexpected(bytes.error());
    PriceListFile list{path, std::move(*bytes), {}, asOf, source.empty() ? path : source};
    auto read = readCommunityPrices(list.bytes, path, asOf, list.source);
    if (!read) return std::unexpected(read.error());
    list.read = std::move(*read);
    return list;
}

Result<SavedPriceVersion> storePriceList(SqliteDb& db, const PriceListFile& list) {
    PriceVersion version{0,
                         nowMs(),
                         list.asOf,
                         list.source,
                         sha256Hex(list.bytes),
                         static_cast<int64_t>(list.read.book.entries().size()),
                         list.read.book.toJsonText()};
    return savePriceVersion(db, version);
}

} // namespace baton::core
