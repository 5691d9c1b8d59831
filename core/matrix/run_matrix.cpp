// SPDX-License-Identifier: MIT
#include "matrix/run_matrix.h"
#include "matrix/matrix_builder.h"
#include "store/run_store.h"
#include "store/task_set_store.h"

#include <set>

namespace baton::core {

Result<OutcomeMatrix> matrixFromRun(SqliteDb& db, int64_t runId) {
    auto run = loadRun(db, runId);
    if (!run) return std::unexpected(run.error());
    std::set<std::string> poolModels;
    for (const auto& m : run->poolSnapshot.value("models", nlohmann::json::array()))
        poolModels.insert(m.value("name", ""));
    auto outcomes = loadOutcomes(db, runId);
    if (!outcomes) return std::unexpected(outcomes.error());
    auto tasks = loadTaskSet(db, run->taskSetHash);
    std::string source = "run " + std::to_string(runId);
    MatrixBuilder b(source);
    if (tasks) // items in task-set order, with their category and prompt
        for (const auto& t : tasks->items)
            b.item(t.id, t.category, t.prompt());
    size_t line = 0, incomplete = 0;
    for (const auto& o : *outcomes) {
        ++line;
        if (!poolModels.count(o.strategy)) continue;
        if (o.status != OutcomeStatus::Complete) {
            ++incomplete; // stopped by the budget or a cancel: missing, never wrong
            continue;
        }
        CellInput cell;
        cell.grade = o.grade;
        if (o.cost) cell.costUsd = o.cost->usd();
        cell.latencyMs = o.latencyMs;
        cell.response = o.answer;
        b.add(b.item(o.itemId), b.model(o.strategy), std::move(cell), line);
    }
    if (incomplete) b.note(std::to_string(incomplete) + " incomplete baseline outcome(s) left missing");
    MatrixProvenance p;
    p.format = "run", p.sourceFile = db.path() + " " + source, p.sourceSha256 = run->taskSetHash;
    p.importerVersion = "1", p.importedAt = utcNowIso();
    auto m = b.finish(p);
    if (!m && m.error().message.find("no outcomes") != std::string::npos)
        return fail(ErrorKind::NotFound, source + " has no baseline outcomes; run the baselines first");
    return m;
}

} // namespace baton::core
