// SPDX-License-Identifier: MIT
#include "eval/run_history.h"
#include "model/run_record.h"
#include "store/call_costs.h"
#include "store/call_log.h"
#include "store/run_store.h"
#include "store/task_set_store.h"

#include <algorithm>

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

Result<RunDetails> loadRunDetails(SqliteDb& db, int64_t runId, std::stop_token stop) {
    auto stopped = [] { return std::unexpected(Error{ErrorKind::Internal, "stopped", {}}); };
    RunDetails d;
    auto run = loadRun(db, runId);
    if (!run) return std::unexpected(run.error());
    d.run = std::move(*run);
    auto outcomes = loadOutcomes(db, runId);
    if (!outcomes) return std::unexpected(outcomes.error());
    d.outcomes = std::move(*outcomes);
    if (stop.stop_requested()) return stopped();
    auto calls = loadCallCosts(db, runId); // what the cost views read of each call, not its texts' hashes
    if (!calls) return std::unexpected(calls.error());
    auto tasks = loadTaskSet(db, d.run.taskSetHash);
    if (!tasks) return std::unexpected(tasks.error());
    d.tasks = std::move(*tasks);
    if (stop.stop_requested()) return stopped();
    d.callCosts = callCostHistograms(*calls); // this run's own calls, before borrowed baselines join
    auto borrowed = borrowBaselines(db, d.run);
    if (!borrowed) return std::unexpected(borrowed.error());
    std::vector<BorrowedBaseline> named = borrowed->baselines;
    d.baselines = runBaselines(d.run);
    // The run's own calls folded in SQL, the borrowed ones (few) here.
    auto groups = loadCallGroups(db, runId);
    if (!groups) return std::unexpected(groups.error());
    const size_t own = calls->size();
    addBorrowed(std::move(*borrowed), d.outcomes, *calls, d.baselines);
    for (auto& g : groupCalls(std::vector<Call>(calls->begin() + long(own), calls->end())))
        groups->push_back(std::move(g));
    std::map<std::string, std::string> categoryOf;
    for (const auto& item : d.tasks.items)
        categoryOf[item.id] = item.category;
    d.report = buildReport(runId, d.outcomes, *groups, categoryOf, d.baselines, d.run.seed);
    d.report.borrowedBaselines = std::move(named);
    for (const auto& m : d.report.strategies) {
        if (stop.stop_requested()) return stopped();
        d.itemCosts[m.name] = costByItemAndRole(*calls, m.name);
    }
    return d;
}

} // namespace baton::core
