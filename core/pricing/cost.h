// SPDX-License-Identifier: MIT
#pragma once
/// computeCost: what one call cost under a PriceEntry. Unknown usage or a missing price for
/// tokens that were used gives an unknown cost (nullopt with a reason), never 0.

#include "model/money.h"
#include "model/price_entry.h"
#include "model/token_usage.h"

#include <optional>
#include <string>

namespace baton::core {

struct CallCost {
    std::optional<Money> computed; ///< from the price book; nullopt = unknown
    std::optional<Money> billed;   ///< reported by the provider (e.g. OpenRouter usage.cost)
    bool longContext = false;      ///< the long-context tier re-priced the request
    std::string unknownReason;     ///< why `computed` is unknown

    /// The provider's figure when it gave one, else ours.
    std::optional<Money> effective() const { return billed ? billed : computed; }
};

CallCost computeCost(const PriceEntry& price, const TokenUsage& usage);

} // namespace baton::core
