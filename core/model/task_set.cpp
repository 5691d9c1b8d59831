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

TaskItemDump dumpTaskItem(const TaskItem& item) {
    auto quoted = [](const std::string& text) { return nlohmann::json(text).dump(); };
    TaskItemDump out;
    out.messages = "[";
    for (const auto& m : item.messages) // {"content":..,"role":..}: nlohmann's keys are sorted
        out.messages += (out.messages.size() > 1 ? ",{\"content\":" : "{\"content\":") + quoted(m.content) +
                        ",\"role\":" + quoted(m.role) + "}";
    out.messages += "]";
    out.references = nlohmann::json(item.references).dump();
    if (item.grader) out.grader = toJson(*item.grader).dump();
    out.metadata = item.metadata.dump();
    // The keys of toJson(item), sorted as nlohmann sorts them.
    out.whole = "{\"category\":" + quoted(item.category);
    if (item.grader) out.whole += ",\"grader\":" + out.grader;
    out.whole += ",\"id\":" + quoted(item.id) + ",\"messages\":" + out.messages;
    if (!item.metadata.empty()) out.whole += ",\"metadata\":" + out.metadata;
    out.whole += ",\"references\":" + out.references + "}";
    return out;
}

std::string TaskSet::contentHash() const {
    TaskSetHasher hasher(defaultGrader); // item by item: no JSON tree of the whole set
    for (const auto& item : items)
        hasher.add(item);
    return hasher.finish();
}

} // namespace baton::core
