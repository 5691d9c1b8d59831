// SPDX-License-Identifier: MIT
#pragma once
/// How old each model's prices are: the date they were read (the model's inline `as_of`, or the
/// price book entry its price id names) against today, and whether that is past the staleness
/// limit. Prices move; a price read long ago is flagged, never silently trusted.

#include "model/pool.h"
#include "pricing/price_book.h"

#include <optional>
#include <string>
#include <vector>

namespace baton::core {

/// Prices older than this many days are stale (the CLI's `prices show` and the Pools page agree).
inline constexpr int kStalePriceDays = 180;

struct PriceAge {
    std::string model;
    std::string asOf;        ///< "" when the prices carry no date
    std::optional<int> days; ///< nullopt when the date is missing or does not parse
    bool stale = false;      ///< older than the limit, or undated
};

/// The age of `model`'s prices on `today` (YYYY-MM-DD); nullopt when it has no price at all.
std::optional<PriceAge> priceAge(const ModelSpec& model, const PriceBook& book, const std::string& today,
                                 int maxAgeDays = kStalePriceDays);

} // namespace baton::core
