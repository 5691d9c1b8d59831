#pragma once
/// Builds the strategies of a run: a `single` baseline per pool model (named after the model)
/// and the pool's named strategy configurations, each validated against the pool first.

#include "run/strategy.h"

#include <memory>
#include <string>
#include <vector>

namespace baton::core {

struct NamedStrategy {
    std::string name;
    std::string kind;
    std::unique_ptr<Strategy> strategy;
};

/// Errors: BadInput naming the strategy and what is wrong with it (unknown model, unknown or
/// unsupported kind, a name that clashes with a model's).
Result<std::vector<NamedStrategy>> buildStrategies(const Pool& pool, const std::vector<std::string>& names, bool baselines);

} // namespace baton::core
