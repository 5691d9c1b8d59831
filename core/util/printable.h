// SPDX-License-Identifier: MIT
#pragma once
/// Makes text from files safe to print on a terminal: control characters (ESC above all, which
/// can clear the screen or retitle the window), DEL, C1 controls and bytes that are not UTF-8
/// are shown as \xNN instead of being sent to the terminal.

#include <string>
#include <string_view>

namespace baton::core {

/// `text` with every unsafe byte written as "\xNN"; with keepNewlines, '\n' passes through.
std::string printable(std::string_view text, bool keepNewlines = false);

} // namespace baton::core
