// SPDX-License-Identifier: MIT
#pragma once
/// UTF-8 validation, so that text from files is checked where it enters instead of throwing
/// later when it is serialised.

#include <cstddef>
#include <optional>
#include <string_view>

namespace baton::core {

/// The offset of the first byte that does not start or continue a well-formed UTF-8 sequence
/// (overlong forms, surrogates and code points above U+10FFFF included), or nullopt.
std::optional<size_t> invalidUtf8At(std::string_view text);

} // namespace baton::core
