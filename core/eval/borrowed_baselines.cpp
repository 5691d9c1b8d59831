// SPDX-License-Identifier: MIT
#include "eval/borrowed_baselines.h"
#include "model/run_record.h"
#include "store/call_log.h"
#include "store/run_store.h"

#include <algorithm>
#include <map>
#include <optional>

namespace baton::core {
namespace {

/// What decides a model's answers: its snapshot entry without name, key, price and tags.
nlohmann::json wireIdentity(nlohmann::json model) {
    for (const char* field : {"name", "key_ref", "price", "tags", "context_window"})
        model.erase(field);
    return model;
}

/// The name `run` gives the model with this identity; nullopt when its pool has none.
std::optional<std::string> sameModelIn(const Run& run, const nlohmann::json& identity) {
    for (const auto& m : snapshotModels(run))
        if (m.is_object() && wireIdentity(m) == identity) return stringAt(m, "name");
    return std::nullopt;
}

} // namespace

std::vector<std::string> runBaselines(const Run& run) {
    std::vector<std::string> baselines;
    if (baselinesOn(run))
        for (const auto& m : snapshotModels(run))
            if (m.is_object()) baselines.push_back(stringAt(m, "name"));
    return baselines;
}

std::string borrowedLabel(const std::string& model, int64_t fromRun) {
    return model + " (run " + std::to_string(fromRun) + ")";
}

Result<std::vector<BorrowedBaseline>> findBorrowedBaselines(SqliteDb& db, const Run& run) {
    std::vector<BorrowedBaseline> found;
    if (baselinesOn(run)) return found;
    auto runs = listRuns(db);
    if (!runs) return std::unexpected(runs.error());
    std::ranges::sort(*runs, [](const Run& a, const Run& b) { return a.id > b.id; }); // newest first
    auto graded =
        db.prepare("SELECT EXISTS (SELECT 1 FROM outcomes WHERE run_id = ? AND strategy = ? AND status != ?)");
    if (!graded) return std::unexpected(graded.error());
    for (const auto& model : snapshotModels(run)) {
        if (!model.is_object()) continue;
        const std::string name = stringAt(model, "name");
        const nlohmann::json identity = wireIdentity(model);
        for (const Run& other : *runs) {
            if (other.id == run.id || other.taskSetHash != run.taskSetHash || runBaselines(other).empty()) continue;
            const std::optional<std::string> same = sameModelIn(other, identity);
            if (!same) continue;
            graded->reset();
            graded->bind(1, other.id).bind(2, *same).bind(3, toString(OutcomeStatus::Incomplete));
            auto row = graded->step();
            if (!row) return std::unexpected(row.error());
            if (!*row || graded->columnInt(0) == 0) continue; // graded none of its items
            found.push_back({name, other.id, borrowedLabel(name, other.id), *same});
            break;
        }
    }
    return found;
}

Result<BorrowedOutcomes> borrowBaselines(SqliteDb& db, const Run& run) {
    BorrowedOutcomes borrowed;
    auto found = findBorrowedBaselines(db, run);
    if (!found) return std::unexpected(found.error());
    for (BorrowedBaseline& b : *found) {
        auto outcomes = loadStrategyOutcomes(db, b.fromRun, b.sourceStrategy);
        if (!outcomes) return std::unexpected(outcomes.error());
        auto calls = loadCalls(db, b.fromRun, CallFilter{b.sourceStrategy, std::nullopt});
        if (!calls) return std::unexpected(calls.error());
        for (Outcome& o : *outcomes)
            o.strategy = b.label, borrowed.outcomes.push_back(std::move(o));
        for (Call& c : *calls)
            c.strategy = b.label, borrowed.calls.push_back(std::move(c));
        borrowed.baselines.push_back(std::move(b));
    }
    return borrowed;
}

Result<std::vector<Outcome>> loadStrategyGrades(SqliteDb& db, int64_t runId,
                                                const std::vector<BorrowedBaseline>& borrowed,
                                                const std::vector<std::string>& strategies, std::stop_token stop) {
    std::vector<Outcome> out;
    for (const std::string& strategy : strategies) {
        if (stop.stop_requested()) return fail(ErrorKind::Internal, "stopped");
        auto b = std::ranges::find(borrowed, strategy, &BorrowedBaseline::label);
        auto outcomes = b == borrowed.end() ? loadStrategyOutcomes(db, runId, strategy)
                                            : loadStrategyOutcomes(db, b->fromRun, b->sourceStrategy);
        if (!outcomes) return std::unexpected(outcomes.error());
        for (Outcome& o : *outcomes)
            o.strategy = strategy, out.push_back(std::move(o));
    }
    return out;
}

Result<std::vector<Call>> loadItemCalls(SqliteDb& db, int64_t runId, const std::vector<BorrowedBaseline>& borrowed,
                                        const std::string& strategy, const std::string& item) {
    auto b = std::ranges::find(borrowed, strategy, &BorrowedBaseline::label);
    if (b == borrowed.end()) return loadCalls(db, runId, CallFilter{strategy, item});
    auto calls = loadCalls(db, b->fromRun, CallFilter{b->sourceStrategy, item});
    if (calls)
        for (Call& c : *calls)
            c.strategy = strategy;
    return calls;
}

Result<std::vector<Outcome>> loadItemOutcomes(SqliteDb& db, int64_t runId,
                                              const std::vector<BorrowedBaseline>& borrowed,
                                              const std::vector<std::string>& strategies, const std::string& item) {
    std::vector<Outcome> out;
    for (const std::string& strategy : strategies) {
        auto b = std::ranges::find(borrowed, strategy, &BorrowedBaseline::label);
        auto outcome = b == borrowed.end() ? loadOutcome(db, runId, strategy, item)
                                           : loadOutcome(db, b->fromRun, b->sourceStrategy, item);
        if (!outcome) return std::unexpected(outcome.error());
        if (!*outcome) continue;
        (*outcome)->strategy = strategy;
        out.push_back(std::move(**outcome));
    }
    return out;
}

void addBorrowed(BorrowedOutcomes borrowed, std::vector<Outcome>& outcomes, std::vector<Call>& calls,
                 std::vector<std::string>& baselines) {
    std::ranges::move(borrowed.outcomes, std::back_inserter(outcomes));
    std::ranges::move(borrowed.calls, std::back_inserter(calls));
    for (const auto& b : borrowed.baselines)
        baselines.push_back(b.label);
}

} // namespace baton::core
