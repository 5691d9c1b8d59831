// SPDX-License-Identifier: MIT
#include "training/coordinator_training.h"
#include "pools/pool_file.h"
#include "pricing/price_resolution.h"
#include "store/call_log.h"
#include "store/run_store.h"
#include "strategies/policy_object.h"
#include "training/batched_cmaes.h"
#include "util/rng.h"
#include "util/sha256.h"

#include <chrono>
#include <cmath>

namespace baton::core {
namespace {

double seconds(std::chrono::steady_clock::time_point since) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

const ModelSpec* dearestModel(const Pool& pool, const PriceBook& prices) {
    const ModelSpec* top = nullptr;
    double topPrice = -1;
    for (const auto& m : pool.models)
        if (const PriceEntry* e = resolvePrice(m, prices); e && e->prices.output && *e->prices.output > topPrice)
            top = &m, topPrice = *e->prices.output;
    return top;
}

std::string dataHash(const TaskSet& tasks, const ThreeWaySplit& split, uint64_t seed) {
    std::string text = tasks.contentHash() + "\nseed=" + std::to_string(seed);
    for (const auto* part : {&split.train, &split.validation, &split.test}) {
        text += "\n|";
        for (const TaskItem* item : *part)
            text += item->id + ",";
    }
    return sha256Hex(text);
}

/// A policy that answers with model `index` and stops: that model alone, played by the episode.
CoordinatorPolicy answerAlone(const CoordinatorPolicy& base, size_t index) {
    CoordinatorPolicy alone = base;
    size_t psi = 1 + base.categories.size();
    size_t kinds = alone.kinds().size();
    std::fill(alone.parameters.begin(), alone.parameters.end(), 0.0);
    alone.parameters[kinds * size_t(alone.featureCount()) + index * psi] = 10; // beta_(answer, model)
    alone.parameters[(kinds - 1) * size_t(alone.featureCount()) + size_t(alone.itemFeatureCount())] =
        20; // theta_(stop, has answer)
    return alone;
}

nlohmann::json figuresJson(const RolloutFigures& f) {
    nlohmann::json j = f.toJson();
    j.erase("behaviour");
    return j;
}

unsigned populationSizeFor(const TrainingOptions& options, size_t dimension) {
    unsigned size = options.population > 0 ? unsigned(options.population)
                                           : unsigned(4 + std::floor(3 * std::log(double(dimension))));
    return std::max(size, 5u);
}

/// The first generation: every pool model answering alone (a warm start: CMA-ES starts from the
/// best of them on the training reward and learns where to do otherwise), the rest drawn near 0.
BatchedCmaes::Candidates firstGeneration(const CoordinatorPolicy& policy, size_t models, unsigned size, uint64_t seed) {
    Rng rng(hashParts({"coordinator-init", std::to_string(seed)}));
    BatchedCmaes::Candidates initial;
    for (size_t i = 0; i < models && initial.size() < size; ++i)
        initial.push_back(answerAlone(policy, i).parameters);
    while (initial.size() < size) {
        std::vector<double> x(policy.parameters.size());
        for (auto& v : x)
            v = rng.normal(0, 0.1);
        initial.push_back(std::move(x));
    }
    return initial;
}

/// The training run: its calls are logged, priced and capped like any run's.
Result<int64_t> startTrainingRun(RunInputs& inputs, const Pool& pool, const TaskSet& tasks,
                                 const TrainingOptions& options) {
    Run run;
    run.createdAtMs = nowMs();
    run.status = RunStatus::Running;
    run.poolSnapshot = poolToJson(pool);
    run.priceBookSnapshot = nlohmann::json::object();
    run.taskSetHash = tasks.contentHash();
    run.strategies = {"coordinator-training"};
    run.seed = options.seed;
    run.settings = {{"training", options.toJson()}};
    if (options.budget) run.settings["max_cost_pico"] = options.budget->pico;
    return insertRun(inputs.writer, run);
}

/// The kept policy, the untrained planner-decides baseline and every pool model alone, on the
/// test items. Returns whether any of them is partial (the budget cap or an abort met them).
bool playTestItems(RolloutEvaluator& evaluator, EpisodeSettings settings, const CoordinatorPolicy& policy,
                   const ModelSpec* planner, const Pool& pool, const std::vector<const TaskItem*>& test,
                   TrainingReport& report) {
    settings.policy = &policy;
    report.test = evaluator.evaluate(settings, test, policy.lambda, policy.costReferenceUsd);
    settings.policy = nullptr;
    settings.planner = planner;
    report.plannerDecidesTest = evaluator.evaluate(settings, test, policy.lambda, policy.costReferenceUsd);
    settings.planner = nullptr;
    bool partial = report.test.incomplete || report.plannerDecidesTest.incomplete;
    for (size_t i = 0; i < pool.models.size(); ++i) {
        CoordinatorPolicy alone = answerAlone(policy, i);
        settings.policy = &alone;
        RolloutFigures f = evaluator.evaluate(settings, test, policy.lambda, policy.costReferenceUsd);
        partial = partial || f.incomplete;
        report.singleModelsTest.emplace_back(pool.models[i].name, std::move(f));
    }
    return partial;
}

/// The policy's training record: data, options, search, spending and the curve.
nlohmann::json trainingRecord(const TrainingReport& report, const TaskSet& tasks, const ThreeWaySplit& split,
                              const TrainingOptions& options, unsigned populationSize, const std::string& reference) {
    nlohmann::json curve = nlohmann::json::array();
    for (const auto& p : report.curve)
        curve.push_back({{"generation", p.generation},
                         {"train", figuresJson(p.train)},
                         {"validation", figuresJson(p.validation)},
                         {"spent_usd", p.spent.usd()},
                         {"http_requests", p.httpRequests},
                         {"seconds", p.seconds}});
    return {{"algorithm", "CMA-ES (pagmo cmaes)"},
            // Records without it (before 2026-11-26) stated pagmo's relative sigma0: 1 meant 40.
            {"sigma0_units", "parameter"},
            {"data_sha256", dataHash(tasks, split, options.seed)},
            {"task_set_sha256", tasks.contentHash()},
            {"splits",
             {{"train", split.train.size()}, {"validation", split.validation.size()}, {"test", split.test.size()}}},
            {"options", options.toJson()},
            {"population", populationSize},
            {"generations_run", report.curve.empty() ? 0 : report.curve.back().generation},
            {"best_generation", report.bestGeneration},
            {"cost_reference", "mean cost per training item of " + reference + " answering alone"},
            {"training_run", report.runId},
            {"stop_reason", report.stopReason},
            {"spent_usd", report.spent.usd()},
            {"http_requests", report.httpRequests},
            {"calls_asked", report.asked},
            {"calls_from_memory", report.memoHits},
            {"candidates_played_alone", report.candidatesPlayedAlone},
            {"curve", curve}};
}

/// The policy's metrics: the best generation on training and validation, the test figures.
nlohmann::json metricsRecord(const TrainingReport& report) {
    RolloutFigures trainBest, validationBest;
    for (const auto& p : report.curve)
        if (p.generation == report.bestGeneration) trainBest = p.train, validationBest = p.validation;
    nlohmann::json singleModels = nlohmann::json::object();
    for (const auto& [model, f] : report.singleModelsTest)
        singleModels[model] = figuresJson(f);
    return {{"train", figuresJson(trainBest)},
            {"validation", figuresJson(validationBest)},
            {"test", report.test.toJson()},
            {"planner_decides_test", report.plannerDecidesTest.toJson()},
            {"single_models_test", singleModels}};
}

} // namespace

nlohmann::json TrainingOptions::toJson() const {
    return {{"name", name},
            {"tier", toString(tier)},
            {"lambda", lambda},
            {"max_calls", maxCalls},
            {"max_depth", maxDepth},
            {"feature_set", featureSet},
            {"seed", seed},
            {"generations", generations},
            {"patience", patience},
            {"population", population},
            {"sigma0", sigma0},
            {"per_model_concurrency", perModelConcurrency},
            {"budget_usd", budget ? nlohmann::json(budget->usd()) : nlohmann::json()}};
}

Status saveTrainedPolicy(StoreWriter& writer, TrainingReport& report) {
    return writer
        .submit([&](SqliteDb& db) -> Status {
            auto version = saveCoordinatorPolicy(db, report.policy, nowMs());
            if (!version) return std::unexpected(version.error());
            report.policy.version = *version;
            return {};
        })
        .get();
}

Result<TrainingReport> trainCoordinator(RunInputs inputs, const Pool& pool, const TaskSet& tasks,
                                        const TrainingOptions& options, const RunEnvironment& env, std::stop_token stop,
                                        TrainingProgress progress, std::stop_token abort) {
    auto started = std::chrono::steady_clock::now();
    if (auto search = BatchedCmaes::available(options.cmaesModule); !search) return std::unexpected(search.error());
    if (options.maxDepth < 1 || options.maxDepth > CoordinatorPolicy::kMaxDepth)
        return fail(ErrorKind::BadInput, "plans nest at most " + std::to_string(CoordinatorPolicy::kMaxDepth) +
                                             " deep (1: one plan per item, 2: a sub-task may be planned again); got " +
                                             std::to_string(options.maxDepth));
    if (options.tier == CoordinatorTier::Mini && options.maxDepth > 1)
        return fail(ErrorKind::BadInput, "the mini tier does not plan, so it has no nested plans; use max depth 1");
    if (options.featureSet < 1 || options.featureSet > CoordinatorPolicy::kFeatureSet)
        return fail(ErrorKind::BadInput, "known feature sets are 1 to " +
                                             std::to_string(CoordinatorPolicy::kFeatureSet) + "; got " +
                                             std::to_string(options.featureSet));
    ThreeWaySplit split = splitBySeed(tasks, options.seed);
    if (split.train.empty() || split.validation.empty() || split.test.empty())
        return fail(ErrorKind::BadInput, "the task set is too small to split into training, validation and test "
                                         "items (" +
                                             std::to_string(tasks.items.size()) +
                                             " items); give it at least 4 items per category");
    for (const auto& m : pool.models)
        if (!resolvePrice(m, inputs.prices))
            return fail(ErrorKind::BadInput, "model " + m.name +
                                                 " has no price: training keeps its budget by every call's worst "
                                                 "case, and rewards cost; add a price to the pool");
    const ModelSpec* dearest = dearestModel(pool, inputs.prices);
    if (!dearest) return fail(ErrorKind::BadInput, "no pool model has an output price; the cost reference needs one");
    std::vector<std::string> models, categories, prompts;
    for (const auto& m : pool.models)
        models.push_back(m.name);
    for (const TaskItem* item : split.train) {
        prompts.push_back(item->prompt());
        if (std::find(categories.begin(), categories.end(), item->category) == categories.end())
            categories.push_back(item->category);
    }
    CoordinatorPolicy policy = CoordinatorPolicy::untrained(options.name, options.tier, models, categories, prompts,
                                                            options.maxDepth, options.featureSet);
    policy.lambda = options.lambda;

    auto runId = startTrainingRun(inputs, pool, tasks, options);
    if (!runId) return std::unexpected(runId.error());
    RolloutEvaluator evaluator(inputs, tasks, env, *runId, options.budget, options.seed, options.perModelConcurrency,
                               abort);
    EpisodeSettings settings;
    for (const auto& m : pool.models)
        settings.models.push_back(&m);
    settings.maxCalls = options.tier == CoordinatorTier::Mini ? 2 : options.maxCalls;
    std::string stopReason;
    auto stopWhy = [&](const RolloutFigures& f) {
        if (!f.incomplete || !stopReason.empty()) return;
        stopReason = abort.stop_requested() ? "cancelled" : "the training budget cap was reached";
    };

    // The cost reference: the dearest model answering alone, per training item.
    {
        CoordinatorPolicy alone = answerAlone(policy, size_t(dearest - &pool.models.front()));
        settings.policy = &alone;
        RolloutFigures reference = evaluator.evaluate(settings, split.train, 0, 0);
        stopWhy(reference);
        policy.costReferenceUsd = reference.costPerItem > 0 ? reference.costPerItem : 1e-6;
    }

    TrainingReport report;
    CoordinatorPolicy candidate = policy;
    auto evaluate = [&](const std::vector<double>& x, const std::vector<const TaskItem*>& items) {
        candidate.parameters = x;
        settings.policy = &candidate;
        return evaluator.evaluate(settings, items, policy.lambda, policy.costReferenceUsd);
    };
    // A generation's champion on the training and validation items, and the training so far.
    auto measure = [&](int generation, const std::vector<double>& champion) {
        GenerationPoint point;
        point.generation = generation;
        point.train = evaluate(champion, split.train);
        point.validation = evaluate(champion, split.validation);
        point.spent = evaluator.spent();
        point.httpRequests = evaluator.httpRequests();
        point.asked = evaluator.asked();
        point.memoHits = evaluator.memoHits();
        point.seconds = seconds(started);
        return point;
    };
    auto rewardOf = [&](const RolloutFigures& f) {
        stopWhy(f);
        return f.incomplete ? -1e6 : f.reward;
    };
    auto stopped = [&] { return !stopReason.empty() || stop.stop_requested(); };
    // Candidates are played on the training items, a generation at a time; once stopped, every
    // candidate's reward is the worst, which ends the generation quickly.
    auto playAll = [&](const BatchedCmaes::Candidates& asked) {
        std::vector<double> rewards(asked.size(), -1e6);
        if (stopped()) return rewards;
        std::vector<CoordinatorPolicy> policies(asked.size(), policy);
        std::vector<EpisodeSettings> candidates(asked.size(), settings);
        for (size_t i = 0; i < asked.size(); ++i)
            policies[i].parameters = asked[i], candidates[i].policy = &policies[i];
        auto figures = evaluator.evaluate(candidates, split.train, policy.lambda, policy.costReferenceUsd);
        for (size_t i = 0; i < figures.size(); ++i)
            rewards[i] = rewardOf(figures[i]);
        return rewards;
    };
    auto playOne = [&](const std::vector<double>& x) { return stopped() ? -1e6 : rewardOf(evaluate(x, split.train)); };

    size_t dim = policy.parameters.size();
    unsigned populationSize = populationSizeFor(options, dim);
    auto made = BatchedCmaes::create(options.cmaesModule, {dim, 20, options.sigma0, options.seed}, playAll, playOne);
    if (!made) return std::unexpected(made.error()); // not after available() above: the module stays open
    BatchedCmaes& search = *made;
    search.start(firstGeneration(policy, pool.models.size(), populationSize, options.seed));
    std::vector<double> best(dim, 0.0);
    double bestValidation = -1e300;
    if (stopReason.empty()) { // generation 0 of the curve: the warm start's champion
        best = search.champion();
        GenerationPoint start = measure(0, best);
        stopWhy(start.validation);
        if (stopReason.empty()) {
            bestValidation = start.validation.reward;
            report.curve.push_back(start);
            if (progress) progress(start);
        }
    }
    int sinceBest = 0;
    for (int generation = 1; generation <= options.generations && !stopped(); ++generation) {
        search.evolve();
        if (stopped()) break;
        std::vector<double> champion = search.champion();
        GenerationPoint point = measure(generation, champion);
        stopWhy(point.validation);
        if (!stopReason.empty()) break;
        report.curve.push_back(point);
        if (progress) progress(point);
        if (point.validation.reward > bestValidation + 1e-12) {
            bestValidation = point.validation.reward, best = champion, report.bestGeneration = generation;
            sinceBest = 0;
        } else if (++sinceBest >= options.patience) {
            stopReason = "early stop: validation reward did not improve for " + std::to_string(options.patience) +
                         " generations";
        }
    }
    if (stopReason.empty() && stop.stop_requested()) stopReason = "cancelled";

    policy.parameters = best;
    bool partial = playTestItems(evaluator, settings, policy, dearest, pool, split.test, report);
    if (stopReason.empty() && partial)
        stopReason = "the training budget cap was reached during the test rollouts (test figures are partial)";

    RunStatus status =
        stopReason.empty() || stopReason.starts_with("early stop") ? RunStatus::Completed : RunStatus::Cancelled;
    if (auto ok = evaluator.flush(); !ok) return std::unexpected(ok.error());
    // Written before the report returns: a reader opened next sees the run's end and its reason.
    auto recorded = inputs.writer
                        .submit([id = *runId, status, stopReason](SqliteDb& db) {
                            auto ok = updateRunStatus(db, id, status);
                            return ok ? recordStopReason(db, id, stopReason) : ok;
                        })
                        .get();
    if (!recorded) return std::unexpected(recorded.error());
    report.runId = *runId;
    report.stopReason = stopReason;
    report.spent = evaluator.spent();
    report.httpRequests = evaluator.httpRequests();
    report.asked = evaluator.asked();
    report.memoHits = evaluator.memoHits();
    report.candidatesPlayedAlone = search.playedAlone();
    report.seconds = seconds(started);
    policy.training = trainingRecord(report, tasks, split, options, populationSize, dearest->name);
    policy.metrics = metricsRecord(report);
    report.policy = std::move(policy);
    return report;
}

} // namespace baton::core
