// SPDX-License-Identifier: MIT
#pragma once
/// RunHistory: every run of a workspace as the run picker lists it (date, pool, task set,
/// status, strategies, spend); RunOpening: what the workbench reads first to open one run (its
/// strategies, one strategy's grades); RunDetails: a run with its report and grades (two runs
/// compared); RunCosts: the cost of each item by role per strategy and of each call, read last.
/// Errors: the database's and a missing run (NotFound), as Result.

#include "eval/call_cost_histogram.h"
#include "eval/run_breakdown.h"
#include "eval/run_report.h"
#include "store/run_totals.h"

#include <map>
#include <stop_token>

namespace baton::core {

struct RunListing {
    int64_t id = 0;
    int64_t createdAtMs = 0;
    RunStatus status = RunStatus::Pending;
    std::string pool, taskSet, taskSetHash, stopReason;
    std::vector<std::string> strategies;
    bool baselines = true;
    int64_t items = 0;
    RunTotals totals;
};

/// Every run, newest first.
Result<std::vector<RunListing>> loadRunHistory(SqliteDb& db);

/// A run with its report and every grade (Runs > Compare): read in one go off the GUI thread, with
/// work and memory that grow with the run's jobs, never with its calls or texts. An item's texts
/// and calls are read when it is shown (loadTaskItem, loadItemOutcomes, loadItemCalls).
struct RunDetails {
    Run run;
    RunReport report;
    std::vector<Outcome> outcomes; ///< grades, costs and latencies; answer texts left empty
    std::string taskSetName;
    std::map<std::string, std::string> categoryOf; ///< item id -> category
    std::vector<std::string> baselines;
};

/// What the workbench reads of a run to open it: the run, its task set's name, its items'
/// categories, its strategies and baselines, and the grades of the strategy the Inspector lists
/// first; work that grows with one strategy's items, never with the run's grades or calls. The
/// report (loadRunReportInputs, buildReport) and the other strategies' grades
/// (loadStrategyGrades) are read next.
struct RunOpening {
    Run run;
    std::string taskSetName;
    std::map<std::string, std::string> categoryOf; ///< item id -> category
    /// Every strategy and baseline with an outcome, in the report's order (the run's own in the
    /// key's order, then the borrowed baselines).
    std::vector<std::string> strategies;
    std::vector<std::string> baselines; ///< the run's, or the labels of those it borrows
    std::vector<BorrowedBaseline> borrowed;
    std::string firstStrategy;        ///< the first of `strategies` that is no baseline (else the first)
    std::vector<Outcome> firstGrades; ///< its grades by item, answers left empty
};

/// What each call of the run cost: read after the run is shown, since it reads every call.
struct RunCosts {
    std::map<std::string, std::vector<ItemCost>> itemCosts; ///< per strategy, most expensive first
    RunCallCosts callCosts; ///< per role on log bins (whole run and per strategy); the run's own calls
};

/// When `stop` is requested these return early with an Internal error "stopped" (the caller has
/// dropped the result).
Result<RunOpening> loadRunOpening(SqliteDb& db, int64_t runId, std::stop_token stop = {});
/// The run, its task set's name, loadRunReportInputs, then buildReport.
Result<RunDetails> loadRunDetails(SqliteDb& db, int64_t runId, std::stop_token stop = {});
/// The calls are folded as they are read (store/call_costs.h): memory grows with the run's items,
/// not its calls.
Result<RunCosts> loadRunCosts(SqliteDb& db, const Run& run, std::stop_token stop = {});

} // namespace baton::core
