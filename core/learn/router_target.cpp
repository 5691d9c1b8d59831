// SPDX-License-Identifier: MIT
#include "learn/router_target.h"

#include <cmath>
#include <cstdio>
#include <string>

namespace baton::core {
namespace {

constexpr const char* kForms = "give cost=USD (cost per item), share=X (share of calls to the strongest model, "
                               "0 to 1) or cap=USD (best accuracy under a cost cap)";

nlohmann::json orNull(double v) {
    return std::isnan(v) ? nlohmann::json() : nlohmann::json(v);
}

double numberOrNan(const nlohmann::json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_number() ? it->get<double>() : NAN;
}

} // namespace

std::optional<size_t> pickOperatingPoint(const std::vector<OperatingPoint>& curve, const RouterTarget& t) {
    std::optional<size_t> best;
    bool cap = t.kind == RouterTarget::Kind::CostCap;
    auto measure = [&](const OperatingPoint& p) {
        return t.kind == RouterTarget::Kind::StrongShare ? p.strongShare : p.meanCostUsd;
    };
    for (size_t k = 0; k < curve.size(); ++k) {
        const auto& p = curve[k];
        double v = measure(p);
        if (std::isnan(v) || v > t.value + 1e-12) continue;
        if (!best) {
            best = k;
            continue;
        }
        const auto& b = curve[*best];
        bool better = cap ? (p.accuracy > b.accuracy || (p.accuracy == b.accuracy && p.meanCostUsd < b.meanCostUsd))
                          : (v > measure(b) || (v == measure(b) && p.accuracy > b.accuracy));
        if (better) best = k;
    }
    return best;
}

Result<RouterTarget> parseRouterTarget(std::string_view text) {
    auto eq = text.find('=');
    if (eq == std::string_view::npos) return fail(ErrorKind::BadInput, "target \"" + std::string(text) + "\": " + kForms);
    std::string key(text.substr(0, eq)), value(text.substr(eq + 1));
    char* end = nullptr;
    double v = value.empty() ? NAN : std::strtod(value.c_str(), &end);
    if (value.empty() || *end != '\0' || !std::isfinite(v) || v < 0)
        return fail(ErrorKind::BadInput, "target \"" + std::string(text) + "\": \"" + value + "\" is not a number >= 0");
    RouterTarget t;
    t.value = v;
    if (key == "cost") t.kind = RouterTarget::Kind::CostPerItem;
    else if (key == "share") t.kind = RouterTarget::Kind::StrongShare;
    else if (key == "cap") t.kind = RouterTarget::Kind::CostCap;
    else return fail(ErrorKind::BadInput, "target \"" + std::string(text) + "\": unknown kind \"" + key + "\"; " + kForms);
    if (t.kind == RouterTarget::Kind::StrongShare && v > 1)
        return fail(ErrorKind::BadInput, "target \"" + std::string(text) + "\": a share is between 0 and 1");
    return t;
}

nlohmann::json routerTargetToJson(const RouterTarget& t) {
    const char* key = t.kind == RouterTarget::Kind::CostPerItem ? "cost_per_item"
                      : t.kind == RouterTarget::Kind::StrongShare ? "strong_share"
                                                                  : "cost_cap";
    return {{key, t.value}};
}

std::optional<RouterTarget> routerTargetFromJson(const nlohmann::json& j, std::string& problem) {
    if (!j.is_object() || j.size() != 1) {
        problem = "a target is an object with one of \"cost_per_item\", \"strong_share\" or \"cost_cap\"";
        return std::nullopt;
    }
    auto [key, value] = *j.items().begin();
    RouterTarget t;
    if (key == "cost_per_item") t.kind = RouterTarget::Kind::CostPerItem;
    else if (key == "strong_share") t.kind = RouterTarget::Kind::StrongShare;
    else if (key == "cost_cap") t.kind = RouterTarget::Kind::CostCap;
    else {
        problem = "unknown target \"" + key + "\"; expected \"cost_per_item\", \"strong_share\" or \"cost_cap\"";
        return std::nullopt;
    }
    if (!value.is_number() || value.get<double>() < 0 ||
        (t.kind == RouterTarget::Kind::StrongShare && value.get<double>() > 1)) {
        problem = "target \"" + key + "\" needs a number >= 0" +
                  (t.kind == RouterTarget::Kind::StrongShare ? std::string(" and <= 1") : std::string());
        return std::nullopt;
    }
    t.value = value.get<double>();
    return t;
}

std::string describeTarget(const RouterTarget& t) {
    char text[128];
    if (t.kind == RouterTarget::Kind::CostPerItem)
        std::snprintf(text, sizeof text, "a cost per item as close as possible to $%g without exceeding it", t.value);
    else if (t.kind == RouterTarget::Kind::StrongShare)
        std::snprintf(text, sizeof text, "a share of calls to the strongest model as close as possible to %g without "
                                         "exceeding it", t.value);
    else
        std::snprintf(text, sizeof text, "the best accuracy at a cost of at most $%g per item", t.value);
    return text;
}

std::vector<OperatingPoint> operatingPointsFromJson(const nlohmann::json& curve) {
    std::vector<OperatingPoint> out;
    if (!curve.is_array()) return out;
    for (const auto& p : curve)
        if (p.is_object())
            out.push_back({numberOrNan(p, "lambda"), numberOrNan(p, "accuracy"), numberOrNan(p, "mean_cost_usd"),
                           numberOrNan(p, "strong_share")});
    return out;
}

nlohmann::json operatingPointsToJson(const std::vector<OperatingPoint>& curve) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& p : curve)
        out.push_back({{"lambda", p.lambda}, {"accuracy", p.accuracy}, {"mean_cost_usd", orNull(p.meanCostUsd)},
                       {"strong_share", orNull(p.strongShare)}});
    return out;
}

} // namespace baton::core
