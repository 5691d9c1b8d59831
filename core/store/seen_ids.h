// SPDX-License-Identifier: MIT
#pragma once
/// SeenIds: fingerprints of the item ids a task set writer has written (FingerprintCounts: 16 MB
/// at 1M ids). "Not seen" is certain, so a new id needs no lookup in the workspace; "maybe seen"
/// is checked there (two ids with the same fingerprint are told apart by that lookup).

#include "util/fingerprint_counts.h"

#include <string_view>

namespace baton::core {

class SeenIds {
public:
    /// Records `id`; false when its fingerprint was already recorded (the id may have been seen).
    bool insert(std::string_view id);
    size_t size() const { return m_counts.size(); }

private:
    FingerprintCounts m_counts;
};

} // namespace baton::core
