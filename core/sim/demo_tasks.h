// SPDX-License-Identifier: MIT
#pragma once
/// The demo task set: real questions with computed gold answers over six categories, made by a
/// seeded generator, so the same set works against the simulator and against real endpoints.

#include "model/task_set.h"

#include <cstdint>

namespace baton::core {

/// The categories, in generation order.
inline constexpr const char* kDemoCategories[] = {"arithmetic", "word-problem", "multiple-choice",
                                                  "extraction", "code-output",  "long-context"};

/// `perCategory` items of each category (300 in all by default); same seed, same set.
TaskSet generateDemoTasks(uint64_t seed = 1, int perCategory = 50);

} // namespace baton::core
