// SPDX-License-Identifier: MIT
// baton-cli run | report | runs

#include "cli_numbers.h"
#include "cli_output.h"
#include "util/printable.h"
#include "command.h"
#include "bundle/report_document.h"
#include "engine/cached_estimate.h"
#include "eval/run_report.h"
#include "io/html_report.h"
#include "io/xlsx_tables.h"
#include "pools/pool_file.h"
#include "io/task_import.h"
#include "run_support.h"
#include "sim/demo_tasks.h"
#include "store/run_store.h"
#include "store/task_set_store.h"
#include "store/workspace.h"
#include "util/file_io.h"
#include "util/resources.h"

#include <iostream>
#include <limits>

namespace baton::cli {
namespace {

constexpr double kConfirmAboveUsd = 1.0;

nlohmann::json summaryJson(const core::RunSummary& s) {
    return {{"run", s.runId},
            {"status", s.status},
            {"jobs", s.jobs},
            {"completed", s.completed},
            {"failed", s.failed},
            {"incomplete", s.incomplete},
            {"skipped", s.skipped},
            {"spent_usd", s.spent.usd()},
            {"unknown_cost_calls", s.unknownCostCalls},
            {"http_requests", s.httpRequests},
            {"stop_reason", s.stopReason}};
}

int exitCodeFor(const core::RunSummary& s) {
    bool allFailed = s.completed == 0 && s.failed > 0 && s.skipped == 0;
    return s.status == "completed" && !allFailed ? Ok : RunStopped;
}

void printSummary(const core::RunSummary& s, const std::string& db) {
    std::cout << "Run " << s.runId << " " << s.status << ": " << s.completed << " answered, " << s.failed << " failed, "
              << s.incomplete << " incomplete" << (s.skipped ? ", " + std::to_string(s.skipped) + " already done" : "")
              << " of " << s.jobs << " jobs; " << core::formatUsd(s.spent) << " spent"
              << (s.unknownCostCalls ? " (" + std::to_string(s.unknownCostCalls) +
                                           " calls of unknown cost counted at their worst case)"
                                     : "")
              << "; " << s.httpRequests << " HTTP requests\n";
    if (!s.stopReason.empty()) std::cout << "Stopped: " << s.stopReason << "\n";
    if (s.status != "completed")
        std::cout << "Resume with: baton-cli run --resume " << s.runId << " --db " << db << "\n";
    std::cout << "Report: baton-cli report " << s.runId << " --db " << db << "\n";
}

int runCommand(const ParsedArgs& args) {
    bool json = args.has("--json");
    auto db = args.value("--db");
    if (!db) return usageError("run needs --db DB", "run");
    std::string bad;
    auto maxCost = decimalOption(args, "--max-cost", 0, core::kMaxBudgetUsd, bad);
    auto concurrency = wholeOption(args, "--concurrency", 1, 4096, bad);
    auto perModel = wholeOption(args, "--per-model", 1, 4096, bad);
    auto maxCalls = wholeOption(args, "--max-calls", 1, std::numeric_limits<int64_t>::max(), bad);
    auto seed = wholeOption(args, "--seed", 0, std::numeric_limits<int64_t>::max(), bad);
    auto resume = args.value("--resume");
    auto resumeId = resume ? parseWhole(*resume, "--resume", 1, std::numeric_limits<int64_t>::max(), bad) : std::nullopt;
    if (!bad.empty()) return usageError(bad, "run");
    StopOnSignal signals; // before any thread starts
    auto workspace = core::Workspace::open(*db);
    if (!workspace) return reportError(workspace.error(), json);
    auto reader = workspace->openReader();
    if (!reader) return reportError(reader.error(), json);
    core::StoreWriter writer(workspace->takeWriter());
    std::atomic<bool> paying{false}; // once the run may have answered calls not yet stored
    LockWaitOnStop lockWait(writer, signals, *db, &paying);
    // Stopped by a signal, a run that could not be written (the wait for another process given
    // up) ends as a cancelled run, exit 4 (it was 1).
    auto failed = [&](const core::Error& e) {
        int code = reportError(e, json);
        return signals.token().stop_requested() ? RunStopped : code;
    };
    core::RunEnvironment env{environmentKeys(), "", ""};
    core::RunInputs inputs{writer, **reader, core::PriceBook::bundled()};

    if (resumeId) {
        int64_t runId = *resumeId;
        auto run = core::loadRun(**reader, runId);
        if (!run) return reportError(run.error(), json);
        auto pool = core::parsePool(run->poolSnapshot.dump(), "run snapshot");
        auto tasks = core::loadTaskSet(**reader, run->taskSetHash);
        if (!pool || !tasks) return reportError(!pool ? pool.error() : tasks.error(), json);
        auto sim = simulatorFor(pool->pool, std::make_shared<const core::TaskSet>(std::move(*tasks)),
                                args.value("--sim-profile"), env);
        if (!sim) return reportError(sim.error(), json);
        // The cap belongs to the run: kept unless --max-cost sets a new one, which is said aloud.
        auto settings = core::RunSettings::fromStored(run->settings, run->id);
        if (!settings) return reportError(settings.error(), json);
        auto stored = settings->maxCost;
        if (maxCost && (!stored || stored->pico != core::Money::fromUsd(*maxCost).pico))
            std::cerr << "The run's budget cap changes from " << (stored ? core::formatUsd(*stored) : "none") << " to "
                      << core::formatUsd(core::Money::fromUsd(*maxCost)) << " (stored with the run)\n";
        else if (stored)
            std::cerr << "The run's budget cap of " << core::formatUsd(*stored)
                      << " holds across resumes (what was spent before counts)\n";
        warnIfFewDescriptors(*settings, pool->pool.models.size(), bool(*sim));
        paying = true;
        auto summary =
            core::resumeRun(inputs, runId, maxCost ? std::optional(core::Money::fromUsd(*maxCost)) : std::nullopt, env,
                            signals.token(), terminalProgress());
        if (!summary) return failed(summary.error());
        json ? printJson(summaryJson(*summary)) : printSummary(*summary, *db);
        return exitCodeFor(*summary);
    }

    auto poolPath = args.value("--pool"), tasksPath = args.value("--tasks");
    if (!poolPath || !tasksPath) return usageError("run needs --pool P and --tasks T (or --resume RUN)", "run");
    auto pool = loadPoolArg(*poolPath);
    if (!pool) return reportError(pool.error(), json);
    printWarnings(pool->warnings);
    auto loaded = loadTasksArg(*tasksPath);
    if (!loaded) return reportError(loaded.error(), json);
    auto tasks = std::make_shared<const core::TaskSet>(std::move(*loaded)); // shared with the run's simulator

    core::RunSettings settings;
    settings.strategies = args.all("--strategy");
    settings.baselines = !args.has("--no-baselines");
    settings.useCache = !args.has("--no-cache");
    settings.stream = args.has("--stream");
    if (maxCost) settings.maxCost = core::Money::fromUsd(*maxCost);
    if (concurrency) settings.concurrency = int(*concurrency);
    if (perModel) settings.perModelConcurrency = int(*perModel);
    if (maxCalls) settings.maxCalls = *maxCalls;
    if (seed) settings.seed = uint64_t(*seed);

    auto estimated = core::estimateWithEmbeddings(**reader, pool->pool, *tasks, settings, core::PriceBook::bundled());
    if (!estimated) return reportError(estimated.error(), json);
    const core::RunEstimate& estimate = *estimated;
    std::cerr << "Estimate: " << estimate.jobs << " jobs, " << core::formatUsd(estimate.low) << " to "
              << core::formatUsd(estimate.high) << " (expected about " << core::formatUsd(estimate.expected) << ")\n";
    bool capped = settings.maxCost || pool->pool.constraints.budgetPerRunUsd;
    if (estimate.high.usd() > kConfirmAboveUsd && !capped && !args.has("--yes")) {
        core::Error e{core::ErrorKind::BadInput,
                      "this run could cost up to " + core::formatUsd(estimate.high) +
                          "; set a cap with --max-cost USD, or pass --yes",
                      {}};
        return reportError(e, json);
    }

    auto saved = saveTaskSet(writer, *tasks, *tasksPath);
    if (!saved) return failed(saved.error());
    auto sim = simulatorFor(pool->pool, tasks, args.value("--sim-profile"), env);
    if (!sim) return reportError(sim.error(), json);
    if (*sim) {
        std::cerr << "Simulated models are served by the built-in simulator at " << env.simBaseUrl << "\n";
    }
    warnIfFewDescriptors(settings, pool->pool.models.size(), bool(*sim));
    paying = true;
    auto summary = core::startRun(inputs, pool->pool, *tasks, settings, env, signals.token(), terminalProgress());
    if (!summary) return failed(summary.error());
    json ? printJson(summaryJson(*summary)) : printSummary(*summary, *db);
    return exitCodeFor(*summary);
}

int writeSharedReport(const ParsedArgs& args, core::SqliteDb& reader, const core::RunReport& report);

int reportCommand(const ParsedArgs& args) {
    bool json = args.has("--json");
    auto db = args.value("--db");
    if (!db || args.positional.size() != 1) return usageError("report needs RUN and --db DB", "report");
    if (json && args.has("--csv")) return usageError("report takes --json or --csv, not both", "report");
    if ((args.value("--html") || args.value("--xlsx")) && (args.has("--csv") || args.value("--out")))
        return usageError("report writes --html/--xlsx files, or --csv/--out, not both at once", "report");
    std::string bad;
    auto runId = parseWhole(args.positional[0], "RUN", 1, std::numeric_limits<int64_t>::max(), bad);
    if (!runId) return usageError(bad, "report");
    auto workspace = core::Workspace::openForReading(*db);
    if (!workspace) return reportError(workspace.error(), json);
    auto reader = workspace->openReader();
    if (!reader) return reportError(reader.error(), json);
    auto report = core::loadRunReport(**reader, *runId);
    if (!report) return reportError(report.error(), json);
    if (args.value("--html") || args.value("--xlsx")) return writeSharedReport(args, **reader, *report);
    std::string text = json                ? core::toJson(*report).dump(2) + "\n"
                       : args.has("--csv") ? core::toCsv(*report)
                                           : core::toText(*report);
    if (auto out = args.value("--out")) {
        if (auto ok = core::writeFileAtomically(*out, text); !ok) return reportError(ok.error(), json);
        std::cerr << "wrote " << *out << "\n";
    } else {
        std::cout << text;
    }
    return Ok;
}

// --html FILE and/or --xlsx FILE: the report as files people share (core/bundle/report_document).
int writeSharedReport(const ParsedArgs& args, core::SqliteDb& reader, const core::RunReport& report) {
    bool json = args.has("--json");
    auto run = core::loadRun(reader, report.runId);
    if (!run) return reportError(run.error(), json);
    nlohmann::json written = nlohmann::json::array();
    if (auto html = args.value("--html")) {
        std::string page = core::toHtml(core::reportHtmlDocument(report, *run));
        if (auto ok = core::writeFileAtomically(*html, page); !ok) return reportError(ok.error(), json);
        written.push_back(*html);
    }
    if (auto xlsx = args.value("--xlsx")) {
        if (auto ok = core::writeXlsx(*xlsx, core::reportTables(report, *run)); !ok) return reportError(ok.error(), json);
        written.push_back(*xlsx);
    }
    if (json)
        printJson({{"ok", true}, {"run", report.runId}, {"written", written}});
    else
        for (const auto& f : written)
            std::cerr << "wrote " << f.get<std::string>() << "\n";
    return Ok;
}

int runsCommand(const ParsedArgs& args) {
    bool json = args.has("--json");
    auto db = args.value("--db");
    if (!db) return usageError("runs needs --db DB", "runs");
    auto workspace = core::Workspace::openForReading(*db);
    if (!workspace) return reportError(workspace.error(), json);
    auto reader = workspace->openReader();
    if (!reader) return reportError(reader.error(), json);
    auto runs = core::listRuns(**reader);
    if (!runs) return reportError(runs.error(), json);
    nlohmann::json out = nlohmann::json::array();
    for (const auto& r : *runs) {
        out.push_back({{"run", r.id},
                       {"status", core::toString(r.status)},
                       {"created_at_ms", r.createdAtMs},
                       {"strategies", r.strategies},
                       {"task_set_hash", r.taskSetHash},
                       {"pool", r.poolSnapshot.value("name", "")},
                       {"stop_reason", r.stopReason}});
        if (!json)
            std::cout << r.id << "  " << core::toString(r.status) << "  "
                      << core::printable(r.poolSnapshot.value("name", "")) << "  " << r.strategies.size()
                      << " strategies  tasks " << r.taskSetHash.substr(0, 12)
                      << (r.stopReason.empty() ? "" : "  stopped: " + core::printable(r.stopReason)) << "\n";
    }
    if (json) printJson(out);
    return Ok;
}

} // namespace

std::vector<Command> runCommands() {
    return {
        {"run",
         "run a pool over a task set: every model as a baseline, plus strategies",
         "Usage: baton-cli run --pool P --tasks T --db DB [options]\n"
         "       baton-cli run --resume RUN --db DB [--max-cost USD]\n\n"
         "Runs every pool model alone on every item (the baselines) and the named strategies, logging\n"
         "every call with its cost. P and T may be \"demo\" for the built-in demo pool and task set;\n"
         "simulated models are served by the built-in simulator. Keys come from the environment\n"
         "(key_ref \"env:NAME\"). Ctrl+C stops cleanly; --resume continues without repeating finished\n"
         "calls.\n\n"
         "Options:\n"
         "  --max-cost USD     hard budget cap, never exceeded (required above $1 of worst case, or --yes)\n"
         "  --yes              run without a cap even when the worst case is above $1\n"
         "  --strategy NAME    a strategy from the pool's \"strategies\" (repeatable)\n"
         "  --no-baselines     skip the single-model baselines\n"
         "  --concurrency N    items in flight (default 16)\n"
         "  --per-model N      calls in flight per model (default 8)\n"
         "  --max-calls N      stop after N calls\n"
         "  --seed N           seed for sampling and retry jitter (default 1)\n"
         "  --no-cache         always call the model, even for a request answered before\n"
         "  --stream           stream every response (SSE); records time to first token\n"
         "  --sim-profile P    sim profile for simulated models (default: the demo profile)\n"
         "  --json             print the summary as JSON\n",
         {{"--pool", true},
          {"--tasks", true},
          {"--db", true},
          {"--max-cost", true},
          {"--yes"},
          {"--strategy", true, true},
          {"--no-baselines"},
          {"--concurrency", true},
          {"--per-model", true},
          {"--max-calls", true},
          {"--seed", true},
          {"--no-cache"},
          {"--stream"},
          {"--sim-profile", true},
          {"--resume", true}},
         runCommand},
        {"report",
         "compare a run's strategies against every baseline",
         "Usage: baton-cli report RUN --db DB [--json | --csv] [--out FILE]\n"
         "       baton-cli report RUN --db DB [--html FILE] [--xlsx FILE]\n\n"
         "Per strategy: accuracy with a 95% Wilson interval, total cost, cost per item and per right\n"
         "answer, latency p50/p95, calls and tokens per item, spend by role. Against each baseline and\n"
         "the best single model: accuracy delta with a paired bootstrap 95% interval, exact McNemar p,\n"
         "win/tie/loss on the same items. Per category. Unknown costs are shown as such, never as 0.\n\n"
         "--html FILE writes one self-contained page to share (tables, SVG charts, the pool's makeup and\n"
         "where each price came from; no script, no external file). --xlsx FILE writes the same tables\n"
         "as a workbook, one sheet each, numbers as numbers.\n",
         {{"--db", true}, {"--csv"}, {"--out", true}, {"--html", true}, {"--xlsx", true}},
         reportCommand},
        {"runs",
         "list the runs in a workspace",
         "Usage: baton-cli runs --db DB [--json]\n",
         {{"--db", true}},
         runsCommand},
    };
}

} // namespace baton::cli
