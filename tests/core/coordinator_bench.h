// SPDX-License-Identifier: MIT
#pragma once
// What the coordinator suites share: a policy over the demo pool with chosen weights, saved in a
// bench's workspace, and a pool holding one coordinator strategy.

#include "run_bench.h"
#include "sim/demo_tasks.h"
#include "store/run_store.h"
#include "strategies/coordinator_strategy.h"
#include "strategies/policy_object.h"

#include <QtGlobal>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

namespace baton::test {

inline std::vector<std::string> demoModels() {
    std::vector<std::string> out;
    for (const auto& m : demoPool().models)
        out.push_back(m.name);
    return out;
}

inline core::CoordinatorPolicy policyFor(const core::TaskSet& tasks, core::CoordinatorTier tier,
                                         const std::string& name = "forced", int maxDepth = 1) {
    std::vector<std::string> prompts, categories;
    for (const auto& item : tasks.items) {
        prompts.push_back(item.prompt());
        if (std::find(categories.begin(), categories.end(), item.category) == categories.end())
            categories.push_back(item.category);
    }
    auto p = core::CoordinatorPolicy::untrained(name, tier, demoModels(), categories, prompts, maxDepth);
    p.costReferenceUsd = 0.001;
    return p;
}

/// Sets theta_kind[feature] (feature: an index into phi).
inline void setKind(core::CoordinatorPolicy& p, core::ActionKind kind, int feature, double value) {
    auto kinds = p.kinds();
    size_t k = size_t(std::find(kinds.begin(), kinds.end(), kind) - kinds.begin());
    p.parameters[k * size_t(p.featureCount()) + size_t(feature)] = value;
}

inline int stateFeature(const core::CoordinatorPolicy& p, int which) {
    return p.itemFeatureCount() + which; // has_answer, pass, fail, planned, plan_failed, calls, cost, turn, depth
}

inline int saveIn(RunBench& bench, const core::CoordinatorPolicy& p) {
    int version = 0;
    auto ok = bench.writer
                  ->submit([&](core::SqliteDb& db) -> core::Status {
                      auto v = core::saveCoordinatorPolicy(db, p, 1);
                      if (!v) return std::unexpected(v.error());
                      version = *v;
                      return {};
                  })
                  .get();
    if (!ok) qFatal("%s", ok.error().describe().c_str());
    return version;
}

inline core::Pool poolWith(const std::string& name, nlohmann::json settings) {
    core::Pool pool = demoPool();
    pool.strategies[name] = core::StrategyConfig{settings.at("kind").get<std::string>(), settings};
    return pool;
}

inline std::map<std::string, std::vector<core::Call>> byItem(const std::vector<core::Call>& calls,
                                                             const std::string& strategy) {
    std::map<std::string, std::vector<core::Call>> out;
    for (const auto& c : calls)
        if (c.strategy == strategy) out[c.itemId].push_back(c);
    return out;
}

} // namespace baton::test
