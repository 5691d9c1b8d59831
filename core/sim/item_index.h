// SPDX-License-Identifier: MIT
#pragma once
/// ItemIndex: finds the task item a prompt is about, by its exact prompt text or, failing that,
/// by an item prompt contained in the text (role prompts quote the question).

#include "model/task_set.h"

#include <string_view>
#include <unordered_map>
#include <vector>

namespace baton::core {

class ItemIndex {
public:
    explicit ItemIndex(TaskSet set);

    const TaskItem* find(std::string_view text) const;
    const TaskSet& taskSet() const { return m_set; }
    /// Other items of the same category, for plausible wrong answers.
    const std::vector<size_t>& category(const std::string& name) const;

private:
    TaskSet m_set;
    std::unordered_map<std::string, size_t> m_byPrompt;
    std::unordered_map<std::string, std::vector<size_t>> m_byCategory;
};

std::string trimmed(std::string_view text);

} // namespace baton::core
