// SPDX-License-Identifier: MIT
#pragma once
/// RunReport: per strategy accuracy (with a Wilson CI), cost (total, per item, per correct
/// answer, by role), latency p50/p95, calls and tokens per item; each strategy against each
/// baseline and the best single model (accuracy delta with a paired bootstrap 95% CI, exact
/// McNemar p, win/tie/loss on the same items); the same per category; the cost-quality frontier.

#include "eval/borrowed_baselines.h"
#include "eval/frontier.h"
#include "eval/statistics.h"
#include "model/call.h"
#include "model/run.h"
#include "model/task_set.h"
#include "store/call_groups.h"
#include "store/sqlite_db.h"

#include <map>
#include <optional>
#include <stop_token>
#include <string>
#include <vector>

namespace baton::core {

struct StrategyMetrics {
    std::string name;
    bool baseline = false;
    int64_t items = 0;      ///< graded items (complete or failed)
    int64_t incomplete = 0; ///< stopped by budget or cancel: not counted as wrong
    int64_t failed = 0;     ///< no answer (errors): counted as wrong
    double accuracy = 0;
    Interval accuracyCi;
    std::optional<Money> totalCost; ///< nullopt when some call's cost is unknown
    Money knownCost;                ///< the sum of the known costs
    int64_t unknownCostCalls = 0;
    int64_t cachedCalls = 0;    ///< answered from the response cache: priced, but not spent again
    int64_t truncatedCalls = 0; ///< answers cut by the output limit (length, max_tokens, MAX_TOKENS)
    int64_t refusedCalls = 0;   ///< answers a safety system or the model declined (SAFETY, refusal, blocked...)
    std::optional<Money> costPerItem, costPerCorrect;
    double latencyP50Ms = 0, latencyP95Ms = 0;
    double callsPerItem = 0, tokensPerItem = 0;
    std::map<std::string, Money> spendByRole; ///< known costs per call role
};

struct Comparison {
    std::string strategy, against;
    int64_t pairedItems = 0;
    PairedDelta delta;
    double mcnemarP = 1;
    int64_t wins = 0, ties = 0, losses = 0;
};

struct CategoryMetrics {
    std::string category, strategy;
    int64_t items = 0;
    double accuracy = 0;
    Money knownCost;
};

struct RunReport {
    int64_t runId = 0;
    std::vector<StrategyMetrics> strategies;
    /// The most accurate baseline (cheapest on ties) among those graded on every item; empty
    /// when none was (a run cancelled or stopped by its budget during the baselines).
    std::string bestSingle;
    std::vector<Comparison> comparisons;
    std::vector<CategoryMetrics> categories;
    /// The strategies on the cost-quality frontier (cost per item vs accuracy), by cost; those
    /// with an unknown cost are left out.
    std::vector<CurvePoint> frontier;
    /// A run made without baselines: the baselines of other runs it is compared with.
    std::vector<BorrowedBaseline> borrowedBaselines;
    /// The names of `strategies`, in their order (as their outcomes are first met: the run's own
    /// in the key's order, then the borrowed baselines).
    std::vector<std::string> strategyNames() const;
};

/// Item id -> grade, graded items only.
using ItemGrades = std::map<std::string, double>;
/// `a` against `b` on the items both graded: paired bootstrap Δ with its 95% CI (deterministic
/// for `seed`), exact McNemar p on right (grade >= 0.5) vs wrong, wins/ties/losses by grade.
Comparison comparePaired(const std::string& a, const std::string& b, const ItemGrades& ga, const ItemGrades& gb,
                   uint64_t seed);

RunReport buildReport(int64_t runId, const std::vector<Outcome>& outcomes, const std::vector<Call>& calls,
                      const TaskSet& tasks, const std::vector<std::string>& baselines, uint64_t seed);
/// The same from the calls folded by loadCallGroups/groupCalls and item id -> category.
/// When `stop` is requested the report is left unfinished (the caller drops it).
RunReport buildReport(int64_t runId, const std::vector<Outcome>& outcomes, const std::vector<CallGroup>& calls,
                      const std::map<std::string, std::string>& categoryOf, const std::vector<std::string>& baselines,
                      uint64_t seed, std::stop_token stop = {});
/// What a run's report is built from, as read from the workspace: grades without answer texts,
/// calls as folded when they were logged, items as id -> category; for a run made without
/// baselines, the latest baselines of other runs (borrowBaselines) joined to its own. Memory and
/// work grow with jobs, not with calls or texts.
struct RunReportInputs {
    std::vector<Outcome> outcomes; ///< answers left empty
    std::vector<CallGroup> calls;
    std::map<std::string, std::string> categoryOf;
    std::vector<std::string> baselines;
    std::vector<BorrowedBaseline> borrowed;
};
/// When `stop` is requested the read ends early with an Internal error "stopped".
Result<RunReportInputs> loadRunReportInputs(SqliteDb& db, const Run& run, std::stop_token stop = {});
/// When `stop` is requested the report is left unfinished (the caller drops it).
RunReport buildReport(const Run& run, const RunReportInputs& inputs, std::stop_token stop = {});
/// loadRunReportInputs, then buildReport.
Result<RunReport> loadRunReport(SqliteDb& db, int64_t runId);

nlohmann::json toJson(const RunReport& report);
std::string toCsv(const RunReport& report);
std::string toText(const RunReport& report);

} // namespace baton::core
