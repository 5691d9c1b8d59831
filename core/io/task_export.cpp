// SPDX-License-Identifier: MIT
#include "io/task_export.h"

namespace baton::core {

std::string taskSetToJsonl(const TaskSet& set) {
    std::string out;
    for (const auto& item : set.items) {
        nlohmann::json line = {{"id", item.id}, {"category", item.category}};
        if (item.messages.size() == 1 && item.messages[0].role == "user")
            line["prompt"] = item.messages[0].content;
        else {
            nlohmann::json messages = nlohmann::json::array();
            for (const auto& m : item.messages)
                messages.push_back(toJson(m));
            line["messages"] = messages;
        }
        line["answer"] =
            item.references.size() == 1 ? nlohmann::json(item.references[0]) : nlohmann::json(item.references);
        if (item.grader) line["grader"] = toJson(*item.grader);
        if (!item.metadata.empty()) line["metadata"] = item.metadata;
        out += line.dump() + "\n";
    }
    return out;
}

} // namespace baton::core
