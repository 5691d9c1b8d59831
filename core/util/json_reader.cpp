// SPDX-License-Identifier: MIT
#include "util/json_reader.h"
#include "util/secrets.h"

#include <algorithm>
#include <cmath>

namespace baton::core {

std::string JsonReader::child(const std::string& path, std::string_view key) {
    std::string escaped;
    for (char c : key) {
        if (c == '~')
            escaped += "~0";
        else if (c == '/')
            escaped += "~1";
        else
            escaped += c;
    }
    return path + "/" + escaped;
}

std::string JsonReader::child(const std::string& path, size_t index) {
    return path + "/" + std::to_string(index);
}

std::string JsonReader::describe(const Json& value) {
    switch (value.type()) {
    case Json::value_t::null:
        return "null";
    case Json::value_t::boolean:
        return value.get<bool>() ? "true" : "false";
    case Json::value_t::string: {
        const auto& s = value.get_ref<const std::string&>();
        // containsSecret, not looksLikeSecret: "env:sk-..." or "http://u:sk-...@host" carry a key inside.
        if (containsSecret(s)) return "a string that looks like a secret (not shown)";
        return "\"" + (s.size() > 40 ? s.substr(0, 37) + "..." : s) + "\"";
    }
    case Json::value_t::array:
        return "an array";
    case Json::value_t::object:
        return "an object";
    default:
        return value.dump();
    }
}

void JsonReader::error(const std::string& path, std::string message) {
    m_diagnostics.push_back({Severity::Error, m_file, path.empty() ? "/" : path, std::move(message)});
}

void JsonReader::warning(const std::string& path, std::string message) {
    m_diagnostics.push_back({Severity::Warning, m_file, path.empty() ? "/" : path, std::move(message)});
}

const Json* JsonReader::member(const Json& obj, const std::string& path, const char* key, Need need) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) {
        if (need == Need::Required) error(child(path, key), "required field is missing");
        return nullptr;
    }
    return &*it;
}

std::optional<std::string> JsonReader::string(const Json& obj, const std::string& path, const char* key, Need need) {
    const Json* v = member(obj, path, key, need);
    if (!v) return std::nullopt;
    if (!v->is_string()) {
        error(child(path, key), "expected a string, got " + describe(*v));
        return std::nullopt;
    }
    return v->get<std::string>();
}

std::optional<double> JsonReader::number(const Json& obj, const std::string& path, const char* key, Need need) {
    const Json* v = member(obj, path, key, need);
    if (!v) return std::nullopt;
    if (!v->is_number()) {
        error(child(path, key), "expected a number, got " + describe(*v));
        return std::nullopt;
    }
    return v->get<double>();
}

std::optional<int64_t> JsonReader::integer(const Json& obj, const std::string& path, const char* key, Need need) {
    const Json* v = member(obj, path, key, need);
    if (!v) return std::nullopt;
    if (v->is_number_unsigned() && v->get<uint64_t>() > uint64_t(INT64_MAX)) {
        // get<int64_t>() would wrap it to a negative number, which a range check then names wrongly or accepts.
        error(child(path, key), "expected a whole number up to 9223372036854775807, got " + describe(*v));
        return std::nullopt;
    }
    if (v->is_number_integer()) return v->get<int64_t>();
    if (v->is_number_float()) {
        double d = v->get<double>();
        if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9e15) return static_cast<int64_t>(d);
    }
    error(child(path, key), "expected a whole number, got " + describe(*v));
    return std::nullopt;
}

std::optional<bool> JsonReader::boolean(const Json& obj, const std::string& path, const char* key, Need need) {
    const Json* v = member(obj, path, key, need);
    if (!v) return std::nullopt;
    if (!v->is_boolean()) {
        error(child(path, key), "expected true or false, got " + describe(*v));
        return std::nullopt;
    }
    return v->get<bool>();
}

const Json* JsonReader::object(const Json& obj, const std::string& path, const char* key, Need need) {
    const Json* v = member(obj, path, key, need);
    if (v && !v->is_object()) {
        error(child(path, key), "expected an object, got " + describe(*v));
        return nullptr;
    }
    return v;
}

const Json* JsonReader::array(const Json& obj, const std::string& path, const char* key, Need need) {
    const Json* v = member(obj, path, key, need);
    if (v && !v->is_array()) {
        error(child(path, key), "expected an array, got " + describe(*v));
        return nullptr;
    }
    return v;
}

void JsonReader::warnUnknown(const Json& obj, const std::string& path, std::initializer_list<std::string_view> known) {
    for (auto it = obj.begin(); it != obj.end(); ++it)
        if (std::find(known.begin(), known.end(), it.key()) == known.end())
            warning(child(path, it.key()), "unknown field, ignored (check the spelling)");
}

} // namespace baton::core
