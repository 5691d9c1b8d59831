// SPDX-License-Identifier: MIT
#pragma once
/// Pool: the models an analyst orchestrates, the named strategy configurations over them, and the
/// constraints (allowed tags, budgets) every run of the pool obeys.

#include "model/model_spec.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace baton::core {

/// A named strategy configuration; `settings` is interpreted by the strategy of that kind.
struct StrategyConfig {
    std::string kind; ///< a kind of the strategy registry
    nlohmann::json settings = nlohmann::json::object();
    bool operator==(const StrategyConfig&) const = default;
};

struct PoolConstraints {
    /// tag -> allowed values, e.g. {"weights": ["open"]}; a model must match every listed tag.
    std::map<std::string, std::vector<std::string>> allowedTags;
    std::optional<double> budgetPerTaskUsd;
    std::optional<double> budgetPerRunUsd;
    bool operator==(const PoolConstraints&) const = default;
};

struct Pool {
    std::string name;
    std::string description;
    std::vector<ModelSpec> models;
    std::map<std::string, StrategyConfig> strategies;
    PoolConstraints constraints;

    const ModelSpec* findModel(const std::string& name) const;
    bool operator==(const Pool&) const = default;
};

} // namespace baton::core
