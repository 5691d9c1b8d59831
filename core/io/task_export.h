// SPDX-License-Identifier: MIT
#pragma once
/// Writes a task set as JSONL in the format importTasks reads back unchanged.

#include "model/task_set.h"

#include <string>

namespace baton::core {

std::string taskSetToJsonl(const TaskSet& set);

} // namespace baton::core
