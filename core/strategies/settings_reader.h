// SPDX-License-Identifier: MIT
#pragma once
/// SettingsReader: reads the fields of one strategy configuration against its pool, reporting
/// every problem with its JSON path (a model that is not in the pool, a number out of range).

#include "strategies/strategy_kind.h"

namespace baton::core {

class SettingsReader {
public:
    explicit SettingsReader(const StrategySource& source) : m_src(source) {}
    using Need = JsonReader::Need;

    /// A pool model named by the string at `key`.
    const ModelSpec* model(const char* key, Need need);
    /// Pool models listed by the array at `key`; `minCount` of them at least.
    std::vector<const ModelSpec*> models(const char* key, Need need, size_t minCount = 1);
    std::optional<int64_t> integer(const char* key, int64_t min, int64_t max, int64_t fallback);
    std::optional<double> number(const char* key, double min, double max, double fallback);
    std::optional<std::string> oneOf(const char* key, std::initializer_list<const char*> choices, const char* fallback);
    /// Warns about fields this kind does not read.
    void known(std::initializer_list<std::string_view> fields);

    /// The pool model `value` names, reporting at `path` when it names none.
    const ModelSpec* modelAt(const nlohmann::json& value, const std::string& path);
    void error(const std::string& path, std::string message) { m_src.reader.error(path, std::move(message)); }
    std::string at(std::string_view key) const { return JsonReader::child(m_src.path, key); }
    const nlohmann::json& settings() const { return m_src.settings; }
    const Pool& pool() const { return m_src.pool; }
    JsonReader& reader() const { return m_src.reader; }
    bool ok() const { return m_errorsBefore == errors(); }

private:
    size_t errors() const;
    const StrategySource& m_src;
    size_t m_errorsBefore = errors();
};

} // namespace baton::core
