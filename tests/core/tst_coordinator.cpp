// SPDX-License-Identifier: MIT
// The coordinator strategy against the simulator: tier limits, turns as routing-tree nodes with
// their probabilities, the planner-decides baseline, a policy that does not fit refused, the
// policy pinned for resume and the budget cap. The policy file and its versions are in
// tst_coordinator_policy_file, nested plans in tst_coordinator_nested.

#include "coordinator_bench.h"
#include "core_printers.h"

#include <QTest>
#include <cmath>
#include <set>

using namespace baton::core;
using namespace baton::test;
using Bench = RunBench;

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
};

QTEST_GUILESS_MAIN(TestCoordinator)
#include "tst_coordinator.moc"
