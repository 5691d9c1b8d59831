// SPDX-License-Identifier: MIT
#pragma once
/// FingerprintCounts: how many times each 64-bit fingerprint was added, in an open-addressing
/// table of one 8-byte word a slot (48 bits of the fingerprint, a 16-bit count), at most three
/// quarters full: 11-21 bytes a fingerprint, where a std::unordered_map took 40. Two
/// fingerprints with the same top 48 bits count as one; a count stops at 65,535.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace baton::core {

class FingerprintCounts {
public:
    static constexpr uint32_t kMaxCount = 0xffff;

    /// Counts `fingerprint` once more; returns how many times it was counted before (0: new).
    uint32_t add(uint64_t fingerprint);
    size_t size() const { return m_count; }

private:
    void grow();
    std::vector<uint64_t> m_slots; ///< 0: empty; else key << 16 | count, the key never 0
    size_t m_count = 0;
};

} // namespace baton::core
