// SPDX-License-Identifier: MIT
#pragma once
/// GraderSpec: how a model's answer to an item is scored against the reference answer(s).

#include "util/json_reader.h"

#include <optional>
#include <string>

namespace baton::core {

enum class GraderKind { Exact, Normalized, Choice, Numeric, Regex, Contains, JsonField };

std::string toString(GraderKind kind);
std::optional<GraderKind> graderKindFromString(const std::string& text);

struct GraderSpec {
    GraderKind kind = GraderKind::Normalized;
    double absTolerance = 1e-6; ///< numeric: |answer - reference| <= abs + rel * |reference|
    double relTolerance = 0;
    std::string pattern; ///< regex: matched against the answer; group 1, when present, is compared
    std::string field;   ///< json_field: dotted path in a JSON answer ("result.total")
    bool operator==(const GraderSpec&) const = default;
};

nlohmann::json toJson(const GraderSpec& spec);
GraderSpec readGraderSpec(JsonReader& reader, const nlohmann::json& value, const std::string& path);

} // namespace baton::core
