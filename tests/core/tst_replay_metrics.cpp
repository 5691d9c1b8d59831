// SPDX-License-Identifier: MIT
// Replay metrics on small hand-worked matrices: the hull, AIQ (RouterBench), PGR/APGR/CPT
// (RouteLLM), the oracle, offline cascade, rules and similarity routing, splits, the price of a
// constraint, capability profiles, drift with McNemar/two-proportion and Holm.

#include "matrix/matrix_builder.h"
#include "replay/capability_drift.h"
#include "replay/capability_profile.h"
#include "replay/constraint_price.h"
#include "eval/frontier.h"
#include "replay/gap_recovered.h"
#include "replay/item_split.h"
#include "replay/model_stats.h"
#include "replay/replay_report.h"
#include "replay/route_replay.h"

#include <QtTest>
#include <cmath>

using namespace baton::core;

namespace {

struct Spec {
    std::string item, category, prompt, model;
    double grade, cost;
    double score = NAN;
};

OutcomeMatrix build(const std::vector<Spec>& cells) {
    MatrixBuilder b("test");
    size_t line = 0;
    for (const auto& s : cells) {
        CellInput c;
        c.grade = s.grade, c.costUsd = s.cost;
        if (!std::isnan(s.score)) c.scorers.emplace_back("judge", s.score);
        b.add(b.item(s.item, s.category, s.prompt), b.model(s.model), c, ++line);
    }
    return *b.finish({});
}

// Three models on 10 items: accuracy 0.5 at $1, 0.7 at $4, 0.9 at $10 per item.
OutcomeMatrix threeModels() {
    std::vector<Spec> cells;
    for (int i = 0; i < 10; ++i) {
        std::string id = "i" + std::to_string(i);
        cells.push_back({id, "c", "", "open-small", i < 5 ? 1.0 : 0.0, 1});
        cells.push_back({id, "c", "", "open-mid", i < 7 ? 1.0 : 0.0, 4});
        cells.push_back({id, "c", "", "closed-big", i < 9 ? 1.0 : 0.0, 10});
    }
    return build(cells);
}

} // namespace

class TestReplayMetrics : public QObject {
    Q_OBJECT
private slots:
    void hullDropsDominatedAndBelowChord() {
        auto hull = nonDecreasingHull({{1, 0.5, "A"}, {2, 0.6, "B"}, {3, 0.9, "C"}, {4, 0.85, "D"}, {2.5, 0.55, "E"}});
        QCOMPARE(hull.size(), size_t(2));
        QCOMPARE(hull[0].label, std::string("A"));
        QCOMPARE(hull[1].label, std::string("C"));
        QCOMPARE(hullQualityAt(hull, 2), 0.7);
        QVERIFY(std::isnan(hullQualityAt(hull, 0.5)));
        QCOMPARE(hullQualityAt(hull, 9), 0.9);
        QCOMPARE(hullCostFor(hull, 0.8), 2.5);
        QVERIFY(std::isnan(hullCostFor(hull, 0.95)));
    }

    void aiq_data() {
        QTest::addColumn<double>("lo");
        QTest::addColumn<double>("hi");
        QTest::addColumn<double>("expected");
        // Area under A(1,0.5)-C(3,0.9): 1.4 over [1,3]; with [0,4]: 0 before A, 0.9 flat after C.
        QTest::newRow("own range") << double(NAN) << double(NAN) << 0.7;
        QTest::newRow("[0,4]") << 0.0 << 4.0 << 2.3 / 4;
        QTest::newRow("[2,3]") << 2.0 << 3.0 << 0.8;
    }
    void aiq() {
        QFETCH(double, lo);
        QFETCH(double, hi);
        QFETCH(double, expected);
        auto hull = nonDecreasingHull({{1, 0.5, "A"}, {2, 0.6, "B"}, {3, 0.9, "C"}});
        QVERIFY(std::fabs(baton::core::aiq(hull, lo, hi) - expected) < 1e-12);
    }

    void pgrApgrCpt_data() {
        QTest::addColumn<double>("target");
        QTest::addColumn<double>("cpt");
        QTest::newRow("50%") << 0.5 << 0.25;
        QTest::newRow("60%") << 0.6 << 0.25 + 0.25 / 3;
        QTest::newRow("80%") << 0.8 << 0.5;
        QTest::newRow("90%") << 0.9 << 0.75;
    }
    void pgrApgrCpt() {
        QFETCH(double, target);
        QFETCH(double, cpt);
        // weak 0.6, strong 0.8; router points (0.25, 0.70) and (0.5, 0.76): PGR 0.5 and 0.8.
        std::vector<SharePoint> curve{{0.25, 0.70}, {0.5, 0.76}};
        QVERIFY(std::fabs(performanceGapRecovered(0.7, 0.6, 0.8) - 0.5) < 1e-12);
        // Trapezoids: 0.25*(0+0.5)/2 + 0.25*(0.5+0.8)/2 + 0.5*(0.8+1)/2 = 0.675.
        QVERIFY(std::fabs(averagePgr(curve, 0.6, 0.8) - 0.675) < 1e-12);
        QVERIFY(std::fabs(callPerformanceThreshold(curve, 0.6, 0.8, target) - cpt) < 1e-12);
    }

    void randomMixHasApgrOneHalf() {
        auto mix = randomMix({0, 0.6, "weak"}, {1, 0.8, "strong"}, 10);
        std::vector<SharePoint> curve;
        for (const auto& p : mix)
            curve.push_back({p.cost, p.quality});
        QVERIFY(std::fabs(averagePgr(curve, 0.6, 0.8) - 0.5) < 1e-12);
        QVERIFY(std::fabs(callPerformanceThreshold(curve, 0.6, 0.8, 0.5) - 0.5) < 1e-12);
        QVERIFY(std::fabs(callPerformanceThreshold(curve, 0.6, 0.8, 0.8) - 0.8) < 1e-12);
    }

    void oracleTakesCheapestRightModel() {
        auto m = build({{"a", "c", "", "cheap", 1, 1}, {"a", "c", "", "dear", 1, 5},
                        {"b", "c", "", "cheap", 0, 1}, {"b", "c", "", "dear", 1, 5},
                        {"c", "c", "", "cheap", 0, 1}, {"c", "c", "", "dear", 0, 5}});
        auto items = completeItems(m);
        auto choice = oracleChoices(m, items);
        QCOMPARE(choice, (std::vector<uint16_t>{0, 1, 0})); // nobody right: the cheapest
        auto p = scoreRoutes(m, items, choice);
        QVERIFY(std::fabs(p.accuracy - 2.0 / 3) < 1e-12);
        QVERIFY(std::fabs(p.meanCostUsd - 7.0 / 3) < 1e-12);
    }

    void unknownCostIsNeverZero() {
        MatrixBuilder b("t");
        CellInput c;
        c.grade = 1; // no cost
        b.add(b.item("a"), b.model("m"), c, 1);
        auto m = *b.finish({});
        auto stats = modelStats(m);
        QVERIFY(std::isnan(stats[0].meanCostUsd));
        QCOMPARE(stats[0].unknownCost, int64_t(1));
        QVERIFY(std::isnan(scoreRoutes(m, {0}, {0}).meanCostUsd));
        assumeCosts(m, {{"m", 0.25}});
        QCOMPARE(scoreRoutes(m, {0}, {0}).meanCostUsd, 0.25);
        QCOMPARE(m.provenance.notes.size(), size_t(1));
    }

    void cascade_data() {
        QTest::addColumn<double>("threshold");
        QTest::addColumn<double>("accuracy");
        QTest::addColumn<double>("cost");
        QTest::newRow("0.2: both stop") << 0.2 << 0.5 << 1.0;
        QTest::newRow("0.5: one escalates") << 0.5 << 1.0 << 6.0;
        QTest::newRow("0.95: both escalate") << 0.95 << 1.0 << 11.0;
    }
    void cascade() {
        QFETCH(double, threshold);
        QFETCH(double, accuracy);
        QFETCH(double, cost);
        auto m = build({{"a", "c", "", "cheap", 1, 1, 0.9}, {"a", "c", "", "dear", 1, 10},
                        {"b", "c", "", "cheap", 0, 1, 0.3}, {"b", "c", "", "dear", 1, 10}});
        auto p = replayCascade(m, {0, 1}, {{0, 1}, 0}, {threshold}, size_t(1));
        QCOMPARE(p.accuracy, accuracy);
        QCOMPARE(p.meanCostUsd, cost);
        QCOMPARE(cascadeCurve(m, {0, 1}, {{0, 1}, 0}).size(), size_t(100));
    }

    void rulesAndSimilarity() {
        std::vector<Spec> cells;
        for (int i = 0; i < 20; ++i) {
            bool fruit = i % 2 == 0;
            std::string id = "i" + std::to_string(i);
            std::string prompt = fruit ? "apple banana fruit salad " + std::to_string(i) : "car engine gearbox " + std::to_string(i);
            cells.push_back({id, fruit ? "fruit" : "cars", prompt, "A", fruit ? 1.0 : 0.0, 1});
            cells.push_back({id, fruit ? "fruit" : "cars", prompt, "B", fruit ? 0.0 : 1.0, 1});
        }
        auto m = build(cells);
        auto split = stratifiedSplit(m, 0.3, 7);
        SimilarityReplay sim(m, split.train, split.test, 3);
        QCOMPARE(scoreRoutes(m, split.test, sim.route(0)).accuracy, 1.0);
        auto rules = routeByRules(m, split.test, {{"fruit", 0}, {"cars", 1}}, 0);
        QCOMPARE(scoreRoutes(m, split.test, rules).accuracy, 1.0);
        ReplayOptions o;
        o.strategies = {"similarity", "rules"};
        auto r = replay(m, o);
        QVERIFY(r.has_value());
        QCOMPARE(r->curves[0].points.size(), size_t(100));
        QCOMPARE(r->curves[1].points[0].accuracy, 1.0); // learned rules: best model per category
        QCOMPARE(r->oracle.accuracy, 1.0);
    }

    void splitIsStratifiedDisjointAndSeeded() {
        std::vector<Spec> cells;
        for (int i = 0; i < 15; ++i)
            cells.push_back({"i" + std::to_string(i), i < 10 ? "x" : "y", "", "m", 1, 1});
        auto m = build(cells);
        auto s = stratifiedSplit(m, 0.2, 1);
        QCOMPARE(s.test.size(), size_t(3)); // 2 of 10 x, 1 of 5 y
        QCOMPARE(s.train.size(), size_t(12));
        size_t testX = std::count_if(s.test.begin(), s.test.end(), [](size_t i) { return i < 10; });
        QCOMPARE(testX, size_t(2));
        for (size_t i : s.test)
            QVERIFY(std::find(s.train.begin(), s.train.end(), i) == s.train.end());
        QCOMPARE(stratifiedSplit(m, 0.2, 1).test, s.test);
        bool differs = false;
        for (uint64_t seed = 2; seed < 6 && !differs; ++seed)
            differs = stratifiedSplit(m, 0.2, seed).test != s.test;
        QVERIFY(differs);
    }

    void priceOfConstraint_data() {
        QTest::addColumn<QString>("constraint");
        QTest::addColumn<int>("kept");
        QTest::addColumn<double>("lost");
        QTest::addColumn<double>("added");
        // Reference: closed-big, 0.9 at $10. Open only: hull (1,0.5)-(4,0.7), flat 0.7 at $10; 0.9 unreachable.
        QTest::newRow("open weights only") << "weights=open" << 2 << 0.2 << double(NAN);
        QTest::newRow("without open-small") << "without=open-small" << 2 << 0.0 << 0.0;
        QTest::newRow("vendor != acme") << "vendor!=acme" << 1 << 0.0 << 0.0;
    }
    void priceOfConstraint() {
        QFETCH(QString, constraint);
        QFETCH(int, kept);
        QFETCH(double, lost);
        QFETCH(double, added);
        auto m = threeModels();
        ModelTags tags{{"open-small", {{"weights", "open"}, {"vendor", "acme"}}},
                       {"open-mid", {{"weights", "open"}, {"vendor", "acme"}}},
                       {"closed-big", {{"weights", "closed"}, {"vendor", "big"}}}};
        auto c = PoolConstraint::parse(constraint.toStdString());
        QVERIFY(c.has_value());
        auto keep = modelsKept(m, *c, tags);
        QCOMPARE(int(keep.size()), kept);
        auto price = baton::core::priceOfConstraint(m, completeItems(m), keep, 100, 3);
        QVERIFY(price.has_value());
        QCOMPARE(price->referenceModel, std::string("closed-big"));
        QVERIFY(std::fabs(price->accuracyLost - lost) < 1e-12);
        if (std::isnan(added))
            QVERIFY(std::isnan(price->costAdded));
        else
            QVERIFY(std::fabs(price->costAdded - added) < 1e-12);
        QVERIFY(price->accuracyLostCi.low <= price->accuracyLost + 1e-12);
        QVERIFY(!PoolConstraint::parse("nonsense").has_value());
    }

    void profileCells() {
        auto m = build({{"a", "x", "", "m", 1, 2}, {"b", "x", "", "m", 0, 4}, {"c", "y", "", "m", 1, 1}});
        auto p = capabilityProfile(m);
        QCOMPARE(p.size(), size_t(2));
        QCOMPARE(p[0].category, std::string("x"));
        QCOMPARE(p[0].n, int64_t(2));
        QCOMPARE(p[0].accuracy, 0.5);
        QCOMPARE(p[0].meanCostUsd, 3.0);
        QCOMPARE(p[1].accuracy, 1.0);
        QVERIFY(p[0].ci.low < 0.5 && p[0].ci.high > 0.5);
    }

    void holmAndTwoProportion() {
        auto adjusted = holmAdjust({0.01, 0.04, 0.03, 0.005});
        std::vector<double> expected{0.03, 0.06, 0.06, 0.02};
        for (size_t i = 0; i < expected.size(); ++i)
            QVERIFY(std::fabs(adjusted[i] - expected[i]) < 1e-12);
        QVERIFY(std::fabs(twoProportionP(50, 100, 30, 100) - 0.003892417122778627) < 1e-9);
        QCOMPARE(twoProportionP(0, 0, 1, 2), 1.0);
    }

    void driftPairedAndUnpaired() {
        std::vector<Spec> before, after, elsewhere;
        for (int i = 0; i < 10; ++i) {
            std::string id = "i" + std::to_string(i);
            before.push_back({id, "c", "", "m", 1, 1});
            after.push_back({id, "c", "", "m", i < 8 ? 0.0 : 1.0, 1});
            elsewhere.push_back({"other" + std::to_string(i), "c", "", "m", i < 8 ? 0.0 : 1.0, 1});
        }
        auto paired = capabilityDrift(build(before), build(after));
        QCOMPARE(paired.cells.size(), size_t(1));
        QCOMPARE(paired.cells[0].test, std::string("mcnemar"));
        QCOMPARE(paired.cells[0].paired, int64_t(10));
        QVERIFY(std::fabs(paired.cells[0].p - 2 * std::pow(0.5, 8)) < 1e-12);
        QVERIFY(paired.cells[0].flagged);
        QVERIFY(std::fabs(paired.cells[0].delta + 0.8) < 1e-12);
        auto unpaired = capabilityDrift(build(before), build(elsewhere));
        QCOMPARE(unpaired.cells[0].test, std::string("two-proportion"));
        QCOMPARE(unpaired.sharedItems, size_t(0));
        QVERIFY(std::fabs(unpaired.cells[0].p - twoProportionP(10, 10, 2, 10)) < 1e-12);
    }
};

QTEST_GUILESS_MAIN(TestReplayMetrics)
#include "tst_replay_metrics.moc"
