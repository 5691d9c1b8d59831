// SPDX-License-Identifier: MIT
// The learned router: logistic regression through liblinear, Platt calibration and its measures,
// and a router trained on a matrix with a planted signal that it must find on held-out items.

#include "learn/calibration.h"
#include "learn/router_training.h"
#include "replay/category_rules_replay.h"
#include "replay/router_evaluation.h"
#include "replay/gap_recovered.h"
#include "replay/item_split.h"
#include "replay/router_replay.h"
#include "planted_matrix.h"

#include <QTest>

#include <algorithm>
#include <set>

using namespace baton::core;


class TestRouter : public QObject {
    Q_OBJECT
private slots:
    void logisticRegressionLearnsTheSign() {
        // Feature 0 present -> label 1 (9 of 10), absent -> label 0 (9 of 10).
        std::vector<SparseVector> rows;
        std::vector<int> labels;
        for (int i = 0; i < 20; ++i) {
            bool on = i < 10;
            rows.push_back(on ? SparseVector{{0, 1.f}} : SparseVector{{1, 1.f}});
            labels.push_back(on ? (i != 0) : (i == 10));
        }
        std::vector<const SparseVector*> refs;
        for (const auto& r : rows)
            refs.push_back(&r);
        LinearModel model = trainLogistic(refs, labels, 2, 10);
        QVERIFY(sigmoid(model.score(rows[5])) > 0.75);
        QVERIFY(sigmoid(model.score(rows[15])) < 0.25);
        // No feature at all: only the intercept can carry the base rate of 80%.
        SparseVector none;
        std::vector<const SparseVector*> blank(50, &none);
        std::vector<int> mostly(50, 1);
        for (int i = 0; i < 10; ++i)
            mostly[size_t(i)] = 0;
        QVERIFY(qAbs(sigmoid(trainLogistic(blank, mostly, 2, 100).score(none)) - 0.8) < 0.01);
        // One class only: no solver, the smoothed base rate (3 + 0.5) / (3 + 1).
        LinearModel always = trainLogistic({refs[1], refs[2], refs[3]}, {1, 1, 1}, 2, 10);
        QCOMPARE(sigmoid(always.bias), 0.875);
    }

    void calibrationMeasuresWorkedByHand() {
        // Each prediction alone in its bin: ECE = mean |p - y| = (0.1 + 0.2 + 0.1 + 0.2) / 4.
        CalibrationReport r = calibrationReport({0.1, 0.2, 0.9, 0.8}, {0, 0, 1, 1});
        QVERIFY(qAbs(r.ece - 0.15) < 1e-12);
        QVERIFY(qAbs(r.brier - (0.01 + 0.04 + 0.01 + 0.04) / 4) < 1e-12);
        QCOMPARE(r.bins[9].count, 1);
        QCOMPARE(r.bins[5].count, 0);
        // Platt scaling of over-confident log-odds (|z| = 4 means 98%, but right only 75%) shrinks them.
        std::vector<double> z;
        std::vector<int> y;
        for (int i = 0; i < 400; ++i)
            z.push_back(i % 2 ? 4 : -4), y.push_back(i % 2 ? (i % 8 != 1) : (i % 8 == 0));
        PlattScaling platt = fitPlatt(z, y);
        QVERIFY(qAbs(platt.apply(4) - 0.75) < 0.02);
        QVERIFY(qAbs(platt.apply(-4) - 0.25) < 0.02);
    }

    void isotonicWorkedByHand() {
        // Sorted by score, labels 0 1 0 1 1: the 1 0 pair violates order and pools to 0.5.
        IsotonicCalibration iso = fitIsotonic({-2, 0, -1, 1, 2}, {0, 0, 1, 1, 1});
        QCOMPARE(iso.apply(-2), 0.0);
        QCOMPARE(iso.apply(-1), 0.5);
        QCOMPARE(iso.apply(0), 0.5);
        QCOMPARE(iso.apply(0.5), 0.75); // linear between the knots 0 (0.5) and 1 (1.0)
        QCOMPARE(iso.apply(-9), 0.0);   // flat beyond the ends
        QCOMPARE(iso.apply(9), 1.0);
        // Equal scores share one value whatever their order.
        IsotonicCalibration tied = fitIsotonic({1, 1, 1, 1}, {1, 0, 0, 1});
        QCOMPARE(tied.apply(1), 0.5);
        QCOMPARE(fitIsotonic({}, {}).apply(3), 0.5);
    }

    void isotonicFollowsWhatASigmoidCannot() {
        // Right half the time below score 0 and 95% of the time above it: a flat 0.5 then a step
        // to 0.95. A sigmoid cannot be flat at 0.5 on one side, so Platt is off on held-out
        // scores; isotonic regression follows the step. Fit on even draws, judge on odd ones.
        std::vector<double> fitZ, testZ;
        std::vector<int> fitY, testY;
        for (int i = 0; i < 4000; ++i) {
            double z = -4 + 8 * double(i / 2) / 2000;
            int y = z < 0 ? (i / 2) % 2 : ((i / 2) % 20 != 0);
            (i % 2 ? testZ : fitZ).push_back(z);
            (i % 2 ? testY : fitY).push_back(y);
        }
        PlattScaling platt = fitPlatt(fitZ, fitY);
        IsotonicCalibration iso = fitIsotonic(fitZ, fitY);
        std::vector<double> byPlatt, byIso;
        for (double z : testZ)
            byPlatt.push_back(platt.apply(z)), byIso.push_back(iso.apply(z));
        CalibrationReport p = calibrationReport(byPlatt, testY), r = calibrationReport(byIso, testY);
        QVERIFY2(r.ece < 0.03, qPrintable(QString::number(r.ece)));
        QVERIFY2(p.ece > r.ece + 0.03, qPrintable(QString("platt %1, isotonic %2").arg(p.ece).arg(r.ece)));
        QVERIFY2(r.brier < p.brier, qPrintable(QString("platt %1, isotonic %2").arg(p.brier).arg(r.brier)));
    }

    void routerFindsThePlantedSignalOnHeldOutItems() {
        OutcomeMatrix m = plantedMatrix();
        ItemSplit outer = stratifiedSplit(m, 0.3, 7);
        ItemSplit inner = stratifiedSplit(m, 0.25, 8, outer.train); // validation from training only
        std::set<size_t> test(outer.test.begin(), outer.test.end());
        for (size_t i : inner.train)
            QVERIFY2(!test.count(i), "a test item was used for training");
        for (size_t i : inner.test)
            QVERIFY2(!test.count(i), "a test item was used for calibration");

        auto router = trainRouter(m, inner.train, inner.test, {});
        QVERIFY2(router, router ? "" : router.error().describe().c_str());
        RouterPredictions p = predictItems(*router, m, outer.test);
        auto curve = routerCurve(p, m, lambdaGrid(*router), size_t(1));
        QCOMPARE(curve.size(), size_t(100));
        // lambda 0: the strong model nearly everywhere; the largest lambda: the weak one everywhere.
        QVERIFY(curve.front().strongShare > 0.9);
        QCOMPARE(curve.back().strongShare, 0.0);

        std::vector<SharePoint> shares;
        for (const auto& point : curve)
            shares.push_back({point.strongShare, point.accuracy});
        auto weakAcc = scoreRoutes(m, outer.test, std::vector<uint16_t>(outer.test.size(), 0)).accuracy;
        auto strongAcc = scoreRoutes(m, outer.test, std::vector<uint16_t>(outer.test.size(), 1)).accuracy;
        double apgr = averagePgr(shares, weakAcc, strongAcc);
        // Sending the hard half to the strong model recovers nearly the whole gap at a 50% share:
        // APGR near 0.75 (a random router: 0.5).
        QVERIFY2(apgr > 0.68, qPrintable(QString::number(apgr)));
        QVERIFY(callPerformanceThreshold(shares, weakAcc, strongAcc, 0.8) < 0.6);

        // A cost target met on the validation split carries over: at most $0.006 per item.
        RouterPredictions v = predictItems(*router, m, inner.test);
        auto chosen = pointForTarget(routerCurve(v, m, lambdaGrid(*router), size_t(1)),
                                     {RouterTarget::Kind::CostPerItem, 0.006});
        QVERIFY(chosen);
        QVERIFY(chosen->meanCostUsd <= 0.006);
        QVERIFY(chosen->accuracy > 0.85);

        // Calibrated: on held-out items the P(correct) of each model is close to the rate observed.
        for (const auto& c : routerCalibration(p, m))
            QVERIFY2(c.ece < 0.1, qPrintable(QString::number(c.ece)));
    }

    void rulesByCategoryAreWrittenFromTheTrainingItems() {
        // The planted matrix's signal is its category: rules written from the training items send
        // "hard" to strong and "easy" to weak at a middle lambda, everything to strong at lambda 0
        // (its mean grade is the higher on both) and to weak at a large lambda.
        OutcomeMatrix m = plantedMatrix();
        ItemSplit split = stratifiedSplit(m, 0.3, 7);
        CategoryRulesReplay rules(m, split.train, split.test);
        auto atZero = rules.route(0);
        QVERIFY(std::all_of(atZero.begin(), atZero.end(), [](uint16_t c) { return c == 1; }));
        auto atLarge = rules.route(1e6);
        QVERIFY(std::all_of(atLarge.begin(), atLarge.end(), [](uint16_t c) { return c == 0; }));
        // Easy: weak 0.90 vs strong 0.95 costs $0.009 more; hard: weak 0.10 vs strong 0.95. At
        // lambda 20 the 0.05 is not worth 0.18, the 0.85 is.
        auto middle = rules.route(20);
        for (size_t k = 0; k < split.test.size(); ++k)
            QCOMPARE(middle[k], uint16_t(m.categoryOf(split.test[k]) == "hard" ? 1 : 0));
        auto curve = rules.curve(size_t(1));
        QCOMPARE(curve.size(), size_t(100));
        QCOMPARE(curve.front().strongShare, 1.0);
        QCOMPARE(curve.back().strongShare, 0.0);

        // A category with no training item follows the rule for all training items.
        OutcomeMatrix unseen = m;
        unseen.categories.push_back("new");
        unseen.itemCategory[split.test[0]] = 2;
        CategoryRulesReplay fallback(unseen, split.train, split.test);
        QCOMPARE(fallback.route(0)[0], uint16_t(1));
        QCOMPARE(fallback.route(1e6)[0], uint16_t(0));

        // In `router eval`: beside kNN, on the same test items; the category is this matrix's
        // whole signal, so the rules recover most of the gap (a random router: 0.5).
        RouterEvaluationOptions o;
        o.seeds = {1};
        o.compareKnn = false;
        auto e = evaluateRouter(m, o);
        QVERIFY2(e, e ? "" : e.error().describe().c_str());
        const auto& seed = e->seeds.front();
        QCOMPARE(seed.rules.size(), size_t(100));
        QVERIFY(!std::isnan(seed.rulesAiq));
        QVERIFY2(seed.rulesApgr > 0.68, qPrintable(QString::number(seed.rulesApgr)));
        o.compareRules = false;
        QVERIFY(std::isnan(evaluateRouter(m, o)->seeds.front().rulesAiq));
    }

    void evaluationBootstrapsTheRoutersAiqAndShowsTheOracle() {
        // The hard half to the strong model: 0.925 at about half the strong model's cost, far
        // above every mix of the two single models (0.725 there), on every resample of the items.
        OutcomeMatrix m = plantedMatrix();
        RouterEvaluationOptions o;
        o.seeds = {1};
        o.compareKnn = false;
        auto e = evaluateRouter(m, o);
        QVERIFY2(e, e ? "" : e.error().describe().c_str());
        const auto& s = e->seeds.front();
        QVERIFY2(s.routerAiqCi.low < s.routerAiqCi.high && s.routerAiqCi.low <= s.routerAiq &&
                     s.routerAiq <= s.routerAiqCi.high,
                 qPrintable(QString("%1 [%2, %3]").arg(s.routerAiq).arg(s.routerAiqCi.low).arg(s.routerAiqCi.high)));
        QVERIFY2(s.routerOverSinglesCi.low > 0.05,
                 qPrintable(QString("[%1, %2]").arg(s.routerOverSinglesCi.low).arg(s.routerOverSinglesCi.high)));
        QVERIFY(s.routerOverSinglesCi.low <= s.routerAiq - s.baselineAiq &&
                s.routerAiq - s.baselineAiq <= s.routerOverSinglesCi.high);
        // The oracle: right wherever a model is, at the cheapest such model.
        double best = 0;
        for (const auto& b : s.baselines)
            best = std::max(best, b.accuracy);
        QCOMPARE(s.oracle.items, s.testItems);
        QVERIFY(s.oracle.accuracy >= best);
        QVERIFY(s.oracle.meanCostUsd < s.baselines[1].meanCostUsd); // cheaper than the strong model alone
        // kNN was off: no interval. The rules' interval, on the same resamples, holds its AIQ.
        QVERIFY(std::isnan(s.knnAiqCi.low));
        QVERIFY2(s.rulesAiqCi.low < s.rulesAiqCi.high && s.rulesAiqCi.low <= s.rulesAiq &&
                     s.rulesAiq <= s.rulesAiqCi.high,
                 qPrintable(QString("%1 [%2, %3]").arg(s.rulesAiq).arg(s.rulesAiqCi.low).arg(s.rulesAiqCi.high)));
        // Paired with the router's on each resample: the interval holds the difference.
        const double rulesOver = s.rulesAiq - s.routerAiq;
        QVERIFY2(s.rulesMinusRouterCi.low <= rulesOver && rulesOver <= s.rulesMinusRouterCi.high,
                 qPrintable(QString("%1 [%2, %3]")
                                .arg(rulesOver)
                                .arg(s.rulesMinusRouterCi.low)
                                .arg(s.rulesMinusRouterCi.high)));
        QVERIFY(std::isnan(s.knnMinusRouterCi.low));
        // No resamples, no interval.
        o.bootstrap = 0;
        QVERIFY(std::isnan(evaluateRouter(m, o)->seeds.front().routerAiqCi.low));
        QVERIFY(std::isnan(evaluateRouter(m, o)->seeds.front().rulesAiqCi.low));
    }
};

QTEST_GUILESS_MAIN(TestRouter)
#include "tst_router.moc"
