// SPDX-License-Identifier: MIT
#pragma once
/// JsonReader: typed field access over a parsed JSON document that collects every problem as a
/// Diagnostic with the file name and JSON pointer, instead of stopping at the first.

#include "util/diagnostic.h"

#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace baton::core {

using Json = nlohmann::json;

class JsonReader {
public:
    explicit JsonReader(std::string file) : m_file(std::move(file)) {}

    enum class Need { Optional, Required };

    std::optional<std::string> string(const Json& obj, const std::string& path, const char* key, Need need);
    std::optional<double> number(const Json& obj, const std::string& path, const char* key, Need need);
    std::optional<int64_t> integer(const Json& obj, const std::string& path, const char* key, Need need);
    std::optional<bool> boolean(const Json& obj, const std::string& path, const char* key, Need need);
    /// Returns the member only if it is an object (or reports what it is instead).
    const Json* object(const Json& obj, const std::string& path, const char* key, Need need);
    const Json* array(const Json& obj, const std::string& path, const char* key, Need need);

    /// Warns about every member of `obj` not in `known` (a typo is the usual cause).
    void warnUnknown(const Json& obj, const std::string& path, std::initializer_list<std::string_view> known);

    void error(const std::string& path, std::string message);
    void warning(const std::string& path, std::string message);

    const std::string& file() const { return m_file; }
    const std::vector<Diagnostic>& diagnostics() const { return m_diagnostics; }
    bool ok() const { return !hasErrors(m_diagnostics); }

    /// "a number", "the string \"abc\"" ... for messages; strings shaped like secrets are masked.
    static std::string describe(const Json& value);
    static std::string child(const std::string& path, std::string_view key);
    static std::string child(const std::string& path, size_t index);

private:
    const Json* member(const Json& obj, const std::string& path, const char* key, Need need);
    std::string m_file;
    std::vector<Diagnostic> m_diagnostics;
};

} // namespace baton::core
