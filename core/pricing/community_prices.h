// SPDX-License-Identifier: MIT
#pragma once
/// Price lists in the community format most gateways share (`model_prices_and_context_window.json`:
/// per model `input_cost_per_token`, `output_cost_per_token`, `cache_read_input_token_cost`,
/// `cache_creation_input_token_cost`, `output_cost_per_reasoning_token`, `input_cost_per_request`
/// and long-context tiers `..._above_<N>k_tokens`, with `litellm_provider`) read into a PriceBook
/// in USD per 1M tokens, dated and with its source.
/// Errors: BadInput with every bad value at its JSON path; entries without token prices (image,
/// audio, search models) are skipped and counted, not errors.

#include "pricing/price_book.h"

#include <string>

namespace baton::core {

struct CommunityPrices {
    PriceBook book;
    int skipped = 0; ///< entries without per-token input and output prices
};

/// `asOf` (YYYY-MM-DD) and `source` are stamped on every entry. Ids are `provider/model`
/// ("openai/gpt-4o"), or the list's own key when it already has a slash.
Result<CommunityPrices> readCommunityPrices(const std::string& text, const std::string& fileName,
                                            const std::string& asOf, const std::string& source);

/// True when `text` looks like that format rather than Baton's own price book (no "schema").
bool looksLikeCommunityPrices(const std::string& text);

} // namespace baton::core
