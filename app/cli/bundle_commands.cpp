// SPDX-License-Identifier: MIT
// baton-cli bundle export | bundle verify | bundle import

#include "bundle/run_bundle.h"
#include "cli_numbers.h"
#include "cli_output.h"
#include "command.h"
#include "run_support.h"
#include "store/store_writer.h"
#include "store/workspace.h"
#include "util/printable.h"

#include <iostream>
#include <limits>

namespace baton::cli {
namespace {

int exportCommand(const ParsedArgs& args) {
    bool json = args.has("--json");
    auto db = args.value("--db");
    auto out = args.value("--out");
    if (!db || !out || args.positional.size() != 1) return usageError("bundle export needs RUN, --db DB and --out FILE", "bundle export");
    std::string bad;
    auto runId = parseWhole(args.positional[0], "RUN", 1, std::numeric_limits<int64_t>::max(), bad);
    if (!runId) return usageError(bad, "bundle export");
    // Ctrl+C or SIGTERM stops between two steps, and a zip half-written is removed (killed, the
    // process left OUT.part.XXXXXX behind).
    StopOnSignal signals("stopping; a zip not yet finished is not written");
    core::BundleProgress progress({}, signals.token());
    auto workspace = core::Workspace::openForReading(*db);
    if (!workspace) return reportError(workspace.error(), json);
    auto reader = workspace->openReader();
    if (!reader) return reportError(reader.error(), json);
    // Stopped by a signal: exit 4, as a run or a `tasks import` stopped by one (it was 1, bad input).
    auto failed = [json](const core::Error& e) {
        int code = reportError(e, json);
        return core::isBundleCancelled(e) ? RunStopped : code;
    };
    auto files = core::buildRunBundle(**reader, *runId, BATON_VERSION, progress);
    if (!files) return failed(files.error());
    if (auto ok = core::writeZip(*out, *files, progress); !ok) return failed(ok.error());
    size_t bytes = 0;
    for (const auto& [name, content] : *files)
        bytes += content.size();
    if (json)
        printJson({{"ok", true}, {"run", *runId}, {"out", *out}, {"files", files->size()}, {"bytes", bytes}});
    else
        std::cout << "exported run " << *runId << " to " << core::printable(*out) << ": " << files->size()
                  << " files, " << bytes << " bytes before compression\n";
    return Ok;
}

int verifyCommand(const ParsedArgs& args) {
    bool json = args.has("--json");
    if (args.positional.size() != 1) return usageError("bundle verify takes one FILE", "bundle verify");
    auto files = core::readZip(args.positional[0]);
    if (!files) return reportError(files.error(), json);
    auto check = core::verifyRunBundle(*files);
    if (!check) return reportError(check.error(), json);
    if (json) {
        printJson({{"ok", check->ok()},
                   {"files_checked", check->filesChecked},
                   {"calls_checked", check->callsChecked},
                   {"outcomes_checked", check->outcomesChecked},
                   {"figures_checked", check->figuresChecked},
                   {"charts_checked", check->chartsChecked},
                   {"differences", check->differences}});
    } else {
        std::cout << core::printable(args.positional[0]) << ": " << check->filesChecked << " files, "
                  << check->callsChecked << " calls, " << check->outcomesChecked << " outcomes, "
                  << check->figuresChecked << " report figures and " << check->chartsChecked
                  << " charts recomputed from the bundle (no API call): " << check->differences.size()
                  << " differences\n";
        for (const auto& d : check->differences)
            std::cout << "  " << core::printable(d) << "\n";
    }
    return check->ok() ? Ok : BadInput;
}

int importCommand(const ParsedArgs& args) {
    bool json = args.has("--json");
    auto db = args.value("--db");
    if (!db || args.positional.size() != 1) return usageError("bundle import needs FILE and --db DB", "bundle import");
    auto files = core::readZip(args.positional[0]);
    if (!files) return reportError(files.error(), json);
    auto workspace = core::Workspace::open(*db);
    if (!workspace) return reportError(workspace.error(), json);
    core::ImportedBundle imported;
    {
        core::StoreWriter writer(workspace->takeWriter());
        auto done = writer.submit([&](core::SqliteDb& conn) -> core::Status {
            auto result = core::importRunBundle(conn, *files);
            if (!result) return std::unexpected(result.error());
            imported = *result;
            return {};
        });
        if (auto ok = done.get(); !ok) return reportError(ok.error(), json);
    }
    int64_t runId = imported.runId;
    if (json)
        printJson({{"ok", true}, {"run", runId}, {"already_imported", imported.alreadyThere}});
    else if (imported.alreadyThere)
        std::cout << core::printable(args.positional[0]) << " was imported before, as run " << runId
                  << "; nothing was added (`baton-cli report " << runId << " --db " << core::printable(*db) << "`)\n";
    else
        std::cout << "imported " << core::printable(args.positional[0]) << " as run " << runId << " (`baton-cli report "
                  << runId << " --db " << core::printable(*db) << "`)\n";
    return Ok;
}

} // namespace

std::vector<Command> bundleCommands() {
    return {
        {"bundle export",
         "write a run as a reproducible bundle (zip)",
         "Usage: baton-cli bundle export RUN --db DB --out FILE.zip [--json]\n\n"
         "Writes one zip with everything the run's figures come from: the pool snapshot (pool.json),\n"
         "the task set (task_set.json, tasks.jsonl), the price book as used (prices.json), every call\n"
         "with its request and response text (calls.jsonl), the outcomes, the report (report.json,\n"
         "report.txt), its charts as SVG (charts/), and manifest.json with the SHA-256 of each file.\n"
         "Keys are never in a bundle: runs do not record them.\n\n"
         "Ctrl+C or SIGTERM stops it and removes a zip not finished: \"cancelled; nothing was\n"
         "written\", exit 4 (as a run or a task import stopped so).\n",
         {{"--db", true}, {"--out", true}},
         exportCommand},
        {"bundle verify",
         "recompute every figure of a bundle and list what differs",
         "Usage: baton-cli bundle verify FILE.zip [--json]\n\n"
         "Recomputes from the bundle alone, with no workspace and no API call: each file's SHA-256\n"
         "against the manifest, each call's request and response against its content address, each\n"
         "outcome's grade (graded again) and cost (the sum of its calls), the whole report and its\n"
         "charts. Names every file, call, outcome and figure that differs.\n\n"
         "Exit codes: 0 no difference, 1 differences or an unreadable bundle, 2 usage.\n",
         {},
         verifyCommand},
        {"bundle import",
         "add a verified bundle's run to a workspace",
         "Usage: baton-cli bundle import FILE.zip --db DB [--json]\n\n"
         "Verifies the bundle, then adds its task set, run, calls and outcomes to the workspace as a\n"
         "new run (the report command shows it). A bundle that does not verify is refused whole. A bundle\n"
         "the workspace imported before (the same manifest) adds nothing: the output names its run.\n",
         {{"--db", true}},
         importCommand},
    };
}

} // namespace baton::cli
