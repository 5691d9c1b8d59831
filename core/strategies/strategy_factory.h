// SPDX-License-Identifier: MIT
#pragma once
/// Builds the strategies of a run: a `single` baseline per pool model (named after the model)
/// and the pool's named strategy configurations, each read by its kind in the registry.

#include "strategies/strategy_kind.h"

#include <memory>
#include <string>
#include <vector>

namespace baton::core {

struct NamedStrategy {
    std::string name;
    std::string kind;
    std::unique_ptr<Strategy> strategy;
};

/// Errors: BadInput listing every problem of every strategy (with its JSON path), or what a
/// strategy needs and does not have (no labelled outcomes), or nothing to run.
Result<std::vector<NamedStrategy>> buildStrategies(const Pool& pool, const std::vector<std::string>& names,
                                                   bool baselines, const StrategyDeps& deps = {});

} // namespace baton::core
