// SPDX-License-Identifier: MIT
#include "util/fingerprint_counts.h"

namespace baton::core {
namespace {

constexpr unsigned kCountBits = 16;

uint64_t keyOf(uint64_t fingerprint) {
    uint64_t key = fingerprint >> kCountBits;
    return key ? key : 1;
}

/// The slot a key starts looking from: its bits spread, so that similar keys land far apart.
size_t home(uint64_t key, size_t mask) {
    key ^= key >> 33, key *= 0xff51afd7ed558ccdULL, key ^= key >> 33;
    return key & mask;
}

} // namespace

uint32_t FingerprintCounts::add(uint64_t fingerprint) {
    if (4 * (m_count + 1) > 3 * m_slots.size()) grow();
    uint64_t key = keyOf(fingerprint);
    size_t mask = m_slots.size() - 1;
    for (size_t i = home(key, mask);; i = (i + 1) & mask) {
        uint64_t& slot = m_slots[i];
        if (slot == 0) {
            slot = key << kCountBits | 1;
            ++m_count;
            return 0;
        }
        if (slot >> kCountBits == key) {
            uint32_t before = uint32_t(slot & kMaxCount);
            if (before < kMaxCount) ++slot;
            return before;
        }
    }
}

void FingerprintCounts::grow() {
    std::vector<uint64_t> old = std::move(m_slots);
    m_slots.assign(old.empty() ? 1024 : 2 * old.size(), 0);
    size_t mask = m_slots.size() - 1;
    for (uint64_t slot : old) {
        if (slot == 0) continue;
        size_t i = home(slot >> kCountBits, mask);
        while (m_slots[i] != 0)
            i = (i + 1) & mask;
        m_slots[i] = slot;
    }
}

} // namespace baton::core
