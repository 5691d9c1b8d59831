// SPDX-License-Identifier: MIT
// Coordinator training against the simulator: the training budget is never exceeded, a second
// training of the same seed is the same policy without a request, the single-model baselines are
// what a run of each model says, and a lambda sweep trains one policy per lambda under one cap.

#include "core_printers.h"
#include "eval/statistics.h"
#include "run_bench.h"
#include "sim/demo_tasks.h"
#include "store/call_log.h"
#include "store/run_store.h"
#include "training/coordinator_training.h"
#include "training/lambda_sweep.h"

#include <QTemporaryDir>
#include <QTest>

#include <map>
#include <set>

using namespace baton::core;
using Bench = baton::test::RunBench;

namespace {

Money loggedSpend(Bench& bench, int64_t runId) {
    Money total;
    for (const auto& c : bench.calls(runId))
        if (!c.cacheHit) total += c.cost.value_or(Money{0});
    return total;
}

/// Per model: grade sum and cost sum of a baseline run (every model alone, no cache) on `ids`.
std::map<std::string, std::pair<double, Money>> baselineSums(Bench& bench, const std::set<std::string>& ids) {
    auto run = bench.run(baton::test::demoPool(), {}, true).value();
    std::vector<Outcome> outcomes = loadOutcomes(*bench.freshReader(), run.runId).value();
    std::map<std::string, std::pair<double, Money>> byModel;
    for (const auto& o : outcomes)
        if (ids.count(o.itemId))
            byModel[o.strategy].first += o.grade.value(), byModel[o.strategy].second += o.cost.value();
    return byModel;
}

std::set<std::string> idsOf(const std::vector<const TaskItem*>& items) {
    std::set<std::string> ids;
    for (const TaskItem* item : items)
        ids.insert(item->id);
    return ids;
}

TrainingOptions smallTraining(const char* name, double budgetUsd) {
    TrainingOptions options;
    options.name = name;
    options.generations = 3;
    options.budget = Money::fromUsd(budgetUsd);
    return options;
}

} // namespace

class TestCoordinatorTraining : public QObject {
    Q_OBJECT
private slots:
    void theSweepPlaneKeepsUnknownCostsOffTheFrontier() {
        auto figures = [](double accuracy, double cost, int unknown) {
            RolloutFigures f;
            f.items = 10, f.accuracy = accuracy, f.costPerItem = cost, f.costUnknownItems = unknown;
            return f;
        };
        std::vector<TrainingReport> sweep(2);
        sweep[0].singleModelsTest = {{"cheap", figures(0.5, 0.001, 0)}, {"dear", figures(0.9, 0.01, 0)}};
        sweep[0].policy.name = "p-lambda0.1", sweep[0].policy.version = 1, sweep[0].test = figures(0.8, 0.002, 0);
        // Its known cost is a lower bound: taken as its cost, it would have pushed "dear" off the frontier.
        sweep[1].policy.name = "p-lambda0.5", sweep[1].policy.version = 1, sweep[1].test = figures(0.95, 0.003, 2);
        RunReport plane = sweepCostQuality(sweep);
        QCOMPARE(plane.strategies.size(), size_t(4));
        const StrategyMetrics& unknown = plane.strategies.back();
        QCOMPARE(unknown.name, std::string("p-lambda0.5@1"));
        QVERIFY(!unknown.costPerItem && !unknown.totalCost);
        QCOMPARE(unknown.unknownCostCalls, int64_t(2));
        QCOMPARE(unknown.knownCost.pico, Money::fromUsd(0.03).pico);
        std::vector<std::string> onFrontier;
        for (const auto& p : plane.frontier)
            onFrontier.push_back(p.label);
        QCOMPARE(onFrontier, (std::vector<std::string>{"cheap", "p-lambda0.1@1", "dear"}));
        QCOMPARE(plane.strategies[2].accuracyCi.low, wilsonInterval(8, 10).low);
    }

    // The one reading of a sweep's lambda list (baton-cli --lambda and the Training lab).
    void lambdaListsAreRead_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("lambdas"); // as lambdaText, ';'-joined; empty: refused
        QTest::addColumn<QString>("message");
        QTest::newRow("one") << "0.5" << "0.5" << "";
        QTest::newRow("in the order given, spaces") << " 0.5, 0.05 ,1e-3,+2" << "0.5;0.05;0.001;2" << "";
        QTest::newRow("bounds") << "0,1000000" << "0;1e+06" << "";
        QTest::newRow("trailing comma") << "0.05," << "" << "\"0.05,\" has an empty entry";
        QTest::newRow("leading comma") << ",0.05" << "" << "has an empty entry";
        QTest::newRow("double comma") << "0.05,,0.1" << "" << "has an empty entry";
        QTest::newRow("empty") << "" << "" << "has an empty entry";
        QTest::newRow("word") << "0.05, x" << "" << "\"x\" is not one of them";
        QTest::newRow("space inside") << "0.05 0.1" << "" << "\"0.05 0.1\" is not one of them";
        QTest::newRow("hex") << "0x10" << "" << "\"0x10\" is not one of them";
        QTest::newRow("nan") << "nan" << "" << "\"nan\" is not one of them";
        QTest::newRow("inf") << "inf" << "" << "\"inf\" is not one of them";
        QTest::newRow("negative") << "-0.1" << "" << "\"-0.1\" is not one of them";
        QTest::newRow("too large") << "1000001" << "" << "\"1000001\" is not one of them";
        QTest::newRow("twice") << "0.1,0.1" << "" << "the lambdas 0.1 and 0.1 would name the same policy";
        QTest::newRow("same name") << "0.1,0.2,0.1000001" << ""
                                   << "the lambdas 0.1 and 0.1000001 would name the same policy (NAME-lambda0.1";
    }
    void lambdaListsAreRead() {
        QFETCH(QString, text);
        QFETCH(QString, lambdas);
        QFETCH(QString, message);
        auto parsed = parseLambdaList(text.toStdString());
        if (lambdas.isEmpty()) {
            QVERIFY(!parsed);
            QCOMPARE(parsed.error().kind, ErrorKind::BadInput);
            QVERIFY2(QString::fromStdString(parsed.error().message).contains(message),
                     parsed.error().message.c_str());
            return;
        }
        QVERIFY2(parsed, parsed ? "" : parsed.error().message.c_str());
        QStringList shown;
        for (double l : *parsed)
            shown << QString::fromStdString(lambdaText(l));
        QCOMPARE(shown.join(';'), lambdas);
    }

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

    void sameSeedSamePolicyWithoutANewRequest() {
        Bench bench(generateDemoTasks(4, 4), baton::test::quietProfile());
        TrainingOptions options = smallTraining("twice", 100);
        auto train = [&] {
            return trainCoordinator(bench.inputs(), baton::test::demoPool(), bench.tasks, options, bench.env(), {}, {})
                .value();
        };
        TrainingReport first = train(), second = train();
        QCOMPARE(first.stopReason, std::string()); // a budget stop would end the two at different points
        QVERIFY(first.httpRequests > 0);
        QCOMPARE(second.httpRequests, int64_t(0)); // the workspace's response cache answers every request again
        QCOMPARE(second.spent, Money{0});
        QCOMPARE(second.policy.parameters, first.policy.parameters);
        QCOMPARE(second.bestGeneration, first.bestGeneration);
        QCOMPARE(second.test.reward, first.test.reward);
        // Each generation's candidates were played together, as pagmo then asked for them.
        QCOMPARE(first.candidatesPlayedAlone, int64_t(0));
    }

    void singleModelBaselinesAreWhatARunOfEachModelSays() {
        Bench bench(generateDemoTasks(4, 4), baton::test::quietProfile());
        Pool pool = baton::test::demoPool();
        TrainingOptions options = smallTraining("baselines", 100);
        auto report = trainCoordinator(bench.inputs(), pool, bench.tasks, options, bench.env(), {}, {}).value();
        QCOMPARE(report.stopReason, std::string()); // the budget was not reached: no rollout is partial
        QCOMPARE(report.singleModelsTest.size(), pool.models.size());

        std::set<std::string> testIds = idsOf(splitBySeed(bench.tasks, options.seed).test);
        auto byModel = baselineSums(bench, testIds);
        for (const auto& [model, f] : report.singleModelsTest) {
            QCOMPARE(f.items, int(testIds.size()));
            QCOMPARE(f.callsPerItem, 1.0);
            QCOMPARE(f.accuracy * f.items, byModel.at(model).first);
            QCOMPARE(f.costPerItem * f.items, byModel.at(model).second.usd());
        }
    }

    void trainingStartsFromTheBestSingleModel() {
        Bench bench(generateDemoTasks(4, 4), baton::test::quietProfile());
        TrainingOptions options = smallTraining("warm", 100);
        options.lambda = 0; // reward = accuracy: the warm start's champion is the most accurate model
        options.generations = 1;
        auto report =
            trainCoordinator(bench.inputs(), baton::test::demoPool(), bench.tasks, options, bench.env(), {}, {})
                .value();
        std::set<std::string> trainIds = idsOf(splitBySeed(bench.tasks, options.seed).train);
        double mostRight = 0;
        for (const auto& [model, sums] : baselineSums(bench, trainIds))
            mostRight = std::max(mostRight, sums.first);
        QCOMPARE(report.curve.front().generation, 0);
        QCOMPARE(report.policy.featureSet, 2); // a new policy sees the turn
        QCOMPARE(report.policy.training["options"]["feature_set"].get<int>(), 2);
        QCOMPARE(report.curve.front().train.accuracy * double(trainIds.size()), mostRight);
        QCOMPARE(report.curve.front().train.callsPerItem, 1.0);
        QVERIFY(report.policy.metrics["validation"]["reward"].get<double>() >= report.curve.front().validation.reward);
    }

    // What the simulator rewards, learnt without a rule: decomposing helps on multi-step word
    // problems and hurts on long-context items (its role behaviour, as round 1 left it). On the
    // demo's 300 items (seed 1), lambda 0.05, the kept policy plans on word problems more than on
    // any other category and never on long-context items. Generation 18 is the best on
    // validation, as in the README's sweep; 20 generations reach it. This holds for the state
    // without the turn (feature set 1), so the test pins it. With the turn (set 2) the policy kept
    // on this seed answers long-context items with sim/pro, verifies and plans after a FAIL: a plan
    // is its only way to a second answer (a model's preference does not depend on the state), and
    // on this seed's training and validation items that retry earns more reward than going without
    // it (README, "Why the behaviour test pins feature set 1").
    void learnedBehaviourFollowsWhatTheDataRewards() {
        Bench bench(generateDemoTasks(), baton::test::quietProfile());
        TrainingOptions options = smallTraining("behaviour", 400);
        options.featureSet = 1;
        options.lambda = 0.05;
        options.generations = 20;
        options.patience = 20;
        options.perModelConcurrency = 64;
        auto report =
            trainCoordinator(bench.inputs(), baton::test::demoPool(), bench.tasks, options, bench.env(), {}, {})
                .value();
        QCOMPARE(report.stopReason, std::string());
        auto planShare = [&](const char* category) {
            const BehaviourShares& b = report.test.byCategory.at(category);
            return double(b.plan) / b.items;
        };
        QCOMPARE(planShare("long-context"), 0.0);
        QVERIFY2(planShare("word-problem") >= 0.5, QByteArray::number(planShare("word-problem")));
        for (const auto& [category, b] : report.test.byCategory)
            if (category != "word-problem")
                QVERIFY2(planShare(category.c_str()) < planShare("word-problem"), category.c_str());
    }

    void lambdaSweepTrainsOnePolicyPerLambdaUnderOneCap() {
        Bench bench(generateDemoTasks(4, 4), baton::test::quietProfile());
        TrainingOptions options = smallTraining("swept", 100);
        std::vector<std::string> trained;
        auto reports = sweepLambdas(bench.inputs(), baton::test::demoPool(), bench.tasks, options, {0.05, 2.0},
                                    bench.env(), {}, {},
                                    [&](TrainingReport& r) {
                                        trained.push_back(r.policy.name);
                                        return Status{};
                                    })
                           .reports;
        QCOMPARE(trained, (std::vector<std::string>{"swept-lambda0.05", "swept-lambda2"}));
        QCOMPARE(reports.size(), size_t(2));
        QCOMPARE(reports[0].policy.lambda, 0.05);
        QCOMPARE(reports[1].policy.lambda, 2.0);
        Money spent = reports[0].spent + reports[1].spent; // one cap for the whole sweep
        QVERIFY(spent <= *options.budget);
        QCOMPARE(loggedSpend(bench, reports[0].runId) + loggedSpend(bench, reports[1].runId), spent);
    }

    void lambdaSweepStopsWhenItsOneCapIsSpent() {
        Bench bench(generateDemoTasks(4, 4), baton::test::quietProfile());
        TrainingOptions options = smallTraining("short", 0.004);
        auto reports = sweepLambdas(bench.inputs(), baton::test::demoPool(), bench.tasks, options, {0.05, 0.5, 2.0},
                                    bench.env(), {}, {}, {})
                           .reports;
        QVERIFY(reports.size() < 3); // the cap ends the sweep
        Money logged;
        for (const auto& r : reports)
            logged += loggedSpend(bench, r.runId);
        QVERIFY(logged <= *options.budget);
        QVERIFY(logged.pico > 0);
        QCOMPARE(reports.back().stopReason, std::string("the training budget cap was reached"));
    }

    // Old code: the sweep returned only the error, and the saved first policy was lost to its caller.
    void aFailedSweepTrainingKeepsTheEarlierOnes() {
        Bench bench(generateDemoTasks(4, 4), baton::test::quietProfile());
        TrainingOptions options = smallTraining("kept", 100);
        options.generations = 1;
        int calls = 0;
        auto outcome = sweepLambdas(bench.inputs(), baton::test::demoPool(), bench.tasks, options, {0.05, 0.5, 2.0},
                                    bench.env(), {}, {}, [&](TrainingReport& r) -> Status {
                                        if (++calls == 2) return fail(ErrorKind::Io, "disk full");
                                        r.policy.version = 1;
                                        return {};
                                    });
        QVERIFY(outcome.error.has_value());
        QCOMPARE(outcome.error->message, std::string("disk full"));
        QCOMPARE(outcome.reports.size(), size_t(1)); // the first, saved; the failed one is not kept
        QCOMPARE(outcome.reports[0].policy.id(), std::string("kept-lambda0.05@1"));
        QCOMPARE(calls, 2); // the third lambda was not trained
    }

    // Old code: the options had no max depth; 3 was not refused.
    void trainingRefusesADepthPastTheLimit() {
        Bench bench(generateDemoTasks(4, 4), baton::test::quietProfile());
        TrainingOptions options = smallTraining("deep", 1);
        options.maxDepth = 3;
        auto refused =
            trainCoordinator(bench.inputs(), baton::test::demoPool(), bench.tasks, options, bench.env(), {}, {});
        QVERIFY(!refused);
        QVERIFY2(refused.error().message.find("at most 2 deep") != std::string::npos, refused.error().message.c_str());
        options.maxDepth = 2;
        options.tier = CoordinatorTier::Mini;
        refused = trainCoordinator(bench.inputs(), baton::test::demoPool(), bench.tasks, options, bench.env(), {}, {});
        QVERIFY(!refused);
    }

    // The CMA-ES module is the caller's choice, in the options (core read BATON_CMAES_MODULE
    // itself): one that cannot be opened is named, before any call.
    void theSearchModuleComesInTheOptions() {
        Bench bench(generateDemoTasks(4, 4), baton::test::quietProfile());
        TrainingOptions options = smallTraining("module", 1);
        QTemporaryDir dir;
        options.cmaesModule = dir.filePath("elsewhere.so").toStdString();
        auto refused =
            trainCoordinator(bench.inputs(), baton::test::demoPool(), bench.tasks, options, bench.env(), {}, {});
        QVERIFY(!refused);
        QCOMPARE(refused.error().kind, ErrorKind::NotFound);
        QVERIFY2(refused.error().message.find(options.cmaesModule + ": not there") != std::string::npos,
                 refused.error().message.c_str());
    }

    // Old code: training had no max depth; its policies could not plan a sub-task again.
    void trainingLearnsWithNestedPlans() {
        Bench bench(generateDemoTasks(4, 4), baton::test::quietProfile());
        TrainingOptions flat = smallTraining("flat", 100), nested = smallTraining("nested", 100);
        flat.generations = nested.generations = 1;
        nested.maxDepth = 2;
        auto one = trainCoordinator(bench.inputs(), baton::test::demoPool(), bench.tasks, flat, bench.env(), {}, {});
        auto two = trainCoordinator(bench.inputs(), baton::test::demoPool(), bench.tasks, nested, bench.env(), {}, {});
        QVERIFY(one && two);
        QCOMPARE(two->policy.maxDepth, 2);
        // The depth is one more state feature for each of the five action kinds.
        QCOMPARE(two->policy.parameters.size(), one->policy.parameters.size() + 5);
        QCOMPARE(two->policy.training["options"]["max_depth"].get<int>(), 2);
        QVERIFY(two->test.toJson()["behaviour"].begin()->contains("nested"));
        QVERIFY(two->spent <= *nested.budget);
        QCOMPARE(loggedSpend(bench, two->runId), two->spent);
    }
};

QTEST_GUILESS_MAIN(TestCoordinatorTraining)
#include "tst_coordinator_training.moc"
