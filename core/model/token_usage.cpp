// SPDX-License-Identifier: MIT
#include "model/token_usage.h"
#include "util/json_whole.h"

namespace baton::core {

std::optional<int64_t> TokenUsage::promptTotal() const {
    if (!input) return std::nullopt;
    return *input + cachedInput.value_or(0) + cacheWrite.value_or(0);
}

TokenUsage TokenUsage::fromOpenAi(std::optional<int64_t> promptTokens, std::optional<int64_t> cachedTokens,
                                  std::optional<int64_t> completionTokens, std::optional<int64_t> reasoningTokens) {
    TokenUsage u;
    int64_t cached = cachedTokens.value_or(0); // absent details mean no cache hit
    int64_t reasoning = reasoningTokens.value_or(0);
    if (promptTokens) u.input = *promptTokens - cached;
    u.cachedInput = cached;
    u.cacheWrite = 0;
    if (completionTokens) u.output = *completionTokens - reasoning;
    u.reasoning = reasoning;
    return u;
}

TokenUsage TokenUsage::fromAnthropic(std::optional<int64_t> inputTokens, std::optional<int64_t> cacheReadTokens,
                                     std::optional<int64_t> cacheCreationTokens, std::optional<int64_t> outputTokens) {
    TokenUsage u;
    u.input = inputTokens;
    u.cachedInput = cacheReadTokens.value_or(0);
    u.cacheWrite = cacheCreationTokens.value_or(0);
    u.output = outputTokens; // thinking is billed as output and counted in output_tokens
    u.reasoning = 0;
    return u;
}

TokenUsage TokenUsage::fromGemini(std::optional<int64_t> promptTokenCount,
                                  std::optional<int64_t> cachedContentTokenCount,
                                  std::optional<int64_t> candidatesTokenCount,
                                  std::optional<int64_t> thoughtsTokenCount) {
    TokenUsage u;
    int64_t cached = cachedContentTokenCount.value_or(0);
    if (promptTokenCount) u.input = *promptTokenCount - cached;
    u.cachedInput = cached;
    u.cacheWrite = 0;
    u.output = candidatesTokenCount;
    u.reasoning = thoughtsTokenCount.value_or(0);
    return u;
}

void to_json(nlohmann::json& j, const TokenUsage& u) {
    j = {{"input", u.input},
         {"cached_input", u.cachedInput},
         {"cache_write", u.cacheWrite},
         {"output", u.output},
         {"reasoning", u.reasoning}};
}

void from_json(const nlohmann::json& j, TokenUsage& u) {
    auto field = [&](const char* key) { return optionalWholeAs<int64_t>(j, key); };
    u = {field("input"), field("cached_input"), field("cache_write"), field("output"), field("reasoning")};
}

} // namespace baton::core
