// SPDX-License-Identifier: MIT
#pragma once
/// PriceEntry: what one model costs, per million tokens of each kind, plus a per-request fee and
/// an optional long-context tier that re-prices the whole request above a prompt-size threshold.

#include "util/json_reader.h"

#include <optional>
#include <string>

namespace baton::core {

struct TokenPrices {
    std::optional<double> input;       ///< per 1M uncached input tokens
    std::optional<double> cachedInput; ///< per 1M cache-read tokens
    std::optional<double> cacheWrite;  ///< per 1M cache-write tokens
    std::optional<double> output;      ///< per 1M output tokens
    std::optional<double> reasoning;   ///< per 1M reasoning tokens; when absent, billed as output
    bool operator==(const TokenPrices&) const = default;
};

struct LongContextTier {
    int64_t thresholdTokens = 0; ///< the tier applies when the prompt exceeds this many tokens
    TokenPrices prices;          ///< missing prices fall back to the base prices
    bool operator==(const LongContextTier&) const = default;
};

struct PriceEntry {
    std::string id; ///< "openai/gpt-4o"
    std::string currency = "USD";
    TokenPrices prices;
    double requestFee = 0; ///< per request, in currency units
    std::optional<LongContextTier> longContext;
    std::string source; ///< where the figures were read (URL)
    std::string asOf;   ///< date the figures were read, YYYY-MM-DD
    bool operator==(const PriceEntry&) const = default;
};

nlohmann::json toJson(const PriceEntry& entry);
/// Reads an entry at `path`, reporting every problem to `reader`; fields absent stay unset.
PriceEntry readPriceEntry(JsonReader& reader, const nlohmann::json& obj, const std::string& path);

} // namespace baton::core
