// SPDX-License-Identifier: MIT
#pragma once
/// ItemIndex: finds the task item a prompt is about, by its exact prompt text or, failing that,
/// by an item prompt contained in the text (role prompts quote the question). It shares the
/// run's task set and keys on views of its prompts: no copy of the items (a run's memory grew
/// by about 2.4 KB per demo item from the two copies it held).

#include "model/task_set.h"

#include <memory>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace baton::core {

class ItemIndex {
public:
    explicit ItemIndex(std::shared_ptr<const TaskSet> set);

    const TaskItem* find(std::string_view text) const;
    const TaskSet& taskSet() const { return *m_set; }
    /// Other items of the same category, for plausible wrong answers.
    const std::vector<size_t>& category(const std::string& name) const;

private:
    std::shared_ptr<const TaskSet> m_set;
    std::unordered_map<std::string_view, size_t> m_byPrompt; ///< views of m_set's prompts, trimmed
    std::unordered_map<std::string, std::vector<size_t>> m_byCategory;
};

std::string trimmed(std::string_view text);
/// The same without a copy: a view of `text`.
std::string_view trimmedView(std::string_view text);

} // namespace baton::core
