// SPDX-License-Identifier: MIT
#pragma once
/// wholeNumberIn: a number read from a file Baton did not write (a token count in a CSV cell or a
/// replay record), as an integer when it is a whole number within stated bounds. It is checked as a
/// double before the conversion, which is undefined behaviour beyond int64's range (1e25): NaN,
/// infinities, 2.5 and anything outside the bounds give nullopt, for the caller to refuse in its
/// own words. (wholeAs in json_whole.h does the same for a JSON value and a C++ type's range.)

#include <cassert>
#include <cmath>
#include <cstdint>
#include <optional>

namespace baton::core {

/// `value` as an integer when it is a whole number in [low, high], else nullopt. The bounds must
/// be exact as doubles (at most 2^53 from 0), as every limit of a count Baton reads is.
inline std::optional<int64_t> wholeNumberIn(double value, int64_t low, int64_t high) {
    assert(low >= -(int64_t(1) << 53) && high <= (int64_t(1) << 53) && low <= high);
    if (!(value >= double(low) && value <= double(high) && value == std::floor(value))) return std::nullopt;
    return int64_t(value);
}

} // namespace baton::core
