// SPDX-License-Identifier: MIT
#include "eval/grader.h"
#include "eval/answer_extraction.h"
#include "util/json_brackets.h"
#include "util/json_text.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <unordered_map>
#include <sstream>

namespace baton::core {
namespace {

std::string trim(const std::string& s) {
    size_t b = s.find_first_not_of(" \t\r\n"), e = s.find_last_not_of(" \t\r\n");
    return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

std::string formatNumber(double v) {
    std::ostringstream out;
    out.precision(15);
    out << v;
    return out.str();
}

Grade gradeNormalized(const std::string& answer, const std::vector<std::string>& refs) {
    std::string whole = normalizeAnswer(answer);
    auto marked = markedAnswer(answer);
    std::string extracted = marked ? normalizeAnswer(*marked) : whole;
    for (const auto& ref : refs) {
        std::string r = normalizeAnswer(ref);
        if (r == whole || r == extracted) return {1, extracted, ""};
    }
    return {0, extracted, ""};
}

Grade gradeNumeric(const GraderSpec& spec, const std::string& answer, const std::vector<std::string>& refs) {
    auto value = extractNumber(answer);
    if (!value) return {0, "", "no number found in the answer"};
    for (const auto& ref : refs) {
        auto expected = parseNumber(ref);
        if (!expected) expected = extractNumber(ref);
        if (expected && std::fabs(*value - *expected) <= spec.absTolerance + spec.relTolerance * std::fabs(*expected))
            return {1, formatNumber(*value), ""};
    }
    return {0, formatNumber(*value), ""};
}

Grade gradeChoice(const std::string& answer, const std::vector<std::string>& refs) {
    auto letter = extractChoice(answer);
    if (!letter) return {0, "", "no choice letter found in the answer"};
    for (const auto& ref : refs) {
        auto expected = extractChoice(ref);
        if (expected && *expected == *letter) return {1, std::string(1, *letter), ""};
    }
    return {0, std::string(1, *letter), ""};
}

/// The compiled pattern, or nullptr when it does not compile. Compiling cost ~95% of a regex
/// grade (bench_micro), and a task set has a handful of patterns, so each thread keeps them.
const std::regex* compiledPattern(const std::string& pattern) {
    thread_local std::unordered_map<std::string, std::optional<std::regex>> cache;
    auto it = cache.find(pattern);
    if (it == cache.end()) {
        if (cache.size() >= 256) cache.clear(); // bounded: many distinct patterns compile as before
        std::optional<std::regex> re;
        try {
            re.emplace(pattern, std::regex::ECMAScript);
        } catch (const std::regex_error&) {
        }
        it = cache.emplace(pattern, std::move(re)).first;
    }
    return it->second ? &*it->second : nullptr;
}

Grade gradeRegex(const GraderSpec& spec, const std::string& answer, const std::vector<std::string>& refs) {
    const std::regex* re = compiledPattern(spec.pattern);
    if (!re) return {0, "", "invalid pattern"};
    std::smatch m;
    if (!std::regex_search(answer, m, *re)) return {0, "", "pattern did not match"};
    if (m.size() < 2 || refs.empty()) return {1, m[0].str(), ""};
    std::string captured = m[1].str();
    for (const auto& ref : refs)
        if (normalizeAnswer(ref) == normalizeAnswer(captured)) return {1, captured, ""};
    return {0, captured, ""};
}

/// The '}' that closes the object opening at `start` (strings skipped, both kinds of bracket
/// counted), the deepest nesting on the way, and the bytes looked at; end is npos when it never closes.
struct ClosingBrace {
    size_t end = std::string::npos, depth = 0, scanned = 0;
};
ClosingBrace closingBrace(std::string_view text, size_t start) {
    ClosingBrace found;
    size_t stop = walkJsonBrackets(text, start, [&](size_t, size_t depth) {
        found.depth = std::max(found.depth, depth);
        return depth > 0;
    });
    found.scanned = std::min(stop + 1, text.size()) - start;
    if (stop < text.size() && text[stop] == '}') found.end = stop;
    return found;
}

/// The first JSON object in the answer, also inside a ```json fence or surrounded by prose. From each
/// '{' only the span to the '}' that closes it can be an object, so each is parsed once, not once per
/// '}' after it (with the depth check, 100k nested objects took minutes that way). An object nested deeper than
/// kMaxJsonDepth is not read, nor anything inside it, and the bytes looked at are bounded (a reply of
/// many '{' that never close is otherwise scanned once per brace).
std::optional<nlohmann::json> findJson(const std::string& answer) {
    size_t budget = 64 * answer.size() + 4096;
    for (size_t start = answer.find('{'); start != std::string::npos; start = answer.find('{', start + 1)) {
        ClosingBrace close = closingBrace(answer, start);
        if (close.scanned >= budget) break;
        budget -= close.scanned;
        if (close.end == std::string::npos) continue;
        if (close.depth > kMaxJsonDepth) {
            start = close.end;
            continue;
        }
        auto doc = nlohmann::json::parse(std::string_view(answer).substr(start, close.end - start + 1), nullptr, false);
        if (!doc.is_discarded()) return doc;
    }
    return std::nullopt;
}

Grade gradeJsonField(const GraderSpec& spec, const std::string& answer, const std::vector<std::string>& refs) {
    auto doc = findJson(answer);
    if (!doc) return {0, "", "no JSON object found in the answer"};
    const nlohmann::json* node = &*doc;
    std::stringstream path(spec.field);
    for (std::string key; std::getline(path, key, '.');) {
        if (node->is_object() && node->contains(key))
            node = &(*node)[key];
        else if (node->is_array() && !key.empty() && std::all_of(key.begin(), key.end(), ::isdigit) &&
                 std::stoul(key) < node->size())
            node = &(*node)[std::stoul(key)];
        else
            return {0, "", "field \"" + spec.field + "\" not found in the answer's JSON"};
    }
    std::string value = node->is_string() ? node->get<std::string>() : node->dump();
    for (const auto& ref : refs) {
        auto a = parseNumber(value), b = parseNumber(ref);
        bool numericMatch = node->is_number() && a && b && std::fabs(*a - *b) <= spec.absTolerance;
        if (numericMatch || normalizeAnswer(value) == normalizeAnswer(ref)) return {1, value, ""};
    }
    return {0, value, ""};
}

} // namespace

Grade grade(const GraderSpec& spec, const std::string& answer, const std::vector<std::string>& references) {
    switch (spec.kind) {
    case GraderKind::Exact:
        for (const auto& ref : references)
            if (trim(ref) == trim(answer)) return {1, trim(answer), ""};
        return {0, trim(answer), ""};
    case GraderKind::Normalized:
        return gradeNormalized(answer, references);
    case GraderKind::Choice:
        return gradeChoice(answer, references);
    case GraderKind::Numeric:
        return gradeNumeric(spec, answer, references);
    case GraderKind::Regex:
        return gradeRegex(spec, answer, references);
    case GraderKind::Contains: {
        std::string hay = normalizeAnswer(answer);
        for (const auto& ref : references) {
            std::string needle = normalizeAnswer(ref);
            if (!needle.empty() && (" " + hay + " ").find(" " + needle + " ") != std::string::npos)
                return {1, needle, ""};
        }
        return {0, "", ""};
    }
    case GraderKind::JsonField:
        return gradeJsonField(spec, answer, references);
    }
    return {0, "", "unknown grader"};
}

} // namespace baton::core
