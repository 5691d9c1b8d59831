// SPDX-License-Identifier: MIT
#pragma once
/// The most a call can cost, for the budget guard: every prompt byte counted as a token (no
/// tokenizer makes more tokens than bytes) plus per-message overhead, the full output allowance
/// billed at the dearer of output and reasoning prices, the long-context tier when the prompt
/// could cross it, and the request fee. nullopt when the model has no usable price.

#include "model/money.h"
#include "model/price_entry.h"
#include "model/task_set.h"

#include <optional>
#include <string>
#include <vector>

namespace baton::core {

int64_t promptTokenUpperBound(const std::vector<Message>& messages);
std::optional<Money> worstCaseCost(const PriceEntry& price, const std::vector<Message>& messages,
                                   int64_t maxOutputTokens);

/// The most tokens an embeddings request of `texts` can be billed for: each text's UTF-8 bytes
/// (no tokenizer makes more tokens than bytes) plus 16 per text for markers.
int64_t embeddingTokenBound(const std::vector<std::string>& texts);
/// The most an embeddings request of `texts` can cost: the bound above at the dearest input-side
/// price (the long-context tier when it could be crossed) plus the request fee; embeddings have
/// no output. nullopt when the model has no input price.
std::optional<Money> embeddingWorstCase(const PriceEntry& price, const std::vector<std::string>& texts);

} // namespace baton::core
