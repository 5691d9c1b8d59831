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
#include <vector>

namespace baton::core {

int64_t promptTokenUpperBound(const std::vector<Message>& messages);
std::optional<Money> worstCaseCost(const PriceEntry& price, const std::vector<Message>& messages,
                                   int64_t maxOutputTokens);

} // namespace baton::core
