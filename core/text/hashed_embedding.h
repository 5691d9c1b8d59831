// SPDX-License-Identifier: MIT
#pragma once
/// A deterministic hashed bag-of-words vector (lowercased words, FNV-hashed into `dims`
/// buckets with a sign bit, L2-normalised): the simulator's /v1/embeddings and a built-in
/// fallback for similarity routing when no embedding endpoint is configured.

#include <string_view>
#include <vector>

namespace baton::core {

std::vector<float> hashedEmbedding(std::string_view text, int dims = 256);

} // namespace baton::core
