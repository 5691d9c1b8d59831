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

bool gradedAny(const std::vector<Outcome>& outcomes, const std::string& strategy) {
    return std::ranges::any_of(outcomes, [&](const Outcome& o) {
        return o.strategy == strategy && o.status != OutcomeStatus::Incomplete;
    });
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

Result<BorrowedOutcomes> borrowBaselines(SqliteDb& db, const Run& run) {
    BorrowedOutcomes borrowed;
    if (baselinesOn(run)) return borrowed;
    auto runs = listRuns(db);
    if (!runs) return std::unexpected(runs.error());
    std::ranges::sort(*runs, [](const Run& a, const Run& b) { return a.id > b.id; }); // newest first
    std::map<int64_t, std::vector<Outcome>> outcomesOf; // each candidate run read once
    for (const auto& model : snapshotModels(run)) {
        if (!model.is_object()) continue;
        const std::string name = stringAt(model, "name");
        const nlohmann::json identity = wireIdentity(model);
        for (const Run& other : *runs) {
            if (other.id == run.id || other.taskSetHash != run.taskSetHash || runBaselines(other).empty()) continue;
            const std::optional<std::string> same = sameModelIn(other, identity);
            if (!same) continue;
            const std::string& theirs = *same;
            if (!outcomesOf.contains(other.id)) {
                auto outcomes = loadOutcomes(db, other.id);
                if (!outcomes) return std::unexpected(outcomes.error());
                outcomesOf[other.id] = std::move(*outcomes);
            }
            const auto& outcomes = outcomesOf[other.id];
            if (!gradedAny(outcomes, theirs)) continue;
            auto calls = loadCalls(db, other.id, CallFilter{.strategy = theirs});
            if (!calls) return std::unexpected(calls.error());
            BorrowedBaseline b{name, other.id, borrowedLabel(name, other.id), theirs};
            for (Outcome o : outcomes)
                if (o.strategy == theirs) o.strategy = b.label, borrowed.outcomes.push_back(std::move(o));
            for (Call& c : *calls)
                c.strategy = b.label, borrowed.calls.push_back(std::move(c));
            borrowed.baselines.push_back(std::move(b));
            break;
        }
    }
    return borrowed;
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
