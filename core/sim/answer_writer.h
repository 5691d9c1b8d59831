// SPDX-License-Identifier: MIT
#pragma once
/// How simulated models write: a plausible wrong answer for an item, and a reply of a drawn
/// length that reasons briefly and ends with "The answer is X."

#include "sim/item_index.h"
#include "util/rng.h"

#include <optional>
#include <string>

namespace baton::core {

/// A wrong answer that looks right: another option letter, a near-miss number, or another
/// item's answer from the same category. Never equal to a reference.
std::string wrongAnswer(const TaskItem& item, const ItemIndex& index, Rng& rng);

struct Reply {
    std::string text;
    int64_t tokens = 0;
    bool truncated = false; ///< cut at maxTokens: finish_reason "length"
};

/// Filler reasoning up to about `targetTokens`, then the final-answer line; cut at maxTokens.
Reply composeReply(const std::string& finalAnswer, int64_t targetTokens, std::optional<int64_t> maxTokens, Rng& rng);

} // namespace baton::core
