// SPDX-License-Identifier: MIT
#include "engine/cached_estimate.h"
#include "learn/router_artifact.h"
#include "model/token_estimate.h"
#include "pools/pool_file.h"
#include "pricing/price_resolution.h"
#include "run/worst_case.h"
#include "store/embedding_cache.h"
#include "store/run_store.h"
#include "util/sha256.h"

#include <algorithm>
#include <map>

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

Result<RunEstimate> estimateWithCache(SqliteDb& db, const Pool& pool, const TaskSet& tasks, const RunSettings& settings,
                                      const PriceBook& prices) {
    auto answered = jobsAnsweredBefore(db, pool, tasks, settings);
    if (!answered) return std::unexpected(answered.error());
    return estimateWithEmbeddings(db, pool, tasks, settings, prices, *answered);
}

Result<RunEstimate> estimateWithEmbeddings(SqliteDb& db, const Pool& pool, const TaskSet& tasks,
                                           const RunSettings& settings, const PriceBook& prices,
                                           const std::set<JobKey>& cached) {
    std::map<std::string, std::string> notAnswering;
    for (const auto& use : embeddingRouters(db, pool, settings))
        if (!use.routesToEmbedder) notAnswering[use.strategy] = use.embedder->name;
    RunEstimate estimate = estimateRun(pool, tasks, settings, prices, cached, notAnswering);
    addEmbeddingCalls(db, pool, tasks, settings, prices, cached, estimate);
    return estimate;
}

std::vector<EmbeddingRouterUse> embeddingRouters(SqliteDb& db, const Pool& pool, const RunSettings& settings) {
    std::vector<EmbeddingRouterUse> out;
    for (const auto& name : settings.strategies) {
        auto config = pool.strategies.find(name);
        if (config == pool.strategies.end() || config->second.kind != "router") continue;
        const nlohmann::json& selector = config->second.settings.value("router", nlohmann::json());
        if (!selector.is_string()) continue;
        auto router = loadRouterArtifact(db, selector.get<std::string>());
        if (!router || !router->model.features.usesEmbeddings()) continue;
        const auto& features = router->model.features;
        const ModelSpec* embedder = pool.findModel(features.embedderModel());
        if (!embedder) continue;
        const auto& knows = router->model.models;
        out.push_back({name, embedder, features.embedder(),
                       std::find(knows.begin(), knows.end(), embedder->name) != knows.end()});
    }
    return out;
}

void addEmbeddingCalls(SqliteDb& db, const Pool& pool, const TaskSet& tasks, const RunSettings& settings,
                       const PriceBook& prices, const std::set<JobKey>& cached, RunEstimate& estimate) {
    std::vector<std::string> hashes;
    for (const auto& item : tasks.items)
        hashes.push_back(sha256Hex(item.prompt()));
    std::map<std::string, std::set<std::string>> counted; // by identity: the prompts' hashes already in low
    for (const auto& use : embeddingRouters(db, pool, settings)) {
        const PriceEntry* price = resolvePrice(*use.embedder, prices);
        if (!price || !price->prices.input) {
            if (std::find(estimate.unpriced.begin(), estimate.unpriced.end(), use.embedder->name) ==
                estimate.unpriced.end())
                estimate.unpriced.push_back(use.embedder->name);
            continue;
        }
        // A row that cannot be read counts as absent, as in the run (it would embed the text again).
        auto have = lookupEmbeddings(db, use.identity, hashes);
        for (size_t i = 0; i < tasks.items.size(); ++i) {
            const auto& item = tasks.items[i];
            if (cached.count({use.strategy, item.id})) continue;
            if (have) {
                auto found = have->find(hashes[i]);
                if (found != have->end() && !found->second.empty()) continue;
            }
            const std::string prompt = item.prompt();
            estimate.high += embeddingWorstCase(*price, {prompt}).value_or(Money{0});
            if (!counted[use.identity].insert(hashes[i]).second) continue;
            Money likely = Money::perTokenFromPerMillion(*price->prices.input) * estimateTokens(prompt) +
                           Money::fromUsd(price->requestFee);
            estimate.low += likely;
            estimate.expected += likely;
        }
    }
}

} // namespace baton::core
