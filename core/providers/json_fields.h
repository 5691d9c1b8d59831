// SPDX-License-Identifier: MIT
#pragma once
/// Tolerant field access for provider payloads: a missing or mistyped field is nullopt, never an
/// exception, because remote servers send all kinds of shapes.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace baton::core {

inline std::optional<int64_t> intField(const nlohmann::json& obj, const char* key) {
    if (!obj.is_object()) return std::nullopt;
    auto it = obj.find(key);
    if (it == obj.end() || !it->is_number()) return std::nullopt;
    return it->get<int64_t>();
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
