// SPDX-License-Identifier: MIT
#pragma once
/// SHA-256 of a byte string, as lowercase hex; used to content-address prompts, responses and task sets.

#include <string>
#include <string_view>

namespace baton::core {

std::string sha256Hex(std::string_view data);

} // namespace baton::core
