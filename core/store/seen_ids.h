// SPDX-License-Identifier: MIT
#pragma once
/// SeenIds: 64-bit fingerprints of the item ids a task set writer has written, in an
/// open-addressing table (8 bytes a slot, at most half full: 16 MB at 1M ids). "Not seen" is
/// certain, so a new id needs no lookup in the workspace; "maybe seen" is checked there (two ids
/// with the same fingerprint are told apart by that lookup).

#include <cstdint>
#include <string_view>
#include <vector>

namespace baton::core {

class SeenIds {
public:
    /// Records `id`; false when its fingerprint was already recorded (the id may have been seen).
    bool insert(std::string_view id);
    size_t size() const { return m_count; }

private:
    void grow();
    std::vector<uint64_t> m_slots; ///< 0: empty; a fingerprint is never 0
    size_t m_count = 0;
};

} // namespace baton::core
