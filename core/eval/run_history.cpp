// SPDX-License-Identifier: MIT
#include "eval/run_history.h"
#include "model/run_record.h"
#include "store/call_costs.h"
#include "store/call_log.h"
#include "store/run_store.h"
#include "store/task_set_store.h"

#include <algorithm>
#include <iterator>

namespace baton::core {

Result<std::vector<RunListing>> loadRunHistory(SqliteDb& db) {
    auto runs = listRuns(db);
    if (!runs) return std::unexpected(runs.error());
    auto totals = loadRunTotals(db);
    if (!totals) return std::unexpected(totals.error());
    auto sets = listTaskSets(db);
    if (!sets) return std::unexpected(sets.error());
    std::vector<RunListing> out;
    for (const Run& r : *runs) {
        RunListing l;
        l.id = r.id, l.createdAtMs = r.createdAtMs, l.status = r.status, l.stopReason = r.stopReason;
        l.pool = stringAt(r.poolSnapshot, "name");
        l.taskSetHash = r.taskSetHash;
        for (const auto& s : *sets)
            if (s.contentHash == r.taskSetHash) l.taskSet = s.name, l.items = s.itemCount;
        if (l.taskSet.empty()) l.taskSet = r.taskSetHash.substr(0, 12);
        l.strategies = r.strategies;
        l.baselines = baselinesOn(r);
        if (auto t = totals->find(r.id); t != totals->end()) l.totals = t->second;
        out.push_back(std::move(l));
    }
    std::ranges::sort(out, [](const RunListing& a, const RunListing& b) { return a.id > b.id; });
    return out;
}

namespace {

Error stopped() {
    return Error{ErrorKind::Internal, "stopped", {}};
}

/// What every view of a run starts from: its row and its task set's name.
struct RunHead {
    Run run;
    std::string taskSetName;
};

Result<RunHead> loadRunHead(SqliteDb& db, int64_t runId) {
    auto run = loadRun(db, runId);
    if (!run) return std::unexpected(run.error());
    auto set = loadTaskSetHead(db, run->taskSetHash, 0);
    if (!set) return std::unexpected(set.error());
    return RunHead{std::move(*run), set->summary.name};
}

} // namespace

Result<RunOpening> loadRunOpening(SqliteDb& db, int64_t runId, std::stop_token stop) {
    RunOpening o;
    auto head = loadRunHead(db, runId);
    if (!head) return std::unexpected(head.error());
    o.run = std::move(head->run), o.taskSetName = std::move(head->taskSetName);
    auto categoryOf = loadItemCategories(db, o.run.taskSetHash);
    if (!categoryOf) return std::unexpected(categoryOf.error());
    o.categoryOf = std::move(*categoryOf);
    if (stop.stop_requested()) return std::unexpected(stopped());
    auto strategies = loadOutcomeStrategies(db, runId);
    if (!strategies) return std::unexpected(strategies.error());
    o.strategies = std::move(*strategies);
    auto borrowed = findBorrowedBaselines(db, o.run);
    if (!borrowed) return std::unexpected(borrowed.error());
    o.borrowed = std::move(*borrowed);
    o.baselines = runBaselines(o.run);
    for (const auto& b : o.borrowed) // as buildReport meets them: after the run's own
        o.baselines.push_back(b.label), o.strategies.push_back(b.label);
    auto first = std::ranges::find_if(
        o.strategies, [&](const std::string& s) { return std::ranges::find(o.baselines, s) == o.baselines.end(); });
    if (first == o.strategies.end()) first = o.strategies.begin();
    if (first == o.strategies.end()) return o;
    o.firstStrategy = *first;
    if (stop.stop_requested()) return std::unexpected(stopped());
    auto grades = loadStrategyGrades(db, runId, o.borrowed, {o.firstStrategy});
    if (!grades) return std::unexpected(grades.error());
    o.firstGrades = std::move(*grades);
    return o;
}

Result<RunDetails> loadRunDetails(SqliteDb& db, int64_t runId, std::stop_token stop) {
    RunDetails d;
    auto head = loadRunHead(db, runId);
    if (!head) return std::unexpected(head.error());
    d.run = std::move(head->run), d.taskSetName = std::move(head->taskSetName);
    auto inputs = loadRunReportInputs(db, d.run, stop);
    if (!inputs) return std::unexpected(inputs.error());
    d.report = buildReport(d.run, *inputs, stop);
    if (stop.stop_requested()) return std::unexpected(stopped());
    d.outcomes = std::move(inputs->outcomes);
    d.categoryOf = std::move(inputs->categoryOf);
    d.baselines = std::move(inputs->baselines);
    return d;
}

Result<RunCosts> loadRunCosts(SqliteDb& db, const Run& run, std::stop_token stop) {
    // Folded as they are read: 1M Call records were most of the workbench's memory at 1M calls.
    CallCostHistogramFold histograms; // this run's own calls, before borrowed baselines join
    ItemCostFold items;               // every strategy and baseline that made a call, borrowed ones included
    auto read = forEachCallCost(
        db, run.id,
        [&](const Call& c) {
            histograms.add(c.strategy, c.role, c.cacheHit, c.cost);
            items.add(c.strategy, c.itemId, c.role, c.cost);
        },
        stop);
    if (!read) return std::unexpected(read.error());
    if (stop.stop_requested()) return std::unexpected(stopped());
    auto borrowed = findBorrowedBaselines(db, run);
    if (!borrowed) return std::unexpected(borrowed.error());
    for (const BorrowedBaseline& b : *borrowed) { // folded as read too: never whole Call records
        auto calls = forEachCallCost(
            db, b.fromRun, [&](const Call& c) { items.add(b.label, c.itemId, c.role, c.cost); }, stop,
            b.sourceStrategy);
        if (!calls) return std::unexpected(calls.error());
    }
    if (stop.stop_requested()) return std::unexpected(stopped());
    RunCosts c;
    c.callCosts = histograms.finish();
    c.itemCosts = std::move(items).finish();
    return c;
}

} // namespace baton::core
