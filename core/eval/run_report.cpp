// SPDX-License-Identifier: MIT
#include "eval/run_report.h"
#include "model/finish_reason.h"
#include "store/call_groups.h"
#include "store/call_log.h"
#include "store/run_store.h"
#include "store/task_set_store.h"

#include <algorithm>
#include <set>
#include <unordered_map>

namespace baton::core {
namespace {

constexpr int kBootstrapResamples = 2000;

StrategyMetrics metricsFor(const std::string& name, const std::vector<const Outcome*>& outcomes,
                           const std::vector<const CallGroup*>& groups) {
    StrategyMetrics m;
    m.name = name;
    double correct = 0;
    std::vector<double> latencies;
    bool costKnown = true;
    for (const Outcome* o : outcomes) {
        if (o->status == OutcomeStatus::Incomplete) {
            ++m.incomplete;
            continue;
        }
        ++m.items;
        if (o->status == OutcomeStatus::Failed) ++m.failed;
        correct += o->grade.value_or(0);
        if (o->latencyMs) latencies.push_back(*o->latencyMs);
    }
    int64_t tokens = 0, callCount = 0;
    for (const CallGroup* g : groups) {
        callCount += g->calls;
        if (g->cacheHit) m.cachedCalls += g->calls;
        if (g->status == CallStatus::Ok) {
            FinishKind finish = classifyFinish(g->finishReason);
            if (finish == FinishKind::Truncated) m.truncatedCalls += g->calls;
            if (finish == FinishKind::Refused) m.refusedCalls += g->calls;
        }
        if (g->costKnown)
            m.knownCost += g->cost, m.spendByRole[toString(g->role)] += g->cost;
        else
            m.unknownCostCalls += g->calls, costKnown = false;
        tokens += g->tokens;
    }
    if (m.items > 0) {
        m.accuracy = correct / double(m.items);
        m.accuracyCi = wilsonInterval(int64_t(std::llround(correct)), m.items);
        m.callsPerItem = double(callCount) / double(m.items + m.incomplete);
        m.tokensPerItem = double(tokens) / double(m.items + m.incomplete);
    }
    if (costKnown) {
        m.totalCost = m.knownCost;
        if (m.items + m.incomplete > 0) m.costPerItem = Money{m.knownCost.pico / (m.items + m.incomplete)};
        if (correct > 0) m.costPerCorrect = Money{int64_t(double(m.knownCost.pico) / correct)};
    }
    std::sort(latencies.begin(), latencies.end());
    m.latencyP50Ms = percentileOfSorted(latencies, 50);
    m.latencyP95Ms = percentileOfSorted(latencies, 95);
    return m;
}

nlohmann::json money(const std::optional<Money>& m) {
    return m ? nlohmann::json(m->usd()) : nlohmann::json();
}

} // namespace

Comparison comparePaired(const std::string& a, const std::string& b, const ItemGrades& ga, const ItemGrades& gb,
                   uint64_t seed) {
    Comparison c;
    c.strategy = a, c.against = b;
    std::vector<double> va, vb;
    va.reserve(std::min(ga.size(), gb.size())), vb.reserve(std::min(ga.size(), gb.size()));
    int64_t onlyA = 0, onlyB = 0;
    // Both are ordered by item: one walk through each pairs them.
    for (auto ia = ga.begin(), ib = gb.begin(); ia != ga.end() && ib != gb.end();) {
        if (ia->first < ib->first) {
            ++ia;
            continue;
        }
        if (ib->first < ia->first) {
            ++ib;
            continue;
        }
        const double grade = ia->second, other = ib->second;
        va.push_back(grade), vb.push_back(other);
        if (grade > other)
            ++c.wins;
        else if (grade < other)
            ++c.losses;
        else
            ++c.ties;
        bool ra = grade >= 0.5, rb = other >= 0.5;
        onlyA += ra && !rb, onlyB += rb && !ra;
        ++ia, ++ib;
    }
    c.pairedItems = int64_t(va.size());
    c.delta = pairedBootstrap(va, vb, kBootstrapResamples, seed);
    c.mcnemarP = mcnemarExactP(onlyA, onlyB);
    return c;
}

RunReport buildReport(int64_t runId, const std::vector<Outcome>& outcomes, const std::vector<Call>& calls,
                      const TaskSet& tasks, const std::vector<std::string>& baselines, uint64_t seed) {
    std::map<std::string, std::string> categoryOf;
    for (const auto& item : tasks.items)
        categoryOf[item.id] = item.category;
    return buildReport(runId, outcomes, groupCalls(calls), categoryOf, baselines, seed);
}

RunReport buildReport(int64_t runId, const std::vector<Outcome>& outcomes, const std::vector<CallGroup>& calls,
                      const std::map<std::string, std::string>& categoryOf, const std::vector<std::string>& baselines,
                      uint64_t seed, std::stop_token stop) {
    RunReport report;
    report.runId = runId;
    std::vector<std::string> names;
    std::map<std::string, std::vector<const Outcome*>> byStrategy;
    std::map<std::string, std::vector<const CallGroup*>> callsByStrategy;
    std::map<std::string, ItemGrades> grades;
    const std::string* current = nullptr;
    std::vector<const Outcome*>* ofStrategy = nullptr;
    ItemGrades* gradesOfStrategy = nullptr;
    for (const auto& o : outcomes) {
        if (!current || o.strategy != *current) { // outcomes come grouped by strategy: a lookup per group
            if (!byStrategy.count(o.strategy)) names.push_back(o.strategy);
            ofStrategy = &byStrategy[o.strategy], gradesOfStrategy = &grades[o.strategy];
            current = &o.strategy;
        }
        ofStrategy->push_back(&o);
        if (o.status != OutcomeStatus::Incomplete) // in item order as read: each appended at the end
            gradesOfStrategy->insert_or_assign(gradesOfStrategy->end(), o.itemId, o.grade.value_or(0));
    }
    for (const auto& c : calls)
        callsByStrategy[c.strategy].push_back(&c);
    std::set<std::string> baselineSet(baselines.begin(), baselines.end());
    for (const auto& name : names) {
        if (stop.stop_requested()) return report;
        StrategyMetrics m = metricsFor(name, byStrategy[name], callsByStrategy[name]);
        m.baseline = baselineSet.count(name) > 0;
        report.strategies.push_back(std::move(m));
    }
    // The best single model is judged on every item: a baseline cut short by a cancel or the
    // budget would otherwise win on the few items it finished.
    int64_t everyItem = int64_t(categoryOf.size());
    if (everyItem == 0)
        for (const auto& m : report.strategies)
            everyItem = std::max(everyItem, m.items + m.incomplete);
    const StrategyMetrics* best = nullptr;
    for (const auto& m : report.strategies)
        if (m.baseline && m.incomplete == 0 && m.items >= everyItem &&
            (!best || m.accuracy > best->accuracy || (m.accuracy == best->accuracy && m.knownCost < best->knownCost)))
            best = &m;
    if (best) report.bestSingle = best->name;

    for (const auto& m : report.strategies) {
        if (stop.stop_requested()) return report; // each comparison is a bootstrap over the items
        if (m.baseline) {
            if (m.name != report.bestSingle && best)
                report.comparisons.push_back(comparePaired(m.name, best->name, grades[m.name], grades[best->name], seed));
            continue;
        }
        for (const auto& b : baselines)
            if (grades.count(b) && !stop.stop_requested())
                report.comparisons.push_back(comparePaired(m.name, b, grades[m.name], grades[b], seed));
    }

    if (stop.stop_requested()) return report;
    std::vector<CurvePoint> points;
    for (const auto& m : report.strategies)
        if (m.costPerItem && m.items > 0) points.push_back({m.costPerItem->usd(), m.accuracy, m.name});
    report.frontier = nonDecreasingHull(std::move(points));

    std::map<std::pair<std::string, std::string>, CategoryMetrics> cats;
    // Outcomes come by strategy and, within one, by item, as categoryOf is ordered: the item after
    // the last one looked up is tried first, then searched for.
    static const std::string none;
    auto next = categoryOf.end();
    auto categoryOfItem = [&](const std::string& item) -> const std::string& {
        auto found = next != categoryOf.end() && next->first == item ? next : categoryOf.find(item);
        if (found == categoryOf.end()) return none;
        next = std::next(found);
        return found->second;
    };
    // Within one strategy's run of outcomes, the accumulator of each category, looked up by the
    // address of the item's category string in categoryOf (one entry per item met, since each item
    // holds its own copy), instead of a (category, strategy) key built for every outcome.
    std::unordered_map<const std::string*, CategoryMetrics*> ofCategory;
    const std::string* strategy = nullptr;
    for (const auto& o : outcomes) {
        if (o.status == OutcomeStatus::Incomplete) continue;
        if (!strategy || o.strategy != *strategy) ofCategory.clear(), strategy = &o.strategy;
        const std::string& category = categoryOfItem(o.itemId);
        CategoryMetrics*& c = ofCategory[&category];
        if (!c) {
            c = &cats[{category, o.strategy}];
            c->category = category, c->strategy = o.strategy;
        }
        ++c->items;
        c->accuracy += o.grade.value_or(0);
        if (o.cost) c->knownCost += *o.cost;
    }
    for (auto& [key, c] : cats) {
        c.accuracy /= double(std::max<int64_t>(c.items, 1));
        report.categories.push_back(c);
    }
    return report;
}

Result<RunReportInputs> loadRunReportInputs(SqliteDb& db, const Run& run, std::stop_token stop) {
    const Error stopped{ErrorKind::Internal, "stopped", {}};
    RunReportInputs in;
    auto outcomes = loadOutcomes(db, run.id, false);
    if (!outcomes) return std::unexpected(outcomes.error());
    if (stop.stop_requested()) return std::unexpected(stopped);
    in.outcomes = std::move(*outcomes);
    auto calls = loadCallGroups(db, run.id);
    if (!calls) return std::unexpected(calls.error());
    in.calls = std::move(*calls);
    auto categoryOf = loadItemCategories(db, run.taskSetHash);
    if (!categoryOf) return std::unexpected(categoryOf.error());
    in.categoryOf = std::move(*categoryOf);
    if (stop.stop_requested()) return std::unexpected(stopped);
    auto borrowed = borrowBaselines(db, run);
    if (!borrowed) return std::unexpected(borrowed.error());
    in.borrowed = borrowed->baselines;
    in.baselines = runBaselines(run);
    std::vector<Call> borrowedCalls;
    addBorrowed(std::move(*borrowed), in.outcomes, borrowedCalls, in.baselines);
    for (auto& g : groupCalls(borrowedCalls))
        in.calls.push_back(std::move(g));
    return in;
}

RunReport buildReport(const Run& run, const RunReportInputs& in, std::stop_token stop) {
    RunReport report = buildReport(run.id, in.outcomes, in.calls, in.categoryOf, in.baselines, run.seed, stop);
    report.borrowedBaselines = in.borrowed;
    return report;
}

std::vector<std::string> RunReport::strategyNames() const {
    std::vector<std::string> names;
    for (const auto& m : strategies)
        names.push_back(m.name);
    return names;
}

Result<RunReport> loadRunReport(SqliteDb& db, int64_t runId) {
    auto run = loadRun(db, runId);
    if (!run) return std::unexpected(run.error());
    auto inputs = loadRunReportInputs(db, *run);
    if (!inputs) return std::unexpected(inputs.error());
    return buildReport(*run, *inputs);
}

nlohmann::json toJson(const RunReport& r) {
    nlohmann::json strategies = nlohmann::json::array();
    for (const auto& m : r.strategies) {
        nlohmann::json roles = nlohmann::json::object();
        for (const auto& [role, cost] : m.spendByRole)
            roles[role] = cost.usd();
        strategies.push_back({{"name", m.name},
                              {"baseline", m.baseline},
                              {"items", m.items},
                              {"incomplete", m.incomplete},
                              {"failed", m.failed},
                              {"accuracy", m.accuracy},
                              {"accuracy_ci", {m.accuracyCi.low, m.accuracyCi.high}},
                              {"total_cost_usd", money(m.totalCost)},
                              {"known_cost_usd", m.knownCost.usd()},
                              {"unknown_cost_calls", m.unknownCostCalls},
                              {"cached_calls", m.cachedCalls},
                              {"truncated_calls", m.truncatedCalls},
                              {"refused_calls", m.refusedCalls},
                              {"cost_per_item_usd", money(m.costPerItem)},
                              {"cost_per_correct_usd", money(m.costPerCorrect)},
                              {"latency_p50_ms", m.latencyP50Ms},
                              {"latency_p95_ms", m.latencyP95Ms},
                              {"calls_per_item", m.callsPerItem},
                              {"tokens_per_item", m.tokensPerItem},
                              {"spend_by_role_usd", roles}});
    }
    nlohmann::json comparisons = nlohmann::json::array();
    for (const auto& c : r.comparisons)
        comparisons.push_back({{"strategy", c.strategy},
                               {"against", c.against},
                               {"paired_items", c.pairedItems},
                               {"delta_accuracy", c.delta.delta},
                               {"delta_ci", {c.delta.ci.low, c.delta.ci.high}},
                               {"mcnemar_p", c.mcnemarP},
                               {"wins", c.wins},
                               {"ties", c.ties},
                               {"losses", c.losses}});
    nlohmann::json categories = nlohmann::json::array();
    for (const auto& c : r.categories)
        categories.push_back({{"category", c.category},
                              {"strategy", c.strategy},
                              {"items", c.items},
                              {"accuracy", c.accuracy},
                              {"known_cost_usd", c.knownCost.usd()}});
    nlohmann::json frontier = nlohmann::json::array();
    for (const auto& p : r.frontier)
        frontier.push_back({{"strategy", p.label}, {"cost_per_item_usd", p.cost}, {"accuracy", p.quality}});
    nlohmann::json report = {{"run", r.runId},
                             {"best_single", r.bestSingle},
                             {"frontier", frontier},
                             {"strategies", strategies},
                             {"comparisons", comparisons},
                             {"categories", categories}};
    // Only when there are some: reports and bundles of runs with their own baselines stay as they were.
    for (const auto& b : r.borrowedBaselines)
        report["borrowed_baselines"].push_back({{"model", b.model}, {"from_run", b.fromRun}, {"name", b.label}});
    return report;
}

} // namespace baton::core
