// SPDX-License-Identifier: MIT
#include "model/task_set.h"
#include "util/sha256.h"

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
    nlohmann::json items_ = nlohmann::json::array();
    for (const auto& item : items)
        items_.push_back(toJson(item));
    nlohmann::json canonical = {{"default_grader", toJson(defaultGrader)}, {"items", items_}};
    return sha256Hex(canonical.dump()); // nlohmann sorts object keys, so the dump is canonical
}

} // namespace baton::core
