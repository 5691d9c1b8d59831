// SPDX-License-Identifier: MIT
#pragma once
/// An 8-byte integer for a hex SHA-256: what the call texts and the response cache are indexed by,
/// since an index of 64-character hex keys, written at random places, soon outgrows the page cache.

#include <cstdint>
#include <string_view>

namespace baton::core {

/// The first 16 hex digits of `hash` as a signed 64-bit integer. A digit that is not hex counts as
/// 0: a damaged hash still finds nothing, since every lookup also compares the whole hash.
int64_t hashKey(std::string_view hash);

} // namespace baton::core
