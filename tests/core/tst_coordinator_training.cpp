// SPDX-License-Identifier: MIT
// Coordinator training against the simulator: the training budget is never exceeded.

#include "core_printers.h"
#include "run_bench.h"
#include "sim/demo_tasks.h"
#include "store/call_log.h"
#include "store/run_store.h"
#include "training/coordinator_training.h"

#include <QTest>

using namespace baton::core;
using Bench = baton::test::RunBench;

namespace {

Money loggedSpend(Bench& bench, int64_t runId) {
    Money total;
    for (const auto& c : bench.calls(runId))
        if (!c.cacheHit) total += c.cost.value_or(Money{0});
    return total;
}

} // namespace

class TestCoordinatorTraining : public QObject {
    Q_OBJECT
private slots:
    void budgetCapHoldsDuringTraining() {
        Bench bench(generateDemoTasks(4, 21), baton::test::quietProfile());
        TrainingOptions options;
        options.name = "capped";
        options.generations = 50;
        options.budget = Money::fromUsd(0.003); // far less than 50 generations would ask for
        auto report =
            trainCoordinator(bench.inputs(), baton::test::demoPool(), bench.tasks, options, bench.env(), {}, {})
                .value();
        QCOMPARE(report.stopReason, std::string("the training budget cap was reached"));
        QVERIFY(report.spent <= *options.budget);
        QVERIFY(report.spent.pico > 0);
        QVERIFY(loggedSpend(bench, report.runId) <= *options.budget); // what the call log says was paid
        QVERIFY(loggedSpend(bench, report.runId) == report.spent);
        QCOMPARE(int(report.policy.parameters.size()), report.policy.parameterCount()); // the best so far is kept
        auto run = loadRun(*bench.freshReader(), report.runId).value();
        QCOMPARE(run.stopReason, report.stopReason);
    }
};

QTEST_GUILESS_MAIN(TestCoordinatorTraining)
#include "tst_coordinator_training.moc"
