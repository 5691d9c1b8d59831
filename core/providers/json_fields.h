// SPDX-License-Identifier: MIT
#pragma once
/// Tolerant field access for provider payloads: a missing or mistyped field is nullopt, never an
/// exception, because remote servers send all kinds of shapes.

#include <nlohmann/json.hpp>

#include <cmath>
#include <limits>
#include <optional>
#include <string>

namespace baton::core {

/// A whole number that fits in int64 (1e23, 2^64 - 1 or 2.5 tokens are nullopt: unknown, never a
/// wrapped value; converting them was undefined behaviour, found by fuzzing).
inline std::optional<int64_t> intField(const nlohmann::json& obj, const char* key) {
    if (!obj.is_object()) return std::nullopt;
    auto it = obj.find(key);
    if (it == obj.end()) return std::nullopt;
    if (it->is_number_unsigned())
        return it->get<uint64_t>() <= uint64_t(std::numeric_limits<int64_t>::max())
                   ? std::optional<int64_t>(int64_t(it->get<uint64_t>()))
                   : std::nullopt;
    if (it->is_number_integer()) return it->get<int64_t>();
    if (!it->is_number_float()) return std::nullopt;
    double d = it->get<double>();
    // 2^63 is exactly representable; anything at or above it, or not whole, is refused.
    if (!(d >= -9223372036854775808.0 && d < 9223372036854775808.0) || d != std::floor(d)) return std::nullopt;
    return int64_t(d);
}

inline std::string stringField(const nlohmann::json& obj, const char* key) {
    if (!obj.is_object()) return "";
    auto it = obj.find(key);
    return it != obj.end() && it->is_string() ? it->get<std::string>() : "";
}

inline const nlohmann::json& objectField(const nlohmann::json& obj, const char* key) {
    static const nlohmann::json empty = nlohmann::json::object();
    if (!obj.is_object()) return empty;
    auto it = obj.find(key);
    return it != obj.end() && it->is_object() ? *it : empty;
}

/// Appends the model's default parameters without letting them override what Baton set.
inline void mergeParams(nlohmann::json& body, const nlohmann::json& params) {
    if (!params.is_object()) return;
    for (auto it = params.begin(); it != params.end(); ++it)
        if (!body.contains(it.key())) body[it.key()] = *it;
}

} // namespace baton::core
