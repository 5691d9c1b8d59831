// SPDX-License-Identifier: MIT
#pragma once
/// Parsing JSON text from outside (files, lines, HTTP bodies) without letting hostile input
/// crash or escape as an exception: nesting depth is checked first, iteratively.
/// Errors: BadInput with `where`, the byte offset and what to do; never throws.

#include "util/result.h"

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace baton::core {

/// Deeper documents are refused before parsing; every recursive walk over a parsed document
/// (copy, dump, scans) then stays far from the stack limit.
inline constexpr size_t kMaxJsonDepth = 128;

/// Nesting depth of `text` ({"a":[1]} is 2), counted without recursion; strings are skipped.
size_t jsonNestingDepth(std::string_view text);

/// Parses `text`; refuses nesting deeper than kMaxJsonDepth, invalid UTF-8, numbers out of
/// the range of a double (1e400) and syntax errors, each with a message naming `where`.
Result<nlohmann::json> parseJsonText(std::string_view text, const std::string& where);

/// For text from outside whose not being JSON is an ordinary answer (a model's reply, an endpoint's
/// body): json::parse(text, nullptr, false), and also a discarded value when the text nests deeper
/// than kMaxJsonDepth. The parse itself is iterative, but a copy, comparison or dump of what it
/// built recurses once per level (100k levels crashed a judge's score and a bundle's verify).
nlohmann::json parseJsonOrDiscarded(std::string_view text);

} // namespace baton::core
