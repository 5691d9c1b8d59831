// SPDX-License-Identifier: MIT
#include "engine/cached_estimate.h"
#include "pools/pool_file.h"
#include "store/run_store.h"

namespace baton::core {
namespace {

const nlohmann::json* modelNamed(const nlohmann::json& models, const std::string& name) {
    if (!models.is_array()) return nullptr;
    for (const auto& m : models)
        if (m.value("name", "") == name) return &m;
    return nullptr;
}

/// The strategy's settings now are those it ran with; keys the engine pinned at that run (e.g. the
/// run a similarity router learnt from) are not in the pool and do not count.
bool sameSettings(const nlohmann::json& then, const nlohmann::json& now) {
    if (!then.is_object() || !now.is_object()) return then == now;
    for (const auto& [key, value] : now.items())
        if (!then.contains(key) || then[key] != value) return false;
    return true;
}

} // namespace

Result<std::set<JobKey>> jobsAnsweredBefore(SqliteDb& db, const Pool& pool, const TaskSet& tasks,
                                            const RunSettings& settings) {
    if (!settings.useCache) return std::set<JobKey>{};
    auto done = completedJobs(db, tasks.contentHash());
    if (!done) return std::unexpected(done.error());
    std::set<JobKey> answered;
    if (done->empty()) return answered;
    nlohmann::json now = poolToJson(pool);
    for (const auto& [runId, jobs] : *done) {
        auto run = loadRun(db, runId);
        if (!run) return std::unexpected(run.error());
        const nlohmann::json& then = run->poolSnapshot;
        const nlohmann::json thenModels = then.value("models", nlohmann::json());
        // A baseline reuses its answers when its model is the same; a strategy when its settings
        // and every model of the pool are (a strategy may call any of them).
        bool sameModels = thenModels == now.value("models", nlohmann::json());
        for (const auto& [name, item] : jobs) {
            const nlohmann::json* a = modelNamed(thenModels, name);
            const nlohmann::json* b = modelNamed(now["models"], name);
            bool baseline = settings.baselines && a && b && *a == *b;
            bool strategy = sameModels && then.contains("strategies") && now.contains("strategies") &&
                            then["strategies"].contains(name) && now["strategies"].contains(name) &&
                            sameSettings(then["strategies"][name], now["strategies"][name]);
            if (baseline || strategy) answered.insert({name, item});
        }
    }
    return answered;
}

Result<RunEstimate> estimateWithCache(SqliteDb& db, const Pool& pool, const TaskSet& tasks,
                                      const RunSettings& settings, const PriceBook& prices) {
    auto answered = jobsAnsweredBefore(db, pool, tasks, settings);
    if (!answered) return std::unexpected(answered.error());
    return estimateRun(pool, tasks, settings, prices, *answered);
}

} // namespace baton::core
