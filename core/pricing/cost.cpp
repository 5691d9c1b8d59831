// SPDX-License-Identifier: MIT
#include "pricing/cost.h"

namespace baton::core {
namespace {

struct Bucket {
    const char* name;
    std::optional<int64_t> tokens;
    std::optional<double> price;
};

} // namespace

CallCost computeCost(const PriceEntry& entry, const TokenUsage& usage) {
    CallCost cost;
    TokenPrices prices = entry.prices;
    auto prompt = usage.promptTotal();
    if (entry.longContext && prompt && *prompt > entry.longContext->thresholdTokens) {
        // Above the threshold the whole request moves to the tier, not just the excess tokens.
        const TokenPrices& tier = entry.longContext->prices;
        auto pick = [](std::optional<double> tierPrice, std::optional<double> base) {
            return tierPrice ? tierPrice : base;
        };
        prices = {pick(tier.input, prices.input), pick(tier.cachedInput, prices.cachedInput),
                  pick(tier.cacheWrite, prices.cacheWrite), pick(tier.output, prices.output),
                  pick(tier.reasoning, prices.reasoning)};
        cost.longContext = true;
    }
    if (!prices.reasoning) prices.reasoning = prices.output; // reasoning is billed as output unless priced apart

    const Bucket buckets[] = {{"input", usage.input, prices.input},
                              {"cached input", usage.cachedInput, prices.cachedInput},
                              {"cache write", usage.cacheWrite, prices.cacheWrite},
                              {"output", usage.output, prices.output},
                              {"reasoning", usage.reasoning, prices.reasoning}};
    Money total = Money::fromUsd(entry.requestFee);
    for (const auto& b : buckets) {
        if (!b.tokens) {
            cost.unknownReason = std::string("the provider did not report ") + b.name + " tokens";
            return cost;
        }
        if (*b.tokens < 0) {
            cost.unknownReason = std::string("negative ") + b.name + " token count reported";
            return cost;
        }
        if (*b.tokens == 0) continue;
        if (!b.price) {
            cost.unknownReason = "price entry " + (entry.id.empty() ? std::string("(inline)") : entry.id) + " has no " +
                                 b.name + " price";
            return cost;
        }
        total += Money::perTokenFromPerMillion(*b.price) * *b.tokens;
    }
    cost.computed = total;
    return cost;
}

} // namespace baton::core
