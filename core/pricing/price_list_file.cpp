// SPDX-License-Identifier: MIT
#include "pricing/price_list_file.h"

#include "pricing/community_prices.h"
#include "util/file_io.h"

namespace baton::core {

Result<PriceBook> readPriceListFile(const std::string& path, const std::string& asOf) {
    auto text = readTextFile(path);
    if (!text) return std::unexpected(text.error());
    if (!looksLikeCommunityPrices(*text)) return PriceBook::fromJson(*text, path);
    auto read = readCommunityPrices(*text, path, asOf, path);
    if (!read) return std::unexpected(read.error());
    return std::move(read->book);
}

} // namespace baton::core
