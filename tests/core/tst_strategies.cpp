// SPDX-License-Identifier: MIT
// Strategies against the simulator: routing-tree shapes for a fixed seed, the decisions they log,
// validation before a run, documented fallbacks, the budget inside multi-call strategies, and
// the cascade optimiser on a matrix worked out by hand.

#include "core_printers.h"
#include "pools/pool_file.h"
#include "engine/run_engine.h"
#include "matrix/run_matrix.h"
#include "replay/route_replay.h"
#include "replay/router_fit.h"
#include "run_bench.h"
#include "sim/demo_tasks.h"
#include "sim/sim_server.h"
#include "store/call_log.h"
#include "store/run_store.h"
#include "store/task_set_store.h"
#include "store/workspace.h"
#include "strategies/cascade_optimiser.h"
#include "util/resources.h"

#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <numeric>
#include <regex>
#include <set>

using namespace baton::core;

using baton::test::demoPool;
using Bench = baton::test::RunBench;

namespace {

SimProfile quiet() {
    return baton::test::quietProfile();
}

/// "node<parent:role:model" for each call of one item, in log order.
std::vector<std::string> tree(const std::vector<Call>& calls, const std::string& item) {
    std::vector<std::string> out;
    for (const auto& c : calls)
        if (c.itemId == item) out.push_back(c.nodeId + "<" + c.parentNodeId + ":" + toString(c.role) + ":" + c.model);
    std::sort(out.begin(), out.end());
    return out;
}

const std::vector<std::string> kItems = {"code-001", "lookup-002", "word-003"};

} // namespace

class TestStrategies : public QObject {
    Q_OBJECT
private slots:
    void rulesRouteByCategory() {
        Bench bench(generateDemoTasks(1, 3), quiet());
        auto run = bench.run(demoPool(), {"by-category"}, false).value();
        auto calls = bench.calls(run.runId);
        QCOMPARE(tree(calls, "code-001"), std::vector<std::string>{"0<:answer:sim/coder"});
        QCOMPARE(tree(calls, "lookup-002"), std::vector<std::string>{"0<:answer:sim/flash"});
        QCOMPARE(tree(calls, "word-003"), std::vector<std::string>{"0<:answer:sim/pro"});
        for (const auto& c : calls)
            if (c.itemId == "code-001")
                QCOMPARE(c.reason.text, std::string("rule 1: category == code-output -> sim/coder"));
    }

    void moaTreeHasProposersUnderTheAggregator() {
        Bench bench(generateDemoTasks(1, 3), quiet());
        auto run = bench.run(demoPool(), {"mixture"}, false).value();
        auto calls = bench.calls(run.runId);
        for (const auto& item : kItems)
            QCOMPARE(tree(calls, item),
                     (std::vector<std::string>{"1.0<agg:propose:sim/nano", "1.1<agg:propose:sim/mini",
                                               "1.2<agg:propose:sim/flash", "agg<:aggregate:sim/pro"}));
        Pool twoLayers = demoPool();
        twoLayers.strategies["mixture"].settings["layers"] = 2;
        auto second = bench.run(twoLayers, {"mixture"}, false).value();
        QCOMPARE(tree(bench.calls(second.runId), "code-001").size(), size_t(7)); // 3 + 3 proposers + aggregator
    }

    void cascadeTreeForAFixedSeed() {
        Bench bench(generateDemoTasks(1, 3), quiet());
        auto run = bench.run(demoPool(), {"cheap-first"}, false).value();
        auto calls = bench.calls(run.runId);
        int escalations = 0;
        for (const auto& item : bench.tasks.items) {
            auto nodes = tree(calls, item.id);
            // Stage k is "k" under stage k-1; each gated stage has its judge "k.s" beneath it.
            QVERIFY(nodes.size() == 2 || nodes.size() == 4 || nodes.size() == 5);
            // (sorted: "0.s" comes before "0<")
            QCOMPARE(nodes[0], std::string("0.s<0:judge:sim/flash"));
            QCOMPARE(nodes[1], std::string("0<:answer:sim/mini"));
            if (nodes.size() >= 4) {
                ++escalations;
                QCOMPARE(nodes[2], std::string("1.s<1:judge:sim/flash"));
                QCOMPARE(nodes[3], std::string("1<0:answer:sim/flash"));
            }
            if (nodes.size() == 5) QCOMPARE(nodes[4], std::string("2<1:answer:sim/pro"));
        }
        QVERIFY(escalations > 0 && escalations < int(bench.tasks.items.size()));
        // Every gate records its score against its threshold; a verdict that could not be read
        // escalates with no score (unknown, never 0).
        for (const auto& c : calls)
            if (c.role == CallRole::Answer && c.nodeId != "2") {
                QVERIFY2(c.reason.threshold.has_value(), c.reason.text.c_str());
                if (c.reason.text.find("unreadable") != std::string::npos) {
                    QVERIFY2(!c.reason.score && c.reason.text.ends_with(": escalating"), c.reason.text.c_str());
                    continue;
                }
                QVERIFY2(c.reason.score.has_value(), c.reason.text.c_str());
                bool accepted = c.reason.text.find("accepted") != std::string::npos;
                QCOMPARE(accepted, *c.reason.score >= *c.reason.threshold);
            }
        // Same seed, same trees.
        auto again = bench.run(demoPool(), {"cheap-first"}, false).value();
        auto calls2 = bench.calls(again.runId);
        for (const auto& item : bench.tasks.items)
            QCOMPARE(tree(calls2, item.id), tree(calls, item.id));
    }

    void similarityNeedsLabelsThenRoutes() {
        Bench bench(generateDemoTasks(1, 5), quiet());
        auto noLabels = bench.run(demoPool(), {"nearest"}, false);
        QVERIFY(!noLabels);
        QVERIFY2(noLabels.error().describe().find("run the baselines first") != std::string::npos,
                 noLabels.error().describe().c_str());
        auto baselines = bench.run(demoPool(), {}, true).value();
        auto run = bench.run(demoPool(), {"nearest"}, false).value();
        auto calls = bench.calls(run.runId);
        QCOMPARE(calls.size(), bench.tasks.items.size());
        std::set<std::string> chosen;
        for (const auto& c : calls) {
            chosen.insert(c.model);
            QVERIFY(c.reason.text.find("10 nearest labelled items") != std::string::npos);
            QVERIFY(c.reason.score.has_value());
        }
        QVERIFY2(chosen.size() >= 2, "routing differs between items");
        auto snapshot = loadRun(*bench.freshReader(), run.runId)->poolSnapshot;
        QCOMPARE(snapshot["strategies"]["nearest"]["labels_run"].get<int64_t>(), baselines.runId);
    }

    void routerTrainedOnBaselinesRoutesLive() {
        Bench bench(generateDemoTasks(1, 20), quiet());
        auto baselines = bench.run(demoPool(), {}, true).value();
        auto matrix = matrixFromRun(*bench.freshReader(), baselines.runId);
        QVERIFY(matrix);
        QCOMPARE(matrix->name, "run " + std::to_string(baselines.runId)); // was "": `Replay of ""`
        RouterFitOptions o;
        o.name = "demo-router";
        o.target = RouterTarget{RouterTarget::Kind::CostCap, 0.0004};
        auto artifact = fitRouter(*matrix, o);
        QVERIFY2(artifact, artifact ? "" : artifact.error().message.c_str());
        QVERIFY(bench.writer->submit([&](SqliteDb& db) -> Status {
            auto v = saveRouterArtifact(db, *artifact);
            return v ? Status{} : std::unexpected(v.error());
        }).get());

        Pool pool = demoPool();
        pool.strategies["learned"] = {"router", {{"router", "demo-router"}, {"lambda", 300}}};
        auto run = bench.run(pool, {"learned"}, false).value();
        auto calls = bench.calls(run.runId);
        QCOMPARE(calls.size(), bench.tasks.items.size());
        std::set<std::string> chosen;
        for (const auto& c : calls) {
            chosen.insert(c.model);
            for (const auto& m : pool.models) // P(correct), expected cost and score of every model
                QVERIFY2(c.reason.text.find("; " + m.name + " ") != std::string::npos ||
                             c.reason.text.find(": " + m.name + " ") != std::string::npos,
                         c.reason.text.c_str());
            QVERIFY2(c.reason.text.find("router demo-router@1, lambda 300 (given)") == 0, c.reason.text.c_str());
            QVERIFY2(c.reason.text.find("-> " + c.model + ": ") != std::string::npos, c.reason.text.c_str());
            QVERIFY(c.reason.score.has_value());
        }
        QVERIFY2(chosen.size() >= 2, "routing differs between items");
        auto snapshot = loadRun(*bench.freshReader(), run.runId)->poolSnapshot;
        QCOMPARE(snapshot["strategies"]["learned"]["router"].get<std::string>(), std::string("demo-router@1"));

        // A target is met from the router's validation curve; a pool without one of its models is refused.
        pool.strategies["learned"] = {"router", {{"router", "demo-router@1"}, {"target", {{"cost_per_item", 0.0004}}}}};
        auto targeted = bench.run(pool, {"learned"}, false).value();
        QVERIFY(bench.calls(targeted.runId)[0].reason.text.find("cost per item as close as possible to $0.0004") !=
                std::string::npos);
        // A target no point meets is refused with the cheapest point in the one money text (formatUsd),
        // as `router train` says it (a "$%.6g" of its own).
        pool.strategies["learned"] = {"router", {{"router", "demo-router@1"}, {"target", {{"cost_cap", 1e-9}}}}};
        auto unmet = bench.run(pool, {"learned"}, false);
        QVERIFY(!unmet);
        QVERIFY2(
            std::regex_search(unmet.error().describe(), std::regex(R"(cheapest point costs \$0\.[0-9]{6} per item)")),
            unmet.error().describe().c_str());
        Pool smaller = demoPool();
        smaller.models.pop_back();
        smaller.strategies["learned"] = {"router", {{"router", "demo-router"}}};
        auto refused = bench.run(smaller, {"learned"}, false);
        QVERIFY(!refused);
        QVERIFY2(refused.error().describe().find("the router knows sim/frontier, which the strategy does not route to") !=
                     std::string::npos,
                 refused.error().describe().c_str());
        pool.strategies["learned"] = {"router", {{"router", "nobody"}}};
        auto unknown = bench.run(pool, {"learned"}, false);
        QVERIFY(!unknown);
        QVERIFY2(unknown.error().describe().find("router \"nobody\" is not in the workspace") != std::string::npos,
                 unknown.error().describe().c_str());
    }

    void badConfigurationsFailBeforeTheRun_data() {
        QTest::addColumn<QString>("config");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown model") << "{\"kind\":\"rules\",\"rules\":[],\"default\":\"gpt-9\"}"
                                       << "/strategies/bad/default: model \"gpt-9\" is not in the pool";
        QTest::newRow("empty chain") << "{\"kind\":\"cascade\",\"chain\":[],\"scorer\":\"format\"}"
                                     << "/strategies/bad/chain: list at least 1 pool model";
        QTest::newRow("cycle") << "{\"kind\":\"cascade\",\"chain\":[\"sim/nano\",\"sim/pro\",\"sim/"
                                  "nano\"],\"scorer\":\"format\",\"thresholds\":[0.5,0.5]}"
                               << "appears twice in the chain";
        QTest::newRow("threshold range")
            << "{\"kind\":\"cascade\",\"chain\":[\"sim/nano\",\"sim/pro\"],\"scorer\":\"format\",\"thresholds\":[1.5]}"
            << "/strategies/bad/thresholds/0: must be a number in [0, 1], got 1.5";
        QTest::newRow("threshold count")
            << "{\"kind\":\"cascade\",\"chain\":[\"sim/nano\",\"sim/pro\"],\"scorer\":\"format\",\"thresholds\":[]}"
            << "/strategies/bad/thresholds: give one threshold in [0, 1] per stage but the last (1)";
        QTest::newRow("no judge") << "{\"kind\":\"cascade\",\"chain\":[\"sim/nano\",\"sim/pro\"],\"thresholds\":[0.5]}"
                                  << "/strategies/bad/judge: required field is missing";
        QTest::newRow("moa aggregator") << "{\"kind\":\"moa\",\"proposers\":[\"sim/nano\"],\"aggregator\":\"nobody\"}"
                                        << "/strategies/bad/aggregator: model \"nobody\" is not in the pool";
        QTest::newRow("bad regex")
            << "{\"kind\":\"rules\",\"rules\":[{\"regex\":\"(\",\"model\":\"sim/nano\"}],\"default\":\"sim/nano\"}"
            << "/strategies/bad/rules/0/regex: not a valid regular expression";
        QTest::newRow("wrong type")
            << "{\"kind\":\"rules\",\"rules\":[{\"category\":7,\"model\":\"sim/nano\"}],\"default\":\"sim/nano\"}"
            << "/strategies/bad/rules/0/category: expected a string, got 7";
    }
    void badConfigurationsFailBeforeTheRun() {
        QFETCH(QString, config);
        QFETCH(QString, message);
        Bench bench(generateDemoTasks(1, 1), quiet());
        Pool pool = demoPool();
        auto json = nlohmann::json::parse(config.toStdString());
        StrategyConfig sc{json["kind"].get<std::string>(), json};
        sc.settings.erase("kind");
        pool.strategies["bad"] = sc;
        auto run = bench.run(pool, {"bad"}, false);
        QVERIFY(!run);
        QVERIFY2(run.error().describe().find(message.toStdString()) != std::string::npos,
                 run.error().describe().c_str());
        QCOMPARE(bench.reader->queryInt("SELECT COUNT(*) FROM runs").value(), int64_t(0));
    }

    void garbageJudgeAndAggregatorFallBack() {
        SimProfile profile = quiet();
        profile.models[0].formatErrorRate = 1.0; // sim/nano as a judge always replies garbage
        Bench bench(generateDemoTasks(1, 2), profile);
        Pool pool = demoPool();
        pool.strategies["garbage-judge"] = {
            "cascade",
            {{"chain", {"sim/mini", "sim/pro"}}, {"scorer", "judge"}, {"judge", "sim/nano"}, {"thresholds", {0.5}}}};
        pool.findModel("sim/pro"); // the aggregator below is cut off after a few tokens: no final answer
        for (auto& m : pool.models)
            if (m.name == "sim/coder") m.maxOutputTokens = 4;
        pool.strategies["cut-aggregator"] = {
            "moa", {{"proposers", {"sim/mini", "sim/flash", "sim/pro"}}, {"aggregator", "sim/coder"}}};
        auto run = bench.run(pool, {"garbage-judge", "cut-aggregator"}, false).value();
        QCOMPARE(run.completed, int64_t(2 * bench.tasks.items.size()));
        for (const auto& c : bench.calls(run.runId)) {
            if (c.strategy == "garbage-judge" && c.nodeId == "0")
            {
                QCOMPARE(c.reason.text, std::string("judge reply unreadable; escalating: escalating"));
                QVERIFY2(!c.reason.score, "an unreadable verdict is no score, not a score of 0");
            }
            if (c.strategy == "cut-aggregator" && c.nodeId == "agg")
                QVERIFY2(c.reason.text.find("fell back to the proposers' majority") != std::string::npos,
                         c.reason.text.c_str());
        }
        auto outcomes = loadOutcomes(*bench.freshReader(), run.runId).value();
        for (const auto& o : outcomes)
            if (o.strategy == "garbage-judge") QCOMPARE(o.callCount, 3); // every stage ran
    }

    void cascadeReplaysFromItsRunsGateScores() {
        // A run logs every gate score its cascade computed; the run's matrix carries them beside
        // the baselines, so the cascade replayed offline decides as it did live, item by item.
        Bench bench(generateDemoTasks(4, 3), quiet());
        auto run = bench.run(demoPool(), {"cheap-first"}, true).value();
        auto db = bench.freshReader();
        auto matrix = matrixFromRun(*db, run.runId).value();
        auto scorer = matrix.scorerIndex("judge:sim/flash");
        QVERIFY2(scorer, "the cascade's judge scores are in the matrix");

        size_t scored = 0, judged = 0;
        for (float v : matrix.scorers[*scorer]) scored += !std::isnan(v);
        for (const auto& c : bench.calls(run.runId))
            judged += c.strategy == "cheap-first" && c.role == CallRole::Answer && c.reason.score.has_value();
        QVERIFY(judged > 10);
        QCOMPARE(scored, judged);

        CascadeSpec spec;
        for (const char* m : {"sim/mini", "sim/flash", "sim/pro"}) spec.chain.push_back(*matrix.modelIndex(m));
        spec.scorer = *scorer;
        std::vector<size_t> items(matrix.itemCount());
        std::iota(items.begin(), items.end(), 0);
        auto replayed = replayCascade(matrix, items, spec, {0.8, 0.75});
        double live = 0;
        size_t n = 0;
        auto outcomes = loadOutcomes(*db, run.runId).value();
        for (const auto& o : outcomes)
            if (o.strategy == "cheap-first") live += o.grade.value_or(0), ++n;
        QCOMPARE(replayed.items, n);
        QCOMPARE(replayed.accuracy, live / double(n));
    }

    void budgetStopsMultiCallStrategiesCleanly() {
        Bench bench(generateDemoTasks(1, 10), quiet());
        auto run = bench.run(demoPool(), {"mixture"}, false, Money::fromUsd(0.02)).value();
        QVERIFY(run.spent <= Money::fromUsd(0.02));
        QVERIFY(run.incomplete > 0);
        auto outcomes = loadOutcomes(*bench.freshReader(), run.runId).value();
        auto calls = bench.calls(run.runId);
        int partial = 0;
        for (const auto& o : outcomes)
            if (o.status == OutcomeStatus::Incomplete) {
                QVERIFY(!o.grade.has_value()); // incomplete, not wrong
                partial +=
                    std::count_if(calls.begin(), calls.end(), [&](const Call& c) { return c.itemId == o.itemId; }) > 0;
            }
        QVERIFY2(partial > 0, "the partial trees of stopped items are kept");
    }

    void optimiserPicksTheHandWorkedPlan() {
        // Models A ($0.001), B ($0.01), C ($0.1); scores are the scorer's P(correct).
        OutcomeMatrixView m;
        m.models = {"C", "A", "B"};
        auto cell = [](double g, double c, double s) { return MatrixCell{g, c, s}; };
        m.items = {{{"A", cell(1, 0.001, 0.9)}, {"B", cell(1, 0.01, 0.95)}, {"C", cell(1, 0.1, 1)}},
                   {{"A", cell(0, 0.001, 0.2)}, {"B", cell(1, 0.01, 0.9)}, {"C", cell(1, 0.1, 1)}},
                   {{"A", cell(0, 0.001, 0.8)}, {"B", cell(0, 0.01, 0.3)}, {"C", cell(1, 0.1, 1)}},
                   {{"A", cell(1, 0.001, 0.6)}, {"B", cell(1, 0.01, 0.7)}, {"C", cell(1, 0.1, 1)}}};
        // Unlimited: all items right; the cheapest way is A (t 0.9) -> B (t 0.4) -> C, $0.134 / 4.
        auto rich = optimiseCascade(m, 1.0, 0).value();
        QCOMPARE(rich.chain, (std::vector<std::string>{"A", "B", "C"}));
        QCOMPARE(rich.thresholds[0], 0.9);
        QCOMPARE(rich.thresholds[1], 0.4);
        QCOMPARE(rich.accuracy, 1.0);
        QVERIFY(std::abs(rich.meanCostUsd - 0.0335) < 1e-12);
        // $0.02 per item: C is out of reach for item 3; best is A (t 0.3) -> B at 3/4 right, $0.014 / 4.
        auto poor = optimiseCascade(m, 0.02, 0).value();
        QCOMPARE(poor.chain, (std::vector<std::string>{"A", "B"}));
        QCOMPARE(poor.thresholds[0], 0.3);
        QCOMPARE(poor.accuracy, 0.75);
        QVERIFY(std::abs(poor.meanCostUsd - 0.0035) < 1e-12);
        QVERIFY(!optimiseCascade(m, 0.0001, 0)); // nothing fits
    }
};

QTEST_GUILESS_MAIN(TestStrategies)
#include "tst_strategies.moc"
