// SPDX-License-Identifier: MIT
#pragma once
/// RunHistory: every run of a workspace as the run picker lists it (date, pool, task set,
/// status, strategies, spend); RunDetails: what the workbench shows of one run when it opens it
/// (report, outcomes, items' categories); RunCosts: the cost of each item by role per strategy and
/// of each call, read next. Errors: the database's and a missing run (NotFound), as Result.

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

/// What the workbench shows of a run when it opens it: read in one go off the GUI thread, with
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

/// What the workbench reads of a run before its report: the run, its task set's name and what
/// the report is built from (grades, folded calls, categories, baselines). The workbench shows
/// the run's items from it and builds the report (buildReport) next, off the GUI thread.
struct RunOpening {
    Run run;
    std::string taskSetName;
    RunReportInputs inputs;
    /// The strategies and baselines in the report's order (as their outcomes are first met).
    std::vector<std::string> strategies() const;
};

/// What each call of the run cost: read after the run is shown, since it reads every call.
struct RunCosts {
    std::map<std::string, std::vector<ItemCost>> itemCosts; ///< per strategy, most expensive first
    RunCallCosts callCosts; ///< per role on log bins (whole run and per strategy); the run's own calls
};

/// When `stop` is requested these return early with an Internal error "stopped" (the caller has
/// dropped the result).
Result<RunOpening> loadRunOpening(SqliteDb& db, int64_t runId, std::stop_token stop = {});
/// loadRunOpening, then buildReport.
Result<RunDetails> loadRunDetails(SqliteDb& db, int64_t runId, std::stop_token stop = {});
Result<RunCosts> loadRunCosts(SqliteDb& db, const Run& run, std::stop_token stop = {});

} // namespace baton::core
