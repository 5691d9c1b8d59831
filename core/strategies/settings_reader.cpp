// SPDX-License-Identifier: MIT
#include "strategies/settings_reader.h"

#include <algorithm>

namespace baton::core {

size_t SettingsReader::errors() const {
    const auto& all = m_src.reader.diagnostics();
    return size_t(std::count_if(all.begin(), all.end(), [](const Diagnostic& d) { return d.severity == Severity::Error; }));
}

const ModelSpec* SettingsReader::modelAt(const nlohmann::json& value, const std::string& path) {
    if (!value.is_string()) {
        error(path, "expected the name of a pool model, got " + JsonReader::describe(value));
        return nullptr;
    }
    const ModelSpec* m = pool().findModel(value.get<std::string>());
    if (!m) error(path, "model \"" + value.get<std::string>() + "\" is not in the pool");
    return m;
}

const ModelSpec* SettingsReader::model(const char* key, Need need) {
    auto it = settings().find(key);
    if (it == settings().end() || it->is_null()) {
        if (need == Need::Required) error(at(key), "required field is missing: name a pool model");
        return nullptr;
    }
    return modelAt(*it, at(key));
}

std::vector<const ModelSpec*> SettingsReader::models(const char* key, Need need, size_t minCount) {
    std::vector<const ModelSpec*> out;
    const nlohmann::json* list = m_src.reader.array(settings(), m_src.path, key, need);
    if (!list) return out;
    if (list->size() < minCount) {
        error(at(key), "list at least " + std::to_string(minCount) + " pool model" + (minCount == 1 ? "" : "s"));
        return out;
    }
    for (size_t i = 0; i < list->size(); ++i)
        if (const ModelSpec* m = modelAt((*list)[i], JsonReader::child(at(key), i))) out.push_back(m);
    return out;
}

std::optional<int64_t> SettingsReader::integer(const char* key, int64_t min, int64_t max, int64_t fallback) {
    if (!settings().contains(key)) return fallback;
    auto v = m_src.reader.integer(settings(), m_src.path, key, Need::Optional);
    if (v && (*v < min || *v > max)) {
        error(at(key), "must be " + std::to_string(min) + " to " + std::to_string(max) + ", got " + std::to_string(*v));
        return std::nullopt;
    }
    return v;
}

std::optional<double> SettingsReader::number(const char* key, double min, double max, double fallback) {
    if (!settings().contains(key)) return fallback;
    auto v = m_src.reader.number(settings(), m_src.path, key, Need::Optional);
    if (v && !(*v >= min && *v <= max)) {
        error(at(key), "must be in [" + JsonReader::describe(min) + ", " + JsonReader::describe(max) + "], got " +
                           JsonReader::describe(*v));
        return std::nullopt;
    }
    return v;
}

std::optional<std::string> SettingsReader::oneOf(const char* key, std::initializer_list<const char*> choices,
                                                 const char* fallback) {
    if (!settings().contains(key)) return std::string(fallback);
    auto v = m_src.reader.string(settings(), m_src.path, key, Need::Optional);
    if (!v) return std::nullopt;
    for (const char* c : choices)
        if (*v == c) return v;
    std::string list;
    for (const char* c : choices)
        list += std::string(list.empty() ? "" : ", ") + c;
    error(at(key), "must be one of " + list + ", got " + JsonReader::describe(*v));
    return std::nullopt;
}

void SettingsReader::known(std::initializer_list<std::string_view> fields) {
    m_src.reader.warnUnknown(settings(), m_src.path, fields);
}

} // namespace baton::core
