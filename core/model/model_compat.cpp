// SPDX-License-Identifier: MIT
#include "model/model_compat.h"

#include <array>
#include <chrono>
#include <string_view>

namespace baton::core {
namespace {

struct Retirement {
    std::string_view id;
    std::string_view endOfLife;
};

// From @anthropic-ai/sdk 1.14.0 (internal/data/deprecated-models.js, 2026-11), which warns on
// each call to these. Add others' notices here as vendors publish them.
constexpr std::array<Retirement, 5> kRetirements = {{
    {"claude-mythos-preview", "2026-06-30"},
    {"claude-opus-4-5", "2027-01-22"},
    {"claude-opus-4-5-20251101", "2027-01-22"},
    {"claude-sonnet-4-5", "2026-11-30"},
    {"claude-sonnet-4-5-20250929", "2026-11-30"},
}};

std::string_view bareId(std::string_view id) {
    if (auto slash = id.rfind('/'); slash != std::string_view::npos) id.remove_prefix(slash + 1);
    return id;
}

/// Claude models released after Claude Opus 4.6 refuse temperature other than 1.0, any top_k,
/// and top_p below 0.99 (the SDK's parameter notes, @anthropic-ai/sdk 0.137.0).
bool restrictsSampling(std::string_view id) {
    id = bareId(id);
    if (!id.starts_with("claude-")) return false;
    if (id.starts_with("claude-mythos")) return true;
    int numbers[2] = {-1, -1};
    int found = 0;
    size_t pos = 7;
    while (pos < id.size() && found < 2) {
        size_t end = id.find('-', pos);
        std::string_view part = id.substr(pos, end == std::string_view::npos ? id.npos : end - pos);
        bool numeric = !part.empty() && part.size() <= 2 && part.find_first_not_of("0123456789") == part.npos;
        if (numeric)
            numbers[found++] = std::stoi(std::string(part));
        else if (found)
            break; // "claude-sonnet-5-20260101": a date is not a minor version
        if (end == std::string_view::npos) break;
        pos = end + 1;
    }
    return numbers[0] >= 5 || (numbers[0] == 4 && numbers[1] >= 7);
}

bool isCalendarDate(const std::string& s) {
    int y = 0;
    unsigned m = 0, d = 0;
    if (s.size() != 10 || s[4] != '-' || s[7] != '-' || std::sscanf(s.c_str(), "%4d-%2u-%2u", &y, &m, &d) != 3)
        return false;
    return std::chrono::year_month_day(std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)).ok();
}

} // namespace

std::optional<std::string> endOfLife(const std::string& remoteModel) {
    std::string_view id = bareId(remoteModel);
    for (const auto& r : kRetirements)
        if (r.id == id) return std::string(r.endOfLife);
    return std::nullopt;
}

std::vector<Diagnostic> checkModelCompat(const ModelSpec& model, const std::string& location,
                                         const std::string& today) {
    std::vector<Diagnostic> out;
    const std::string who = "model \"" + model.name + "\" (" + model.remoteModel + ")";
    if (auto eol = endOfLife(model.remoteModel)) {
        if (today >= *eol)
            out.push_back(
                {Severity::Error, "", location,
                 who + " reached its end of life on " + *eol + "; its calls will fail. Choose a newer model"});
        else
            out.push_back(
                {Severity::Warning, "", location,
                 who + " is deprecated; its vendor retires it on " + *eol + ". Plan a move to a newer model"});
    }
    // An inline price's date decides whether it is flagged stale: one that is no date, or later
    // than today, was never flagged (a pool could date its prices 2099 and hide their age).
    if (model.priceOverride && !model.priceOverride->asOf.empty()) {
        const std::string& asOf = model.priceOverride->asOf;
        std::string at = location.starts_with('/') ? location + "/price/as_of" : location;
        if (!isCalendarDate(asOf))
            out.push_back({Severity::Warning, "", at,
                           who + " has a price dated \"" + asOf +
                               "\", which is not a date YYYY-MM-DD; its age is unknown. Write the date it was read"});
        else if (asOf > today)
            out.push_back({Severity::Warning, "", at,
                           who + " has a price dated " + asOf + ", after today (" + today +
                               "); such a price is never flagged stale. Write the date it was read"});
    }
    if (!restrictsSampling(model.remoteModel) || !model.params.is_object()) return out;
    const auto& p = model.params;
    auto refuse = [&](const char* key, const std::string& rule) {
        // A JSON pointer gets the parameter's path; a name ("model \"x\"") stays as it is.
        std::string at = location.starts_with('/') ? location + "/params/" + key : location;
        out.push_back({Severity::Error, "", at,
                       who + " " + rule + " (Claude models after Opus 4.6); every call would get HTTP 400. Remove \"" +
                           key + "\" from the model's params"});
    };
    if (auto it = p.find("temperature"); it != p.end() && !(it->is_number() && it->get<double>() == 1.0))
        refuse("temperature", "accepts only temperature 1.0");
    if (p.contains("top_k")) refuse("top_k", "refuses top_k");
    if (auto it = p.find("top_p"); it != p.end() && !(it->is_number() && it->get<double>() >= 0.99))
        refuse("top_p", "accepts only top_p of 0.99 or more");
    return out;
}

} // namespace baton::core
