// SPDX-License-Identifier: MIT
#include "training/coordinator_training.h"
#include "pools/pool_file.h"
#include "pricing/price_resolution.h"
#include "store/call_log.h"
#include "store/run_store.h"
#include "util/rng.h"
#include "util/sha256.h"

#include <pagmo/algorithms/cmaes.hpp>
#include <pagmo/population.hpp>
#include <pagmo/problem.hpp>

#include <chrono>
#include <cmath>
#include <set>

namespace baton::core {
namespace {

/// pagmo's view of the training problem: minimise minus the mean training reward.
struct CoordinatorProblem {
    std::shared_ptr<std::function<double(const std::vector<double>&)>> reward;
    size_t dimension = 1;
    double bound = 20;
    pagmo::vector_double fitness(const pagmo::vector_double& x) const { return {-(*reward)(x)}; }
    std::pair<pagmo::vector_double, pagmo::vector_double> get_bounds() const {
        return {pagmo::vector_double(dimension, -bound), pagmo::vector_double(dimension, bound)};
    }
    std::string get_name() const { return "baton coordinator policy"; }
};

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

nlohmann::json figuresJson(const RolloutFigures& f) {
    nlohmann::json j = f.toJson();
    j.erase("behaviour");
    return j;
}

} // namespace

nlohmann::json TrainingOptions::toJson() const {
    return {{"name", name},         {"tier", toString(tier)},
            {"lambda", lambda},     {"max_calls", maxCalls},
            {"seed", seed},         {"generations", generations},
            {"patience", patience}, {"population", population},
            {"sigma0", sigma0},     {"budget_usd", budget ? nlohmann::json(budget->usd()) : nlohmann::json()}};
}

Result<TrainingReport> trainCoordinator(RunInputs inputs, const Pool& pool, const TaskSet& tasks,
                                        const TrainingOptions& options, const RunEnvironment& env, std::stop_token stop,
                                        TrainingProgress progress) {
    auto started = std::chrono::steady_clock::now();
    ThreeWaySplit split = splitBySeed(tasks, options.seed);
    if (split.train.empty() || split.validation.empty() || split.test.empty())
        return fail(ErrorKind::BadInput, "the task set is too small to split into training, validation and test "
                                         "items (" +
                                             std::to_string(tasks.items.size()) +
                                             " items); give it at least 4 items per category");
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
    CoordinatorPolicy policy = CoordinatorPolicy::untrained(options.name, options.tier, models, categories, prompts);
    policy.lambda = options.lambda;
    int maxCalls = options.tier == CoordinatorTier::Mini ? 2 : options.maxCalls;

    Run run; // the training run: its calls are logged, priced and capped like any run's
    run.createdAtMs = nowMs();
    run.status = RunStatus::Running;
    run.poolSnapshot = poolToJson(pool);
    run.priceBookSnapshot = nlohmann::json::object();
    run.taskSetHash = tasks.contentHash();
    run.strategies = {"coordinator-training"};
    run.seed = options.seed;
    run.settings = {{"training", options.toJson()}};
    if (options.budget) run.settings["max_cost_pico"] = options.budget->pico;
    auto inserted = insertRun(inputs.writer, run);
    if (!inserted) return std::unexpected(inserted.error());
    const int64_t runId = *inserted;

    RolloutEvaluator evaluator(inputs, tasks, env, runId, options.budget, options.seed, stop);
    EpisodeSettings settings;
    for (const auto& m : pool.models)
        settings.models.push_back(&m);
    settings.maxCalls = maxCalls;
    std::string stopReason;
    auto stopWhy = [&](const RolloutFigures& f) {
        if (!f.incomplete || !stopReason.empty()) return;
        stopReason = stop.stop_requested() ? "cancelled" : "the training budget cap was reached";
    };

    // The cost reference: the dearest model answering alone, per training item.
    CoordinatorPolicy alone = policy;
    {
        size_t psi = 1 + categories.size();
        auto kinds = alone.kinds();
        size_t dearestIndex = size_t(dearest - &pool.models.front());
        alone.parameters[kinds.size() * size_t(alone.featureCount()) + dearestIndex * psi] =
            10; // beta_(answer, dearest)
        alone.parameters[(kinds.size() - 1) * size_t(alone.featureCount()) + size_t(alone.itemFeatureCount())] = 20;
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
    auto reward = std::make_shared<std::function<double(const std::vector<double>&)>>(
        [&](const std::vector<double>& x) -> double {
            if (!stopReason.empty() || stop.stop_requested()) return -1e6; // ends the generation quickly
            RolloutFigures f = evaluate(x, split.train);
            stopWhy(f);
            return f.incomplete ? -1e6 : f.reward;
        });

    std::vector<double> best(policy.parameters.size(), 0.0);
    double bestValidation = -1e300;
    if (stopReason.empty()) {
        RolloutFigures v = evaluate(best, split.validation);
        stopWhy(v);
        if (!v.incomplete) bestValidation = v.reward;
    }
    size_t dim = policy.parameters.size();
    unsigned populationSize =
        options.population > 0 ? unsigned(options.population) : unsigned(4 + std::floor(3 * std::log(double(dim))));
    populationSize = std::max(populationSize, 5u);
    pagmo::problem problem{CoordinatorProblem{reward, dim, 20}};
    pagmo::population population{problem, 0u, unsigned(options.seed)};
    Rng rng(hashParts({"coordinator-init", std::to_string(options.seed)}));
    for (unsigned i = 0; i < populationSize && stopReason.empty(); ++i) {
        pagmo::vector_double x(dim);
        for (auto& v : x)
            v = rng.normal(0, 0.1);
        population.push_back(x);
    }
    pagmo::cmaes cmaes{1u, -1, -1, -1, -1, options.sigma0, 1e-12, 1e-12, true, false, unsigned(options.seed)};
    int sinceBest = 0;
    for (int generation = 1; generation <= options.generations && stopReason.empty() && !stop.stop_requested();
         ++generation) {
        population = cmaes.evolve(population);
        if (!stopReason.empty() || stop.stop_requested()) break;
        std::vector<double> champion = population.champion_x();
        GenerationPoint point;
        point.generation = generation;
        point.train = evaluate(champion, split.train);
        point.validation = evaluate(champion, split.validation);
        stopWhy(point.validation);
        point.spent = evaluator.spent();
        point.httpRequests = evaluator.httpRequests();
        point.asked = evaluator.asked();
        point.memoHits = evaluator.memoHits();
        point.seconds = seconds(started);
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
    settings.policy = &policy;
    std::string budgetStop = stopReason; // the test rollouts below may meet the cap as well
    report.test = evaluator.evaluate(settings, split.test, policy.lambda, policy.costReferenceUsd);
    settings.policy = nullptr;
    settings.planner = dearest;
    report.plannerDecidesTest = evaluator.evaluate(settings, split.test, policy.lambda, policy.costReferenceUsd);
    if (budgetStop.empty() && (report.test.incomplete || report.plannerDecidesTest.incomplete))
        stopReason = "the training budget cap was reached during the test rollouts (test figures are partial)";

    RolloutFigures trainBest, validationBest;
    for (const auto& p : report.curve)
        if (p.generation == report.bestGeneration) trainBest = p.train, validationBest = p.validation;
    nlohmann::json curve = nlohmann::json::array();
    for (const auto& p : report.curve)
        curve.push_back({{"generation", p.generation},
                         {"train", figuresJson(p.train)},
                         {"validation", figuresJson(p.validation)},
                         {"spent_usd", p.spent.usd()},
                         {"http_requests", p.httpRequests},
                         {"seconds", p.seconds}});
    policy.training = {
        {"algorithm", "CMA-ES (pagmo " + std::string("cmaes") + ")"},
        {"data_sha256", dataHash(tasks, split, options.seed)},
        {"task_set_sha256", tasks.contentHash()},
        {"splits",
         {{"train", split.train.size()}, {"validation", split.validation.size()}, {"test", split.test.size()}}},
        {"options", options.toJson()},
        {"population", populationSize},
        {"generations_run", report.curve.size()},
        {"best_generation", report.bestGeneration},
        {"cost_reference", "mean cost per training item of " + dearest->name + " answering alone"},
        {"training_run", runId},
        {"stop_reason", stopReason},
        {"spent_usd", evaluator.spent().usd()},
        {"http_requests", evaluator.httpRequests()},
        {"calls_asked", evaluator.asked()},
        {"calls_from_memory", evaluator.memoHits()},
        {"curve", curve}};
    policy.metrics = {{"train", figuresJson(trainBest)},
                      {"validation", figuresJson(validationBest)},
                      {"test", report.test.toJson()},
                      {"planner_decides_test", report.plannerDecidesTest.toJson()}};

    RunStatus status =
        stopReason.empty() || stopReason.starts_with("early stop") ? RunStatus::Completed : RunStatus::Cancelled;
    (void)inputs.writer.submit([runId, status, stopReason](SqliteDb& db) {
        auto ok = updateRunStatus(db, runId, status);
        return ok ? recordStopReason(db, runId, stopReason) : ok;
    });
    if (auto ok = evaluator.flush(); !ok) return std::unexpected(ok.error());
    report.policy = std::move(policy);
    report.runId = runId;
    report.stopReason = stopReason;
    report.spent = evaluator.spent();
    report.httpRequests = evaluator.httpRequests();
    report.asked = evaluator.asked();
    report.memoHits = evaluator.memoHits();
    report.seconds = seconds(started);
    return report;
}

} // namespace baton::core
