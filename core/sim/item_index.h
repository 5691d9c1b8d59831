// SPDX-License-Identifier: MIT
#pragma once
/// ItemIndex: finds the task item a prompt is about, by its exact prompt text or, failing that,
/// by an item prompt contained in the text (role prompts quote the question). It shares the
/// run's task set and keys on views of its prompts: no copy of the items (a run's memory grew
/// by about 2.4 KB per demo item from the two copies it held).
///
/// The contained prompt is found from the hash of every kAnchor-byte window of the text, each
/// looked up among the hashes of the prompts' anchors (one window of each prompt, the rarest of a
/// few): the time of a lookup follows the text's length, not the number of items (a scan of
/// every prompt took 8-12 ms at 90k items, for each text that is not an item's prompt).

#include "model/task_set.h"

#include <cstdint>
#include <memory>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace baton::core {

class ItemIndex {
public:
    explicit ItemIndex(std::shared_ptr<const TaskSet> set);

    /// The item whose trimmed prompt is the trimmed text; else the item with the longest prompt
    /// contained in the text (the first such item on a tie); else nullptr.
    const TaskItem* find(std::string_view text) const;
    const TaskSet& taskSet() const { return *m_set; }
    /// Other items of the same category, for plausible wrong answers.
    const std::vector<size_t>& category(const std::string& name) const;

    static constexpr size_t kAnchor = 32; ///< bytes of a prompt's start that key it

private:
    const TaskItem* findContained(std::string_view text) const;

    std::shared_ptr<const TaskSet> m_set;
    std::unordered_map<std::string_view, size_t> m_byPrompt; ///< views of m_set's prompts, trimmed
    std::unordered_map<std::string, std::vector<size_t>> m_byCategory;
    struct Anchor {
        uint64_t hash;   ///< of the kAnchor bytes at `offset` in the item's trimmed prompt
        uint32_t item;
        uint32_t offset;
    };
    std::vector<Anchor> m_byAnchor; ///< one per prompt of kAnchor bytes or more, by hash
    std::vector<uint64_t> m_anchorBits; ///< a bit per value of an anchor's low 20 bits: most windows stop here
    std::vector<uint32_t> m_shortPrompts; ///< items whose trimmed prompt is shorter than kAnchor, scanned
};

std::string trimmed(std::string_view text);
/// The same without a copy: a view of `text`.
std::string_view trimmedView(std::string_view text);

} // namespace baton::core
