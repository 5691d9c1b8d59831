// SPDX-License-Identifier: MIT
#include "sim/item_index.h"

namespace baton::core {

std::string_view trimmedView(std::string_view text) {
    size_t b = text.find_first_not_of(" \t\r\n"), e = text.find_last_not_of(" \t\r\n");
    return b == std::string_view::npos ? std::string_view() : text.substr(b, e - b + 1);
}

std::string trimmed(std::string_view text) {
    return std::string(trimmedView(text));
}

ItemIndex::ItemIndex(std::shared_ptr<const TaskSet> set) : m_set(std::move(set)) {
    const auto& items = m_set->items;
    for (size_t i = 0; i < items.size(); ++i) {
        m_byPrompt.emplace(trimmedView(items[i].prompt()), i);
        m_byCategory[items[i].category].push_back(i);
    }
}

const TaskItem* ItemIndex::find(std::string_view text) const {
    auto it = m_byPrompt.find(trimmedView(text));
    if (it != m_byPrompt.end()) return &m_set->items[it->second];
    const TaskItem* best = nullptr;
    for (const auto& item : m_set->items) {
        const std::string& p = item.prompt();
        if (!p.empty() && text.find(trimmedView(p)) != std::string_view::npos &&
            (!best || p.size() > best->prompt().size()))
            best = &item;
    }
    return best;
}

const std::vector<size_t>& ItemIndex::category(const std::string& name) const {
    static const std::vector<size_t> none;
    auto it = m_byCategory.find(name);
    return it == m_byCategory.end() ? none : it->second;
}

} // namespace baton::core
