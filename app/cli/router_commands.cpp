// SPDX-License-Identifier: MIT
// baton-cli router eval (train, show, export and import: router_train_command, router_artifact_commands)

#include "cli_numbers.h"
#include "cli_output.h"
#include "command.h"
#include "matrix_source.h"
#include "router_embeddings.h"
#include "matrix/matrix_import.h"
#include "replay/model_stats.h"
#include "replay/router_chart.h"
#include "replay/router_evaluation.h"
#include "util/file_io.h"

#include <cmath>
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

/// A figure or "n/a": APGR and CPT exist only for a weak/strong pair, never print them as nan.
std::string figure(double v, const char* format) {
    if (std::isnan(v)) return "n/a";
    char text[32];
    std::snprintf(text, sizeof text, format, v);
    return text;
}

void printText(const core::RouterEvaluation& e, const std::string& calibration, const std::string& features) {
    bool pair = !e.strong.empty();
    std::cout << "Learned router (per-model logistic regression on " << features << " + category, " << calibration
              << "-calibrated) on held-out items; cost axis: "
              << (e.costAxis == "usd" ? "USD per item" : "share of calls to " + e.strong) << "\n";
    if (pair)
        std::cout << "weak " << e.weak << ", strong " << e.strong << "\n";
    else
        std::cout << "APGR and CPT(50%): n/a (two-model figures; this pool has more than two models: name a pair "
                     "with --weak and --strong to see them). AIQ compares the whole pool.\n";
    char line[320];
    std::snprintf(line, sizeof line, "%5s %6s %5s %5s  %-23s %8s %8s %8s %10s  %7s %7s %7s %9s %9s  %s\n", "SEED", "TRAIN",
                  "VAL", "TEST", "ROUTER APGR [95% CI]", "CPT50", "KNN APGR", "MF APGR", "RULES APGR", "AIQ", "KNN AIQ",
                  "MF AIQ", "RULES AIQ", "SINGLES", "ECE per model");
    std::cout << line;
    double apgr = 0, knn = 0, mf = 0, rules = 0, aiq = 0, knnAiq = 0, mfAiq = 0, rulesAiq = 0, singlesAiq = 0;
    for (const auto& s : e.seeds) {
        std::string ece;
        for (const auto& c : s.calibration)
            ece += (ece.empty() ? "" : " ") + std::to_string(c.ece).substr(0, 5);
        std::string ci = std::isnan(s.routerApgr) ? "n/a" : figure(s.routerApgr, "%.3f") + " [" +
                                                                figure(s.routerApgrCi.low, "%.3f") + ", " +
                                                                figure(s.routerApgrCi.high, "%.3f") + "]";
        std::snprintf(line, sizeof line, "%5llu %6zu %5zu %5zu  %-23s %8s %8s %8s %10s  %7s %7s %7s %9s %9s  %s\n",
                      (unsigned long long)s.seed, s.trainItems, s.validationItems, s.testItems, ci.c_str(),
                      figure(s.routerCpt50, "%.3f").c_str(), figure(s.knnApgr, "%.3f").c_str(),
                      figure(s.mfApgr, "%.3f").c_str(), figure(s.rulesApgr, "%.3f").c_str(),
                      figure(s.routerAiq, "%.4f").c_str(), figure(s.knnAiq, "%.4f").c_str(),
                      figure(s.mfAiq, "%.4f").c_str(), figure(s.rulesAiq, "%.4f").c_str(),
                      figure(s.baselineAiq, "%.4f").c_str(), ece.c_str());
        std::cout << line;
        apgr += s.routerApgr, knn += s.knnApgr, mf += s.mfApgr, rules += s.rulesApgr;
        aiq += s.routerAiq, knnAiq += s.knnAiq, mfAiq += s.mfAiq, rulesAiq += s.rulesAiq, singlesAiq += s.baselineAiq;
    }
    for (const auto& s : e.seeds) {
        std::printf("seed %llu: router AIQ %s [%s, %s], over the single models' hull %s [%s, %s] (95%% "
                    "bootstrap over test items); oracle accuracy %s at %s per item\n",
                    (unsigned long long)s.seed, figure(s.routerAiq, "%.4f").c_str(),
                    figure(s.routerAiqCi.low, "%.4f").c_str(), figure(s.routerAiqCi.high, "%.4f").c_str(),
                    figure(s.routerAiq - s.baselineAiq, "%+.4f").c_str(),
                    figure(s.routerOverSinglesCi.low, "%+.4f").c_str(),
                    figure(s.routerOverSinglesCi.high, "%+.4f").c_str(),
                    figure(s.oracle.accuracy, "%.4f").c_str(),
                    e.costAxis == "usd" ? figure(s.oracle.meanCostUsd, "$%.6f").c_str()
                                        : (figure(s.oracle.strongShare, "%.3f") + " strong share").c_str());
        if (!std::isnan(s.knnAiqCi.low) || !std::isnan(s.rulesAiqCi.low))
            std::printf("seed %llu: kNN AIQ %s [%s, %s], minus the router's %s [%s, %s]; rules by category AIQ %s "
                        "[%s, %s], minus the router's %s [%s, %s] (the same resamples, paired)\n",
                        (unsigned long long)s.seed, figure(s.knnAiq, "%.4f").c_str(),
                        figure(s.knnAiqCi.low, "%.4f").c_str(), figure(s.knnAiqCi.high, "%.4f").c_str(),
                        figure(s.knnAiq - s.routerAiq, "%+.4f").c_str(),
                        figure(s.knnMinusRouterCi.low, "%+.4f").c_str(),
                        figure(s.knnMinusRouterCi.high, "%+.4f").c_str(), figure(s.rulesAiq, "%.4f").c_str(),
                        figure(s.rulesAiqCi.low, "%.4f").c_str(), figure(s.rulesAiqCi.high, "%.4f").c_str(),
                        figure(s.rulesAiq - s.routerAiq, "%+.4f").c_str(),
                        figure(s.rulesMinusRouterCi.low, "%+.4f").c_str(),
                        figure(s.rulesMinusRouterCi.high, "%+.4f").c_str());
    }
    double n = double(e.seeds.size());
    if (!e.seeds.empty())
        std::printf("mean AIQ over %zu seeds: router (logistic) %s, mf %s, kNN %s, rules by category %s, single models' "
                    "hull %s\n",
                    e.seeds.size(), figure(aiq / n, "%.4f").c_str(), figure(mfAiq / n, "%.4f").c_str(),
                    figure(knnAiq / n, "%.4f").c_str(), figure(rulesAiq / n, "%.4f").c_str(),
                    figure(singlesAiq / n, "%.4f").c_str());
    if (pair && !e.seeds.empty())
        std::printf("mean over %zu seeds: router APGR %s, mf APGR %s, kNN APGR %s, rules APGR %s (a random router: "
                    "0.500)\n",
                    e.seeds.size(), figure(apgr / n, "%.3f").c_str(), figure(mf / n, "%.3f").c_str(),
                    figure(knn / n, "%.3f").c_str(), figure(rules / n, "%.3f").c_str());
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
    options.train.calibration = args.value("--calibration").value_or("platt");
    if (options.train.calibration != "platt" && options.train.calibration != "isotonic")
        return usageError("--calibration " + options.train.calibration + ": expected platt or isotonic", "router eval");
    if (auto factors = wholeOption(args, "--factors", 1, 512, bad)) options.train.factors = int(*factors);
    if (!bad.empty()) return usageError(bad, "router eval");
    options.weak = args.value("--weak").value_or("");
    options.strong = args.value("--strong").value_or("");
    auto embeddings = routerEmbeddings(args, *matrix, db, "router eval", bad);
    if (!bad.empty()) return usageError(bad, "router eval");
    if (!embeddings) return reportError(embeddings.error(), json);
    if (*embeddings) options.train.embeddings = (*embeddings)->vectors;
    auto chartPath = args.value("--chart");
    if (chartPath && !(chartPath->size() > 4 && chartPath->ends_with(".svg")))
        return usageError("--chart " + *chartPath + ": give a file name ending in .svg", "router eval");
    auto evaluation = core::evaluateRouter(*matrix, options);
    if (!evaluation) return reportError(evaluation.error(), json);
    if (chartPath) {
        // The first seed's curves, drawn as the Replay lab draws a trained router's (core/replay/router_chart.h).
        std::string svg = core::toSvg(core::routerChart(core::routerReport(*evaluation, 0, matrix->models)));
        if (auto written = core::writeFileAtomically(*chartPath, svg); !written)
            return reportError(written.error(), json);
        if (!json) std::printf("chart of seed %llu written to %s\n", (unsigned long long)evaluation->seeds[0].seed,
                               chartPath->c_str());
    }
    if (!json) {
        if (*embeddings) std::cout << embeddingStatsText(**embeddings);
        printText(*evaluation, options.train.calibration,
                  *embeddings ? "embeddings from " + (*embeddings)->vectors->model : std::string("hashed TF-IDF"));
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
                             {"mf_apgr", orNull(s.mfApgr)}, {"mf_cpt50", orNull(s.mfCpt50)}, {"rules_aiq", orNull(s.rulesAiq)},
                             {"rules_apgr", orNull(s.rulesApgr)}, {"rules_cpt50", orNull(s.rulesCpt50)},
                             {"singles_aiq", orNull(s.baselineAiq)},
                             {"router_aiq_ci", {orNull(s.routerAiqCi.low), orNull(s.routerAiqCi.high)}},
                             {"knn_aiq_ci", {orNull(s.knnAiqCi.low), orNull(s.knnAiqCi.high)}},
                             {"rules_aiq_ci", {orNull(s.rulesAiqCi.low), orNull(s.rulesAiqCi.high)}},
                             {"knn_minus_router_aiq_ci",
                              {orNull(s.knnMinusRouterCi.low), orNull(s.knnMinusRouterCi.high)}},
                             {"rules_minus_router_aiq_ci",
                              {orNull(s.rulesMinusRouterCi.low), orNull(s.rulesMinusRouterCi.high)}},
                             {"router_over_singles_aiq_ci",
                              {orNull(s.routerOverSinglesCi.low), orNull(s.routerOverSinglesCi.high)}},
                             {"oracle", {{"accuracy", s.oracle.accuracy},
                                         {"cost_usd", orNull(s.oracle.meanCostUsd)},
                                         {"strong_share", orNull(s.oracle.strongShare)}}},
                             {"calibration", ece}, {"router_curve", curveJson(s.router)},
                             {"knn_curve", curveJson(s.knn)}, {"rules_curve", curveJson(s.rules)}});
    }
    printJson({{"features", *embeddings ? core::RouterFeatures::kEmbeddings : core::RouterFeatures::kTfidf},
               {"embeddings", *embeddings ? embeddingStatsJson(**embeddings) : nlohmann::json()},
               {"cost_axis", evaluation->costAxis}, {"weak", evaluation->weak}, {"strong", evaluation->strong},
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
             "                            [--calibration platt|isotonic] [--assume-cost MODEL=USD]... [--json]\n"
             "                            [--chart FILE.svg]\n"
             "                            [--features tfidf|embeddings --pool P --embedder MODEL --max-cost USD [--db DB]]\n\n"
             "Imports the outcome matrix (formats as `matrix import`; or --matrix: a matrix saved in DB, or\n"
             "run:N for the baselines of run N), then for each seed 1..N (default 5):\n"
             "a test split stratified by category (default 30%) that the router never sees, a validation\n"
             "split of the rest (20%) for calibration; trains one L2 logistic regression per model\n"
             "(liblinear, inverse strength --c, default 1) on hashed TF-IDF of the prompt and the category,\n"
             "and reports on the test items its lambda curve's AIQ next to kNN routing, rules by category\n"
             "(each category to the model of best mean grade - lambda x mean cost on the training items,\n"
             "for the same lambdas as kNN) and the single models, APGR with a bootstrap 95% interval and CPT(50%) for a weak/strong pair, and the\n"
             "calibration error (ECE) of each model's P(correct) (--calibration: platt, default, or isotonic). --mf also trains matrix factorisation\n"
             "(RouteLLM's mf for N models, K factors, default 16) on the same split and reports it beside.\n"
             "--chart FILE.svg draws the first seed's test split as the Replay lab draws a router: its lambda\n"
             "curve, kNN's and the rules' (with their AIQ), the random mix, every single model and the oracle.\n"
             "With files, --db DB is where embeddings are cached (and their requests logged).\n" +
                 std::string(kEmbeddingOptionsHelp),
             {{"--format", true}, {"--exclude-prompts", true}, {"--matrix", true}, {"--db", true}, {"--seeds", true}, {"--test-share", true},
              {"--c", true}, {"--weak", true}, {"--strong", true}, {"--mf", false}, {"--factors", true},
              {"--calibration", true}, {"--assume-cost", true, true}, {"--features", true}, {"--pool", true},
              {"--embedder", true},
              {"--max-cost", true}, {"--chart", true}},
             evalCommand});
    return out;
}

} // namespace baton::cli
