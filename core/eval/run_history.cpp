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

} // namespace

std::vector<std::string> RunOpening::strategies() const {
    std::vector<std::string> names;
    const std::string* last = nullptr;
    for (const auto& o : inputs.outcomes) // grouped by strategy: one look per group, as buildReport does
        if (!last || o.strategy != *last) {
            if (std::ranges::find(names, o.strategy) == names.end()) names.push_back(o.strategy);
            last = &o.strategy;
        }
    return names;
}

Result<RunOpening> loadRunOpening(SqliteDb& db, int64_t runId, std::stop_token stop) {
    RunOpening o;
    auto run = loadRun(db, runId);
    if (!run) return std::unexpected(run.error());
    o.run = std::move(*run);
    auto set = loadTaskSetHead(db, o.run.taskSetHash, 0);
    if (!set) return std::unexpected(set.error());
    o.taskSetName = set->summary.name;
    if (stop.stop_requested()) return std::unexpected(stopped());
    auto inputs = loadRunReportInputs(db, o.run);
    if (!inputs) return std::unexpected(inputs.error());
    o.inputs = std::move(*inputs);
    return o;
}

Result<RunDetails> loadRunDetails(SqliteDb& db, int64_t runId, std::stop_token stop) {
    auto opening = loadRunOpening(db, runId, stop);
    if (!opening) return std::unexpected(opening.error());
    if (stop.stop_requested()) return std::unexpected(stopped());
    RunDetails d;
    d.run = std::move(opening->run);
    d.taskSetName = std::move(opening->taskSetName);
    d.report = buildReport(d.run, opening->inputs);
    d.outcomes = std::move(opening->inputs.outcomes);
    d.categoryOf = std::move(opening->inputs.categoryOf);
    d.baselines = std::move(opening->inputs.baselines);
    return d;
}

Result<RunCosts> loadRunCosts(SqliteDb& db, const Run& run, std::stop_token stop) {
    RunCosts c;
    auto calls = loadCallCosts(db, run.id, stop); // what the cost views read of each call, not its texts' hashes
    if (!calls) return std::unexpected(calls.error());
    if (stop.stop_requested()) return std::unexpected(stopped());
    c.callCosts = callCostHistograms(*calls); // this run's own calls, before borrowed baselines join
    auto borrowed = borrowBaselines(db, run);
    if (!borrowed) return std::unexpected(borrowed.error());
    if (stop.stop_requested()) return std::unexpected(stopped());
    std::ranges::move(borrowed->calls, std::back_inserter(*calls));
    c.itemCosts = costByItemAndRole(*calls); // every strategy and baseline that made a call, borrowed ones included
    return c;
}

} // namespace baton::core
