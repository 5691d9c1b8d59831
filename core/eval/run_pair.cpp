// SPDX-License-Identifier: MIT
#include "eval/run_pair.h"

namespace baton::core {
namespace {

ItemGrades gradesOf(const std::vector<Outcome>& outcomes, const std::string& strategy) {
    ItemGrades grades;
    for (const auto& o : outcomes)
        if (o.strategy == strategy && o.status != OutcomeStatus::Incomplete) grades[o.itemId] = o.grade.value_or(0);
    return grades;
}

const nlohmann::json* modelIn(const nlohmann::json& snapshot, const std::string& name) {
    if (!snapshot.contains("models") || !snapshot["models"].is_array()) return nullptr;
    for (const auto& m : snapshot["models"])
        if (m.is_object() && m.value("name", "") == name) return &m;
    return nullptr;
}

const nlohmann::json* strategyIn(const nlohmann::json& snapshot, const std::string& name) {
    if (!snapshot.contains("strategies") || !snapshot["strategies"].is_object()) return nullptr;
    auto it = snapshot["strategies"].find(name);
    return it == snapshot["strategies"].end() ? nullptr : &*it;
}

/// The fields of a model's or strategy's configuration that differ ("provider, price"); "" when none.
std::string differingFields(nlohmann::json a, nlohmann::json b, bool model) {
    if (model)
        for (const char* ignored : {"tags", "key_ref"}) // they change no answer and no cost
            a.erase(ignored), b.erase(ignored);
    if (a == b) return "";
    if (!a.is_object() || !b.is_object()) return "configuration";
    std::string fields;
    auto add = [&fields](const std::string& key) { fields += (fields.empty() ? "" : ", ") + key; };
    for (const auto& [key, value] : a.items())
        if (!b.contains(key) || b[key] != value) add(key);
    for (const auto& [key, value] : b.items())
        if (!a.contains(key)) add(key);
    return fields;
}

std::string configChange(const nlohmann::json& snapshotA, const nlohmann::json& snapshotB, const RunPairRow& row) {
    const nlohmann::json* a = row.baseline ? modelIn(snapshotA, row.name) : strategyIn(snapshotA, row.name);
    const nlohmann::json* b = row.baseline ? modelIn(snapshotB, row.name) : strategyIn(snapshotB, row.name);
    if (!a || !b) return "";
    return differingFields(*a, *b, row.baseline);
}

} // namespace

RunPair pairRuns(const RunDetails& a, const RunDetails& b) {
    RunPair pair;
    pair.runA = a.run.id, pair.runB = b.run.id;
    pair.sameTaskSet = a.run.taskSetHash == b.run.taskSetHash;
    pair.samePool = a.run.poolSnapshot == b.run.poolSnapshot;
    pair.poolA = a.run.poolSnapshot.value("name", ""), pair.poolB = b.run.poolSnapshot.value("name", "");
    auto addRow = [&](const StrategyMetrics& m) {
        for (auto& row : pair.rows)
            if (row.name == m.name) return &row;
        pair.rows.push_back({m.name, m.baseline, std::nullopt, std::nullopt, std::nullopt, ""});
        return &pair.rows.back();
    };
    for (const auto& m : a.report.strategies)
        addRow(m)->a = m;
    for (const auto& m : b.report.strategies) {
        RunPairRow* row = addRow(m);
        row->b = m;
        row->baseline = row->baseline || m.baseline;
    }
    for (auto& row : pair.rows) {
        if (row.a && row.b && !pair.samePool) row.configChange = configChange(a.run.poolSnapshot, b.run.poolSnapshot, row);
        if (!row.a || !row.b || !pair.sameTaskSet) continue; // same ids in other task sets are other items
        ItemGrades ga = gradesOf(a.outcomes, row.name), gb = gradesOf(b.outcomes, row.name);
        Comparison c = comparePaired(row.name, row.name, gb, ga, b.run.seed ^ a.run.seed);
        if (c.pairedItems > 0) row.bVersusA = c;
    }
    return pair;
}

} // namespace baton::core
