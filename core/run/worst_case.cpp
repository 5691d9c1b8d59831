// SPDX-License-Identifier: MIT
#include "run/worst_case.h"

#include <algorithm>

namespace baton::core {

int64_t promptTokenUpperBound(const std::vector<Message>& messages) {
    int64_t bound = 16;
    for (const auto& m : messages)
        bound += int64_t(m.content.size()) + int64_t(m.role.size()) + 16;
    return bound;
}

std::optional<Money> worstCaseCost(const PriceEntry& entry, const std::vector<Message>& messages,
                                   int64_t maxOutputTokens) {
    int64_t prompt = promptTokenUpperBound(messages);
    TokenPrices p = entry.prices;
    if (entry.longContext && prompt > entry.longContext->thresholdTokens) {
        const TokenPrices& tier = entry.longContext->prices;
        p = {tier.input ? tier.input : p.input, tier.cachedInput ? tier.cachedInput : p.cachedInput,
             tier.cacheWrite ? tier.cacheWrite : p.cacheWrite, tier.output ? tier.output : p.output,
             tier.reasoning ? tier.reasoning : p.reasoning};
    }
    if (!p.input || !p.output) return std::nullopt;
    // Every prompt token at the dearest input-side price (cache writes cost more than input).
    double inputPrice = std::max({*p.input, p.cacheWrite.value_or(0), p.cachedInput.value_or(0)});
    double outputPrice = std::max(*p.output, p.reasoning.value_or(0));
    return Money::perTokenFromPerMillion(inputPrice) * prompt +
           Money::perTokenFromPerMillion(outputPrice) * maxOutputTokens + Money::fromUsd(entry.requestFee);
}

int64_t embeddingTokenBound(const std::vector<std::string>& texts) {
    int64_t bound = 0;
    for (const auto& t : texts)
        bound += int64_t(t.size()) + 16;
    return bound;
}

std::optional<Money> embeddingWorstCase(const PriceEntry& entry, const std::vector<std::string>& texts) {
    int64_t tokens = embeddingTokenBound(texts);
    TokenPrices p = entry.prices;
    if (entry.longContext && tokens > entry.longContext->thresholdTokens && entry.longContext->prices.input)
        p.input = entry.longContext->prices.input;
    if (!p.input) return std::nullopt;
    double inputPrice = std::max({*p.input, p.cacheWrite.value_or(0), p.cachedInput.value_or(0)});
    return Money::perTokenFromPerMillion(inputPrice) * tokens + Money::fromUsd(entry.requestFee);
}

} // namespace baton::core
