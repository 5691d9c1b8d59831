// SPDX-License-Identifier: MIT
#pragma once
/// Pulls the answer out of a model's free-form text: "The answer is **42**.", "(B)", "$1,234.50",
/// "x = 3.0", with trailing explanations. Each function documents which candidate it prefers.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace baton::core {

/// Lowercase, markdown and punctuation removed, articles (a, an, the) dropped, whitespace collapsed.
std::string normalizeAnswer(std::string_view text);

/// The text after the last explicit marker ("answer is", "answer:", "####", "\boxed{...}"),
/// cut at the end of its sentence or line; nullopt when there is no marker.
std::optional<std::string> markedAnswer(std::string_view text);

/// A choice letter A..maxLetter: the marked answer's letter if any, else a letter standing alone
/// at the start ("B", "(B)", "B)", "B." or "**B**"), else the only standalone letter in the text.
std::optional<char> extractChoice(std::string_view text, char maxLetter = 'J');

/// The number meant as the answer: the marked answer's first number if any, else the last number
/// in the text. Handles "$1,234.50", "-3", "3.0", "1e3", "50%", and "3/4".
std::optional<double> extractNumber(std::string_view text);

/// Every number token of `text`, left to right, as the regex
/// `(-|−)?\$?\s?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?([eE][-+]?\d+)?(\s?/\s?\d+)?%?|(-)?\$?\.\d+` finds
/// them with std::regex (ECMAScript; − is U+2212 in UTF-8), but in one scan; views into `text`.
std::vector<std::string_view> numberTokens(std::string_view text);

/// Parses a whole string as a number with the same rules ("1,234" -> 1234); nullopt otherwise.
std::optional<double> parseNumber(std::string_view text);

} // namespace baton::core
