// SPDX-License-Identifier: MIT
#pragma once
/// Train/test splits by seed, stratified by category, so that nothing is scored on the items it
/// learned from: each category's items are shuffled with the seed and the first share go to test.

#include "matrix/outcome_matrix.h"

#include <cstdint>
#include <vector>

namespace baton::core {

struct ItemSplit {
    std::vector<size_t> train, test; ///< item indices, ascending
};

/// `items` (empty = all) split so that round(testShare x n_c) of each category's n_c items are in
/// test (at least one of a category with two or more items). Deterministic for a seed.
ItemSplit stratifiedSplit(const OutcomeMatrix& matrix, double testShare, uint64_t seed,
                          const std::vector<size_t>& items = {});

} // namespace baton::core
