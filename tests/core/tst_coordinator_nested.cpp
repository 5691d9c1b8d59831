// SPDX-License-Identifier: MIT
// Nested plans of the coordinator (recursion depth 2) against the simulator: the tree's shape and
// costs, the depth limit, the call limit counting nested calls, the budget cap, cancel and resume
// inside a nested plan.

#include "coordinator_bench.h"
#include "core_printers.h"

#include <QTest>
#include <set>
#include <stop_token>

using namespace baton::core;
using namespace baton::test;
using Bench = RunBench;

namespace {

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

} // namespace

class TestCoordinatorNested : public QObject {
    Q_OBJECT
private slots:
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

QTEST_GUILESS_MAIN(TestCoordinatorNested)
#include "tst_coordinator_nested.moc"
