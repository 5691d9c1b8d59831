// SPDX-License-Identifier: MIT
// baton-cli router eval (train, show, export and import: router_train_command, router_artifact_commands)

#include "cli_numbers.h"
#include "cli_output.h"
#include "command.h"
#include "matrix_source.h"
#include "matrix/matrix_import.h"
#include "replay/model_stats.h"
#include "replay/router_evaluation.h"

#include <cstdio>
#include <iostream>

namespace baton::cli {
namespace {

nlohmann::json curveJson(const std::vector<core::RoutePoint>& curve) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& p : curve)
        out.push_back({{"lambda", p.param}, {"accuracy", p.accuracy},
                       {"mean_cost_usd", std::isnan(p.meanCostUsd) ? nlohmann::json() : nlohmann::json(p.meanCostUsd)},
                       {"strong_share", std::isnan(p.strongShare) ? nlohmann::json() : nlohmann::json(p.strongShare)}});
    return out;
}

nlohmann::json orNull(double v) {
    return std::isnan(v) ? nlohmann::json() : nlohmann::json(v);
}

void printText(const core::RouterEvaluation& e) {
    std::cout << "Learned router (per-model logistic regression on hashed TF-IDF + category, Platt-calibrated) "
                 "on held-out items; cost axis: "
              << (e.costAxis == "usd" ? "USD per item" : "share of calls to " + e.strong) << "\n";
    if (!e.strong.empty()) std::cout << "weak " << e.weak << ", strong " << e.strong << "\n";
    char line[256];
    std::snprintf(line, sizeof line, "%5s %6s %5s %5s  %-23s %8s %8s %8s  %7s %7s %7s %9s  %s\n", "SEED", "TRAIN", "VAL",
                  "TEST", "ROUTER APGR [95% CI]", "CPT50", "KNN APGR", "MF APGR", "AIQ", "KNN AIQ", "MF AIQ", "SINGLES",
                  "ECE per model");
    std::cout << line;
    double apgr = 0, knn = 0, mf = 0, aiq = 0, knnAiq = 0, mfAiq = 0, singlesAiq = 0;
    for (const auto& s : e.seeds) {
        std::string ece;
        for (const auto& c : s.calibration)
            ece += (ece.empty() ? "" : " ") + std::to_string(c.ece).substr(0, 5);
        char ci[64];
        std::snprintf(ci, sizeof ci, "%.3f [%.3f, %.3f]", s.routerApgr, s.routerApgrCi.low, s.routerApgrCi.high);
        std::snprintf(line, sizeof line, "%5llu %6zu %5zu %5zu  %-23s %8.3f %8.3f %8.3f  %7.4f %7.4f %7.4f %9.4f  %s\n",
                      (unsigned long long)s.seed, s.trainItems, s.validationItems, s.testItems, ci, s.routerCpt50,
                      s.knnApgr, s.mfApgr, s.routerAiq, s.knnAiq, s.mfAiq, s.baselineAiq, ece.c_str());
        std::cout << line;
        apgr += s.routerApgr, knn += s.knnApgr, mf += s.mfApgr;
        aiq += s.routerAiq, knnAiq += s.knnAiq, mfAiq += s.mfAiq, singlesAiq += s.baselineAiq;
    }
    if (!e.seeds.empty())
        std::printf("mean AIQ over %zu seeds: router (logistic) %.4f, mf %.4f, kNN %.4f, single models' hull %.4f\n",
                    e.seeds.size(), aiq / double(e.seeds.size()), mfAiq / double(e.seeds.size()),
                    knnAiq / double(e.seeds.size()), singlesAiq / double(e.seeds.size()));
    if (!e.strong.empty() && !e.seeds.empty())
        std::printf("mean over %zu seeds: router APGR %.3f, mf APGR %.3f, kNN APGR %.3f (a random router: 0.500)\n",
                    e.seeds.size(), apgr / double(e.seeds.size()), mf / double(e.seeds.size()),
                    knn / double(e.seeds.size()));
}

int evalCommand(const ParsedArgs& args) {
    bool json = args.has("--json");
    auto format = args.value("--format");
    auto saved = args.value("--matrix");
    auto db = args.value("--db");
    if (saved ? (!db || !args.positional.empty()) : (args.positional.empty() || !format))
        return usageError("router eval needs FILE... and --format F, or --matrix M and --db DB", "router eval");
    std::string bad;
    auto seeds = wholeOption(args, "--seeds", 1, 100, bad);
    auto testShare = decimalOption(args, "--test-share", 0.01, 0.99, bad);
    auto c = decimalOption(args, "--c", 1e-6, 1e6, bad);
    if (!bad.empty()) return usageError(bad, "router eval");

    core::MatrixImportOptions importOptions;
    importOptions.format = *format;
    importOptions.excludePromptsFile = args.value("--exclude-prompts").value_or("");
    auto matrix = saved ? openMatrix(*db, *saved) : core::importMatrix(args.positional, importOptions);
    if (!matrix) return reportError(matrix.error(), json);
    applyAssumedCosts(args.all("--assume-cost"), *matrix, bad);
    if (!bad.empty()) return usageError(bad, "router eval");

    core::RouterEvaluationOptions options;
    options.seeds.clear();
    for (int64_t s = 1; s <= seeds.value_or(5); ++s)
        options.seeds.push_back(uint64_t(s));
    options.testShare = testShare.value_or(0.3);
    options.train.c = c.value_or(1.0);
    options.compareMf = args.has("--mf");
    if (auto factors = wholeOption(args, "--factors", 1, 512, bad)) options.train.factors = int(*factors);
    if (!bad.empty()) return usageError(bad, "router eval");
    options.weak = args.value("--weak").value_or("");
    options.strong = args.value("--strong").value_or("");
    auto evaluation = core::evaluateRouter(*matrix, options);
    if (!evaluation) return reportError(evaluation.error(), json);
    if (!json) {
        printText(*evaluation);
        return Ok;
    }
    nlohmann::json seedsJson = nlohmann::json::array();
    for (const auto& s : evaluation->seeds) {
        nlohmann::json ece = nlohmann::json::array();
        for (const auto& cal : s.calibration)
            ece.push_back({{"brier", cal.brier}, {"ece", cal.ece}});
        seedsJson.push_back({{"seed", s.seed}, {"train_items", s.trainItems}, {"validation_items", s.validationItems},
                             {"test_items", s.testItems}, {"router_apgr", orNull(s.routerApgr)},
                             {"router_apgr_ci", {orNull(s.routerApgrCi.low), orNull(s.routerApgrCi.high)}},
                             {"router_cpt50", orNull(s.routerCpt50)}, {"knn_apgr", orNull(s.knnApgr)},
                             {"knn_cpt50", orNull(s.knnCpt50)}, {"router_aiq", orNull(s.routerAiq)},
                             {"knn_aiq", orNull(s.knnAiq)}, {"mf_aiq", orNull(s.mfAiq)},
                             {"mf_apgr", orNull(s.mfApgr)}, {"mf_cpt50", orNull(s.mfCpt50)}, {"singles_aiq", orNull(s.baselineAiq)},
                             {"calibration", ece}, {"router_curve", curveJson(s.router)}});
    }
    printJson({{"cost_axis", evaluation->costAxis}, {"weak", evaluation->weak}, {"strong", evaluation->strong},
               {"seeds", seedsJson}});
    return Ok;
}

} // namespace

std::vector<Command> routerCommands() {
    std::vector<Command> out{routerTrainCommand()};
    for (auto& c : routerArtifactCommands())
        out.push_back(std::move(c));
    out.push_back({"router eval", "train and test a learned router on an outcome matrix, over several seeds",
             "Usage: baton-cli router eval (FILE... --format F [--exclude-prompts FILE] | --matrix M --db DB) [--seeds N]\n"
             "                            [--test-share X] [--c C] [--mf [--factors K]] [--weak MODEL --strong MODEL]\n"
             "                            [--assume-cost MODEL=USD]... [--json]\n\n"
             "Imports the outcome matrix (formats as `matrix import`; or --matrix: a matrix saved in DB, or\n"
             "run:N for the baselines of run N), then for each seed 1..N (default 5):\n"
             "a test split stratified by category (default 30%) that the router never sees, a validation\n"
             "split of the rest (20%) for calibration; trains one L2 logistic regression per model\n"
             "(liblinear, inverse strength --c, default 1) on hashed TF-IDF of the prompt and the category,\n"
             "and reports on the test items its lambda curve's AIQ next to kNN routing and the single\n"
             "models, APGR with a bootstrap 95% interval and CPT(50%) for a weak/strong pair, and the\n"
             "calibration error (ECE) of each model's P(correct). --mf also trains matrix factorisation\n"
             "(RouteLLM's mf for N models, K factors, default 16) on the same split and reports it beside.\n",
             {{"--format", true}, {"--exclude-prompts", true}, {"--matrix", true}, {"--db", true}, {"--seeds", true}, {"--test-share", true},
              {"--c", true}, {"--weak", true}, {"--strong", true}, {"--mf", false}, {"--factors", true},
              {"--assume-cost", true, true}},
             evalCommand});
    return out;
}

} // namespace baton::cli
