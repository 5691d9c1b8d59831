// SPDX-License-Identifier: MIT
#include "sim/item_index.h"

#include <algorithm>
#include <array>
#include <cstddef>

namespace baton::core {
namespace {

constexpr uint64_t kBase = 0x100000001b3ull; ///< the rolling hash's multiplier (odd)
constexpr unsigned kBitsShift = 64 - 20;     ///< the top 20 bits of a hash pick its filter bit

uint64_t hashOf(std::string_view bytes) {
    uint64_t h = 0;
    for (unsigned char c : bytes) h = h * kBase + c;
    return h;
}

uint64_t power(uint64_t base, size_t exponent) {
    uint64_t p = 1;
    while (exponent--) p *= base;
    return p;
}

} // namespace

std::string_view trimmedView(std::string_view text) {
    size_t b = text.find_first_not_of(" \t\r\n"), e = text.find_last_not_of(" \t\r\n");
    return b == std::string_view::npos ? std::string_view() : text.substr(b, e - b + 1);
}

std::string trimmed(std::string_view text) {
    return std::string(trimmedView(text));
}

ItemIndex::ItemIndex(std::shared_ptr<const TaskSet> set) : m_set(std::move(set)), m_anchorBits((size_t(1) << 20) / 64) {
    const auto& items = m_set->items;
    // A prompt's anchor is the rarest of a few of its windows: prompts made from one template
    // share their start (or their end), and an anchor shared by thousands of prompts would make
    // each text that quotes the template compare them all.
    auto candidates = [](std::string_view prompt) {
        size_t last = prompt.size() - kAnchor;
        return std::array<size_t, 5>{0, last / 4, last / 2, last - last / 4, last};
    };
    std::vector<uint64_t> windows;
    for (size_t i = 0; i < items.size(); ++i) {
        std::string_view prompt = trimmedView(items[i].prompt());
        m_byPrompt.emplace(prompt, i);
        m_byCategory[items[i].category].push_back(i);
        if (items[i].prompt().empty()) continue; // contains nothing
        if (prompt.size() < kAnchor) {
            m_shortPrompts.push_back(uint32_t(i));
            continue;
        }
        for (size_t at : candidates(prompt)) windows.push_back(hashOf(prompt.substr(at, kAnchor)));
    }
    std::sort(windows.begin(), windows.end());
    auto frequency = [&](uint64_t h) {
        auto [from, to] = std::equal_range(windows.begin(), windows.end(), h);
        return to - from;
    };
    for (size_t i = 0; i < items.size(); ++i) {
        std::string_view prompt = trimmedView(items[i].prompt());
        if (items[i].prompt().empty() || prompt.size() < kAnchor) continue;
        Anchor best{};
        ptrdiff_t bestFrequency = PTRDIFF_MAX;
        for (size_t at : candidates(prompt)) {
            uint64_t h = hashOf(prompt.substr(at, kAnchor));
            if (ptrdiff_t f = frequency(h); f < bestFrequency) {
                best = {h, uint32_t(i), uint32_t(at)};
                bestFrequency = f;
            }
        }
        m_byAnchor.push_back(best);
        size_t bit = best.hash >> kBitsShift;
        m_anchorBits[bit / 64] |= uint64_t(1) << (bit % 64);
    }
    std::sort(m_byAnchor.begin(), m_byAnchor.end(), [](const Anchor& a, const Anchor& b) { return a.hash < b.hash; });
}

const TaskItem* ItemIndex::find(std::string_view text) const {
    auto it = m_byPrompt.find(trimmedView(text));
    if (it != m_byPrompt.end()) return &m_set->items[it->second];
    return findContained(text);
}

const TaskItem* ItemIndex::findContained(std::string_view text) const {
    const auto& items = m_set->items;
    // The longest prompt (untrimmed length, as before the index) wins; the first item on a tie.
    const TaskItem* best = nullptr;
    auto consider = [&](uint32_t i) {
        const TaskItem& item = items[i];
        if (!best || item.prompt().size() > best->prompt().size() ||
            (item.prompt().size() == best->prompt().size() && &item < best))
            best = &item;
    };
    for (uint32_t i : m_shortPrompts)
        if (text.find(trimmedView(items[i].prompt())) != std::string_view::npos) consider(i);
    if (text.size() < kAnchor || m_byAnchor.empty()) return best;

    const uint64_t dropped = power(kBase, kAnchor); // the weight of the byte leaving the window
    uint64_t h = hashOf(text.substr(0, kAnchor));
    for (size_t at = 0;; ++at) {
        size_t bit = h >> kBitsShift;
        if (m_anchorBits[bit / 64] >> (bit % 64) & 1) {
            auto match = std::lower_bound(m_byAnchor.begin(), m_byAnchor.end(), h,
                                          [](const Anchor& a, uint64_t value) { return a.hash < value; });
            for (; match != m_byAnchor.end() && match->hash == h; ++match) {
                std::string_view prompt = trimmedView(items[match->item].prompt());
                if (at >= match->offset && text.substr(at - match->offset, prompt.size()) == prompt) consider(match->item);
            }
        }
        if (at + kAnchor == text.size()) break;
        h = h * kBase + (unsigned char)text[at + kAnchor] - dropped * (unsigned char)text[at];
    }
    return best;
}

const std::vector<size_t>& ItemIndex::category(const std::string& name) const {
    static const std::vector<size_t> none;
    auto it = m_byCategory.find(name);
    return it == m_byCategory.end() ? none : it->second;
}

} // namespace baton::core
