// SPDX-License-Identifier: MIT
#pragma once
/// The one way an enum is named in files, the database and the CLI: a table of {value, name}
/// pairs beside the enum's toString / ...FromString functions.

#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace baton::core {

template <class E> using EnumName = std::pair<E, std::string_view>;

/// The name of `value` in `table` ("" when the table misses it, which a test of each table rules out).
template <class E, size_t N> std::string enumName(const EnumName<E> (&table)[N], E value) {
    for (auto [v, n] : table)
        if (v == value) return std::string(n);
    return "";
}

/// The value named `text`, or nullopt for a name the table does not have.
template <class E, size_t N> std::optional<E> enumFromName(const EnumName<E> (&table)[N], std::string_view text) {
    for (auto [v, n] : table)
        if (text == n) return v;
    return std::nullopt;
}

} // namespace baton::core
