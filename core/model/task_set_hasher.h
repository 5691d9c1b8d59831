// SPDX-License-Identifier: MIT
#pragma once
/// TaskSetHasher: a task set's content hash computed item by item, without the set in memory.
/// It hashes the same bytes as the canonical JSON {"default_grader":G,"items":[I1,I2,...]}
/// (nlohmann's compact dump, keys sorted), so it equals the hashes stored by every workspace.

#include "model/task_set.h"
#include "util/sha256.h"

#include <string>

namespace baton::core {

class TaskSetHasher {
public:
    explicit TaskSetHasher(const GraderSpec& defaultGrader);
    void add(const TaskItem& item);
    /// The same for an item already dumped (dumpTaskItem(item).whole), so that a writer dumps it once.
    void addDumped(std::string_view itemJson);
    /// The hex SHA-256; call once, after the last add().
    std::string finish();
    size_t items() const { return m_items; }

private:
    Sha256 m_sha;
    size_t m_items = 0;
};

} // namespace baton::core
