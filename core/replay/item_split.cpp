// SPDX-License-Identifier: MIT
#include "replay/item_split.h"
#include "util/rng.h"

#include <algorithm>
#include <cmath>

namespace baton::core {

ItemSplit stratifiedSplit(const OutcomeMatrix& m, double testShare, uint64_t seed, const std::vector<size_t>& itemsIn) {
    std::vector<std::vector<size_t>> byCategory(m.categories.size());
    if (itemsIn.empty())
        for (size_t i = 0; i < m.itemCount(); ++i)
            byCategory[m.itemCategory[i]].push_back(i);
    else
        for (size_t i : itemsIn)
            byCategory[m.itemCategory[i]].push_back(i);
    ItemSplit split;
    for (size_t c = 0; c < byCategory.size(); ++c) {
        auto& items = byCategory[c];
        Rng rng(hashParts({std::to_string(seed), m.categories[c]}));
        for (size_t k = items.size(); k > 1; --k) // Fisher-Yates with our portable generator
            std::swap(items[k - 1], items[size_t(rng.between(0, int64_t(k) - 1))]);
        size_t test = size_t(std::llround(testShare * double(items.size())));
        if (items.size() >= 2 && testShare > 0) test = std::clamp<size_t>(test, 1, items.size() - 1);
        split.test.insert(split.test.end(), items.begin(), items.begin() + long(test));
        split.train.insert(split.train.end(), items.begin() + long(test), items.end());
    }
    std::sort(split.train.begin(), split.train.end());
    std::sort(split.test.begin(), split.test.end());
    return split;
}

} // namespace baton::core
