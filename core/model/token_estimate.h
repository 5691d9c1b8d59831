// SPDX-License-Identifier: MIT
#pragma once
/// estimateTokens: a deterministic stand-in for a BPE tokenizer (words, short digit runs and
/// punctuation each count), within ~20% of cl100k on English prose. Used by the simulator to
/// report usage that follows its text, and for estimates before a run.

#include <cstdint>
#include <string_view>

namespace baton::core {

int64_t estimateTokens(std::string_view text);

} // namespace baton::core
