// SPDX-License-Identifier: MIT
// buildRunBundle: the run's records from the workspace, written as the bundle's files.

#include "bundle/bundle_files.h"
#include "bundle/report_charts.h"
#include "bundle/run_bundle.h"
#include "eval/run_report.h"
#include "io/task_export.h"
#include "store/call_log.h"
#include "store/run_store.h"
#include "store/task_set_store.h"
#include "store/text_store.h"
#include "util/secrets.h"
#include "util/sha256.h"

namespace baton::core {

namespace {

Result<std::string> textOf(SqliteDb& db, const std::string& hash) {
    if (hash.empty()) return std::string();
    auto text = getText(db, hash);
    if (!text) return std::unexpected(text.error());
    if (!*text) return fail(ErrorKind::BadInput, "the workspace has no text for hash " + hash + "; run `baton-cli db check`");
    return **text;
}

nlohmann::json manifestOf(const ZipEntries& files, const Run& run, const std::string& batonVersion) {
    nlohmann::json list = nlohmann::json::object();
    for (const auto& [name, bytes] : files)
        list[name] = {{"sha256", sha256Hex(bytes)}, {"bytes", bytes.size()}};
    return {{"format", kBundleFormat},
            {"version", kBundleVersion},
            {"baton_version", batonVersion},
            {"run_id", run.id},
            {"task_set_hash", run.taskSetHash},
            {"files", list}};
}

} // namespace

Result<ZipEntries> buildRunBundle(SqliteDb& db, int64_t runId, const std::string& batonVersion,
                                  const BundleProgress& progress) {
    auto run = loadRun(db, runId);
    if (!run) return std::unexpected(run.error());
    auto outcomes = loadOutcomes(db, runId);
    if (!outcomes) return std::unexpected(outcomes.error());
    auto calls = loadCalls(db, runId);
    if (!calls) return std::unexpected(calls.error());
    auto tasks = loadTaskSet(db, run->taskSetHash);
    if (!tasks) return std::unexpected(tasks.error());

    ZipEntries files;
    files[bundle_file::kRun] = nlohmann::json(*run).dump(2) + "\n";
    files[bundle_file::kPool] = run->poolSnapshot.dump(2) + "\n";
    files[bundle_file::kPrices] = run->priceBookSnapshot.dump(2) + "\n";
    files[bundle_file::kTaskSet] =
        nlohmann::json{{"name", tasks->name}, {"default_grader", toJson(tasks->defaultGrader)},
                       {"content_hash", run->taskSetHash}, {"items", tasks->items.size()}}
            .dump(2) + "\n";
    files[bundle_file::kTasks] = taskSetToJsonl(*tasks);

    std::string callLines;
    int64_t done = 0, total = int64_t(calls->size()) + 1;
    for (const auto& call : *calls) {
        if (progress.stopped()) return std::unexpected(bundleCancelled());
        progress.step(done++, total);
        auto request = textOf(db, call.requestHash);
        if (!request) return std::unexpected(request.error());
        auto response = textOf(db, call.responseHash);
        if (!response) return std::unexpected(response.error());
        nlohmann::json line = call;
        line["request"] = *request;
        line["response"] = *response;
        callLines += line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    }
    files[bundle_file::kCalls] = std::move(callLines);
    std::string outcomeLines;
    for (const auto& o : *outcomes)
        outcomeLines += nlohmann::json(o).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    files[bundle_file::kOutcomes] = std::move(outcomeLines);

    RunReport report = buildReport(runId, *outcomes, *calls, *tasks, runBaselines(*run), run->seed);
    files[bundle_file::kReportJson] = toJson(report).dump(2) + "\n";
    files[bundle_file::kReportText] = toText(report);
    for (auto& [name, svg] : reportChartsSvg(report))
        files[name] = std::move(svg);

    // The run's records never hold a key (keys live in the environment or the keychain); this
    // refuses a bundle whose settings or snapshots would carry one anyway, naming only the file.
    for (const char* name : {bundle_file::kRun, bundle_file::kPool, bundle_file::kPrices})
        if (containsSecret(files[name]))
            return fail(ErrorKind::BadInput, std::string("run ") + std::to_string(runId) + ": " + name +
                                                 " would carry a value shaped like an API key; nothing was exported");

    files[bundle_file::kManifest] = manifestOf(files, *run, batonVersion).dump(2) + "\n";
    if (progress.stopped()) return std::unexpected(bundleCancelled());
    progress.step(total, total);
    return files;
}

} // namespace baton::core
