// SPDX-License-Identifier: MIT
#pragma once
/// Train / validation / test splits of a task set by seed, stratified by category: each
/// category's items are shuffled with the seed; the first half (rounded) trains, the next quarter
/// validates, the rest tests. Deterministic for a seed; nothing is tested on what it trained on.

#include "model/task_set.h"

#include <cstdint>
#include <vector>

namespace baton::core {

struct ThreeWaySplit {
    std::vector<const TaskItem*> train, validation, test;
};

ThreeWaySplit splitBySeed(const TaskSet& tasks, uint64_t seed, double trainShare = 0.5, double validationShare = 0.25);

} // namespace baton::core
