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
#include <map>
#include <set>

namespace baton::core {
namespace {

/// The rewards of candidate parameter vectors. pagmo's CMA-ES asks for one fitness at a time,
/// but samples a generation's candidates before it evaluates any: a dry run of the generation on
/// copies of the algorithm and population (`recording`) collects them, they are played all at
/// once, and the real generation then finds each reward in `known`.
struct CandidateRewards {
    std::function<double(const std::vector<double>&)> alone; ///< plays one candidate
    bool recording = false;
    std::vector<std::vector<double>> asked; ///< the candidates of the dry run, in order
    std::map<std::vector<double>, double> known;
    int64_t playedAlone = 0; ///< asked outside a batch (none while the dry run matches the real one)

    double operator()(const std::vector<double>& x) {
        if (recording) {
            asked.push_back(x);
            return 0;
        }
        if (auto it = known.find(x); it != known.end()) return it->second;
        ++playedAlone;
        return alone(x);
    }
};

/// pagmo's view of the training problem: minimise minus the mean training reward.
struct CoordinatorProblem {
    std::shared_ptr<CandidateRewards> reward;
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

} // namespace

nlohmann::json TrainingOptions::toJson() const {
    return {{"name", name},
            {"tier", toString(tier)},
            {"lambda", lambda},
            {"max_calls", maxCalls},
            {"seed", seed},
            {"generations", generations},
            {"patience", patience},
            {"population", population},
            {"sigma0", sigma0},
            {"per_model_concurrency", perModelConcurrency},
            {"budget_usd", budget ? nlohmann::json(budget->usd()) : nlohmann::json()}};
}

Result<TrainingReport> trainCoordinator(RunInputs inputs, const Pool& pool, const TaskSet& tasks,
                                        const TrainingOptions& options, const RunEnvironment& env, std::stop_token stop,
                                        TrainingProgress progress, std::stop_token abort) {
    auto started = std::chrono::steady_clock::now();
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

    RolloutEvaluator evaluator(inputs, tasks, env, runId, options.budget, options.seed, options.perModelConcurrency,
                               abort);
    EpisodeSettings settings;
    for (const auto& m : pool.models)
        settings.models.push_back(&m);
    settings.maxCalls = maxCalls;
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
    auto rewards = std::make_shared<CandidateRewards>();
    rewards->alone = [&](const std::vector<double>& x) -> double {
        if (!stopReason.empty() || stop.stop_requested()) return -1e6; // ends the generation quickly
        return rewardOf(evaluate(x, split.train));
    };
    // Plays every candidate `sample` asks for on the training items at once.
    auto playBatch = [&](const std::function<void()>& sample) {
        rewards->recording = true;
        rewards->asked.clear();
        sample();
        rewards->recording = false;
        rewards->known.clear();
        if (!stopReason.empty() || stop.stop_requested()) return;
        std::vector<CoordinatorPolicy> policies(rewards->asked.size(), policy);
        std::vector<EpisodeSettings> candidates(policies.size(), settings);
        for (size_t i = 0; i < policies.size(); ++i)
            policies[i].parameters = rewards->asked[i], candidates[i].policy = &policies[i];
        auto figures = evaluator.evaluate(candidates, split.train, policy.lambda, policy.costReferenceUsd);
        for (size_t i = 0; i < figures.size(); ++i)
            rewards->known.emplace(rewards->asked[i], rewardOf(figures[i]));
    };

    size_t dim = policy.parameters.size();
    unsigned populationSize =
        options.population > 0 ? unsigned(options.population) : unsigned(4 + std::floor(3 * std::log(double(dim))));
    populationSize = std::max(populationSize, 5u);
    pagmo::problem problem{CoordinatorProblem{rewards, dim, 20}};
    pagmo::population population{problem, 0u, unsigned(options.seed)};
    // The first generation: every pool model answering alone (a warm start: CMA-ES starts from the
    // best of them on the training reward and learns where to do otherwise), the rest drawn near 0.
    Rng rng(hashParts({"coordinator-init", std::to_string(options.seed)}));
    std::vector<pagmo::vector_double> initial;
    for (size_t i = 0; i < pool.models.size() && initial.size() < populationSize; ++i)
        initial.push_back(answerAlone(policy, i).parameters);
    while (initial.size() < populationSize) {
        pagmo::vector_double x(dim);
        for (auto& v : x)
            v = rng.normal(0, 0.1);
        initial.push_back(std::move(x));
    }
    playBatch([&] {
        for (const auto& x : initial)
            (*rewards)(x);
    });
    for (const auto& x : initial)
        if (stopReason.empty()) population.push_back(x);
    std::vector<double> best(dim, 0.0);
    double bestValidation = -1e300;
    if (stopReason.empty()) { // generation 0 of the curve: the warm start's champion
        best = population.champion_x();
        GenerationPoint start = measure(0, best);
        stopWhy(start.validation);
        if (stopReason.empty()) {
            bestValidation = start.validation.reward;
            report.curve.push_back(start);
            if (progress) progress(start);
        }
    }
    pagmo::cmaes cmaes{1u, -1, -1, -1, -1, options.sigma0, 1e-12, 1e-12, true, false, unsigned(options.seed)};
    int sinceBest = 0;
    for (int generation = 1; generation <= options.generations && stopReason.empty() && !stop.stop_requested();
         ++generation) {
        playBatch([&] {
            pagmo::cmaes dry = cmaes;
            pagmo::population dryPopulation = population;
            dry.evolve(dryPopulation);
        });
        population = cmaes.evolve(population);
        if (!stopReason.empty() || stop.stop_requested()) break;
        std::vector<double> champion = population.champion_x();
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
    settings.policy = &policy;
    std::string budgetStop = stopReason; // the test rollouts below may meet the cap as well
    report.test = evaluator.evaluate(settings, split.test, policy.lambda, policy.costReferenceUsd);
    settings.policy = nullptr;
    settings.planner = dearest;
    report.plannerDecidesTest = evaluator.evaluate(settings, split.test, policy.lambda, policy.costReferenceUsd);
    settings.planner = nullptr;
    bool partial = report.test.incomplete || report.plannerDecidesTest.incomplete;
    for (size_t i = 0; i < pool.models.size(); ++i) {
        CoordinatorPolicy alone = answerAlone(policy, i);
        settings.policy = &alone;
        RolloutFigures f = evaluator.evaluate(settings, split.test, policy.lambda, policy.costReferenceUsd);
        partial = partial || f.incomplete;
        report.singleModelsTest.emplace_back(pool.models[i].name, std::move(f));
    }
    if (budgetStop.empty() && partial)
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
        {"generations_run", report.curve.empty() ? 0 : report.curve.back().generation},
        {"best_generation", report.bestGeneration},
        {"cost_reference", "mean cost per training item of " + dearest->name + " answering alone"},
        {"training_run", runId},
        {"stop_reason", stopReason},
        {"spent_usd", evaluator.spent().usd()},
        {"http_requests", evaluator.httpRequests()},
        {"calls_asked", evaluator.asked()},
        {"calls_from_memory", evaluator.memoHits()},
        {"candidates_played_alone", rewards->playedAlone},
        {"curve", curve}};
    nlohmann::json singleModels = nlohmann::json::object();
    for (const auto& [model, f] : report.singleModelsTest)
        singleModels[model] = figuresJson(f);
    policy.metrics = {{"train", figuresJson(trainBest)},
                      {"validation", figuresJson(validationBest)},
                      {"test", report.test.toJson()},
                      {"planner_decides_test", report.plannerDecidesTest.toJson()},
                      {"single_models_test", singleModels}};

    RunStatus status =
        stopReason.empty() || stopReason.starts_with("early stop") ? RunStatus::Completed : RunStatus::Cancelled;
    if (auto ok = evaluator.flush(); !ok) return std::unexpected(ok.error());
    // Written before the report returns: a reader opened next sees the run's end and its reason.
    auto recorded = inputs.writer
                        .submit([runId, status, stopReason](SqliteDb& db) {
                            auto ok = updateRunStatus(db, runId, status);
                            return ok ? recordStopReason(db, runId, stopReason) : ok;
                        })
                        .get();
    if (!recorded) return std::unexpected(recorded.error());
    report.policy = std::move(policy);
    report.runId = runId;
    report.stopReason = stopReason;
    report.spent = evaluator.spent();
    report.httpRequests = evaluator.httpRequests();
    report.asked = evaluator.asked();
    report.memoHits = evaluator.memoHits();
    report.candidatesPlayedAlone = rewards->playedAlone;
    report.seconds = seconds(started);
    return report;
}

} // namespace baton::core
