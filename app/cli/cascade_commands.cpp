// SPDX-License-Identifier: MIT
// baton-cli cascade optimise

#include "cli_numbers.h"
#include "model/money.h"
#include "model/money_text.h"
#include "cli_output.h"
#include "command.h"
#include "store/run_store.h"
#include "store/workspace.h"
#include "strategies/cascade_optimiser.h"
#include "strategies/labelled_outcomes.h"

#include <cstdio>
#include <iostream>
#include <limits>
#include <sstream>

namespace baton::cli {
namespace {

nlohmann::json planJson(const core::CascadePlan& p) {
    return {
        {"chain", p.chain}, {"thresholds", p.thresholds}, {"accuracy", p.accuracy}, {"mean_cost_usd", p.meanCostUsd}};
}

int optimiseCommand(const ParsedArgs& args) {
    bool json = args.has("--json");
    auto db = args.value("--db");
    auto budget = args.value("--budget");
    if (!db || !budget || args.positional.size() != 1)
        return usageError("cascade optimise needs RUN, --db DB and --budget USD", "cascade optimise");
    std::string bad;
    auto perItemArg = parseDecimal(*budget, "--budget", 0, core::kMaxBudgetUsd, bad);
    auto runIdArg = parseWhole(args.positional[0], "RUN", 1, std::numeric_limits<int64_t>::max(), bad);
    auto scorerCostArg = decimalOption(args, "--scorer-cost", 0, core::kMaxBudgetUsd, bad);
    if (!bad.empty()) return usageError(bad, "cascade optimise");
    double perItem = *perItemArg;
    auto workspace = core::Workspace::openForReading(*db);
    if (!workspace) return reportError(workspace.error(), json);
    auto reader = workspace->openReader();
    if (!reader) return reportError(reader.error(), json);
    int64_t runId = *runIdArg;

    std::vector<std::string> models;
    if (auto list = args.value("--models")) {
        std::stringstream in(*list);
        for (std::string m; std::getline(in, m, ',');)
            models.push_back(m);
    } else {
        auto run = core::loadRun(**reader, runId);
        if (!run) return reportError(run.error(), json);
        for (const auto& m : run->poolSnapshot.value("models", nlohmann::json::array()))
            models.push_back(m.value("name", ""));
    }
    auto labels = core::loadLabelledOutcomes(**reader, models, runId);
    if (!labels) return reportError(labels.error(), json);
    double scorerCost = scorerCostArg.value_or(0);
    auto train = core::formatScoredMatrix(*labels, models, false),
         heldOut = core::formatScoredMatrix(*labels, models, true);
    auto plan = core::optimiseCascade(train, perItem, scorerCost);
    if (!plan) {
        core::Error e{
            core::ErrorKind::BadInput, "no cascade of these models fits $" + *budget + " per item; raise --budget", {}};
        return reportError(e, json);
    }
    auto check = core::evaluateCascade(heldOut, plan->chain, plan->thresholds, scorerCost);
    if (json) {
        printJson({{"run", runId},
                   {"scorer", "format"},
                   {"train_items", train.items.size()},
                   {"held_out_items", heldOut.items.size()},
                   {"choice", planJson(*plan)},
                   {"held_out", planJson(check)}});
        return Ok;
    }
    std::string chain;
    for (size_t i = 0; i < plan->chain.size(); ++i) {
        chain += (i ? " -> " : "") + plan->chain[i];
        if (i + 1 < plan->chain.size())
            chain += " (stop if score >= " + std::to_string(plan->thresholds[i]).substr(0, 3) + ")";
    }
    char line[256];
    std::cout << "Cascade for run " << runId << " under $" << *budget
              << " per item (scorer: answer-format confidence)\n"
              << "  " << chain << "\n";
    std::snprintf(line, sizeof line, "  expected on %zu training items: accuracy %.3f at %s per item\n",
                  train.items.size(), plan->accuracy, core::formatUsdFigure(plan->meanCostUsd).c_str());
    std::cout << line;
    std::snprintf(line, sizeof line, "  measured on %zu held-out items: accuracy %.3f at %s per item\n",
                  heldOut.items.size(), check.accuracy, core::formatUsdFigure(check.meanCostUsd).c_str());
    std::cout << line;
    return Ok;
}

} // namespace

std::vector<Command> cascadeCommands() {
    return {
        {"cascade optimise",
         "pick a cascade's chain and thresholds from a baseline run",
         "Usage: baton-cli cascade optimise RUN --db DB --budget USD [--models a,b,c] [--scorer-cost USD] [--json]\n\n"
         "FrugalGPT-style: from the baseline outcomes of RUN, chooses the chain (1 to 3 models, cheapest\n"
         "first) and per-stage thresholds with the best accuracy at a mean cost per item within the\n"
         "budget, on the even-numbered items, then measures the choice on the odd-numbered (held-out)\n"
         "items. The scorer is answer-format confidence, computed from the logged answers; a judge\n"
         "scorer's cost per gate can be given with --scorer-cost.\n",
         {{"--db", true}, {"--budget", true}, {"--models", true}, {"--scorer-cost", true}},
         optimiseCommand}};
}

} // namespace baton::cli
