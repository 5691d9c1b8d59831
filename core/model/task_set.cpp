// SPDX-License-Identifier: MIT
#include "model/task_set.h"
#include "model/task_set_hasher.h"

namespace baton::core {

const std::string& TaskItem::prompt() const {
    static const std::string empty;
    for (auto it = messages.rbegin(); it != messages.rend(); ++it)
        if (it->role == "user") return it->content;
    return messages.empty() ? empty : messages.back().content;
}

nlohmann::json toJson(const Message& message) {
    return {{"role", message.role}, {"content", message.content}};
}

nlohmann::json toJson(const TaskItem& item) {
    nlohmann::json messages = nlohmann::json::array();
    for (const auto& m : item.messages)
        messages.push_back(toJson(m));
    nlohmann::json j = {
        {"id", item.id}, {"category", item.category}, {"messages", messages}, {"references", item.references}};
    if (item.grader) j["grader"] = toJson(*item.grader);
    if (!item.metadata.empty()) j["metadata"] = item.metadata;
    return j;
}

std::string TaskSet::contentHash() const {
    TaskSetHasher hasher(defaultGrader); // item by item: no JSON tree of the whole set
    for (const auto& item : items)
        hasher.add(item);
    return hasher.finish();
}

} // namespace baton::core
