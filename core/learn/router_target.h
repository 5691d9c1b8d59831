// SPDX-License-Identifier: MIT
#pragma once
/// What a user asks of a router instead of a lambda, and how it is met on a validation curve:
/// a cost per item (the point spending closest to it without exceeding it), a share of calls to
/// the strongest model (closest without exceeding), or the best accuracy under a cost cap.
/// Shared by training (lambda chosen on the validation split) and by pools (a `target` setting
/// resolved against the curve the router was saved with).

#include "util/result.h"

#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>
#include <vector>

namespace baton::core {

struct RouterTarget {
    enum class Kind { CostPerItem, StrongShare, CostCap } kind = Kind::CostPerItem;
    double value = 0; ///< USD per item, or a share in [0, 1]
};

/// One lambda of a router's curve on some items.
struct OperatingPoint {
    double lambda = 0, accuracy = 0;
    double meanCostUsd = NAN, strongShare = NAN;
};

/// The point that meets `target`: among those whose measure is at most the value, for a cost or
/// share target the one closest to it (the more accurate on ties), for a cap the most accurate
/// (the cheaper on ties). nullopt when no point meets it.
std::optional<size_t> pickOperatingPoint(const std::vector<OperatingPoint>& curve, const RouterTarget& target);

/// "cost=0.002", "share=0.3" or "cap=0.002". Errors: BadInput saying the forms.
Result<RouterTarget> parseRouterTarget(std::string_view text);
/// {"cost_per_item": 0.002} | {"strong_share": 0.3} | {"cost_cap": 0.002}
nlohmann::json routerTargetToJson(const RouterTarget& target);
/// The JSON form back; nullopt with `problem` set when it is not one of the three.
std::optional<RouterTarget> routerTargetFromJson(const nlohmann::json& json, std::string& problem);
/// "a cost of at most $0.002 per item", for messages.
std::string describeTarget(const RouterTarget& target);

std::vector<OperatingPoint> operatingPointsFromJson(const nlohmann::json& curve);
nlohmann::json operatingPointsToJson(const std::vector<OperatingPoint>& curve);

} // namespace baton::core
