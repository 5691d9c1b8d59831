// SPDX-License-Identifier: MIT
#include "matrix/run_matrix.h"
#include "matrix/matrix_builder.h"
#include "store/gate_scores.h"
#include "store/run_store.h"
#include "store/task_set_store.h"

#include <map>
#include <set>

namespace baton::core {
namespace {

/// The scorer a cascade of the pool snapshot gates with, as a matrix scorer name: "judge:MODEL",
/// "agreement" or "format"; empty for any other strategy.
std::string scorerOf(const nlohmann::json& poolSnapshot, const std::string& strategy) {
    auto strategies = poolSnapshot.value("strategies", nlohmann::json::object());
    if (!strategies.is_object() || !strategies.contains(strategy)) return {};
    const auto& spec = strategies[strategy];
    if (!spec.is_object() || spec.value("kind", "") != "cascade") return {};
    std::string scorer = spec.value("scorer", "judge");
    return scorer == "judge" ? "judge:" + spec.value("judge", "") : scorer;
}

using ScoresOfCell = std::map<std::pair<std::string, std::string>, std::vector<std::pair<std::string, double>>>;

/// Every gate score the run's cascades logged, by (item, model) answer: the same answer scored by
/// the same scorer twice (two cascades) is kept once.
Result<ScoresOfCell> gateScoresByCell(SqliteDb& db, const Run& run) {
    auto scores = loadGateScores(db, run.id);
    if (!scores) return std::unexpected(scores.error());
    ScoresOfCell byCell;
    for (const auto& g : *scores) {
        std::string scorer = scorerOf(run.poolSnapshot, g.strategy);
        if (scorer.empty()) continue;
        auto& cell = byCell[{g.itemId, g.model}];
        bool seen = false;
        for (const auto& [name, value] : cell) seen = seen || name == scorer;
        if (!seen) cell.emplace_back(scorer, g.score);
    }
    return byCell;
}

} // namespace

Result<OutcomeMatrix> matrixFromRun(SqliteDb& db, int64_t runId) {
    auto run = loadRun(db, runId);
    if (!run) return std::unexpected(run.error());
    std::set<std::string> poolModels;
    for (const auto& m : run->poolSnapshot.value("models", nlohmann::json::array()))
        poolModels.insert(m.value("name", ""));
    auto outcomes = loadOutcomes(db, runId);
    if (!outcomes) return std::unexpected(outcomes.error());
    auto scores = gateScoresByCell(db, *run);
    if (!scores) return std::unexpected(scores.error());
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
        if (auto s = scores->find({o.itemId, o.strategy}); s != scores->end()) cell.scorers = s->second;
        b.add(b.item(o.itemId), b.model(o.strategy), std::move(cell), line);
    }
    if (incomplete) b.note(std::to_string(incomplete) + " incomplete baseline outcome(s) left missing");
    MatrixProvenance p;
    p.format = "run", p.sourceFile = db.path() + " " + source, p.sourceSha256 = run->taskSetHash;
    p.importerVersion = "1", p.importedAt = utcNowIso();
    auto m = b.finish(p);
    if (!m && m.error().message.find("no outcomes") != std::string::npos)
        return fail(ErrorKind::NotFound, source + " has no baseline outcomes; run the baselines first");
    if (m) m->name = source; // what a replay or profile of it is called ("Replay of \"run 3\"")
    return m;
}

} // namespace baton::core
