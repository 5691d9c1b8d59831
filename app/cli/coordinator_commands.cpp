// SPDX-License-Identifier: MIT
// baton-cli coordinator train | eval | show

#include "cli_numbers.h"
#include "cli_output.h"
#include "command.h"
#include "eval/run_report.h"
#include "run_support.h"
#include "store/task_set_store.h"
#include "store/workspace.h"
#include "strategies/coordinator_strategy.h"
#include "strategies/policy_object.h"
#include "strategies/strategy_registry.h"
#include "training/coordinator_training.h"
#include "training/lambda_sweep.h"
#include "util/printable.h"

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <limits>
#include <unistd.h>

namespace baton::cli {
namespace {

std::string percent(double v) {
    char b[32];
    std::snprintf(b, sizeof b, "%.1f%%", 100 * v);
    return b;
}

std::string line(const char* label, const core::RolloutFigures& f) {
    char b[256];
    std::snprintf(b, sizeof b, "  %-26s accuracy %6s  cost/item $%.6f  calls/item %.2f  reward %.4f  (%d items%s)\n",
                  label, percent(f.accuracy).c_str(), f.costPerItem, f.callsPerItem, f.reward, f.items,
                  f.incomplete ? ", partial: some calls were refused by the budget or cancelled" : "");
    return b;
}

/// Categories come from task files and model names from pool files: printed through printable
/// (a category "\u001b[2J" cleared the screen from `coordinator train` and `coordinator show`).
void printBehaviour(const nlohmann::json& behaviour) {
    std::printf("  %-16s %6s %7s %7s %7s %7s  %s\n", "category", "items", "direct", "plan", "verify", "synth",
                "first model when answering directly");
    for (const auto& [category, b] : behaviour.items()) {
        double n = std::max(1, b.value("items", 0));
        std::string models;
        for (const auto& [m, count] : b["first_model"].items())
            models += (models.empty() ? "" : ", ") + core::printable(m) + " " + std::to_string(count.get<int>());
        std::printf("  %-16s %6d %7s %7s %7s %7s  %s\n", core::printable(category).c_str(), b.value("items", 0),
                    percent(b.value("direct", 0) / n).c_str(), percent(b.value("plan", 0) / n).c_str(),
                    percent(b.value("verify", 0) / n).c_str(), percent(b.value("synthesize", 0) / n).c_str(),
                    models.c_str());
    }
}

/// --lambda's list through the one parser the Training lab uses too.
std::vector<double> lambdaList(const std::string& text, std::string& bad) {
    auto lambdas = core::parseLambdaList(text);
    if (!lambdas) {
        if (bad.empty()) bad = "--lambda: " + lambdas.error().message; // the first problem is kept
        return {};
    }
    return *lambdas;
}

nlohmann::json trainingJson(const core::TrainingReport& r) {
    return {{"policy", r.policy.id()},     {"lambda", r.policy.lambda},       {"training_run", r.runId},
            {"stop_reason", r.stopReason}, {"spent_usd", r.spent.usd()},      {"http_requests", r.httpRequests},
            {"calls_asked", r.asked},      {"calls_from_memory", r.memoHits}, {"seconds", r.seconds},
            {"metrics", r.policy.metrics}};
}

void printSingleModels(const core::TrainingReport& r) {
    for (const auto& [model, f] : r.singleModelsTest)
        std::cout << line(core::printable(model + " alone").c_str(), f);
}

/// One line per lambda's policy on the test items, then the baselines every policy shares.
void printSweep(const std::vector<core::TrainingReport>& reports) {
    std::cout << "Lambda sweep: each policy on the same test items (never trained on)\n";
    for (const auto& r : reports)
        std::cout << line(r.policy.id().c_str(), r.test)
                  << (r.stopReason.empty() ? "" : "    (" + r.stopReason + ")\n");
    if (reports.empty()) return;
    std::cout << "Baselines on the same items (their reward at lambda "
              << core::lambdaText(reports.front().policy.lambda) << "):\n"
              << line("planner-decides (untrained)", reports.front().plannerDecidesTest);
    printSingleModels(reports.front());
}

struct Opened {
    std::optional<core::Workspace> workspace;
    std::unique_ptr<core::SqliteDb> reader;
};

int trainCommand(const ParsedArgs& args) {
    bool json = args.has("--json");
    auto db = args.value("--db"), poolPath = args.value("--pool"), tasksPath = args.value("--tasks");
    if (!db || !poolPath || !tasksPath)
        return usageError("coordinator train needs --pool P, --tasks T and --db DB", "coordinator train");
    std::string bad;
    auto maxCost = decimalOption(args, "--max-cost", 0, core::kMaxBudgetUsd, bad);
    auto lambdaText = args.value("--lambda");
    std::vector<double> lambdas =
        lambdaText ? lambdaList(*lambdaText, bad) : std::vector<double>{core::TrainingOptions{}.lambda};
    auto maxCalls = wholeOption(args, "--max-calls", 3, core::CoordinatorStrategy::kMaxCalls, bad);
    auto maxDepth = wholeOption(args, "--max-depth", 1, core::CoordinatorPolicy::kMaxDepth, bad);
    auto featureSet = wholeOption(args, "--feature-set", 1, core::CoordinatorPolicy::kFeatureSet, bad);
    auto seed = wholeOption(args, "--seed", 0, std::numeric_limits<int32_t>::max(), bad);
    auto generations = wholeOption(args, "--generations", 1, 10000, bad);
    auto patience = wholeOption(args, "--patience", 1, 10000, bad);
    auto population = wholeOption(args, "--population", 5, 10000, bad);
    auto perModel = wholeOption(args, "--per-model", 1, 4096, bad);
    auto sigma0 = decimalOption(args, "--sigma0", 0.001, 40, bad); // at most the bounds' width
    std::string tierText = args.value("--tier").value_or("ultra");
    auto tier = core::coordinatorTierFromString(tierText);
    if (!tier && bad.empty()) bad = "--tier must be mini or ultra, got \"" + tierText + "\"";
    if (!maxCost && bad.empty())
        bad = "coordinator train needs a training budget: --max-cost USD (real pools cost money; it is never exceeded)";
    if (!bad.empty()) return usageError(bad, "coordinator train");

    core::TrainingOptions options;
    options.tier = *tier;
    options.name = args.value("--name").value_or("coordinator-" + tierText);
    if (!core::CoordinatorStrategy::parsePolicyRef(options.name) || options.name.find('@') != std::string::npos)
        return usageError("--name must be a name without spaces or '@', got \"" + options.name + "\"",
                          "coordinator train");
    options.budget = core::Money::fromUsd(*maxCost);
    options.lambda = lambdas.empty() ? options.lambda : lambdas.front();
    bool sweep = lambdas.size() > 1;
    if (sweep && args.value("--out"))
        return usageError("--out writes one policy; a sweep saves one per lambda (export each with coordinator show "
                          "NAME --out FILE)",
                          "coordinator train");
    if (maxCalls) options.maxCalls = int(*maxCalls);
    if (maxDepth) options.maxDepth = int(*maxDepth);
    if (featureSet) options.featureSet = int(*featureSet);
    if (seed) options.seed = uint64_t(*seed);
    if (generations) options.generations = int(*generations);
    if (patience) options.patience = int(*patience);
    if (population) options.population = int(*population);
    if (perModel) options.perModelConcurrency = int(*perModel);
    if (sigma0) options.sigma0 = *sigma0;
    if (const char* module = std::getenv(core::kCmaesModuleVariable)) options.cmaesModule = module;

    auto pool = loadPoolArg(*poolPath);
    if (!pool) return reportError(pool.error(), json);
    printWarnings(pool->warnings);
    auto loaded = loadTasksArg(*tasksPath);
    if (!loaded) return reportError(loaded.error(), json);
    auto tasks = std::make_shared<const core::TaskSet>(std::move(*loaded)); // shared with the simulator
    StopOnSignal signals;
    auto workspace = core::Workspace::open(*db);
    if (!workspace) return reportError(workspace.error(), json);
    auto reader = workspace->openReader();
    if (!reader) return reportError(reader.error(), json);
    core::StoreWriter writer(workspace->takeWriter());
    auto saved = saveTaskSet(writer, *tasks, *tasksPath);
    if (!saved) return reportError(saved.error(), json);
    core::RunEnvironment env{environmentKeys(), "", ""};
    auto sim = simulatorFor(pool->pool, tasks, args.value("--sim-profile"), env);
    if (!sim) return reportError(sim.error(), json);
    bool terminal = isatty(STDERR_FILENO);
    std::string lambdaShown;
    for (double l : lambdas)
        lambdaShown += (lambdaShown.empty() ? "" : ", ") + core::lambdaText(l);
    std::cerr << "Training " << options.name << " (" << tierText << ", lambda " << lambdaShown << ") on "
              << tasks->items.size() << " items, budget " << core::formatUsd(*options.budget) << "\n";
    auto progress = [&](const core::GenerationPoint& p) {
        char b[256];
        std::snprintf(b, sizeof b,
                      "generation %3d: train reward %.4f acc %s | validation reward %.4f acc %s cost/item $%.6f | "
                      "spent $%.4f, %lld HTTP requests, %.0f s\n",
                      p.generation, p.train.reward, percent(p.train.accuracy).c_str(), p.validation.reward,
                      percent(p.validation.accuracy).c_str(), p.validation.costPerItem, p.spent.usd(),
                      (long long)p.httpRequests, p.seconds);
        if (terminal || !json) std::cerr << b;
    };
    core::RunInputs inputs{writer, **reader, core::PriceBook::bundled()};
    if (sweep) {
        auto reports = core::sweepLambdas(
            inputs, pool->pool, *tasks, options, lambdas, env, signals.token(),
            [&](double lambda, const core::GenerationPoint& p) {
                if (terminal || !json) std::cerr << "lambda " << lambda << ": ";
                progress(p);
            },
            [&](core::TrainingReport& r) {
                auto ok = core::saveTrainedPolicy(writer, r);
                if (ok) std::cerr << "saved " << r.policy.id() << "\n";
                return ok;
            });
        if (reports.error && reports.reports.empty()) return reportError(*reports.error, json);
        if (reports.error) // the trainings before the failure were saved: shown, then the failure
            std::cerr << "the sweep stopped after " << reports.reports.size() << " training(s), each saved\n";
        if (json) {
            nlohmann::json out = nlohmann::json::array();
            for (const auto& r : reports.reports)
                out.push_back(trainingJson(r));
            printJson({{"sweep", out}});
        } else {
            printSweep(reports.reports);
        }
        return reports.error ? reportError(*reports.error, json) : Ok;
    }
    auto report = core::trainCoordinator(inputs, pool->pool, *tasks, options, env, signals.token(), progress);
    if (!report) return reportError(report.error(), json);
    if (auto stored = core::saveTrainedPolicy(writer, *report); !stored) return reportError(stored.error(), json);
    if (auto out = args.value("--out")) {
        if (auto ok = core::exportCoordinatorPolicy(report->policy, *out); !ok) return reportError(ok.error(), json);
        std::cerr << "wrote " << *out << "\n";
    }
    if (json) {
        printJson(trainingJson(*report));
        return Ok;
    }
    std::cout << "Saved policy " << report->policy.id() << " (" << report->policy.parameterCount()
              << " parameters, best on validation at generation " << report->bestGeneration << " of "
              << (report->curve.empty() ? 0 : report->curve.back().generation) << ")\n";
    if (!report->stopReason.empty()) std::cout << "Stopped: " << report->stopReason << "\n";
    std::printf("Training run %lld: %s spent, %lld HTTP requests, %lld calls asked (%lld answered from memory), "
                "%.1f s\n",
                (long long)report->runId, core::formatUsd(report->spent).c_str(), (long long)report->httpRequests,
                (long long)report->asked, (long long)report->memoHits, report->seconds);
    std::cout << "Test items (never trained on), reward = grade - " << report->policy.lambda << " x cost / $"
              << report->policy.costReferenceUsd << ":\n"
              << line(report->policy.id().c_str(), report->test)
              << line("planner-decides (untrained)", report->plannerDecidesTest);
    printSingleModels(*report);
    std::cout << "Learned behaviour on the test items:\n";
    printBehaviour(report->test.toJson()["behaviour"]);
    std::cout << "Use it in a pool: {\"kind\": \"coordinator\", \"policy\": \"" << report->policy.id()
              << "\", \"tier\": \"" << tierText << "\"}\n";
    return Ok;
}

int showCommand(const ParsedArgs& args) {
    bool json = args.has("--json");
    auto db = args.value("--db");
    if (!db || args.positional.size() > 1)
        return usageError("coordinator show needs --db DB and at most one POLICY", "coordinator show");
    auto workspace = core::Workspace::openForReading(*db);
    if (!workspace) return reportError(workspace.error(), json);
    auto reader = workspace->openReader();
    if (!reader) return reportError(reader.error(), json);
    if (args.positional.empty()) {
        auto all = core::listPolicies(**reader);
        if (!all) return reportError(all.error(), json);
        nlohmann::json out = nlohmann::json::array();
        for (const auto& p : *all)
            out.push_back({{"policy", p.name + "@" + std::to_string(p.version)},
                           {"tier", p.tier},
                           {"lambda", p.lambda},
                           {"training_data_sha256", p.trainingDataHash}});
        if (json) {
            printJson(out);
        } else {
            if (all->empty()) std::cout << "No coordinator policies; train one with baton-cli coordinator train\n";
            for (const auto& p : out)
                std::cout << p["policy"].get<std::string>() << "  tier " << p["tier"].get<std::string>() << "  lambda "
                          << p["lambda"].get<double>() << "\n";
        }
        return Ok;
    }
    auto ref = core::CoordinatorStrategy::parsePolicyRef(args.positional[0]);
    if (!ref)
        return usageError("POLICY must be NAME or NAME@VERSION, got \"" + args.positional[0] + "\"",
                          "coordinator show");
    auto policy = core::loadCoordinatorPolicy(**reader, ref->first, ref->second);
    if (!policy) return reportError(policy.error(), json);
    if (auto out = args.value("--out")) {
        if (auto ok = core::exportCoordinatorPolicy(*policy, *out); !ok) return reportError(ok.error(), json);
        std::cerr << "wrote " << *out << "\n";
    }
    if (json) {
        printJson(policy->toJson());
        return Ok;
    }
    const auto& t = policy->training;
    std::cout << policy->id() << ": tier " << core::toString(policy->tier) << ", lambda " << policy->lambda
              << ", cost reference $" << policy->costReferenceUsd << ", " << policy->parameterCount() << " parameters\n"
              << "models: ";
    for (size_t i = 0; i < policy->models.size(); ++i)
        std::cout << (i ? ", " : "") << core::printable(policy->models[i]);
    std::cout << "\ncategories: ";
    for (size_t i = 0; i < policy->categories.size(); ++i)
        std::cout << (i ? ", " : "") << core::printable(policy->categories[i]);
    std::cout << "\ntraining: " << t.value("algorithm", "?") << ", data " << t.value("data_sha256", "?").substr(0, 12)
              << ", " << t.value("generations_run", 0) << " generations (best " << t.value("best_generation", 0)
              << "), $" << t.value("spent_usd", 0.0) << " spent, " << t.value("http_requests", 0) << " HTTP requests"
              << (t.value("stop_reason", "").empty() ? "" : "; " + t.value("stop_reason", "")) << "\n";
    for (const char* split : {"train", "validation", "test", "planner_decides_test"})
        if (policy->metrics.contains(split)) {
            const auto& m = policy->metrics[split];
            std::printf("  %-22s accuracy %6s  cost/item $%.6f  calls/item %.2f  reward %.4f\n", split,
                        percent(m.value("accuracy", 0.0)).c_str(), m.value("cost_per_item_usd", 0.0),
                        m.value("calls_per_item", 0.0), m.value("reward", 0.0));
        }
    if (policy->metrics.contains("test") && policy->metrics["test"].contains("behaviour")) {
        std::cout << "Learned behaviour on the test items:\n";
        printBehaviour(policy->metrics["test"]["behaviour"]);
    }
    return Ok;
}

int evalCommand(const ParsedArgs& args) {
    bool json = args.has("--json");
    auto db = args.value("--db"), poolPath = args.value("--pool"), tasksPath = args.value("--tasks");
    if (!db || !poolPath || !tasksPath || args.positional.empty())
        return usageError("coordinator eval needs POLICY..., --pool P, --tasks T and --db DB", "coordinator eval");
    std::string bad;
    auto maxCost = decimalOption(args, "--max-cost", 0, core::kMaxBudgetUsd, bad);
    if (!maxCost && bad.empty()) bad = "coordinator eval needs a budget cap: --max-cost USD";
    if (!bad.empty()) return usageError(bad, "coordinator eval");
    auto pool = loadPoolArg(*poolPath);
    if (!pool) return reportError(pool.error(), json);
    auto loaded = loadTasksArg(*tasksPath);
    if (!loaded) return reportError(loaded.error(), json);
    auto tasks = std::make_shared<const core::TaskSet>(std::move(*loaded)); // shared with the simulator
    StopOnSignal signals;
    auto workspace = core::Workspace::open(*db);
    if (!workspace) return reportError(workspace.error(), json);
    auto reader = workspace->openReader();
    if (!reader) return reportError(reader.error(), json);

    core::RunSettings settings;
    std::optional<uint64_t> seed;
    for (const auto& text : args.positional) {
        auto ref = core::CoordinatorStrategy::parsePolicyRef(text);
        if (!ref) return usageError("POLICY must be NAME or NAME@VERSION, got \"" + text + "\"", "coordinator eval");
        auto policy = core::loadCoordinatorPolicy(**reader, ref->first, ref->second);
        if (!policy) return reportError(policy.error(), json);
        if (policy->training.value("task_set_sha256", "") != tasks->contentHash())
            return reportError({core::ErrorKind::BadInput,
                                policy->id() + " was not trained on this task set, so its test items are unknown; "
                                               "evaluate it with a run (baton-cli run) instead",
                                {}},
                               json);
        uint64_t s = policy->training.value("options", nlohmann::json::object()).value("seed", uint64_t(1));
        if (seed && *seed != s)
            return reportError({core::ErrorKind::BadInput,
                                "the policies were trained on different splits (seeds " + std::to_string(*seed) +
                                    " and " + std::to_string(s) + "); evaluate them separately",
                                {}},
                               json);
        seed = s;
        std::string name = policy->name;
        if (pool->pool.strategies.count(name) || pool->pool.findModel(name))
            return reportError({core::ErrorKind::BadInput,
                                "the pool already has a strategy or model named \"" + name + "\"; rename the policy",
                                {}},
                               json);
        pool->pool.strategies[name] = {
            "coordinator", {{"kind", "coordinator"}, {"policy", policy->id()}, {"tier", core::toString(policy->tier)}}};
        settings.strategies.push_back(name);
    }
    if (!pool->pool.strategies.count("planner-decides")) {
        pool->pool.strategies["planner-decides"] = {
            "coordinator", {{"kind", "coordinator"}, {"policy", "planner-decides"}, {"tier", "ultra"}}};
        settings.strategies.push_back("planner-decides");
    }
    auto extra = args.all("--strategy");
    if (extra.empty()) // the pool's own strategies that need nothing learnt from another run
        for (const auto& [name, config] : pool->pool.strategies) {
            const core::StrategyKind* kind = core::strategyRegistry().find(config.kind);
            if (kind && !kind->needsLabels && config.kind != "coordinator") extra.push_back(name);
        }
    settings.strategies.insert(settings.strategies.end(), extra.begin(), extra.end());
    settings.maxCost = core::Money::fromUsd(*maxCost);

    core::ThreeWaySplit split = core::splitBySeed(*tasks, *seed);
    core::TaskSet test = *tasks;
    test.name = tasks->name + " (coordinator test split, seed " + std::to_string(*seed) + ")";
    test.items.clear();
    for (const core::TaskItem* item : split.test)
        test.items.push_back(*item);
    core::StoreWriter writer(workspace->takeWriter());
    auto saved = saveTaskSet(writer, test, *tasksPath + "#test");
    if (!saved) return reportError(saved.error(), json);
    core::RunEnvironment env{environmentKeys(), "", ""};
    auto sim = simulatorFor(pool->pool, tasks, args.value("--sim-profile"), env);
    if (!sim) return reportError(sim.error(), json);
    std::cerr << "Evaluating on " << test.items.size() << " test items: every pool model alone and";
    for (const auto& s : settings.strategies)
        std::cerr << " " << s;
    std::cerr << "\n";
    core::RunInputs inputs{writer, **reader, core::PriceBook::bundled()};
    auto summary = core::startRun(inputs, pool->pool, test, settings, env, signals.token(), terminalProgress());
    if (!summary) return reportError(summary.error(), json);
    auto fresh = workspace->openReader();
    if (!fresh) return reportError(fresh.error(), json);
    auto report = core::loadRunReport(**fresh, summary->runId);
    if (!report) return reportError(report.error(), json);
    std::cout << (json ? core::toJson(*report).dump(2) + "\n" : core::toText(*report));
    if (summary->status != "completed") {
        std::cerr << "Run " << summary->runId << " stopped: " << summary->stopReason << "\n";
        return RunStopped;
    }
    return Ok;
}

} // namespace

std::vector<Command> coordinatorCommands() {
    return {{"coordinator train",
             "train a coordinator policy on a task set against the pool (CMA-ES)",
             "Usage: baton-cli coordinator train --pool P --tasks T --db DB --max-cost USD [--name NAME]\n"
             "                                  [--tier mini|ultra] [--lambda L[,L...]] [--max-calls N] [--seed S]\n"
             "                                  [--generations G] [--patience K] [--population N]\n"
             "                                  [--per-model N] [--sigma0 S] [--max-depth 1|2] [--feature-set 1|2]\n"
             "                                  [--sim-profile FILE] [--out FILE] [--json]\n\n"
             "Splits the task set by seed (default 1) into training (50%), validation (25%) and test (25%)\n"
             "items, stratified by category, and trains the policy's parameters with CMA-ES (pagmo) on\n"
             "reward = grade - lambda (default 0.5) x cost / reference, the reference being what the\n"
             "pool's dearest model costs per training item answering alone. Each generation's candidates\n"
             "are played on every training item at once; a request asked before is answered from memory,\n"
             "so repeated rollouts cost nothing. Training stops early when the validation reward has not\n"
             "improved for K generations (default 8), after G generations (default 40), on Ctrl+C, or\n"
             "when the budget --max-cost would be exceeded (it never is); the policy best on validation is\n"
             "saved in the workspace as the next version of NAME (default coordinator-TIER), with its\n"
             "test figures next to the untrained planner-decides baseline. Every call is logged under a\n"
             "training run. --out writes the policy as a JSON file. A generation's candidates are played\n"
             "together, at most --per-model calls (default 8) in flight per model. --sigma0 is the first\n"
             "generation's standard deviation of every parameter, 0.001 to 40 (default 40, the width of\n"
             "their bounds +-20: wide exploration around the warm start; small values stay near it).\n"
             "--max-depth 2 (ultra) lets the policy plan a sub-task of its plan again (the recursion\n"
             "depth limit is 2); the default 1 plans at most once per item. --feature-set 1 trains on the\n"
             "state of policies from before the turn was a feature (the default 2 adds the turn over the\n"
             "call limit), to compare the two.\n\n"
             "A lambda sweep (--lambda 0.05,0.1,0.2,0.5) trains one policy per lambda on the same splits,\n"
             "saved as NAME-lambdaL, and prints each one's test point next to every pool model alone: the\n"
             "cost-quality curve the learned policies trace. --max-cost caps the whole sweep; later\n"
             "trainings mostly ask what earlier ones asked, which the workspace's response cache answers.\n",
             {{"--pool", true},
              {"--tasks", true},
              {"--db", true},
              {"--max-cost", true},
              {"--name", true},
              {"--tier", true},
              {"--lambda", true},
              {"--max-calls", true},
              {"--max-depth", true},
              {"--feature-set", true},
              {"--seed", true},
              {"--generations", true},
              {"--patience", true},
              {"--population", true},
              {"--per-model", true},
              {"--sigma0", true},
              {"--sim-profile", true},
              {"--out", true}},
             trainCommand},
            {"coordinator eval",
             "the standard report of trained policies on their test items, with every baseline",
             "Usage: baton-cli coordinator eval POLICY... --pool P --tasks T --db DB --max-cost USD\n"
             "                                 [--strategy NAME]... [--sim-profile FILE] [--json]\n\n"
             "Runs, on the test items of the policies' split (never trained on), every pool model alone,\n"
             "each POLICY (NAME or NAME@VERSION) as a coordinator strategy, the untrained planner-decides\n"
             "baseline, and the pool's own strategies (those given with --strategy, else every one that\n"
             "needs no labels from another run), then prints the standard report: accuracy with 95% CI,\n"
             "cost, calls per item, latency, delta vs the best single model with its paired CI.\n",
             {{"--pool", true},
              {"--tasks", true},
              {"--db", true},
              {"--max-cost", true},
              {"--strategy", true, true},
              {"--sim-profile", true}},
             evalCommand},
            {"coordinator show",
             "a coordinator policy: training record, figures, learned behaviour",
             "Usage: baton-cli coordinator show [POLICY] --db DB [--out FILE] [--json]\n\n"
             "Without POLICY, lists the workspace's policies. With NAME or NAME@VERSION (latest when\n"
             "no version is given): its tier, lambda, models, features, how it was trained, its figures\n"
             "on train, validation and test items, and what it does per category. --out exports it as a\n"
             "JSON file.\n",
             {{"--db", true}, {"--out", true}},
             showCommand}};
}

} // namespace baton::cli
