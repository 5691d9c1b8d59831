// SPDX-License-Identifier: MIT
#include "model/grader_spec.h"
#include "util/enum_names.h"

#include <regex>

namespace baton::core {
namespace {

constexpr EnumName<GraderKind> kNames[] = {
    {GraderKind::Exact, "exact"},         {GraderKind::Normalized, "normalized"}, {GraderKind::Choice, "choice"},
    {GraderKind::Numeric, "numeric"},     {GraderKind::Regex, "regex"},           {GraderKind::Contains, "contains"},
    {GraderKind::JsonField, "json_field"}};

} // namespace

std::string toString(GraderKind kind) {
    return enumName(kNames, kind);
}

std::optional<GraderKind> graderKindFromString(const std::string& text) {
    return enumFromName(kNames, text);
}

nlohmann::json toJson(const GraderSpec& spec) {
    nlohmann::json j = {{"kind", toString(spec.kind)}};
    if (spec.kind == GraderKind::Numeric) {
        j["abs_tolerance"] = spec.absTolerance;
        j["rel_tolerance"] = spec.relTolerance;
    }
    if (!spec.pattern.empty()) j["pattern"] = spec.pattern;
    if (!spec.field.empty()) j["field"] = spec.field;
    return j;
}

GraderSpec readGraderSpec(JsonReader& reader, const nlohmann::json& value, const std::string& path) {
    using Need = JsonReader::Need;
    GraderSpec spec;
    nlohmann::json obj = value.is_string() ? nlohmann::json{{"kind", value}} : value;
    if (!obj.is_object()) {
        reader.error(path, "expected a grader name or object, got " + JsonReader::describe(value));
        return spec;
    }
    if (auto kind = reader.string(obj, path, "kind", Need::Required)) {
        if (auto k = graderKindFromString(*kind))
            spec.kind = *k;
        else
            reader.error(JsonReader::child(path, "kind"),
                         "unknown grader \"" + *kind +
                             "\"; expected exact, normalized, choice, numeric, regex, contains or json_field");
    }
    spec.absTolerance = reader.number(obj, path, "abs_tolerance", Need::Optional).value_or(spec.absTolerance);
    spec.relTolerance = reader.number(obj, path, "rel_tolerance", Need::Optional).value_or(spec.relTolerance);
    if (spec.absTolerance < 0 || spec.relTolerance < 0) reader.error(path, "tolerances cannot be negative");
    spec.pattern = reader.string(obj, path, "pattern", Need::Optional).value_or("");
    spec.field = reader.string(obj, path, "field", Need::Optional).value_or("");
    if (spec.kind == GraderKind::Regex) {
        if (spec.pattern.empty())
            reader.error(JsonReader::child(path, "pattern"), "a regex grader needs a pattern");
        else {
            try {
                std::regex check(spec.pattern, std::regex::ECMAScript);
            } catch (const std::regex_error& e) {
                reader.error(JsonReader::child(path, "pattern"),
                             std::string("invalid regular expression: ") + e.what());
            }
        }
    }
    if (spec.kind == GraderKind::JsonField && spec.field.empty())
        reader.error(JsonReader::child(path, "field"), "a json_field grader needs a field");
    reader.warnUnknown(obj, path, {"kind", "abs_tolerance", "rel_tolerance", "pattern", "field"});
    return spec;
}

} // namespace baton::core
