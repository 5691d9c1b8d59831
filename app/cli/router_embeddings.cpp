// SPDX-License-Identifier: MIT
#include "router_embeddings.h"
#include "cli_numbers.h"
#include "matrix_source.h"
#include "pricing/price_book.h"
#include "run_support.h"
#include "sim/demo_tasks.h"
#include "store/workspace.h"

namespace baton::cli {

core::Result<std::optional<RouterEmbeddingRun>> routerEmbeddings(const ParsedArgs& args, const core::OutcomeMatrix& m,
                                                                 const std::optional<std::string>& db,
                                                                 const std::string& purpose, std::string& bad) {
    std::string features = args.value("--features").value_or("tfidf");
    if (features != "tfidf" && features != "embeddings") {
        bad = "--features " + features + ": expected tfidf or embeddings";
        return std::nullopt;
    }
    auto poolArg = args.value("--pool");
    auto embedderName = args.value("--embedder");
    if (features == "tfidf") {
        if (poolArg || embedderName) bad = "--pool and --embedder go with --features embeddings";
        return std::nullopt;
    }
    if (!poolArg || !embedderName) {
        bad = "--features embeddings needs --pool P and --embedder MODEL (a model of that pool)";
        return std::nullopt;
    }
    auto maxCost = decimalOption(args, "--max-cost", 0, core::kMaxBudgetUsd, bad);
    if (!bad.empty()) return std::nullopt;
    if (!maxCost) {
        bad = "--features embeddings needs a budget for the embedding calls: --max-cost USD (a real endpoint "
              "costs money; it is never exceeded)";
        return std::nullopt;
    }
    auto pool = loadPoolArg(*poolArg);
    if (!pool) return std::unexpected(pool.error());
    const core::ModelSpec* model = pool->pool.findModel(*embedderName);
    if (!model) {
        std::string names;
        for (const auto& mm : pool->pool.models)
            names += (names.empty() ? "" : ", ") + mm.name;
        return core::fail(core::ErrorKind::BadInput,
                          "--embedder " + *embedderName + ": pool " + *poolArg + " has no such model; it has " + names);
    }
    core::RunEnvironment env;
    env.resolveKey = environmentKeys();
    core::Pool only;
    only.models = {*model};
    auto sim = simulatorFor(only, std::make_shared<const core::TaskSet>(core::generateDemoTasks()), std::nullopt, env);
    if (!sim) return std::unexpected(sim.error());

    std::optional<core::Workspace> workspace;
    if (db) {
        auto ws = core::Workspace::open(*db, true);
        if (!ws) return std::unexpected(ws.error());
        if (!ws->writer())
            return core::fail(core::ErrorKind::BadInput,
                              *db + " is read-only: the embeddings could not be cached nor their requests logged "
                                    "with their cost; copy it somewhere writable or give another --db");
        workspace.emplace(std::move(*ws));
    }
    core::HttpEventLoop loop;
    core::EmbeddingOptions options;
    options.purpose = purpose;
    options.maxCost = core::Money::fromUsd(*maxCost);
    auto got = core::embedMatrixPrompts(loop, *model, env, core::PriceBook::bundled(),
                                        workspace ? workspace->writer() : nullptr, m, options);
    if (!got) return std::unexpected(got.error());
    return std::optional<RouterEmbeddingRun>(std::move(*got));
}

nlohmann::json embeddingStatsJson(const RouterEmbeddingRun& run) {
    const auto& s = run.stats;
    auto cost = s.cost();
    return {{"embedder", run.vectors->model},
            {"identity", s.embedder},
            {"dims", s.dims},
            {"texts", run.vectors->byPrompt.size()},
            {"cached_texts", s.cachedTexts},
            {"embedded_texts", s.embeddedTexts},
            {"http_calls", s.httpCalls},
            {"prompt_tokens", s.promptTokens ? nlohmann::json(*s.promptTokens) : nlohmann::json()},
            {"cost_usd", cost ? nlohmann::json(cost->usd()) : nlohmann::json()},
            {"cost_unknown_reason", s.costUnknownReason}};
}

std::string embeddingStatsText(const RouterEmbeddingRun& run) {
    const auto& s = run.stats;
    auto cost = s.cost();
    return "embeddings: " + std::to_string(run.vectors->byPrompt.size()) + " prompts by " + run.vectors->model + " (" +
           s.embedder + ", " + std::to_string(s.dims) + " dimensions): " + std::to_string(s.httpCalls) +
           " embedding calls for " + std::to_string(s.embeddedTexts) + " texts, " + std::to_string(s.cachedTexts) +
           " cached; cost " + (cost ? "$" + fixedOrUnknown(cost->usd(), 6) : "unknown (" + s.costUnknownReason + ")") +
           "\n";
}

} // namespace baton::cli
