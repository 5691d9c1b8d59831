#pragma once
/// Builds the strategies of a run: a `single` baseline per pool model (named after the model)
/// and the pool's named strategy configurations, each validated against the pool first.

#include "run/strategy.h"
#include "strategies/labelled_outcomes.h"

#include <functional>

#include <memory>
#include <string>
#include <vector>

namespace baton::core {

struct NamedStrategy {
    std::string name;
    std::string kind;
    std::unique_ptr<Strategy> strategy;
};

/// Finds labelled outcomes for these models (a run id, or the latest suitable run when nullopt).
using LabelLoader =
    std::function<Result<LabelledOutcomes>(const std::vector<std::string>& models, std::optional<int64_t> run)>;

/// Errors: BadInput naming the strategy and what is wrong with it (unknown model, empty chain,
/// a model twice in a chain, a threshold out of range, no labelled data, a name that clashes
/// with a model's).
Result<std::vector<NamedStrategy>> buildStrategies(const Pool& pool, const std::vector<std::string>& names,
                                                   bool baselines, const LabelLoader& labels = {});

} // namespace baton::core
