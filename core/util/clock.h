// SPDX-License-Identifier: MIT
#pragma once
/// The wall clock, for timestamps that are stored (calls, runs, price versions).

#include <cstdint>

namespace baton::core {

/// Milliseconds since the Unix epoch (system clock).
int64_t nowMs();

} // namespace baton::core
