// SPDX-License-Identifier: MIT
// The coordinator strategy against the simulator: tier limits, turns as routing-tree nodes with
// their probabilities, the planner-decides baseline, the policy as a versioned workspace object
// (round trip through the workspace and a file), the policy pinned for resume, the budget cap;
// nested plans (recursion depth 2): the tree's shape and costs, the depth limit, the call limit
// counting nested calls, the budget cap, cancel and resume inside a nested plan.

#include "core_printers.h"
#include "run_bench.h"
#include "sim/demo_tasks.h"
#include "store/run_store.h"
#include "strategies/coordinator_strategy.h"
#include "strategies/policy_object.h"

#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

using namespace baton::core;
using Bench = baton::test::RunBench;

namespace {

std::vector<std::string> demoModels() {
    std::vector<std::string> out;
    for (const auto& m : baton::test::demoPool().models)
        out.push_back(m.name);
    return out;
}

CoordinatorPolicy policyFor(const TaskSet& tasks, CoordinatorTier tier, const std::string& name = "forced",
                            int maxDepth = 1) {
    std::vector<std::string> prompts, categories;
    for (const auto& item : tasks.items) {
        prompts.push_back(item.prompt());
        if (std::find(categories.begin(), categories.end(), item.category) == categories.end())
            categories.push_back(item.category);
    }
    auto p = CoordinatorPolicy::untrained(name, tier, demoModels(), categories, prompts, maxDepth);
    p.costReferenceUsd = 0.001;
    return p;
}

/// Sets theta_kind[feature] (feature: an index into phi).
void setKind(CoordinatorPolicy& p, ActionKind kind, int feature, double value) {
    auto kinds = p.kinds();
    size_t k = size_t(std::find(kinds.begin(), kinds.end(), kind) - kinds.begin());
    p.parameters[k * size_t(p.featureCount()) + size_t(feature)] = value;
}

int stateFeature(const CoordinatorPolicy& p, int which) {
    return p.itemFeatureCount() + which; // has_answer, pass, fail, planned, plan_failed, calls, cost, turn, depth
}

/// A policy that plans wherever a plan is offered (every sub-task too, with maxDepth 2) and stops
/// once its plan is carried out.
CoordinatorPolicy plansEverywhere(const TaskSet& tasks, const std::string& name) {
    CoordinatorPolicy p = policyFor(tasks, CoordinatorTier::Ultra, name, 2);
    setKind(p, ActionKind::Plan, 0, 5.0);
    setKind(p, ActionKind::Stop, stateFeature(p, 3), 20.0);
    return p;
}

int depthOf(const std::string& node) {
    return int(std::count(node.begin(), node.end(), '.'));
}

/// The nested tree's shape, item by item: t1 the item's plan; every sub-task (depth 1) under it
/// and, when planned again, a plan whose own sub-tasks (depth 2) are answered, never planned (a
/// third level would be past the recursion depth limit); no item over `maxCalls`.
struct NestedShape {
    int nested = 0;      ///< items with a depth-2 node
    std::string problem; ///< the first thing wrong, "" if none
};

NestedShape checkNestedShape(const std::vector<Call>& calls, int maxCalls) {
    NestedShape shape;
    auto wrong = [&](const std::string& what) {
        if (shape.problem.empty()) shape.problem = what;
    };
    std::map<std::string, std::vector<Call>> items;
    for (const auto& c : calls)
        if (c.status == CallStatus::Ok) items[c.itemId].push_back(c);
    for (const auto& [item, list] : items) {
        if (int(list.size()) > maxCalls) wrong(item + " made " + std::to_string(list.size()) + " calls");
        std::map<std::string, const Call*> byNode;
        for (const auto& c : list)
            byNode[c.nodeId] = &c;
        if (!byNode.count("t1") || byNode["t1"]->role != CallRole::Plan) continue; // an unreadable first plan
        bool deep = false;
        for (const auto& c : list) {
            int depth = depthOf(c.nodeId);
            if (depth == 0) continue; // t1, or a turn after the plan
            if (depth > 2) wrong("node " + c.nodeId + " is deeper than the limit");
            std::string parent = c.nodeId.substr(0, c.nodeId.rfind('.'));
            if (c.parentNodeId != parent) wrong("node " + c.nodeId + " is under " + c.parentNodeId);
            if (!byNode.count(parent) || byNode[parent]->role != CallRole::Plan)
                wrong("node " + c.nodeId + " has no plan above it");
            if (depth == 2) {
                deep = true;
                if (c.role != CallRole::Answer) wrong("node " + c.nodeId + ": a plan at depth 2 was offered");
                if (!c.reason.text.starts_with("sub-task ")) wrong("node " + c.nodeId + ": " + c.reason.text);
            }
        }
        shape.nested += deep;
    }
    return shape;
}

int saveIn(Bench& bench, const CoordinatorPolicy& p) {
    int version = 0;
    auto ok = bench.writer
                  ->submit([&](SqliteDb& db) -> Status {
                      auto v = saveCoordinatorPolicy(db, p, 1);
                      if (!v) return std::unexpected(v.error());
                      version = *v;
                      return {};
                  })
                  .get();
    if (!ok) qFatal("%s", ok.error().describe().c_str());
    return version;
}

Pool poolWith(const std::string& name, nlohmann::json settings) {
    Pool pool = baton::test::demoPool();
    pool.strategies[name] = StrategyConfig{settings.at("kind").get<std::string>(), settings};
    return pool;
}

std::map<std::string, std::vector<Call>> byItem(const std::vector<Call>& calls, const std::string& strategy) {
    std::map<std::string, std::vector<Call>> out;
    for (const auto& c : calls)
        if (c.strategy == strategy) out[c.itemId].push_back(c);
    return out;
}

/// Compares `actual` with tests/data/coordinator/<case>/expected/<name>, or writes it there with
/// BATON_REGENERATE_GOLDEN=1 (see tests/data/GOLDEN.md).
void expectGolden(const std::string& dir, const std::string& name, const std::string& actual) {
    std::string path = dir + "/expected/" + name;
    if (qEnvironmentVariableIsSet("BATON_REGENERATE_GOLDEN")) {
        std::ofstream(path, std::ios::binary) << actual;
        return;
    }
    std::ifstream in(path, std::ios::binary);
    QVERIFY2(in.good(), (path + " is missing").c_str());
    std::stringstream expected;
    expected << in.rdbuf();
    if (actual != expected.str()) {
        std::ofstream(path + ".actual", std::ios::binary) << actual;
        QFAIL((path + " differs; the output is in " + path + ".actual").c_str());
    }
}

/// Every action's logit and the argmax, for `p` on `item` in `state`.
std::string decision(const CoordinatorPolicy& p, const ItemFeatures& item, const TurnState& state) {
    auto logits = p.logits(item, state);
    size_t best = 0;
    std::string out;
    char b[40];
    for (size_t i = 0; i < logits.size(); ++i) {
        if (logits[i].second > logits[best].second) best = i;
        std::snprintf(b, sizeof b, " %.12g", logits[i].second);
        out += b;
    }
    return p.label(logits[best].first) + ":" + out;
}

} // namespace

class TestCoordinator : public QObject {
    Q_OBJECT
private slots:
    void miniNeverMakesMoreThanTwoCalls() {
        Bench bench(generateDemoTasks(2, 11), baton::test::quietProfile());
        // A policy that never wants to stop: only the tier's limit ends its episodes.
        CoordinatorPolicy p = policyFor(bench.tasks, CoordinatorTier::Mini);
        setKind(p, ActionKind::Answer, 0, 1.0);
        setKind(p, ActionKind::Stop, 0, -5.0);
        int v = saveIn(bench, p);
        Pool pool =
            poolWith("c", {{"kind", "coordinator"}, {"policy", "forced@" + std::to_string(v)}, {"tier", "mini"}});
        auto run = bench.run(pool, {"c"}, false).value();
        QCOMPARE(run.completed, int64_t(bench.tasks.items.size()));
        auto items = byItem(bench.calls(run.runId), "c");
        QCOMPARE(items.size(), bench.tasks.items.size());
        for (const auto& [item, calls] : items) {
            QCOMPARE(calls.size(), size_t(2));
            QCOMPARE(calls[0].nodeId, std::string("t1"));
            QCOMPARE(calls[1].nodeId, std::string("t2"));
            QCOMPARE(calls[1].parentNodeId, std::string("t1"));
        }
        auto outcomes = loadOutcomes(*bench.freshReader(), run.runId);
        QVERIFY(outcomes.has_value());
        for (const auto& o : *outcomes)
            QVERIFY(o.callCount <= 2);
    }

    void everyTurnLogsItsProbabilitiesAndChoice() {
        Bench bench(generateDemoTasks(1, 12), baton::test::quietProfile());
        // Plan first with sim/pro, then stop once the plan has been carried out.
        CoordinatorPolicy p = policyFor(bench.tasks, CoordinatorTier::Ultra);
        setKind(p, ActionKind::Plan, 0, 5.0);
        setKind(p, ActionKind::Stop, stateFeature(p, 3), 20.0);
        size_t plannerOffset = p.kinds().size() * size_t(p.featureCount()) +
                               (1 * p.models.size() + 4) * (1 + p.categories.size()); // beta_(plan, sim/pro)[bias]
        p.parameters[plannerOffset] = 1.0;
        int v = saveIn(bench, p);
        Pool pool = poolWith("c", {{"kind", "coordinator"}, {"policy", "forced"}, {"tier", "ultra"}});
        auto run = bench.run(pool, {"c"}, false).value();
        QCOMPARE(run.completed + run.failed, int64_t(bench.tasks.items.size()));
        int decomposed = 0;
        for (const auto& [item, calls] : byItem(bench.calls(run.runId), "c")) {
            const Call& plan = calls.front();
            QCOMPARE(plan.nodeId, std::string("t1"));
            QVERIFY(plan.role == CallRole::Plan);
            QCOMPARE(plan.model, std::string("sim/pro"));
            QVERIFY2(plan.reason.text.starts_with("turn 1: plan(sim/pro) (P="), plan.reason.text.c_str());
            QVERIFY2(plan.reason.text.find("; others: ") != std::string::npos, plan.reason.text.c_str());
            // Six answers at logit 0, five plans at 5, plan(sim/pro) at 6: its softmax probability.
            double expected = std::exp(6.0) / (6 + 5 * std::exp(5.0) + std::exp(6.0));
            QVERIFY(plan.reason.score && std::abs(*plan.reason.score - expected) < 1e-9);
            for (size_t i = 1; i < calls.size(); ++i) {
                QCOMPARE(calls[i].parentNodeId, std::string("t1")); // sub-tasks under the plan
                QVERIFY2(calls[i].nodeId.starts_with("t1.s"), calls[i].nodeId.c_str());
            }
            if (calls.size() >= 3) {
                ++decomposed;
                QVERIFY2(plan.reason.text.find("; then turn 2: stop (P=") != std::string::npos,
                         plan.reason.text.c_str());
            }
        }
        QVERIFY(decomposed > 0); // the planner splits some items (multi-step ones most often)
        // The run's snapshot pins the policy's version and content hash.
        auto snapshot = loadRun(*bench.freshReader(), run.runId)->poolSnapshot["strategies"]["c"];
        QCOMPARE(snapshot["policy"].get<std::string>(), "forced@" + std::to_string(v));
        QCOMPARE(snapshot["policy_sha256"].get<std::string>(), p.contentHash());
    }

    void plannerDecidesTakesThePlanAsItIs() {
        Bench bench(generateDemoTasks(1, 13), baton::test::quietProfile());
        Pool pool = poolWith("pd", {{"kind", "coordinator"}, {"policy", "planner-decides"}, {"planner", "sim/flash"}});
        auto run = bench.run(pool, {"pd"}, false).value();
        QCOMPARE(run.completed, int64_t(bench.tasks.items.size()));
        for (const auto& [item, calls] : byItem(bench.calls(run.runId), "pd")) {
            QVERIFY(calls.front().role == CallRole::Plan);
            QCOMPARE(calls.front().model, std::string("sim/flash"));
            QVERIFY(calls.size() <= 6);
            for (const auto& c : calls)
                if (c.nodeId == "t2" && c.role == CallRole::Synthesize) QCOMPARE(c.model, std::string("sim/flash"));
        }
    }

    void policyRoundTripsThroughTheWorkspaceAndAFile() {
        Bench bench(generateDemoTasks(1, 14), baton::test::quietProfile());
        CoordinatorPolicy p = policyFor(bench.tasks, CoordinatorTier::Ultra, "trip");
        for (size_t i = 0; i < p.parameters.size(); ++i)
            p.parameters[i] = double(i % 7) * 0.25 - 0.5;
        p.lambda = 0.75;
        p.training = {{"data_sha256", "abc"}, {"seed", 3}};
        p.metrics = {{"test", {{"accuracy", 0.5}}}};
        QCOMPARE(saveIn(bench, p), 1);
        QCOMPARE(saveIn(bench, p), 2); // the same name again: the next version
        auto back = loadCoordinatorPolicy(*bench.freshReader(), "trip", 1).value();
        QCOMPARE(back.version, 1);
        QVERIFY(back.parameters == p.parameters);
        QCOMPARE(back.contentHash(), p.contentHash());
        nlohmann::json expected = p.toJson(), got = back.toJson();
        expected["version"] = 1;
        QVERIFY2(got == expected, got.dump().c_str());
        QCOMPARE(loadCoordinatorPolicy(*bench.freshReader(), "trip", std::nullopt)->version, 2);
        auto missing = loadCoordinatorPolicy(*bench.freshReader(), "trip", 9);
        QVERIFY(!missing);
        QVERIFY2(missing.error().message.find("it has: trip@1, trip@2") != std::string::npos,
                 missing.error().message.c_str());

        QTemporaryDir dir;
        std::string file = dir.filePath("policy.json").toStdString();
        QVERIFY(exportCoordinatorPolicy(back, file));
        auto imported = importCoordinatorPolicy(file).value();
        QVERIFY(imported.toJson() == back.toJson());

        nlohmann::json broken = back.toJson();
        broken["parameters"].erase(0);
        broken["tier"] = "huge";
        auto bad = CoordinatorPolicy::fromJson(broken, "p.json");
        QVERIFY(!bad);
        std::vector<std::string> where;
        for (const auto& d : bad.error().problems)
            where.push_back(d.location);
        QCOMPARE(where, std::vector<std::string>{"/tier"});
        broken["tier"] = "ultra";
        bad = CoordinatorPolicy::fromJson(broken, "p.json");
        QVERIFY(!bad);
        QCOMPARE(bad.error().problems.front().location, std::string("/parameters"));
    }

    // Old code: the state has no turn (TurnState::turn, feature set 2 and its "turn" feature do not
    // exist), and this policy, all of whose weights are 0, answers again at turn 1 instead of stopping.
    void theTurnIsAStateFeature() {
        Bench bench(generateDemoTasks(1, 4), baton::test::quietProfile());
        CoordinatorPolicy p = policyFor(bench.tasks, CoordinatorTier::Mini, "turns");
        QCOMPARE(p.featureSet, CoordinatorPolicy::kFeatureSet);
        QCOMPARE(p.parameterCount(), 90); // 88 before the turn: one more theta per kind
        QCOMPARE(policyFor(bench.tasks, CoordinatorTier::Ultra).parameterCount(), 295);
        setKind(p, ActionKind::Stop, stateFeature(p, 7), 10.0); // its only non-zero weight: theta_(stop, turn)
        ItemFeatures f = p.features(bench.tasks.items[0].prompt(), bench.tasks.items[0].category);
        auto argmax = [&](int turn) {
            TurnState s;
            s.calls = 1, s.maxCalls = 2, s.hasAnswer = true, s.turn = turn; // all but the turn alike
            auto logits = p.logits(f, s);
            return std::max_element(logits.begin(), logits.end(),
                                    [](const auto& a, const auto& b) { return a.second < b.second; })
                ->first;
        };
        QCOMPARE(p.label(argmax(0)), std::string("answer(sim/nano)")); // every logit 0: the first listed
        QCOMPARE(p.label(argmax(1)), std::string("stop"));             // 10 x 1/2 for stop

        // The episode feeds the turn: each item is answered at turn 0 and stopped at turn 1.
        saveIn(bench, p);
        Pool pool = poolWith("c", {{"kind", "coordinator"}, {"policy", "turns"}, {"tier", "mini"}});
        auto run = bench.run(pool, {"c"}, false).value();
        QCOMPARE(run.completed, int64_t(bench.tasks.items.size()));
        for (const auto& [item, calls] : byItem(bench.calls(run.runId), "c")) {
            QCOMPARE(calls.size(), size_t(1));
            QVERIFY2(calls[0].reason.text.starts_with("turn 1: answer(sim/nano)"), calls[0].reason.text.c_str());
            QVERIFY2(calls[0].reason.text.find("; then turn 2: stop (P=") != std::string::npos,
                     calls[0].reason.text.c_str());
        }

        // The file says its feature set; the turn's weight survives the round trip.
        nlohmann::json j = p.toJson();
        QCOMPARE(j["feature_set"].get<int>(), 2);
        QCOMPARE(j["features"]["state"].back().get<std::string>(), std::string("turn"));
        auto back = CoordinatorPolicy::fromJson(j, "p.json").value();
        QCOMPARE(back.featureSet, 2);
        QCOMPARE(back.contentHash(), p.contentHash());
        QCOMPARE(back.label(argmax(1)), std::string("stop"));
        j["feature_set"] = 3;
        auto unknown = CoordinatorPolicy::fromJson(j, "p.json");
        QVERIFY(!unknown);
        QCOMPARE(unknown.error().problems.front().location, std::string("/feature_set"));
    }

    // A policy file written before the turn feature (feature set 1, tests/data/coordinator/policy-v1)
    // loads with the content hash it had, and decides as it did then: the same logits in every
    // state, and the same calls and reasons when it coordinates the demo against the simulator.
    // The expected files were written by the code before the turn feature.
    void aPolicyFromBeforeTheTurnFeatureDecidesAsBefore() {
        const std::string dir = std::string(BATON_TEST_DATA) + "/coordinator/policy-v1";
        auto p = importCoordinatorPolicy(dir + "/input/policy.json").value();
        QCOMPARE(p.featureSet, 1); // no feature_set in the file
        QCOMPARE(p.featureCount(), 23);
        QCOMPARE(p.parameterCount(), 290);
        QVERIFY(!p.toJson().contains("feature_set"));
        std::string text = "content hash " + p.contentHash() + "\n";
        TaskSet tasks = generateDemoTasks(1, 2);
        for (const auto& item : tasks.items) {
            ItemFeatures f = p.features(item.prompt(), item.category);
            for (int calls = 0; calls < 6; calls += 2)
                for (int answer = 0; answer < 2; ++answer) {
                    TurnState s;
                    s.calls = calls, s.maxCalls = 6, s.costOverReference = 0.4 * calls;
                    s.hasAnswer = answer, s.verdict = answer ? calls / 2 - 1 : 0, s.planned = calls >= 4;
                    text += item.id + " calls " + std::to_string(calls) + " answer " + std::to_string(answer) + ": " +
                            decision(p, f, s) + "\n";
                    TurnState later = s;
                    later.turn = 3; // a feature-set-1 policy does not see the turn
                    QCOMPARE(decision(p, f, later), decision(p, f, s));
                }
        }
        expectGolden(dir, "decisions.txt", text);

        Bench bench(generateDemoTasks(1, 3), baton::test::quietProfile());
        saveIn(bench, p);
        Pool pool = poolWith("c", {{"kind", "coordinator"}, {"policy", "golden-v1"}, {"max_calls", 6}});
        auto run = bench.run(pool, {"c"}, false).value();
        std::string calls;
        for (const auto& [item, list] : byItem(bench.calls(run.runId), "c"))
            for (const auto& c : list)
                calls += item + " " + c.nodeId + " <- " + c.parentNodeId + " " + toString(c.role) + " " + c.model +
                         ": " + c.reason.text + "\n";
        expectGolden(dir, "calls.txt", calls);
    }

    void buildRefusesAPolicyThatDoesNotFit() {
        Bench bench(generateDemoTasks(1, 15), baton::test::quietProfile());
        saveIn(bench, policyFor(bench.tasks, CoordinatorTier::Ultra, "u"));
        auto refusal = [&](nlohmann::json settings) {
            auto run = bench.run(poolWith("c", settings), {"c"}, false);
            return run ? std::string("ran") : run.error().describe();
        };
        QVERIFY(refusal({{"kind", "coordinator"}, {"policy", "u"}, {"tier", "mini"}}).find("trained for tier ultra") !=
                std::string::npos);
        QVERIFY(refusal({{"kind", "coordinator"}, {"policy", "u"}, {"lambda", 2}}).find("trained with lambda 0") !=
                std::string::npos);
        QVERIFY(refusal({{"kind", "coordinator"}, {"policy", "nope@1"}}).find("no coordinator policy \"nope@1\"") !=
                std::string::npos);
        Pool small = poolWith("c", {{"kind", "coordinator"}, {"policy", "u"}});
        small.models.pop_back();
        auto run = bench.run(small, {"c"}, false);
        QVERIFY(!run);
        QVERIFY2(run.error().describe().find("does not have: \"sim/frontier\"") != std::string::npos,
                 run.error().describe().c_str());
    }

    void resumeUsesThePinnedPolicyAndKeepsTheCap() {
        Bench bench(generateDemoTasks(3, 16), baton::test::quietProfile());
        CoordinatorPolicy p = policyFor(bench.tasks, CoordinatorTier::Ultra, "r");
        setKind(p, ActionKind::Answer, 0, 1.0);
        setKind(p, ActionKind::Verify, stateFeature(p, 0), 3.0); // answer, then verify, then stop
        setKind(p, ActionKind::Stop, stateFeature(p, 1), 10.0);
        setKind(p, ActionKind::Stop, stateFeature(p, 2), 10.0);
        QCOMPARE(saveIn(bench, p), 1);
        Pool pool = poolWith("c", {{"kind", "coordinator"}, {"policy", "r"}});
        Money cap = Money::fromUsd(0.004);
        auto first = bench.run(pool, {"c"}, false, cap).value();
        QVERIFY2(first.incomplete > 0, "the cap should stop the run part way");
        QVERIFY(first.spent <= cap);
        // A newer version of the same name must not change the run being resumed.
        CoordinatorPolicy other = p;
        setKind(other, ActionKind::Plan, 0, 50.0);
        QCOMPARE(saveIn(bench, other), 2);
        auto db = bench.freshReader();
        int64_t before = db->queryInt("SELECT COUNT(*) FROM calls WHERE status = 'ok'").value();
        auto resumed = resumeRun(bench.inputs(), first.runId, Money::fromUsd(10), bench.env(), {}, {}).value();
        QCOMPARE(resumed.status, std::string("completed"));
        auto calls = bench.calls(first.runId);
        for (const auto& c : calls)
            QVERIFY2(c.role != CallRole::Plan, "the resumed run used the newer policy");
        // Finished calls were reused, not sent again: each (item, node) answered once.
        std::set<std::string> answered;
        for (const auto& c : calls)
            if (c.status == CallStatus::Ok)
                QVERIFY2(answered.insert(c.itemId + "/" + c.nodeId).second, c.nodeId.c_str());
        QVERIFY(int64_t(answered.size()) > before);
        for (const auto& [item, nodes] : byItem(calls, "c")) {
            QVERIFY(nodes.front().role == CallRole::Answer);
        }
    }

    // Old code: no sub-task is ever planned again (every t1.<id> is an answer, no depth-2 node).
    void nestedPlansMakeADepthTwoTreeWithItsCosts() {
        Bench bench(generateDemoTasks(2, 21), baton::test::quietProfile());
        saveIn(bench, plansEverywhere(bench.tasks, "nest"));
        Pool pool = poolWith("c", {{"kind", "coordinator"}, {"policy", "nest"}, {"max_calls", 12}});
        auto run = bench.run(pool, {"c"}, false).value();
        QCOMPARE(run.completed + run.failed, int64_t(bench.tasks.items.size()));
        auto calls = bench.calls(run.runId);
        NestedShape shape = checkNestedShape(calls, 12);
        QVERIFY2(shape.problem.empty(), shape.problem.c_str());
        QVERIFY2(shape.nested >= int(bench.tasks.items.size()) / 2, std::to_string(shape.nested).c_str());
        int plannedAgain = 0, splitAgain = 0;
        for (const auto& [item, list] : byItem(calls, "c")) {
            std::map<std::string, int> children;
            for (const auto& c : list) {
                if (depthOf(c.nodeId) == 1 && c.role == CallRole::Plan) {
                    ++plannedAgain;
                    QVERIFY2(c.reason.text.starts_with("sub-task s") &&
                                 c.reason.text.find("(depth 1): plan(") != std::string::npos,
                             c.reason.text.c_str());
                    QVERIFY(c.reason.score && *c.reason.score > 0 && *c.reason.score <= 1);
                }
                if (depthOf(c.nodeId) == 2) ++children[c.parentNodeId];
            }
            for (const auto& [parent, n] : children)
                splitAgain += n >= 2;
        }
        QVERIFY(plannedAgain > 0);
        QVERIFY(splitAgain > 0); // a nested plan split its sub-task in two
        // Every call logged with its cost; an item's cost is the sum of its calls', nested ones too.
        auto outcomes = loadOutcomes(*bench.freshReader(), run.runId).value();
        std::map<std::string, std::pair<Money, int>> summed;
        for (const auto& c : calls) {
            QVERIFY2(c.cost.has_value(), c.nodeId.c_str());
            summed[c.itemId].first += *c.cost;
            ++summed[c.itemId].second;
        }
        for (const auto& o : outcomes) {
            QVERIFY(o.cost.has_value());
            QCOMPARE(o.cost->pico, summed[o.itemId].first.pico);
            QCOMPARE(o.callCount, summed[o.itemId].second);
        }
    }

    // Old code: no nested call exists to count; a limit that skipped nested calls would let an item
    // make 7 calls here (a plan, two nested plans, four answers).
    void theCallLimitCountsNestedCalls() {
        Bench bench(generateDemoTasks(2, 22), baton::test::quietProfile());
        saveIn(bench, plansEverywhere(bench.tasks, "nest"));
        Pool pool = poolWith("c", {{"kind", "coordinator"}, {"policy", "nest"}, {"max_calls", 3}});
        auto run = bench.run(pool, {"c"}, false).value();
        auto calls = bench.calls(run.runId);
        NestedShape shape = checkNestedShape(calls, 3);
        QVERIFY2(shape.problem.empty(), shape.problem.c_str());
        QVERIFY(shape.nested > 0);
        for (const auto& [item, list] : byItem(calls, "c")) {
            QVERIFY(list.size() <= 3);
            std::set<std::string> nodes;
            for (const auto& c : list)
                nodes.insert(c.nodeId);
            if (nodes.count("t1.s1.s1")) {
                // t1, t1.s1 and t1.s1.s1 used the three calls: nothing else was asked.
                QCOMPARE(nodes, (std::set<std::string>{"t1", "t1.s1", "t1.s1.s1"}));
            }
        }
    }

    // Old code: the policy has no max_depth, so 3 is not refused (nor is 2 read).
    void theRecursionDepthLimitIsTwo() {
        Bench bench(generateDemoTasks(1, 24), baton::test::quietProfile());
        CoordinatorPolicy p = plansEverywhere(bench.tasks, "deep");
        QCOMPARE(p.featureCount(), policyFor(bench.tasks, CoordinatorTier::Ultra).featureCount() + 1);
        nlohmann::json j = p.toJson();
        QCOMPARE(j["max_depth"].get<int>(), 2);
        QCOMPARE(j["features"]["state"].back().get<std::string>(), std::string("depth"));
        auto back = CoordinatorPolicy::fromJson(j, "p.json").value();
        QCOMPARE(back.maxDepth, 2);
        QCOMPARE(back.contentHash(), p.contentHash());
        // A policy from before nested plans keeps its form and content hash: no max_depth written.
        QVERIFY(!policyFor(bench.tasks, CoordinatorTier::Ultra).toJson().contains("max_depth"));
        j["max_depth"] = 3;
        auto refused = CoordinatorPolicy::fromJson(j, "p.json");
        QVERIFY(!refused);
        QCOMPARE(refused.error().problems.front().location, std::string("/max_depth"));
        QVERIFY2(refused.error().problems.front().message.find("at most 2 deep") != std::string::npos,
                 refused.error().problems.front().message.c_str());
        nlohmann::json mini = policyFor(bench.tasks, CoordinatorTier::Mini).toJson();
        mini["max_depth"] = 2;
        QVERIFY(!CoordinatorPolicy::fromJson(mini, "m.json"));
    }

    // Old code: no nested item to resume.
    void resumeOfANestedItemPaysEachCallOnce() {
        Bench bench(generateDemoTasks(3, 23), baton::test::quietProfile());
        saveIn(bench, plansEverywhere(bench.tasks, "nest"));
        Pool pool = poolWith("c", {{"kind", "coordinator"}, {"policy", "nest"}, {"max_calls", 12}});
        Money cap = Money::fromUsd(0.02);
        auto first = bench.run(pool, {"c"}, false, cap).value();
        QVERIFY2(first.incomplete > 0, "the cap should stop the run part way");
        QVERIFY(first.spent <= cap);
        std::map<std::string, std::set<std::string>> before;
        for (const auto& c : bench.calls(first.runId))
            if (c.status == CallStatus::Ok) before[c.itemId].insert(c.nodeId);
        auto resumed = resumeRun(bench.inputs(), first.runId, Money::fromUsd(10), bench.env(), {}, {}).value();
        QCOMPARE(resumed.status, std::string("completed"));
        auto calls = bench.calls(first.runId);
        NestedShape shape = checkNestedShape(calls, 12);
        QVERIFY2(shape.problem.empty(), shape.problem.c_str());
        QVERIFY(shape.nested > 0);
        std::set<std::string> answered;
        std::map<std::string, std::set<std::string>> after;
        Money logged;
        for (const auto& c : calls) {
            if (c.cost) logged += *c.cost;
            if (c.status != CallStatus::Ok) continue;
            QVERIFY2(answered.insert(c.itemId + "/" + c.nodeId).second, c.nodeId.c_str());
            after[c.itemId].insert(c.nodeId);
        }
        // Some item was stopped inside its nested plan and finished it on resume.
        int resumedInside = 0;
        for (const auto& [item, nodes] : before) {
            bool inside = false;
            for (const auto& n : nodes)
                inside = inside || depthOf(n) >= 1;
            if (inside && after[item].size() > nodes.size()) {
                ++resumedInside;
                for (const auto& n : nodes)
                    QVERIFY(after[item].count(n)); // what was answered stays, asked once
            }
        }
        QVERIFY(resumedInside > 0);
        qInfo("%d item(s) stopped inside a plan were finished on resume", resumedInside);
        // Each call was paid once: what the two parts spent is what the log holds.
        QCOMPARE((first.spent + resumed.spent).pico, logged.pico);
    }

    // A cancel during nested plans ends the run as cancelled; its resume finishes every item, each
    // call asked once and paid once.
    void cancelInsideNestedPlansThenResume() {
        Bench bench(generateDemoTasks(3, 25), baton::test::quietProfile());
        saveIn(bench, plansEverywhere(bench.tasks, "nest"));
        Pool pool = poolWith("c", {{"kind", "coordinator"}, {"policy", "nest"}, {"max_calls", 12}});
        std::stop_source stop;
        RunSettings settings;
        settings.strategies = {"c"};
        settings.baselines = false;
        settings.useCache = false;
        int seen = 0;
        auto first = startRun(bench.inputs(), pool, bench.tasks, settings, bench.env(), stop.get_token(),
                              [&](const RunProgress&) {
                                  if (++seen == 3) stop.request_stop();
                              })
                         .value();
        QCOMPARE(first.status, std::string("cancelled"));
        QVERIFY(first.completed < int64_t(bench.tasks.items.size()));
        auto resumed = resumeRun(bench.inputs(), first.runId, {}, bench.env(), {}, {}).value();
        QCOMPARE(resumed.status, std::string("completed"));
        auto calls = bench.calls(first.runId);
        NestedShape shape = checkNestedShape(calls, 12);
        QVERIFY2(shape.problem.empty(), shape.problem.c_str());
        QVERIFY(shape.nested > 0);
        std::set<std::string> answered;
        Money logged;
        for (const auto& c : calls) {
            if (c.cost) logged += *c.cost;
            if (c.status == CallStatus::Ok)
                QVERIFY2(answered.insert(c.itemId + "/" + c.nodeId).second, c.nodeId.c_str());
        }
        QCOMPARE(loadOutcomes(*bench.freshReader(), first.runId)->size(), bench.tasks.items.size());
        // Calls the cancel stopped after they were sent have an unknown cost (logged as such, never
        // 0), which the ledger counts at its worst case: the known costs are within what was spent.
        int64_t unknown = 0;
        for (const auto& c : calls)
            unknown += !c.cost;
        QCOMPARE(first.unknownCostCalls + resumed.unknownCostCalls, unknown);
        QVERIFY(logged <= first.spent + resumed.spent);
        if (unknown == 0) QCOMPARE((first.spent + resumed.spent).pico, logged.pico);
    }
};

QTEST_GUILESS_MAIN(TestCoordinator)
#include "tst_coordinator.moc"
