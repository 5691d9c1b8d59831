// SPDX-License-Identifier: MIT
#include "model/finish_reason.h"

#include <array>
#include <string_view>

namespace baton::core {

FinishKind classifyFinish(const std::string& reason) {
    if (reason.empty()) return FinishKind::None;
    if (reason.starts_with(kBlockedPrefix)) return FinishKind::Refused;
    static constexpr std::array<std::string_view, 7> complete = {
        "stop", "end_turn", "STOP", "stop_sequence", "tool_calls", "tool_use", "function_call"};
    static constexpr std::array<std::string_view, 4> truncated = {"length", "max_tokens", "MAX_TOKENS",
                                                                  "model_context_window_exceeded"};
    // Gemini's list of safety stops grows; these are the documented ones as of v1beta (2026).
    static constexpr std::array<std::string_view, 10> refused = {
        "content_filter", "refusal",      "SAFETY",
        "RECITATION",     "BLOCKLIST",    "PROHIBITED_CONTENT",
        "SPII",           "IMAGE_SAFETY", "IMAGE_PROHIBITED_CONTENT",
        "LANGUAGE"};
    for (auto r : complete)
        if (reason == r) return FinishKind::Complete;
    for (auto r : truncated)
        if (reason == r) return FinishKind::Truncated;
    for (auto r : refused)
        if (reason == r) return FinishKind::Refused;
    return FinishKind::Other;
}

std::string toString(FinishKind kind) {
    switch (kind) {
    case FinishKind::None:
        return "none";
    case FinishKind::Complete:
        return "complete";
    case FinishKind::Truncated:
        return "truncated";
    case FinishKind::Refused:
        return "refused";
    case FinishKind::Other:
        return "other";
    }
    return "other";
}

} // namespace baton::core
