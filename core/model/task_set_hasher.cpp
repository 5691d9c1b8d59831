// SPDX-License-Identifier: MIT
#include "model/task_set_hasher.h"

namespace baton::core {

// "default_grader" sorts before "items", as in the dump of the whole object.
TaskSetHasher::TaskSetHasher(const GraderSpec& defaultGrader) {
    m_sha.update("{\"default_grader\":");
    m_sha.update(toJson(defaultGrader).dump());
    m_sha.update(",\"items\":[");
}

void TaskSetHasher::add(const TaskItem& item) {
    addDumped(dumpTaskItem(item).whole);
}

void TaskSetHasher::addDumped(std::string_view itemJson) {
    if (m_items++ > 0) m_sha.update(",");
    m_sha.update(itemJson);
}

std::string TaskSetHasher::finish() {
    m_sha.update("]}");
    return m_sha.hexDigest();
}

} // namespace baton::core
