// SPDX-License-Identifier: MIT
#include "strategies/labelled_outcomes.h"
#include "store/run_store.h"
#include "store/task_set_store.h"

#include <set>

namespace baton::core {

Result<LabelledOutcomes> loadLabelledOutcomes(SqliteDb& db, const std::vector<std::string>& models,
                                              std::optional<int64_t> runId) {
    auto runs = listRuns(db);
    if (!runs) return std::unexpected(runs.error());
    for (auto it = runs->rbegin(); it != runs->rend(); ++it) {
        if (runId && it->id != *runId) continue;
        auto outcomes = loadOutcomes(db, it->id);
        if (!outcomes) return std::unexpected(outcomes.error());
        std::map<std::string, LabelledItem> byItem;
        std::set<std::string> modelsSeen;
        for (const auto& o : *outcomes) {
            if (o.status != OutcomeStatus::Complete ||
                std::find(models.begin(), models.end(), o.strategy) == models.end())
                continue;
            modelsSeen.insert(o.strategy);
            LabelledItem& item = byItem[o.itemId];
            item.itemId = o.itemId;
            item.grade[o.strategy] = o.grade.value_or(0);
            item.answer[o.strategy] = o.answer;
            if (o.cost) item.costUsd[o.strategy] = o.cost->usd();
        }
        if (modelsSeen.size() < models.size()) continue;
        auto tasks = loadTaskSet(db, it->taskSetHash);
        if (!tasks) continue;
        LabelledOutcomes labels;
        labels.runId = it->id;
        for (const auto& t : tasks->items) {
            auto found = byItem.find(t.id);
            if (found == byItem.end() || found->second.grade.size() < models.size()) continue;
            found->second.prompt = t.prompt();
            found->second.category = t.category;
            labels.items.push_back(std::move(found->second));
        }
        if (!labels.items.empty()) return labels;
    }
    return fail(ErrorKind::NotFound,
                runId ? "run " + std::to_string(*runId) + " has no baseline outcomes for every model of the strategy"
                      : "no run in this workspace has baseline outcomes for every model of the strategy; "
                        "run the baselines first (baton-cli run --pool P --tasks T --db DB)");
}

} // namespace baton::core
