// SPDX-License-Identifier: MIT
#include "store/seen_ids.h"

#include <functional>

namespace baton::core {
namespace {

uint64_t fingerprint(std::string_view id) {
    uint64_t h = std::hash<std::string_view>{}(id);
    h ^= h >> 33, h *= 0xff51afd7ed558ccdULL, h ^= h >> 33; // spread the bits used for the slot
    return h ? h : 1;
}

} // namespace

bool SeenIds::insert(std::string_view id) {
    if (2 * (m_count + 1) > m_slots.size()) grow();
    uint64_t f = fingerprint(id);
    size_t mask = m_slots.size() - 1;
    for (size_t i = f & mask;; i = (i + 1) & mask) {
        if (m_slots[i] == f) return false;
        if (m_slots[i] == 0) {
            m_slots[i] = f;
            ++m_count;
            return true;
        }
    }
}

void SeenIds::grow() {
    std::vector<uint64_t> old = std::move(m_slots);
    m_slots.assign(old.empty() ? 1024 : 2 * old.size(), 0);
    size_t mask = m_slots.size() - 1;
    for (uint64_t f : old) {
        if (f == 0) continue;
        size_t i = f & mask;
        while (m_slots[i] != 0)
            i = (i + 1) & mask;
        m_slots[i] = f;
    }
}

} // namespace baton::core
