// SPDX-License-Identifier: MIT
// The checks before a run starts, as the workbench makes them off the GUI thread: a baseline run
// comes first when a strategy learns from one and there is none, preflight covers what starts
// now, and the estimate covers everything that will run.

#include "engine/run_start_check.h"
#include "run_bench.h"
#include "sim/demo_tasks.h"

#include <QTest>

using namespace baton::core;

class TestRunStartCheck : public QObject {
    Q_OBJECT
private slots:
    void aSimilarityRouterWithoutBaselinesRunsThemFirst() {
        baton::test::RunBench bench(generateDemoTasks(4, 3), baton::test::quietProfile());
        RunSettings nearest;
        nearest.strategies = {"nearest"};
        nearest.baselines = false;
        auto check = checkRunStart(*bench.reader, baton::test::demoPool(), bench.tasks, nearest, bench.env(), PriceBook::bundled());
        QVERIFY2(check.allowed.has_value(), check.allowed ? "" : check.allowed.error().describe().c_str());
        QVERIFY(check.baselinesFirst);
        // The estimate covers the baselines and the strategy: one job per model and item, plus the strategy's.
        const int64_t items = int64_t(bench.tasks.items.size());
        QCOMPARE(check.estimate.jobs, items * int64_t(baton::test::demoPool().models.size() + 1));

        // Once a baseline run exists, the strategy runs alone.
        QVERIFY(bench.run(baton::test::demoPool(), {}, true).has_value());
        check = checkRunStart(*bench.reader, baton::test::demoPool(), bench.tasks, nearest, bench.env(), PriceBook::bundled());
        QVERIFY(check.allowed.has_value());
        QVERIFY(!check.baselinesFirst);
        QCOMPARE(check.estimate.jobs, items);
        QCOMPARE(check.estimate.cachedJobs, int64_t(0));
    }

    void aMissingKeyIsRefusedBeforeAnything() {
        baton::test::RunBench bench(generateDemoTasks(2, 3), baton::test::quietProfile());
        Pool pool = baton::test::demoPool();
        ModelSpec remote = pool.models.front();
        remote.name = "remote/gpt", remote.provider = ProviderKind::OpenAi;
        remote.baseUrl = "https://api.example.com/v1";
        remote.keyRef = {KeyRef::Kind::Env, "BATON_TEST_ABSENT_KEY"};
        pool.models.push_back(remote);
        RunSettings settings;
        settings.baselines = true;
        auto check = checkRunStart(*bench.reader, pool, bench.tasks, settings, bench.env(), PriceBook::bundled());
        QVERIFY(!check.allowed);
        QVERIFY(check.allowed.error().describe().find("remote/gpt") != std::string::npos);
        QVERIFY(!check.baselinesFirst);
    }
};

QTEST_GUILESS_MAIN(TestRunStartCheck)
#include "tst_run_start_check.moc"
