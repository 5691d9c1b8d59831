// SPDX-License-Identifier: MIT
#include "engine/run_start_check.h"

#include "strategies/labelled_outcomes.h"
#include "strategies/strategy_registry.h"

#include <algorithm>

namespace baton::core {

namespace {

bool needsLabels(const Pool& pool, const RunSettings& settings) {
    return std::ranges::any_of(settings.strategies, [&](const std::string& name) {
        auto strategy = pool.strategies.find(name);
        if (strategy == pool.strategies.end()) return false; // preflight names it
        const StrategyKind* kind = strategyRegistry().find(strategy->second.kind);
        return kind && kind->needsLabels;
    });
}

bool hasLabels(SqliteDb& db, const Pool& pool) {
    std::vector<std::string> models;
    for (const auto& m : pool.models)
        models.push_back(m.name);
    return loadLabelledOutcomes(db, models, std::nullopt).has_value();
}

} // namespace

RunStartCheck checkRunStart(SqliteDb& db, const Pool& pool, const TaskSet& tasks, const RunSettings& settings,
                            const RunEnvironment& env, const PriceBook& prices) {
    RunStartCheck check;
    check.baselinesFirst = needsLabels(pool, settings) && !hasLabels(db, pool);
    // What starts now: the baseline run alone when it must come first (the strategies are checked
    // when they start, once there are outcomes to learn from); the estimate covers both runs.
    RunSettings startsNow = settings, planned = settings;
    if (check.baselinesFirst) {
        startsNow.strategies.clear();
        startsNow.baselines = planned.baselines = true;
    }
    check.allowed = preflight(pool, tasks, startsNow, env, prices, &db);
    auto estimate = estimateWithCache(db, pool, tasks, planned, prices);
    check.estimate = estimate ? *estimate : estimateRun(pool, tasks, planned, prices);
    return check;
}

} // namespace baton::core
