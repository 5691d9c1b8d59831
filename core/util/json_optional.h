// SPDX-License-Identifier: MIT
#pragma once
/// Lets nlohmann/json read and write std::optional<T> as the value or null.

#include <nlohmann/json.hpp>
#include <optional>

namespace nlohmann {
template <class T> struct adl_serializer<std::optional<T>> {
    static void to_json(json& j, const std::optional<T>& value) {
        if (value)
            j = *value;
        else
            j = nullptr;
    }
    static void from_json(const json& j, std::optional<T>& value) {
        if (j.is_null())
            value.reset();
        else
            value = j.get<T>();
    }
};
} // namespace nlohmann
