// SPDX-License-Identifier: MIT
#pragma once
/// The brackets of JSON text counted without parsing: strings (with their escapes) skipped,
/// '{' and '[' one level down, '}' and ']' one up. Shared by the depth check of text from
/// outside and the search for an object inside a model's reply.

#include <cstddef>
#include <string_view>

namespace baton::core {

/// Calls onLevel(index, depth) after each bracket from `start` on (depth after it), until it
/// returns false; returns the index it stopped at, or text.size().
template <class OnLevel> size_t walkJsonBrackets(std::string_view text, size_t start, OnLevel onLevel) {
    size_t depth = 0;
    bool inString = false;
    for (size_t i = start; i < text.size(); ++i) {
        char c = text[i];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '{' || c == '[') {
            if (!onLevel(i, ++depth)) return i;
        } else if ((c == '}' || c == ']') && depth > 0) {
            if (!onLevel(i, --depth)) return i;
        }
    }
    return text.size();
}

} // namespace baton::core
