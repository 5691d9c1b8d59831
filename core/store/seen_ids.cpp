// SPDX-License-Identifier: MIT
#include "store/seen_ids.h"

#include <functional>

namespace baton::core {
namespace {

uint64_t fingerprint(std::string_view id) {
    uint64_t h = std::hash<std::string_view>{}(id);
    h ^= h >> 33, h *= 0xff51afd7ed558ccdULL, h ^= h >> 33; // spread into the top 48 bits, which are kept
    return h;
}

} // namespace

bool SeenIds::insert(std::string_view id) {
    return m_counts.add(fingerprint(id)) == 0;
}

} // namespace baton::core
