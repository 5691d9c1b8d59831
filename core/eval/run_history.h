// SPDX-License-Identifier: MIT
#pragma once
/// RunHistory: every run of a workspace as the run picker lists it (date, pool, task set,
/// status, strategies, spend), and RunDetails: everything the workbench shows of one run (report,
/// outcomes, task set, cost of each item by role per strategy, cost of each call), read in one go off the GUI
/// thread. Errors: the database's and a missing run (NotFound), as Result.

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

struct RunDetails {
    Run run;
    RunReport report;
    std::vector<Outcome> outcomes;
    TaskSet tasks;
    std::vector<std::string> baselines;
    std::map<std::string, std::vector<ItemCost>> itemCosts; ///< per strategy, most expensive first
    RunCallCosts callCosts; ///< what each call of the run cost, per role on log bins (whole run and per strategy)
};

/// Loads and computes everything shown of run `runId`; when `stop` is requested it returns early
/// with an Internal error "stopped" (the caller has dropped the result).
Result<RunDetails> loadRunDetails(SqliteDb& db, int64_t runId, std::stop_token stop = {});

} // namespace baton::core
