// SPDX-License-Identifier: MIT
#pragma once
/// TaskSet: the items a run answers, each with its prompt, reference answer(s) and grader.
/// A task set is identified by the hash of its canonical content.

#include "model/grader_spec.h"

#include <optional>
#include <string>
#include <vector>

namespace baton::core {

struct Message {
    std::string role; ///< system, user, assistant
    std::string content;
    bool operator==(const Message&) const = default;
};

struct TaskItem {
    std::string id;
    std::string category;
    std::vector<Message> messages;
    std::vector<std::string> references;
    std::optional<GraderSpec> grader; ///< overrides the set's default grader
    nlohmann::json metadata = nlohmann::json::object();

    /// The last user message, the text most routers look at.
    const std::string& prompt() const;
    bool operator==(const TaskItem&) const = default;
};

struct TaskSet {
    std::string name;
    GraderSpec defaultGrader;
    std::vector<TaskItem> items;

    const GraderSpec& graderFor(const TaskItem& item) const { return item.grader ? *item.grader : defaultGrader; }
    /// SHA-256 of the canonical JSON of the items and default grader (name excluded).
    std::string contentHash() const;
};

nlohmann::json toJson(const TaskItem& item);
/// An item's canonical JSON and the parts a workspace row stores, each dumped once (an import
/// of 1M items used to build and dump every item's tree twice).
struct TaskItemDump {
    std::string messages;   ///< the messages array
    std::string references; ///< the references array
    std::string grader;     ///< the grader object; empty when the item has none
    std::string metadata;   ///< the metadata, also when it is empty
    std::string whole;      ///< byte for byte toJson(item).dump(), which the content hash rests on
};
TaskItemDump dumpTaskItem(const TaskItem& item);
nlohmann::json toJson(const Message& message);

} // namespace baton::core
