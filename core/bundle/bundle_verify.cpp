// SPDX-License-Identifier: MIT
// verifyRunBundle: every figure of a bundle recomputed from the bundle alone.

#include "bundle/bundle_files.h"
#include "bundle/report_charts.h"
#include "bundle/run_bundle.h"
#include "eval/grader.h"
#include "eval/run_report.h"
#include "model/money_text.h"
#include "util/json_text.h"
#include "util/sha256.h"

#include <map>
#include <set>

namespace baton::core {

namespace {

void checkManifest(const ZipEntries& files, const nlohmann::json& manifest, BundleCheck& check) {
    const auto& listed = manifest["files"];
    for (const auto& [name, entry] : listed.items()) {
        ++check.filesChecked;
        auto it = files.find(name);
        if (it == files.end()) {
            check.differences.push_back(name + ": listed in the manifest but missing from the bundle");
            continue;
        }
        if (!entry.is_object() || !entry.contains("sha256") || !entry["sha256"].is_string()) {
            check.differences.push_back(name + ": the manifest gives no SHA-256 for it");
            continue;
        }
        if (sha256Hex(it->second) != entry["sha256"].get<std::string>())
            check.differences.push_back(name + ": its SHA-256 differs from the manifest's (the file was changed after export)");
    }
    for (const auto& [name, bytes] : files)
        if (name != bundle_file::kManifest && !listed.contains(name))
            check.differences.push_back(name + ": in the bundle but not in the manifest");
}

// pool.json and prices.json are the run's snapshots written out on their own; a bundle whose run.json says
// otherwise was changed (its manifest can be re-hashed), and a reader could not tell which pool the calls used.
void checkSnapshots(const ZipEntries& files, const Run& run, BundleCheck& check) {
    for (const auto& [name, snapshot] : {std::pair{bundle_file::kPool, &run.poolSnapshot},
                                         std::pair{bundle_file::kPrices, &run.priceBookSnapshot}}) {
        auto it = files.find(name);
        if (it == files.end()) {
            check.differences.push_back(std::string(name) + ": missing");
            continue;
        }
        auto parsed = parseJsonOrDiscarded(it->second);
        if (parsed != *snapshot)
            check.differences.push_back(std::string(name) + ": differs from the run's own snapshot in run.json");
    }
}

// Steps: the manifest, each call, each outcome, the report.
bool stepOrStop(const BundleProgress& progress, int64_t& done, int64_t total) {
    progress.step(done++, total);
    return progress.stopped();
}

bool checkCalls(const BundleContents& b, BundleCheck& check, const BundleProgress& progress, int64_t& done,
                int64_t total) {
    for (const auto& c : b.calls) {
        if (stepOrStop(progress, done, total)) return false;
        ++check.callsChecked;
        if (sha256Hex(c.request) != c.call.requestHash)
            check.differences.push_back(describeCall(c) + ": the request text differs from its recorded SHA-256");
        if (!c.call.responseHash.empty() && sha256Hex(c.response) != c.call.responseHash)
            check.differences.push_back(describeCall(c) + ": the response text differs from its recorded SHA-256");
        if (c.call.runId != b.run.id)
            check.differences.push_back(describeCall(c) + ": belongs to run " + std::to_string(c.call.runId) +
                                        ", not to the bundle's run " + std::to_string(b.run.id));
    }
    return true;
}

bool checkOutcomes(const BundleContents& b, BundleCheck& check, const BundleProgress& progress, int64_t& done,
                   int64_t total) {
    std::map<std::string, const TaskItem*> items;
    for (const auto& item : b.tasks.items)
        items[item.id] = &item;
    // (item, strategy) -> the sum of its calls' costs; unknown as soon as one call's is.
    std::map<std::pair<std::string, std::string>, std::optional<Money>> costs;
    for (const auto& c : b.calls) {
        auto [it, fresh] = costs.try_emplace({c.call.itemId, c.call.strategy}, Money{});
        if (!c.call.cost) it->second.reset();
        else if (it->second) *it->second += *c.call.cost;
    }
    for (const auto& o : b.outcomes) {
        if (stepOrStop(progress, done, total)) return false;
        ++check.outcomesChecked;
        std::string where = "outcome of item " + o.itemId + ", strategy " + o.strategy;
        auto item = items.find(o.itemId);
        if (item == items.end()) {
            check.differences.push_back(where + ": the item is not in tasks.jsonl");
            continue;
        }
        if (o.status == OutcomeStatus::Complete && o.grade) {
            double again = grade(b.tasks.graderFor(*item->second), o.answer, item->second->references).score;
            if (again != *o.grade)
                check.differences.push_back(where + ": grade " + std::to_string(*o.grade) + " recorded, " +
                                            std::to_string(again) + " when graded again");
        }
        auto cost = costs.find({o.itemId, o.strategy});
        std::optional<Money> fromCalls = cost == costs.end() ? std::optional<Money>(Money{}) : cost->second;
        if (fromCalls != o.cost)
            check.differences.push_back(where + ": cost " + formatUsd(o.cost) + " recorded, " + formatUsd(fromCalls) +
                                        " as the sum of its calls");
    }
    return true;
}

void checkReport(const ZipEntries& files, const BundleContents& b, BundleCheck& check) {
    std::vector<Call> calls;
    calls.reserve(b.calls.size());
    for (const auto& c : b.calls)
        calls.push_back(c.call);
    RunReport report = buildReport(b.run.id, b.outcomes, calls, b.tasks, runBaselines(b.run), b.run.seed);
    nlohmann::json again = toJson(report);
    nlohmann::json recorded;
    auto it = files.find(bundle_file::kReportJson);
    auto parsed = it == files.end() ? fail(ErrorKind::BadInput, std::string(bundle_file::kReportJson) + ": missing")
                                    : parseJsonText(it->second, bundle_file::kReportJson);
    if (parsed)
        recorded = std::move(*parsed);
    else
        check.differences.push_back(parsed.error().message);
    int shown = 0;
    for (const auto& op : nlohmann::json::diff(recorded, again)) {
        ++check.figuresChecked;
        std::string path = op.value("path", "");
        if (++shown > 50) continue;
        nlohmann::json was;
        try {
            was = recorded.at(nlohmann::json::json_pointer(path));
        } catch (const std::exception&) {
        }
        check.differences.push_back("report.json" + path + ": recorded " + was.dump() + ", recomputed " +
                                    (op.contains("value") ? op["value"].dump() : std::string("nothing")));
    }
    if (shown > 50) check.differences.push_back("report.json: " + std::to_string(shown - 50) + " more figures differ");
    check.figuresChecked = int(again.flatten().size());
    auto text = files.find(bundle_file::kReportText);
    if (text == files.end() || text->second != toText(report))
        check.differences.push_back("report.txt: differs from the report recomputed from the calls and outcomes");
    for (const auto& [name, svg] : reportChartsSvg(report)) {
        ++check.chartsChecked;
        auto chart = files.find(name);
        if (chart == files.end()) check.differences.push_back(name + ": missing");
        else if (chart->second != svg)
            check.differences.push_back(name + ": differs from the chart drawn again from the recomputed report");
    }
}

} // namespace

Result<BundleCheck> verifyRunBundle(const ZipEntries& files, const BundleProgress& progress) {
    auto manifestText = files.find(bundle_file::kManifest);
    if (manifestText == files.end())
        return fail(ErrorKind::BadInput, "no manifest.json: not a Baton run bundle (export one with `baton-cli bundle export`)");
    auto parsed = parseJsonText(manifestText->second, bundle_file::kManifest);
    if (!parsed) return std::unexpected(parsed.error());
    nlohmann::json manifest = std::move(*parsed);
    if (!manifest.is_object() || manifest.value("format", "") != kBundleFormat || !manifest["files"].is_object())
        return fail(ErrorKind::BadInput, "manifest.json does not describe a Baton run bundle");
    // Compared as JSON: value<int>() of 1e300 was undefined behaviour (it read as 1 here), of "2" a type_error.
    auto version = manifest.value("version", nlohmann::json(kBundleVersion));
    if (version != nlohmann::json(kBundleVersion)) {
        std::string shown = version.dump().substr(0, 40);
        if (version.is_number() && version.get<double>() > kBundleVersion)
            return fail(ErrorKind::BadInput, "the bundle has format version " + shown +
                                                 ", newer than this Baton reads (" + std::to_string(kBundleVersion) +
                                                 "); update Baton");
        return fail(ErrorKind::BadInput, "manifest.json: \"version\" " + shown +
                                             " is not a bundle format version (this Baton reads " +
                                             std::to_string(kBundleVersion) + "); the manifest is damaged");
    }
    if (progress.stopped()) return std::unexpected(bundleCancelled());
    BundleCheck check;
    checkManifest(files, manifest, check);
    auto contents = readBundleContents(files);
    if (!contents) {
        check.differences.push_back("cannot recompute the figures: " + contents.error().describe());
        return check;
    }
    int64_t done = 0, total = 2 + int64_t(contents->calls.size()) + int64_t(contents->outcomes.size());
    if (stepOrStop(progress, done, total)) return std::unexpected(bundleCancelled());
    if (contents->tasks.contentHash() != contents->run.taskSetHash)
        check.differences.push_back("tasks.jsonl: its content hash " + contents->tasks.contentHash() +
                                    " is not the run's task set " + contents->run.taskSetHash);
    checkSnapshots(files, contents->run, check);
    if (!checkCalls(*contents, check, progress, done, total) || !checkOutcomes(*contents, check, progress, done, total) ||
        stepOrStop(progress, done, total))
        return std::unexpected(bundleCancelled());
    checkReport(files, *contents, check);
    progress.step(total, total);
    return check;
}

} // namespace baton::core
