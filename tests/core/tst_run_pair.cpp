// SPDX-License-Identifier: MIT
// Two runs side by side: rows of one name paired on the items both graded; runs of different
// pools say which strategy or model is configured differently and what differs (a key
// reference or tags change no answer and are not a difference); the same pool says nothing.

#include "eval/run_pair.h"

#include <QTest>

using namespace baton::core;

namespace {

nlohmann::json pool(const std::string& name, double threshold, const std::string& proModel, const std::string& key) {
    return {{"name", name},
            {"models", {{{"name", "fast"}, {"provider", "openai"}, {"model", "f-1"}, {"key_ref", key}},
                        {{"name", "pro"}, {"provider", "openai"}, {"model", proModel}}}},
            {"strategies", {{"cheap-first", {{"kind", "cascade"}, {"chain", {"fast", "pro"}}, {"thresholds", {threshold}}}},
                            {"only-fast", {{"kind", "single"}, {"model", "fast"}}}}}};
}

RunDetails run(int64_t id, nlohmann::json snapshot, const std::vector<double>& cheapFirstGrades) {
    RunDetails d;
    d.run.id = id;
    d.run.taskSetHash = "same-items";
    d.run.poolSnapshot = std::move(snapshot);
    for (const char* name : {"cheap-first", "only-fast", "fast", "pro"}) {
        StrategyMetrics m;
        m.name = name;
        m.baseline = std::string(name) == "fast" || std::string(name) == "pro";
        d.report.strategies.push_back(m);
        for (size_t i = 0; i < cheapFirstGrades.size(); ++i) {
            Outcome o;
            o.runId = id, o.itemId = "q" + std::to_string(i), o.strategy = name;
            o.grade = std::string(name) == "cheap-first" ? cheapFirstGrades[i] : 1.0;
            d.outcomes.push_back(o);
        }
    }
    return d;
}

const RunPairRow& row(const RunPair& p, const std::string& name) {
    for (const auto& r : p.rows)
        if (r.name == name) return r;
    throw std::runtime_error("no row " + name);
}

} // namespace

class TestRunPair : public QObject {
    Q_OBJECT
private slots:
    void differentPoolsNameWhatIsConfiguredDifferently() {
        RunDetails a = run(1, pool("v1", 0.5, "p-1", "env:A"), {0, 0, 1, 1});
        RunDetails b = run(2, pool("v2", 0.8, "p-2", "env:B"), {1, 1, 1, 1});
        RunPair p = pairRuns(a, b);
        QVERIFY(p.sameTaskSet);
        QVERIFY(!p.samePool);
        QCOMPARE(p.poolA, std::string("v1"));
        QCOMPARE(p.poolB, std::string("v2"));
        QCOMPARE(row(p, "cheap-first").configChange, std::string("thresholds"));
        QCOMPARE(row(p, "pro").configChange, std::string("model"));
        QCOMPARE(row(p, "fast").configChange, std::string()); // only its key reference differs
        QCOMPARE(row(p, "only-fast").configChange, std::string());
        // Still paired on the same items: the Δ is the effect of the change.
        QVERIFY(row(p, "cheap-first").bVersusA);
        QCOMPARE(row(p, "cheap-first").bVersusA->wins, int64_t(2));
        QCOMPARE(row(p, "cheap-first").bVersusA->losses, int64_t(0));
    }

    void theSamePoolSaysNothingChanged() {
        RunDetails a = run(1, pool("v1", 0.5, "p-1", "env:A"), {0, 1});
        RunDetails b = run(2, pool("v1", 0.5, "p-1", "env:A"), {1, 1});
        RunPair p = pairRuns(a, b);
        QVERIFY(p.samePool);
        for (const auto& r : p.rows)
            QCOMPARE(r.configChange, std::string());
    }

    void aStrategyOfAnotherKindOrOnlyInOnePool() {
        nlohmann::json other = pool("v2", 0.5, "p-1", "env:A");
        other["strategies"]["only-fast"] = {{"kind", "rules"}, {"default", "fast"}};
        other["strategies"].erase("cheap-first");
        RunDetails a = run(1, pool("v1", 0.5, "p-1", "env:A"), {1});
        RunDetails b = run(2, other, {1});
        RunPair p = pairRuns(a, b);
        QCOMPARE(row(p, "only-fast").configChange, std::string("kind, model, default"));
        QCOMPARE(row(p, "cheap-first").configChange, std::string()); // in one pool's snapshot only: nothing to compare
    }
};

QTEST_APPLESS_MAIN(TestRunPair)
#include "tst_run_pair.moc"
