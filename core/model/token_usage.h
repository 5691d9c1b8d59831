// SPDX-License-Identifier: MIT
#pragma once
/// TokenUsage: tokens of one call in disjoint buckets, each billed at its own price.
/// A bucket is nullopt when the provider did not report it (then the cost is unknown, never 0).

#include "util/json_optional.h"

#include <cstdint>
#include <optional>

namespace baton::core {

struct TokenUsage {
    std::optional<int64_t> input;       ///< prompt tokens that were neither cache reads nor cache writes
    std::optional<int64_t> cachedInput; ///< prompt tokens read from the provider's cache
    std::optional<int64_t> cacheWrite;  ///< prompt tokens written to the cache
    std::optional<int64_t> output;      ///< visible output tokens, reasoning excluded
    std::optional<int64_t> reasoning;   ///< reasoning/thinking tokens billed by the provider

    /// All prompt-side tokens, the figure long-context tiers are measured against.
    std::optional<int64_t> promptTotal() const;
    bool operator==(const TokenUsage&) const = default;

    // Raw provider usage -> disjoint buckets (DESIGN section 4). Arguments are what the API returned.
    /// OpenAI: prompt_tokens includes cached_tokens; completion_tokens includes reasoning_tokens.
    static TokenUsage fromOpenAi(std::optional<int64_t> promptTokens, std::optional<int64_t> cachedTokens,
                                 std::optional<int64_t> completionTokens, std::optional<int64_t> reasoningTokens);
    /// Anthropic: input_tokens excludes cache reads and writes; output_tokens includes thinking.
    static TokenUsage fromAnthropic(std::optional<int64_t> inputTokens, std::optional<int64_t> cacheReadTokens,
                                    std::optional<int64_t> cacheCreationTokens, std::optional<int64_t> outputTokens);
    /// Gemini: promptTokenCount includes cachedContentTokenCount; thoughtsTokenCount is apart from
    /// candidatesTokenCount.
    static TokenUsage fromGemini(std::optional<int64_t> promptTokenCount,
                                 std::optional<int64_t> cachedContentTokenCount,
                                 std::optional<int64_t> candidatesTokenCount,
                                 std::optional<int64_t> thoughtsTokenCount);
};

void to_json(nlohmann::json& j, const TokenUsage& u);
void from_json(const nlohmann::json& j, TokenUsage& u);

} // namespace baton::core
