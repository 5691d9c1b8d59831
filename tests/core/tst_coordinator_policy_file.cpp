// SPDX-License-Identifier: MIT
// The coordinator policy as a versioned workspace object and a file: the round trip through the
// workspace and a file, the turn as a state feature (feature set 2), and a policy file from
// before the turn (feature set 1, the golden tests/data/coordinator/policy-v1) deciding as before.

#include "coordinator_bench.h"
#include "core_printers.h"

#include <QTest>
#include <cstdio>
#include <fstream>
#include <sstream>

using namespace baton::core;
using namespace baton::test;
using Bench = RunBench;

namespace {

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

class TestCoordinatorPolicyFile : public QObject {
    Q_OBJECT
private slots:
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

    // A policy file comes from someone else: a version beyond int was narrowed (4294967297 read as 1) and an
    // idf weight beyond float's range converted to float (undefined behaviour; infinity on x86).
    void numbersBeyondTheirTypeAreRefusedAtTheirPath_data() {
        QTest::addColumn<QString>("pointer");
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<QString>("expected");
        QTest::newRow("version 2^32+1") << "/version" << QByteArray("4294967297")
                                        << "must be a whole number from 0 to 2147483647, got 4294967297";
        QTest::newRow("version -1") << "/version" << QByteArray("-1")
                                    << "must be a whole number from 0 to 2147483647, got -1";
        QTest::newRow("idf 1e39") << "/features/idf/5" << QByteArray("1e39")
                                  << "must be a number within float's range (about 3.4e38), got 1e+39";
    }
    void numbersBeyondTheirTypeAreRefusedAtTheirPath() {
        QFETCH(QString, pointer);
        QFETCH(QByteArray, value);
        QFETCH(QString, expected);
        const std::string file = std::string(BATON_TEST_DATA) + "/coordinator/policy-v1/input/policy.json";
        auto good = importCoordinatorPolicy(file);
        QVERIFY2(good, good ? "" : good.error().describe().c_str());
        nlohmann::json j = good->toJson();
        j[nlohmann::json::json_pointer(pointer.toStdString())] = nlohmann::json::parse(value.toStdString());
        auto bad = CoordinatorPolicy::fromJson(j, "p.json");
        QVERIFY(!bad);
        QCOMPARE(bad.error().problems.size(), size_t(1));
        QCOMPARE(bad.error().problems[0].location, pointer.toStdString());
        QVERIFY2(bad.error().problems[0].message.find(expected.toStdString()) != std::string::npos,
                 bad.error().problems[0].message.c_str());
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
};

QTEST_GUILESS_MAIN(TestCoordinatorPolicyFile)
#include "tst_coordinator_policy_file.moc"
