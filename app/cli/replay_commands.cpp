// SPDX-License-Identifier: MIT
// baton-cli replay | profile | drift

#include "cli_numbers.h"
#include "cli_output.h"
#include "util/printable.h"
#include "command.h"
#include "matrix_source.h"
#include "replay/capability_drift.h"
#include "replay/capability_profile.h"
#include "replay/constraint_price.h"
#include "replay/replay_report.h"
#include "util/file_io.h"
#include "util/json_text.h"

#include <cstdio>
#include <iostream>
#include <sstream>

namespace baton::cli {
namespace {

nlohmann::json pointJson(const core::RoutePoint& p) {
    return {{"strategy", p.strategy}, {"param", numberOrNull(p.param)}, {"accuracy", p.accuracy},
            {"mean_cost_usd", numberOrNull(p.meanCostUsd)}, {"strong_share", numberOrNull(p.strongShare)},
            {"items", p.items}};
}

core::Result<core::ModelTags> loadTags(const std::string& poolFile) {
    auto text = core::readTextFile(poolFile);
    if (!text) return std::unexpected(text.error());
    auto j = core::parseJsonOrDiscarded(*text);
    if (j.is_discarded() || !j.contains("models"))
        return core::fail(core::ErrorKind::BadInput, poolFile + ": not a pool file (no \"models\")");
    core::ModelTags tags;
    for (const auto& m : j["models"])
        for (const auto& [key, value] : m.value("tags", nlohmann::json::object()).items())
            if (value.is_string()) tags[m.value("name", "")][key] = value.get<std::string>();
    return tags;
}

void printPoint(const core::RoutePoint& p, const std::string& label) {
    char line[256];
    std::snprintf(line, sizeof line, "  %-36s %8.4f %14s %8s\n", core::printable(label).c_str(), p.accuracy,
                  fixedOrUnknown(p.meanCostUsd, 6).c_str(), fixedOrUnknown(p.strongShare, 3).c_str());
    std::cout << line;
}

int replayCommand(const ParsedArgs& args) {
    bool json = args.has("--json");
    auto db = args.value("--db");
    if (args.positional.size() != 1 || !db) return usageError("replay needs MATRIX and --db DB", "replay");
    std::string bad;
    core::ReplayOptions o;
    if (!args.all("--strategy").empty()) o.strategies = args.all("--strategy");
    o.testShare = decimalOption(args, "--test-share", 0.01, 0.99, bad).value_or(o.testShare);
    o.seed = uint64_t(wholeOption(args, "--seed", 0, INT64_MAX, bad).value_or(int64_t(o.seed)));
    o.k = size_t(wholeOption(args, "--k", 1, 100000, bad).value_or(int64_t(o.k)));
    if (!bad.empty()) return usageError(bad, "replay");
    auto m = openMatrix(*db, args.positional[0]);
    if (!m) return reportError(m.error(), json);
    applyAssumedCosts(args.all("--assume-cost"), *m, bad);
    if (!bad.empty()) return usageError(bad, "replay");
    o.weak = args.value("--weak").value_or(""), o.strong = args.value("--strong").value_or("");
    o.cascadeScorer = args.value("--scorer").value_or("");
    if (auto v = args.value("--chain")) {
        std::stringstream in(*v);
        for (std::string s; std::getline(in, s, ',');)
            o.cascadeChain.push_back(s);
    }
    auto report = core::replay(*m, o);
    if (!report) return reportError(report.error(), json);

    core::ModelTags tags;
    if (auto pool = args.value("--tags")) {
        auto loaded = loadTags(*pool);
        if (!loaded) return reportError(loaded.error(), json);
        tags = *loaded;
    }
    nlohmann::json prices = nlohmann::json::array();
    std::vector<std::string> priceLines;
    auto complete = core::completeItems(*m);
    for (const auto& text : args.all("--constraint")) {
        auto c = core::PoolConstraint::parse(text);
        if (!c) return reportError(c.error(), json);
        auto kept = core::modelsKept(*m, *c, tags);
        auto price = core::priceOfConstraint(*m, complete, kept, 200, o.seed);
        if (!price) return reportError(price.error(), json);
        prices.push_back({{"constraint", text}, {"kept", price->kept}, {"reference_model", price->referenceModel},
                          {"reference_cost_usd", price->referenceCost}, {"reference_accuracy", price->referenceAccuracy},
                          {"accuracy_lost", numberOrNull(price->accuracyLost)},
                          {"accuracy_lost_ci", {numberOrNull(price->accuracyLostCi.low), numberOrNull(price->accuracyLostCi.high)}},
                          {"cost_added_usd", numberOrNull(price->costAdded)},
                          {"cost_added_ci", {numberOrNull(price->costAddedCi.low), numberOrNull(price->costAddedCi.high)}},
                          {"unreachable_share", price->unreachableShare}});
        char line[512];
        std::snprintf(line, sizeof line,
                      "  %-28s keeps %zu model(s); vs %s: accuracy lost %s [%s, %s] at equal cost, cost added %s "
                      "[%s, %s] USD/item at equal accuracy\n",
                      text.c_str(), price->kept.size(), price->referenceModel.c_str(),
                      fixedOrUnknown(price->accuracyLost, 4).c_str(), fixedOrUnknown(price->accuracyLostCi.low, 4).c_str(),
                      fixedOrUnknown(price->accuracyLostCi.high, 4).c_str(), fixedOrUnknown(price->costAdded, 6).c_str(),
                      fixedOrUnknown(price->costAddedCi.low, 6).c_str(), fixedOrUnknown(price->costAddedCi.high, 6).c_str());
        priceLines.push_back(line);
    }

    const auto& r = *report;
    if (json) {
        nlohmann::json out = {{"items", r.items},         {"complete_items", r.completeItems},
                              {"train_items", r.trainItems}, {"test_items", r.testItems},
                              {"cost_axis", r.costAxis},   {"weak", r.weak},
                              {"strong", r.strong},       {"oracle", pointJson(r.oracle)},
                              {"test_oracle", pointJson(r.testOracle)}, {"baseline_aiq", numberOrNull(r.baselineAiq)},
                              {"notes", r.notes},          {"constraints", prices}};
        for (const auto& b : r.baselines)
            out["baselines"].push_back(pointJson(b));
        for (const auto& h : r.baselineHull)
            out["baseline_hull"].push_back({{"label", h.label}, {"cost", h.cost}, {"quality", h.quality}});
        for (const auto& c : r.curves) {
            nlohmann::json curve = {{"strategy", c.strategy}, {"aiq", numberOrNull(c.aiq)}, {"apgr", numberOrNull(c.apgr)},
                                    {"cpt50", numberOrNull(c.cpt50)}, {"cpt80", numberOrNull(c.cpt80)}};
            for (const auto& p : c.points)
                curve["points"].push_back(pointJson(p));
            out["curves"].push_back(curve);
        }
        printJson(out);
        return Ok;
    }
    std::cout << "Replay of \"" << core::printable(m->name) << "\": " << r.items << " items, " << r.completeItems
              << " graded for every model; split " << r.trainItems << " train / " << r.testItems
              << " test (stratified by category)\n";
    for (const auto& n : r.notes)
        std::cout << "  note: " << core::printable(n) << "\n";
    for (const auto& n : m->provenance.notes)
        if (n.rfind("assumed", 0) == 0) std::cout << "  note: " << core::printable(n) << "\n";
    std::printf("  oracle on all %zu complete items: accuracy %.4f, cost/item %s\n\n", r.completeItems,
                r.oracle.accuracy, fixedOrUnknown(r.oracle.meanCostUsd, 6).c_str());
    std::fflush(stdout);
    char head[256];
    std::snprintf(head, sizeof head, "  %-36s %8s %14s %8s\n", "on the test items", "accuracy", "cost/item", "strong");
    std::cout << head;
    for (const auto& b : r.baselines)
        printPoint(b, b.strategy);
    printPoint(r.testOracle, "oracle");
    std::cout << "  baselines' frontier AIQ (" << r.costAxis << " axis): " << fixedOrUnknown(r.baselineAiq, 4) << "\n";
    for (const auto& c : r.curves) {
        std::cout << "\n  " << core::printable(c.strategy) << ": " << c.points.size() << " point(s), AIQ " << fixedOrUnknown(c.aiq, 4);
        if (!r.weak.empty())
            std::cout << ", APGR " << fixedOrUnknown(c.apgr, 4) << ", CPT(50%) " << fixedOrUnknown(c.cpt50, 3)
                      << ", CPT(80%) " << fixedOrUnknown(c.cpt80, 3) << " (weak " << core::printable(r.weak) << ", strong " << core::printable(r.strong)
                      << ")";
        std::cout << "\n";
        size_t step = std::max<size_t>(1, c.points.size() / 5);
        for (size_t k = 0; k < c.points.size(); k += step)
            printPoint(c.points[k], c.strategy + " @ " + fixedOrUnknown(c.points[k].param, 4));
    }
    if (!priceLines.empty()) std::cout << "\n  The price of a constraint (95% bootstrap intervals):\n";
    for (const auto& l : priceLines)
        std::cout << l;
    return Ok;
}

int profileCommand(const ParsedArgs& args) {
    bool json = args.has("--json");
    auto db = args.value("--db");
    if (args.positional.size() != 1 || !db) return usageError("profile needs MATRIX and --db DB", "profile");
    auto m = openMatrix(*db, args.positional[0]);
    if (!m) return reportError(m.error(), json);
    auto cells = core::capabilityProfile(*m);
    if (json) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& c : cells)
            out.push_back({{"model", c.model}, {"category", c.category}, {"n", c.n}, {"accuracy", numberOrNull(c.accuracy)},
                           {"ci_low", numberOrNull(c.n ? c.ci.low : NAN)}, {"ci_high", numberOrNull(c.n ? c.ci.high : NAN)},
                           {"mean_cost_usd", numberOrNull(c.meanCostUsd)}, {"p50_latency_ms", numberOrNull(c.p50LatencyMs)}});
        printJson(out);
        return Ok;
    }
    if (args.has("--csv")) {
        std::cout << core::capabilityProfileCsv(cells);
        return Ok;
    }
    for (const auto& c : cells) {
        char line[512];
        std::snprintf(line, sizeof line, "  %-32s %-28s %6lld %8s [%s, %s] %12s %8s\n", c.model.c_str(),
                      c.category.c_str(), (long long)c.n, fixedOrUnknown(c.accuracy, 4).c_str(),
                      fixedOrUnknown(c.n ? c.ci.low : NAN, 3).c_str(), fixedOrUnknown(c.n ? c.ci.high : NAN, 3).c_str(),
                      fixedOrUnknown(c.meanCostUsd, 6).c_str(), fixedOrUnknown(c.p50LatencyMs, 0).c_str());
        std::cout << line;
    }
    return Ok;
}

int driftCommand(const ParsedArgs& args) {
    bool json = args.has("--json");
    auto db = args.value("--db");
    if (args.positional.size() != 2 || !db) return usageError("drift needs A, B and --db DB", "drift");
    std::string bad;
    double alpha = decimalOption(args, "--alpha", 1e-9, 0.5, bad).value_or(0.05);
    if (!bad.empty()) return usageError(bad, "drift");
    auto a = openMatrix(*db, args.positional[0]);
    if (!a) return reportError(a.error(), json);
    auto b = openMatrix(*db, args.positional[1]);
    if (!b) return reportError(b.error(), json);
    auto report = core::capabilityDrift(*a, *b, alpha);
    if (json) {
        nlohmann::json cells = nlohmann::json::array();
        for (const auto& c : report.cells)
            cells.push_back({{"model", c.model}, {"category", c.category}, {"n_before", c.nBefore},
                             {"n_after", c.nAfter}, {"paired", c.paired}, {"before", c.before}, {"after", c.after},
                             {"delta", c.delta}, {"test", c.test}, {"p", c.p}, {"p_holm", c.pHolm},
                             {"flagged", c.flagged}});
        printJson({{"shared_items", report.sharedItems}, {"alpha", alpha}, {"cells", cells}});
        return Ok;
    }
    size_t flagged = 0;
    std::cout << "Drift from " << args.positional[0] << " to " << args.positional[1] << ": " << report.sharedItems
              << " shared items, " << report.cells.size() << " model x category cells, Holm-corrected at alpha "
              << alpha << "\n";
    for (const auto& c : report.cells) {
        flagged += c.flagged;
        std::printf("  %s %-30s %-26s %7.4f -> %7.4f (%+.4f)  %-14s p %.4g, Holm %.4g\n", c.flagged ? "!" : " ",
                    c.model.c_str(), c.category.c_str(), c.before, c.after, c.delta, c.test.c_str(), c.p, c.pHolm);
    }
    std::printf("%zu cell(s) flagged\n", flagged);
    return Ok;
}

} // namespace

std::vector<Command> replayCommands() {
    return {
        {"replay", "replay routing offline on an outcome matrix: oracle, frontier, AIQ, APGR, CPT",
         "Usage: baton-cli replay MATRIX --db DB [--strategy similarity|cascade|rules]... [--test-share 0.3]\n"
         "       [--seed N] [--k 10] [--weak M --strong M] [--chain A,B,C] [--scorer NAME]\n"
         "       [--assume-cost MODEL=USD]... [--constraint C]... [--tags POOL.json] [--json]\n\n"
         "Zero calls: every decision is looked up in the matrix (a saved matrix's name or id, or run:N).\n"
         "Per-model accuracy, the oracle, the baselines' frontier and AIQ, and a 100-point curve per strategy\n"
         "(lambda or threshold sweep) scored on a held-out split stratified by category, with AIQ and, for a\n"
         "weak/strong pair, APGR and CPT(50%/80%). Unknown costs stay unknown unless --assume-cost sets one.\n"
         "--constraint prices a what-if pool: without=A,B | TAG=V1,V2 | TAG!=V, tags from --tags POOL.json;\n"
         "it reports the accuracy lost at equal cost and the cost added at equal accuracy, with 95% intervals.\n",
         {{"--db", true}, {"--strategy", true, true}, {"--test-share", true}, {"--seed", true}, {"--k", true},
          {"--weak", true}, {"--strong", true}, {"--chain", true}, {"--scorer", true}, {"--assume-cost", true, true},
          {"--constraint", true, true}, {"--tags", true}},
         replayCommand},
        {"profile", "capability profile: model x category accuracy with CI, cost, latency, n",
         "Usage: baton-cli profile MATRIX --db DB [--csv|--json]\n\nMATRIX is a saved matrix's name or id, or run:N.\n",
         {{"--db", true}, {"--csv", false}},
         profileCommand},
        {"drift", "capability drift between two matrices or runs (McNemar / two-proportion, Holm)",
         "Usage: baton-cli drift A B --db DB [--alpha 0.05] [--json]\n\nPer model x category: accuracy before and "
         "after; the exact McNemar test on items graded in both, else a\ntwo-proportion z-test; p-values "
         "Holm-corrected; flagged (!) below alpha.\n",
         {{"--db", true}, {"--alpha", true}},
         driftCommand},
    };
}

} // namespace baton::cli
