// SPDX-License-Identifier: MIT
#pragma once
/// Borrowed baselines: a run made without baselines (`--no-baselines`) is compared with the
/// workspace's latest baselines of the same models on the same task set. A model is the same
/// when its wire identity matches (provider, remote model, base URL, API version, parameters,
/// headers, query; its name, key, price and tags may differ). Each borrowed baseline is named
/// after the run it comes from ("sim/pro (run 3)"), so a report says where its figures were made.

#include "model/call.h"
#include "model/run.h"
#include "store/sqlite_db.h"

#include <stop_token>
#include <string>
#include <vector>

namespace baton::core {

struct BorrowedBaseline {
    std::string model;     ///< the model's name in the run's pool
    int64_t fromRun = 0;   ///< the newest other run with this model's baseline on the task set
    std::string label;     ///< "sim/pro (run 3)": the name the report gives it
    std::string sourceStrategy; ///< the model's name in run `fromRun` (its outcomes and calls there)
};

struct BorrowedOutcomes {
    std::vector<BorrowedBaseline> baselines;
    std::vector<Outcome> outcomes; ///< strategy renamed to the label; runId stays the source run's
    std::vector<Call> calls;       ///< likewise
};

/// The run's baselines as its own report counts them: every pool model, unless baselines were off.
std::vector<std::string> runBaselines(const Run& run);

/// "sim/pro (run 3)"
std::string borrowedLabel(const std::string& model, int64_t fromRun);

/// For a run with baselines off: the newest other run on the same task set with baselines on
/// whose pool holds the same model (by wire identity) and graded at least one item of it, per
/// model of the run's pool. Empty for a run with its own baselines or when no run matches.
Result<BorrowedOutcomes> borrowBaselines(SqliteDb& db, const Run& run);
/// Which baselines borrowBaselines borrows, without reading their outcomes and calls.
Result<std::vector<BorrowedBaseline>> findBorrowedBaselines(SqliteDb& db, const Run& run);

/// The grades (answer texts left empty) of each of `strategies`, in the order given, each by item:
/// the run's own, and for a borrowed baseline's label its outcomes in the run it came from, named
/// with the label. Reads those strategies' rows only (what the Inspector lists). A stop requested
/// is seen between strategies and gives the error "stopped".
Result<std::vector<Outcome>> loadStrategyGrades(SqliteDb& db, int64_t runId,
                                                const std::vector<BorrowedBaseline>& borrowed,
                                                const std::vector<std::string>& strategies, std::stop_token stop = {});

/// The calls of `strategy` on `item` in run `runId`; for a borrowed baseline's label, its calls in
/// the run it came from, named with the label.
Result<std::vector<Call>> loadItemCalls(SqliteDb& db, int64_t runId, const std::vector<BorrowedBaseline>& borrowed,
                                        const std::string& strategy, const std::string& item);

/// The outcomes of `item` under each of `strategies` that has one, with their answers: the run's
/// own, and for a borrowed baseline's label its outcome in the run it came from, named with the
/// label (what the Inspector reads of the one item it shows).
Result<std::vector<Outcome>> loadItemOutcomes(SqliteDb& db, int64_t runId,
                                              const std::vector<BorrowedBaseline>& borrowed,
                                              const std::vector<std::string>& strategies, const std::string& item);

/// Appends the borrowed outcomes, calls and labels to a run's own.
void addBorrowed(BorrowedOutcomes borrowed, std::vector<Outcome>& outcomes, std::vector<Call>& calls,
                 std::vector<std::string>& baselines);

} // namespace baton::core
