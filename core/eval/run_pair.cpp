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

} // namespace

RunPair pairRuns(const RunDetails& a, const RunDetails& b) {
    RunPair pair;
    pair.runA = a.run.id, pair.runB = b.run.id;
    pair.sameTaskSet = a.run.taskSetHash == b.run.taskSetHash;
    auto addRow = [&](const StrategyMetrics& m) {
        for (auto& row : pair.rows)
            if (row.name == m.name) return &row;
        pair.rows.push_back({m.name, m.baseline, std::nullopt, std::nullopt, std::nullopt});
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
        if (!row.a || !row.b || !pair.sameTaskSet) continue; // same ids in other task sets are other items
        ItemGrades ga = gradesOf(a.outcomes, row.name), gb = gradesOf(b.outcomes, row.name);
        Comparison c = comparePaired(row.name, row.name, gb, ga, b.run.seed ^ a.run.seed);
        if (c.pairedItems > 0) row.bVersusA = c;
    }
    return pair;
}

} // namespace baton::core
