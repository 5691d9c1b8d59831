// SPDX-License-Identifier: MIT
// baton-cli router train: fits a router on an outcome matrix (files, a saved matrix or a run's
// baselines), chooses lambda on the validation split, and saves it as the next version of a name.

#include "cli_numbers.h"
#include "cli_output.h"
#include "command.h"
#include "matrix/matrix_import.h"
#include "matrix_source.h"
#include "model/money_text.h"
#include "router_aiq_text.h"
#include "router_embeddings.h"
#include "replay/router_fit.h"
#include "store/workspace.h"

#include <cstdio>
#include <iostream>

namespace baton::cli {
namespace {

constexpr const char* kUsage =
    "Usage: baton-cli router train (FILE... --format F [--exclude-prompts FILE] | --matrix M) --db DB --name NAME\n"
    "                              [--learner logistic|mf] [--lambda L | --target cost=USD|share=X|cap=USD]\n"
    "                              [--seed N] [--test-share X] [--validation-share X] [--c C] [--buckets N]\n"
    "                              [--factors K] [--calibration platt|isotonic] [--assume-cost MODEL=USD]...\n"
    "                              [--features tfidf|embeddings --pool P --embedder MODEL --max-cost USD] [--compare]\n"
    "                              [--json]\n\n"
    "Trains a learned router and saves it in the workspace DB as the next version of NAME (NAME@1,\n"
    "NAME@2, ...). The data: outcome-matrix files (formats as `matrix import`), or --matrix naming a\n"
    "matrix saved in DB, or run:N for the baselines of run N in DB.\n\n"
    "The complete items are split by --seed (default 1), stratified by category, into test\n"
    "(--test-share, default 0.2), validation (--validation-share of the rest, default 0.2) and train.\n"
    "The learner predicts P(correct) of every model from hashed TF-IDF of the prompt (--buckets,\n"
    "default 4096) and the category: logistic = one L2 logistic regression per model (liblinear,\n"
    "inverse strength --c, default 1); mf = matrix factorisation as RouteLLM's mf (--factors, default\n"
    "16). Each model's P is calibrated on the validation items: --calibration platt (default; a\n"
    "sigmoid of the score) or isotonic (any non-decreasing map; needs more validation items). The\n"
    "test split's Brier score and ECE per model are saved and shown. The router answers with the\n"
    "model of highest P - lambda x expected cost (USD per item, from the training items).\n\n"
    "lambda: --lambda as given, or the validation point meeting --target:\n"
    "  cost=USD   spend per item as close to USD as possible without exceeding it\n"
    "  share=X    share of calls to the strongest model as close to X as possible, not above\n"
    "  cap=USD    the best accuracy at a cost of at most USD per item\n"
    "and by default the most accurate validation point. The test items are never trained on; the\n"
    "router's figures on them (accuracy, cost, calibration, AIQ) are saved with it (`router show`).\n"
    "--compare also replays kNN routing and rules by category, learnt on the same training items, on\n"
    "the test items, and saves their curves and AIQ beside the router's (as the Replay lab does).\n\n";
constexpr const char* kUsageTail =
    "The embedding calls made (and their cost) are printed; a router trained on embeddings records\n"
    "its embedder and dimension. A pool using such a router must have the embedder model: each item's\n"
    "prompt is embedded by it at run time (from the workspace's embedding cache, or as a logged,\n"
    "budgeted call of the run).\n";

int trainCommand(const ParsedArgs& args) {
    bool json = args.has("--json");
    auto db = args.value("--db");
    auto name = args.value("--name");
    auto matrixName = args.value("--matrix");
    auto format = args.value("--format");
    if (!db || !name) return usageError("router train needs --db DB and --name NAME", "router train");
    if (matrixName.has_value() == (!args.positional.empty()))
        return usageError("router train needs either FILE... --format F or --matrix M (one of them)", "router train");
    if (!args.positional.empty() && !format) return usageError("router train FILE... needs --format F", "router train");
    if (args.value("--lambda") && args.value("--target"))
        return usageError("give --lambda or --target, not both", "router train");

    std::string bad;
    core::RouterFitOptions o;
    o.name = *name;
    o.seed = uint64_t(wholeOption(args, "--seed", 1, 1000000000, bad).value_or(1));
    o.testShare = decimalOption(args, "--test-share", 0.01, 0.9, bad).value_or(0.2);
    o.validationShare = decimalOption(args, "--validation-share", 0.01, 0.9, bad).value_or(0.2);
    o.train.c = decimalOption(args, "--c", 1e-6, 1e6, bad).value_or(1.0);
    o.train.buckets = int(wholeOption(args, "--buckets", 16, 1 << 20, bad).value_or(4096));
    o.train.factors = int(wholeOption(args, "--factors", 1, 512, bad).value_or(16));
    o.lambda = decimalOption(args, "--lambda", 0, 1e12, bad);
    o.train.learner = args.value("--learner").value_or("logistic");
    if (o.train.learner != "logistic" && o.train.learner != "mf")
        bad = bad.empty() ? "--learner " + o.train.learner + ": expected logistic or mf" : bad;
    o.compareFixed = args.has("--compare");
    o.train.calibration = args.value("--calibration").value_or("platt");
    if (o.train.calibration != "platt" && o.train.calibration != "isotonic")
        bad = bad.empty() ? "--calibration " + o.train.calibration + ": expected platt or isotonic" : bad;
    if (!bad.empty()) return usageError(bad, "router train");
    if (auto t = args.value("--target")) {
        auto target = core::parseRouterTarget(*t);
        if (!target) return usageError("--target: " + target.error().message, "router train");
        o.target = *target;
    }

    core::Result<core::OutcomeMatrix> matrix = std::unexpected(core::Error{});
    if (matrixName) {
        matrix = openMatrix(*db, *matrixName);
    } else {
        core::MatrixImportOptions importOptions;
        importOptions.format = *format;
        importOptions.excludePromptsFile = args.value("--exclude-prompts").value_or("");
        matrix = core::importMatrix(args.positional, importOptions);
    }
    if (!matrix) return reportError(matrix.error(), json);
    applyAssumedCosts(args.all("--assume-cost"), *matrix, bad);
    if (!bad.empty()) return usageError(bad, "router train");

    auto embeddings = routerEmbeddings(args, *matrix, db, "router train " + *name, bad);
    if (!bad.empty()) return usageError(bad, "router train");
    if (!embeddings) return reportError(embeddings.error(), json);
    if (*embeddings) o.train.embeddings = (*embeddings)->vectors;

    auto artifact = core::fitRouter(*matrix, o);
    if (!artifact) return reportError(artifact.error(), json);
    auto workspace = core::Workspace::open(*db, true);
    if (!workspace) return reportError(workspace.error(), json);
    auto version = core::saveRouterArtifact(*workspace->writer(), *artifact);
    if (!version) return reportError(version.error(), json);

    const auto& m = artifact->metrics;
    if (json) {
        printJson({{"ok", true}, {"router", artifact->selector()}, {"lambda", artifact->defaultLambda()},
                   {"parameters", artifact->parameters}, {"test", m["test"]}, {"test_singles", m["test_singles"]},
                   {"test_oracle", m["test_oracle"]}, {"test_aiq", m["test_aiq"]},
                   {"features", artifact->model.features.kind()},
                   {"embeddings", *embeddings ? embeddingStatsJson(**embeddings) : nlohmann::json()}});
        return Ok;
    }
    const auto& p = artifact->parameters;
    std::printf("Saved router %s (%s, %zu models, data sha256 %.16s...)\n", artifact->selector().c_str(),
                artifact->model.learner.c_str(), artifact->model.models.size(), artifact->trainingDataHash.c_str());
    if (*embeddings) std::printf("  %s", embeddingStatsText(**embeddings).c_str());
    std::printf("  items: %d train, %d validation, %d test (seed %d)\n", p["train_items"].get<int>(),
                p["validation_items"].get<int>(), p["test_items"].get<int>(), p["seed"].get<int>());
    std::printf("  lambda %g, chosen by %s\n", artifact->defaultLambda(), p["lambda_chosen_by"].get<std::string>().c_str());
    auto usd = [](const nlohmann::json& v) { return v.is_null() ? std::string("unknown") : core::formatUsdFigure(v.get<double>()); };
    std::printf("  held-out test items: accuracy %.4f at %s per item, %.1f%% of calls to %s\n",
                m["test"]["accuracy"].get<double>(), usd(m["test"]["mean_cost_usd"]).c_str(),
                100 * m["test"]["strong_share"].get<double>(), m["strong_model"].get<std::string>().c_str());
    for (const auto& s : m["test_singles"])
        std::printf("    %-28s accuracy %.4f at %s per item\n", s["model"].get<std::string>().c_str(),
                    s["accuracy"].get<double>(), usd(s["mean_cost_usd"]).c_str());
    std::printf("    %-28s accuracy %.4f\n", "oracle", m["test_oracle"]["accuracy"].get<double>());
    std::printf("%s", routerAiqText(*artifact).c_str());
    std::printf("Use it in a pool: {\"kind\": \"router\", \"router\": \"%s\"}\n", artifact->selector().c_str());
    return Ok;
}

} // namespace

Command routerTrainCommand() {
    return {"router train", "train a learned router on an outcome matrix and save it in the workspace",
            std::string(kUsage) + kEmbeddingOptionsHelp + kUsageTail,
            {{"--db", true}, {"--name", true}, {"--matrix", true}, {"--format", true}, {"--exclude-prompts", true},
             {"--learner", true}, {"--calibration", true}, {"--lambda", true}, {"--target", true}, {"--seed", true}, {"--test-share", true},
             {"--validation-share", true}, {"--c", true}, {"--buckets", true}, {"--factors", true},
             {"--assume-cost", true, true}, {"--features", true}, {"--pool", true}, {"--embedder", true}, {"--max-cost", true},
             {"--compare", false}},
            trainCommand};
}

} // namespace baton::cli
