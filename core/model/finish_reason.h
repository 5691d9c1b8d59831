// SPDX-License-Identifier: MIT
#pragma once
/// FinishKind: what a provider's finish reason means for the answer, across wire formats
/// (OpenAI finish_reason, Anthropic stop_reason, Gemini finishReason / promptFeedback.blockReason),
/// so that a cut-off or refused answer is not read as an ordinary wrong one. Never fails: an
/// unrecognised reason is Other.

#include <string>

namespace baton::core {

enum class FinishKind {
    None,      ///< no reason reported (an older log, a cache hit from before reasons were kept)
    Complete,  ///< the model stopped on its own (stop, end_turn, STOP, tool calls...)
    Truncated, ///< the output limit cut the answer (length, max_tokens, MAX_TOKENS)
    Refused,   ///< a safety system or the model declined (content_filter, refusal, SAFETY, blocked...)
    Other,
};

/// The prefix Baton gives the finish reason of a prompt the provider blocked before generating.
inline constexpr const char* kBlockedPrefix = "blocked:";

FinishKind classifyFinish(const std::string& reason);
std::string toString(FinishKind kind);

} // namespace baton::core
