// SPDX-License-Identifier: MIT
#include "training/item_splits.h"
#include "util/rng.h"

#include <cmath>
#include <map>

namespace baton::core {

ThreeWaySplit splitBySeed(const TaskSet& tasks, uint64_t seed, double trainShare, double validationShare) {
    std::map<std::string, std::vector<const TaskItem*>> byCategory;
    for (const auto& item : tasks.items)
        byCategory[item.category].push_back(&item);
    ThreeWaySplit split;
    for (auto& [category, items] : byCategory) {
        Rng rng(hashParts({"coordinator-split", std::to_string(seed), category}));
        for (size_t i = items.size(); i > 1; --i) // Fisher-Yates
            std::swap(items[i - 1], items[size_t(rng.between(0, int64_t(i) - 1))]);
        size_t n = items.size();
        size_t train = size_t(std::lround(trainShare * double(n)));
        size_t validation = std::min(n - train, size_t(std::lround(validationShare * double(n))));
        for (size_t i = 0; i < n; ++i)
            (i < train ? split.train : i < train + validation ? split.validation : split.test).push_back(items[i]);
    }
    return split;
}

} // namespace baton::core
