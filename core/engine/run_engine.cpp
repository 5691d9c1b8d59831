// SPDX-License-Identifier: MIT
#include "engine/run_engine.h"
#include "eval/grader.h"
#include "pools/pool_file.h"
#include "model/model_compat.h"
#include "model/token_estimate.h"
#include "pricing/price_resolution.h"
#include "providers/endpoint.h"
#include "engine/run_execution.h"
#include "run/worst_case.h"
#include "store/call_log.h"
#include "store/prior_calls.h"
#include "store/run_store.h"
#include "store/task_set_store.h"
#include "strategies/strategy_factory.h"
#include "strategies/policy_object.h"
#include "strategies/strategy_registry.h"
#include "util/calendar_date.h"
#include "util/url.h"

#include <set>

namespace baton::core {
namespace {

/// The price entries the run's models use, recorded with the run.
nlohmann::json priceSnapshot(const Pool& pool, const PriceBook& prices) {
    nlohmann::json snapshot = nlohmann::json::object();
    for (const auto& m : pool.models)
        if (const PriceEntry* e = resolvePrice(m, prices)) snapshot[m.name] = toJson(*e);
    return snapshot;
}

StrategyDeps strategyDeps(SqliteDb* db) {
    if (!db) return {};
    return {[db](const std::vector<std::string>& models, std::optional<int64_t> run) {
                return loadLabelledOutcomes(*db, models, run);
            },
            [db](const std::string& selector) { return loadRouterArtifact(*db, selector); },
            [db](const std::string& name, std::optional<int> version) {
                return loadCoordinatorPolicy(*db, name, version);
            }};
}

std::optional<Money> effectiveCap(const Pool& pool, const RunSettings& settings) {
    if (settings.maxCost) return settings.maxCost;
    if (pool.constraints.budgetPerRunUsd) return Money::fromUsd(*pool.constraints.budgetPerRunUsd);
    return std::nullopt;
}

} // namespace

Status preflight(const Pool& pool, const TaskSet& tasks, const RunSettings& settings, const RunEnvironment& env,
                 const PriceBook& prices, SqliteDb* labelsFrom) {
    std::vector<Diagnostic> problems;
    auto problem = [&](std::string where, std::string what) {
        problems.push_back({Severity::Error, "", std::move(where), std::move(what)});
    };
    if (auto built = buildStrategies(pool, settings.strategies, settings.baselines, strategyDeps(labelsFrom)); !built)
        for (const auto& p : built.error().problems.empty()
                                 ? std::vector<Diagnostic>{{Severity::Error, "", "", built.error().message}}
                                 : built.error().problems)
            problems.push_back(p);
    if (tasks.items.empty()) problem("task set", "has no items");
    auto cap = effectiveCap(pool, settings);
    std::optional<Money> cheapest;
    for (const auto& m : pool.models) {
        std::string where = "model \"" + m.name + "\"";
        std::string url = baseUrlFor(m, env.simBaseUrl);
        auto parsed = parseUrl(url);
        if (m.provider == ProviderKind::Sim && env.simBaseUrl.empty())
            problem(where, "is simulated, but no simulator is running");
        else if (!parsed)
            problem(where, "base URL \"" + url + "\" is not an http(s) URL");
        else if (parsed->scheme != "https" && !isLoopbackHost(parsed->host))
            problem(where, "plain http is only allowed to loopback; the key would travel in clear");
        if (m.keyRef.kind != KeyRef::Kind::None) {
            auto key = env.resolveKey ? env.resolveKey(m.keyRef) : std::nullopt;
            if (!key || key->empty())
                problem(where, "no key found at " + m.keyRef.toString() +
                                   (m.keyRef.kind == KeyRef::Kind::Env
                                        ? "; export the variable before running"
                                        : "; store it in the keychain (the workbench's Set key...) or set " +
                                              m.keyRef.environmentVariable()));
        }
        for (const auto& [name, header] : m.headers) {
            if (header.keyRef.kind == KeyRef::Kind::None) continue;
            auto value = env.resolveKey ? env.resolveKey(header.keyRef) : std::nullopt;
            if (!value || value->empty())
                problem(where, "no value for header " + name + " at " + header.keyRef.toString() +
                                   "; export the variable (or store the keychain entry) before running");
        }
        for (const auto& d : checkModelCompat(m, where, todayIso()))
            if (d.severity == Severity::Error) problems.push_back(d);
        const PriceEntry* price = resolvePrice(m, prices);
        if (!price && cap) problem(where, "has no price, so a budget cap cannot be guaranteed; add one to the pool");
        if (price && !tasks.items.empty()) {
            auto worst = worstCaseCost(*price, tasks.items.front().messages, m.maxOutputTokens.value_or(4096));
            if (worst && (!cheapest || *worst < *cheapest)) cheapest = worst;
        }
    }
    if (cap && cheapest && *cap < *cheapest)
        problem("budget", "the cap of " + formatUsd(*cap) +
                              " cannot pay for even one call (the cheapest call's worst case is " +
                              formatUsd(*cheapest) + "); raise --max-cost");
    if (!problems.empty()) return fail(ErrorKind::BadInput, "the run cannot start", problems);
    return {};
}

namespace {

/// Every job kind's call plan by its name (a baseline is named after its model); a strategy whose
/// settings are invalid is left out (preflight names it).
std::vector<std::pair<std::string, CallPlan>> callPlans(const Pool& pool, const RunSettings& settings) {
    std::vector<std::pair<std::string, CallPlan>> plans;
    if (settings.baselines)
        for (const auto& m : pool.models)
            plans.push_back({m.name, {{&m}, {}, {}}});
    JsonReader ignored("pool");
    for (const auto& name : settings.strategies)
        if (auto plan = strategyRegistry().read(ignored, pool, name, "")) plans.push_back({name, plan->calls});
    return plans;
}

} // namespace

RunEstimate estimateRun(const Pool& pool, const TaskSet& tasks, const RunSettings& settings, const PriceBook& prices,
                        const std::set<JobKey>& cached, const std::map<std::string, std::string>& notAnswering) {
    RunEstimate estimate;
    auto outputPrice = [&](const ModelSpec* m) {
        const PriceEntry* e = resolvePrice(*m, prices);
        return e && e->prices.output ? *e->prices.output : 0.0;
    };
    for (auto& [name, plan] : callPlans(pool, settings)) {
        if (auto out = notAnswering.find(name); out != notAnswering.end())
            std::erase_if(plan.oneOf, [&](const ModelSpec* m) { return m->name == out->second; });
        for (const auto& item : tasks.items) {
            ++estimate.jobs;
            if (cached.count({name, item.id})) { // answered before: the response cache answers again
                ++estimate.cachedJobs;
                continue;
            }
            int64_t input = 0;
            for (const auto& msg : item.messages)
                input += estimateTokens(msg.content) + 4;
            // One call to `m`: in the low bound when it is always made, in the others when it may be.
            auto add = [&](const ModelSpec* m, bool always, bool possible) {
                const PriceEntry* price = resolvePrice(*m, prices);
                if (!price || !price->prices.input || !price->prices.output) {
                    if (std::find(estimate.unpriced.begin(), estimate.unpriced.end(), m->name) ==
                        estimate.unpriced.end())
                        estimate.unpriced.push_back(m->name);
                    return;
                }
                int64_t maxOut = m->maxOutputTokens.value_or(4096);
                Money in = Money::perTokenFromPerMillion(*price->prices.input) * input;
                Money out = Money::perTokenFromPerMillion(*price->prices.output);
                // A short answer (32 tokens) at least, a quarter of the limit expected; a limit under 128
                // tokens must not make "expected" fall below "low".
                int64_t lowOut = std::min<int64_t>(32, maxOut);
                if (always) estimate.low += in + out * lowOut;
                if (!possible) return;
                estimate.expected += in + out * std::max(lowOut, maxOut / 4);
                estimate.high += worstCaseCost(*price, item.messages, maxOut).value_or(Money{0});
            };
            for (const ModelSpec* m : plan.always)
                add(m, true, true);
            for (const ModelSpec* m : plan.sometimes)
                add(m, false, true);
            if (!plan.oneOf.empty()) { // a router's choice: at least its cheapest model, at most its dearest
                auto [cheap, dear] = std::minmax_element(plan.oneOf.begin(), plan.oneOf.end(),
                                                         [&](auto* a, auto* b) { return outputPrice(a) < outputPrice(b); });
                add(*cheap, true, false);
                add(*dear, false, true);
            }
        }
    }
    return estimate;
}

Result<RunSummary> startRun(RunInputs inputs, const Pool& pool, const TaskSet& tasks, const RunSettings& requested,
                            const RunEnvironment& env, std::stop_token stop, ProgressFn progress) {
    RunSettings settings = requested;
    settings.maxCost = effectiveCap(pool, requested);
    if (auto ok = preflight(pool, tasks, settings, env, inputs.prices, &inputs.reader); !ok)
        return std::unexpected(ok.error());
    auto strategies = buildStrategies(pool, settings.strategies, settings.baselines, strategyDeps(&inputs.reader));
    if (!strategies) return std::unexpected(strategies.error());

    Run run;
    run.createdAtMs = nowMs();
    run.status = RunStatus::Running;
    run.poolSnapshot = poolToJson(pool);
    for (const auto& s : *strategies) { // e.g. the labels a strategy learnt from, for resume and audit
        const nlohmann::json pinned = s.strategy->pinnedSettings();
        for (const auto& [key, value] : pinned.items())
            run.poolSnapshot["strategies"][s.name][key] = value;
    }
    run.priceBookSnapshot = priceSnapshot(pool, inputs.prices);
    run.taskSetHash = tasks.contentHash();
    for (const auto& s : *strategies)
        run.strategies.push_back(s.name);
    run.seed = settings.seed;
    run.settings = settings.toJson();
    auto inserted = insertRun(inputs.writer, run);
    if (!inserted) return std::unexpected(inserted.error());
    const int64_t runId = *inserted;

    RunExecution execution(inputs, pool, tasks, settings, env, runId, std::move(*strategies), {}, {}, stop,
                           std::move(progress));
    return execution.execute();
}

Result<RunSummary> resumeRun(RunInputs inputs, int64_t runId, std::optional<Money> maxCost, const RunEnvironment& env,
                             std::stop_token stop, ProgressFn progress) {
    auto run = loadRun(inputs.reader, runId);
    if (!run) return std::unexpected(run.error());
    if (run->status == RunStatus::Completed)
        return fail(ErrorKind::BadInput, "run " + std::to_string(runId) + " is already complete; nothing to resume");
    if (run->settings.is_object() && run->settings.contains(kImportedFromBundle))
        return fail(ErrorKind::BadInput,
                    "run " + std::to_string(runId) +
                        " was imported from a bundle: its pool came with the bundle, and resuming "
                        "it would send your keys to the endpoints that pool names. Start a new run "
                        "of your own pool instead (baton-cli run --pool P --tasks T)");
    auto pool = parsePool(run->poolSnapshot.dump(), "run " + std::to_string(runId) + " pool snapshot");
    if (!pool) return std::unexpected(pool.error());
    auto tasks = loadTaskSet(inputs.reader, run->taskSetHash);
    if (!tasks) return std::unexpected(tasks.error());
    auto stored = RunSettings::fromStored(run->settings, runId);
    if (!stored) return std::unexpected(stored.error());
    RunSettings settings = std::move(*stored);
    if (maxCost) settings.maxCost = maxCost; // the new cap is the run's from now on: stored below
    // The prices the run started with, so a resumed run costs what it would have.
    PriceBook prices;
    for (const auto& m : pool->pool.models) {
        if (!run->priceBookSnapshot.contains(m.name)) continue;
        JsonReader reader("run price snapshot");
        PriceEntry entry = readPriceEntry(reader, run->priceBookSnapshot[m.name], "");
        entry.id = "run:" + m.name;
        prices.insert(entry);
    }
    for (auto& m : pool->pool.models)
        if (prices.find("run:" + m.name)) m.priceOverride = *prices.find("run:" + m.name);
    if (auto ok = preflight(pool->pool, *tasks, settings, env, prices, &inputs.reader); !ok)
        return std::unexpected(ok.error());
    auto strategies = buildStrategies(pool->pool, settings.strategies, settings.baselines, strategyDeps(&inputs.reader));
    if (!strategies) return std::unexpected(strategies.error());

    auto outcomes = loadOutcomes(inputs.reader, runId);
    if (!outcomes) return std::unexpected(outcomes.error());
    std::set<std::pair<std::string, std::string>> finished;
    for (const auto& o : *outcomes)
        if (o.status != OutcomeStatus::Incomplete) finished.insert({o.itemId, o.strategy});
    auto prior = loadPriorCalls(inputs.reader, runId);
    if (!prior) return std::unexpected(prior.error());
    (void)inputs.writer.submit([runId](SqliteDb& db) { return updateRunStatus(db, runId, RunStatus::Running); }).get();
    if (maxCost)
        (void)inputs.writer.submit([runId, j = settings.toJson()](SqliteDb& db) { return updateRunSettings(db, runId, j); })
            .get();

    RunInputs resumed{inputs.writer, inputs.reader, prices};
    RunExecution execution(resumed, pool->pool, *tasks, settings, env, runId, std::move(*strategies),
                           std::move(finished), std::move(*prior), stop, std::move(progress));
    return execution.execute();
}

} // namespace baton::core
