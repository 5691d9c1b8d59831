// SPDX-License-Identifier: MIT
// The strategy registry: every kind's settings are read when the pool is loaded, with every problem
// at its JSON path, and the engine plans and builds through the same readers.

#include "engine/run_engine.h"
#include "pools/pool_file.h"
#include "strategies/strategy_factory.h"
#include "strategies/strategy_registry.h"

#include <QTest>

using namespace baton::core;

namespace {

/// A pool of two simulated models, a ($1/$2 per 1M tokens) and b ($10/$20), with one strategy `s`.
std::string poolWith(const std::string& strategy) {
    auto model = [](const char* name, double in, double out) {
        return nlohmann::json{{"name", name},
                              {"provider", "sim"},
                              {"model", name},
                              {"max_output_tokens", 100},
                              {"price", {{"input", in}, {"output", out}, {"source", "test"}, {"as_of", "2026-11-25"}}}};
    };
    nlohmann::json pool = {{"schema", 1},
                           {"name", "p"},
                           {"models", {model("a", 1, 2), model("b", 10, 20)}},
                           {"strategies", {{"s", nlohmann::json::parse(strategy)}}}};
    return pool.dump();
}

std::vector<std::string> errorsOf(const Result<LoadedPool>& loaded) {
    std::vector<std::string> out;
    if (!loaded)
        for (const auto& d : loaded.error().problems)
            if (d.severity == Severity::Error) out.push_back(d.location + ": " + d.message);
    return out;
}

} // namespace

class TestStrategyRegistry : public QObject {
    Q_OBJECT
private slots:
    void everyKindIsDescribed() {
        const auto& kinds = strategyRegistry().kinds();
        QCOMPARE(strategyRegistry().names(), std::string("single, rules, similarity, cascade, moa, router or coordinator"));
        for (const auto& k : kinds) {
            QVERIFY2(!k.description.empty(), k.name.c_str());
            QVERIFY2(k.settingsTemplate.is_object(), k.name.c_str());
            QVERIFY(k.read);
        }
        QVERIFY(strategyRegistry().find("similarity")->needsLabels);
        QVERIFY(!strategyRegistry().find("cascade")->needsLabels);
        QVERIFY(strategyRegistry().find("router")->needsLabels == false);
    }

    void loaderReportsEveryProblemAtItsPath_data() {
        QTest::addColumn<QString>("strategy");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("moa layers not a number")
            << "{\"kind\": \"moa\", \"layers\": \"x\", \"proposers\": [\"a\"], \"aggregator\": \"b\"}"
            << QStringList{"/strategies/s/layers: expected a whole number, got \"x\""};
        QTest::newRow("moa layers huge")
            << "{\"kind\": \"moa\", \"layers\": 10000000, \"proposers\": [\"a\"], \"aggregator\": \"b\"}"
            << QStringList{"/strategies/s/layers: must be 1 to 5, got 10000000"};
        QTest::newRow("moa layers 2^64-1, not -1")
            << "{\"kind\": \"moa\", \"layers\": 18446744073709551615, \"proposers\": [\"a\"], \"aggregator\": \"b\"}"
            << QStringList{"/strategies/s/layers: expected a whole number up to 9223372036854775807, got "
                           "18446744073709551615"};
        QTest::newRow("cascade: three problems at once")
            << "{\"kind\": \"cascade\", \"chain\": [\"a\", \"zz\", \"a\"], \"judge\": 3, \"thresholds\": [0.5, 2]}"
            << QStringList{"/strategies/s/chain/1: model \"zz\" is not in the pool",
                           "/strategies/s/chain/2: \"a\" appears twice in the chain (a cycle)",
                           "/strategies/s/judge: expected the name of a pool model, got 3",
                           "/strategies/s/thresholds/1: must be a number in [0, 1], got 2"};
        QTest::newRow("cascade scorer")
            << "{\"kind\": \"cascade\", \"chain\": [\"a\", \"b\"], \"scorer\": \"vibes\", \"thresholds\": [0.5]}"
            << QStringList{"/strategies/s/scorer: must be one of judge, agreement, format, got \"vibes\""};
        QTest::newRow("rules: bad regex, rule without model")
            << "{\"kind\": \"rules\", \"rules\": [{\"regex\": \"[\", \"model\": \"a\"}, {\"category\": \"x\"}], \"default\": \"b\"}"
            << QStringList{"/strategies/s/rules/0/regex: not a valid regular expression",
                           "/strategies/s/rules/1: name a \"model\" (or \"model_tags\") for this rule"};
        QTest::newRow("single without model") << "{\"kind\": \"single\"}"
                                              << QStringList{"/strategies/s/model: required field is missing"};
        QTest::newRow("similarity k") << "{\"kind\": \"similarity\", \"k\": 0}"
                                      << QStringList{"/strategies/s/k: must be 1 to 10000, got 0"};
        QTest::newRow("router: no router, bad lambda")
            << "{\"kind\": \"router\", \"lambda\": -1}"
            << QStringList{"/strategies/s/router: required field is missing",
                           "/strategies/s/lambda: must be in [0"};
        QTest::newRow("router: bad version, lambda and target")
            << "{\"kind\": \"router\", \"router\": \"r@x\", \"lambda\": 1, \"target\": {\"cost_per_item\": 0.1}}"
            << QStringList{"/strategies/s/router: router \"r@x\": after '@' comes a version number",
                           "/strategies/s/target: give \"lambda\" or \"target\", not both"};
        QTest::newRow("router: bad target, unknown model")
            << "{\"kind\": \"router\", \"router\": \"r\", \"target\": {\"share\": 0.1}, \"models\": [\"a\", \"q\"]}"
            << QStringList{"/strategies/s/models/1: model \"q\" is not in the pool",
                           "/strategies/s/target: unknown target \"share\""};
        QTest::newRow("unknown kind") << "{\"kind\": \"oracle\"}"
                                      << QStringList{"/strategies/s/kind: unknown strategy kind \"oracle\"; expected "
                                                     "single, rules, similarity, cascade, moa, router or coordinator"};
        QTest::newRow("coordinator: policy, tier, lambda")
            << "{\"kind\": \"coordinator\", \"policy\": \"demo@x\", \"tier\": \"mega\", \"lambda\": -1}"
            << QStringList{"/strategies/s/policy: expected \"name@version\"", "/strategies/s/tier: must be one of mini, ultra",
                           "/strategies/s/lambda: must be in [0.0, 1000000.0], got -1.0"};
        QTest::newRow("coordinator mini: calls, planner")
            << "{\"kind\": \"coordinator\", \"policy\": \"demo@2\", \"tier\": \"mini\", \"max_calls\": 3, "
               "\"planner\": \"a\"}"
            << QStringList{"/strategies/s/max_calls: must be 1 to 2, got 3",
                           "/strategies/s/planner: only \"planner-decides\" takes a planner"};
        QTest::newRow("coordinator: planner-decides")
            << "{\"kind\": \"coordinator\", \"policy\": \"planner-decides\", \"tier\": \"mini\", \"planner\": \"zz\"}"
            << QStringList{"/strategies/s/tier: planner-decides plans and verifies",
                           "/strategies/s/planner: model \"zz\" is not in the pool"};
        QTest::newRow("coordinator ultra: call limit")
            << "{\"kind\": \"coordinator\", \"policy\": \"demo\", \"max_calls\": 100}"
            << QStringList{"/strategies/s/max_calls: must be 3 to 12, got 100"};
    }
    void loaderReportsEveryProblemAtItsPath() {
        QFETCH(QString, strategy);
        QFETCH(QStringList, expected);
        auto errors = errorsOf(parsePool(poolWith(strategy.toStdString()), "p.json"));
        QCOMPARE(int(errors.size()), expected.size());
        for (int i = 0; i < expected.size(); ++i)
            QVERIFY2(errors[size_t(i)].starts_with(expected[i].toStdString()), errors[size_t(i)].c_str());
    }

    void strategyNamedLikeAModelIsRefused() {
        std::string text = poolWith("{\"kind\": \"single\", \"model\": \"a\"}");
        text.replace(text.find("\"s\":"), 4, "\"b\":");
        auto errors = errorsOf(parsePool(text, "p.json"));
        QCOMPARE(errors.size(), size_t(1));
        QVERIFY2(errors[0].find("has the name of a model") != std::string::npos, errors[0].c_str());
    }

    void validStrategiesLoadWithoutWarnings() {
        auto loaded = parsePool(
            poolWith("{\"kind\": \"cascade\", \"chain\": [\"a\", \"b\"], \"scorer\": \"agreement\", \"thresholds\": [0.5]}"), "p");
        QVERIFY2(loaded, loaded ? "" : loaded.error().describe().c_str());
        QVERIFY(loaded->warnings.empty());
        auto typo = parsePool(poolWith("{\"kind\": \"single\", \"model\": \"a\", \"modle\": \"b\"}"), "p");
        QVERIFY(typo);
        QCOMPARE(typo->warnings.size(), size_t(1));
        QCOMPARE(typo->warnings[0].location, std::string("/strategies/s/modle"));
    }

    // The estimate follows each kind's call plan: one item of 4 prompt tokens ("abcd" + 4 per message).
    void estimateFollowsTheCallPlan_data() {
        QTest::addColumn<QString>("strategy");
        QTest::addColumn<qint64>("lowPico");
        QTest::addColumn<qint64>("expectedPico");
        // Per call: input 5 tokens x price; low adds 32 output tokens, expected a quarter of the
        // 100-token limit but never less than low's 32. a: in 5 x $1/M = 5e6 pico, 32 out x $2/M =
        // 64e6: 69e6 for both. b: 50e6 + 640e6 = 690e6.
        QTest::newRow("single a") << "{\"kind\": \"single\", \"model\": \"a\"}" << qint64(69'000'000)
                                  << qint64(69'000'000);
        // agreement: stage a, its second sample, then b: low = a only; expected = a + a + b.
        QTest::newRow("cascade agreement")
            << "{\"kind\": \"cascade\", \"chain\": [\"a\", \"b\"], \"scorer\": \"agreement\", \"thresholds\": [0.5]}"
            << qint64(69'000'000) << qint64(69'000'000 * 2 + 690'000'000);
        // rules: one call to the cheapest (low) or dearest (expected) model the rules name.
        QTest::newRow("rules") << "{\"kind\": \"rules\", \"rules\": [{\"category\": \"x\", \"model\": \"b\"}], \"default\": \"a\"}"
                               << qint64(69'000'000) << qint64(690'000'000);
        QTest::newRow("invalid: not planned") << "{\"kind\": \"moa\", \"layers\": 10000000, \"proposers\": [\"a\"]}"
                                              << qint64(0) << qint64(0);
    }
    void estimateFollowsTheCallPlan() {
        QFETCH(QString, strategy);
        QFETCH(qint64, lowPico);
        QFETCH(qint64, expectedPico);
        // Built by hand, so that an invalid strategy reaches the estimate as an unchecked pool would.
        Pool pool = parsePool(poolWith("{\"kind\": \"single\", \"model\": \"a\"}"), "p").value().pool;
        pool.strategies["s"].settings = nlohmann::json::parse(strategy.toStdString());
        pool.strategies["s"].kind = pool.strategies["s"].settings["kind"];
        pool.strategies["s"].settings.erase("kind");
        TaskSet tasks;
        TaskItem item;
        item.id = "1";
        item.messages = {{"user", "abcd"}};
        tasks.items = {item};
        RunSettings settings;
        settings.baselines = false;
        settings.strategies = {"s"};
        RunEstimate e = estimateRun(pool, tasks, settings, PriceBook{});
        QCOMPARE(qint64(e.low.pico), lowPico);
        QCOMPARE(qint64(e.expected.pico), expectedPico);
    }

    void similarityNeedsLabelsBeforeARun() {
        Pool pool = parsePool(poolWith("{\"kind\": \"similarity\"}"), "p").value().pool;
        auto built = buildStrategies(pool, {"s"}, false);
        QVERIFY(!built);
        QVERIFY2(built.error().describe().find("no labelled data") != std::string::npos,
                 built.error().describe().c_str());
    }
};

QTEST_GUILESS_MAIN(TestStrategyRegistry)
#include "tst_strategy_registry.moc"
