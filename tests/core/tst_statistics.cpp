// SPDX-License-Identifier: MIT
// Statistics against figures computed by hand, and the report on a small hand-made run.

#include "core_printers.h"
#include "eval/run_report.h"
#include "eval/statistics.h"
#include "run/budget_guard.h"
#include "util/redact.h"
#include "util/rng.h"

#include <QTest>

using namespace baton::core;

class TestStatistics : public QObject {
    Q_OBJECT
private slots:
    void wilson() {
        // 8/10: centre (0.8 + 1.92/10) / 1.384, half-width 1.96*sqrt(0.016 + 0.009604)/1.384
        Interval i = wilsonInterval(8, 10);
        QVERIFY(std::fabs(i.low - 0.4902) < 1e-4);
        QVERIFY(std::fabs(i.high - 0.9433) < 1e-4);
        QCOMPARE(wilsonInterval(0, 0).high, 0.0);
    }

    void mcnemar() {
        // b=10, c=2: 2 * (C(12,0) + C(12,1) + C(12,2)) / 2^12 = 2 * 79 / 4096
        QVERIFY(std::fabs(mcnemarExactP(10, 2) - 158.0 / 4096.0) < 1e-12);
        QCOMPARE(mcnemarExactP(5, 5), 1.0);
        QCOMPARE(mcnemarExactP(0, 0), 1.0);
        QVERIFY(mcnemarExactP(400, 300) < 0.001); // large n does not overflow
    }

    void bootstrapAndPercentile() {
        std::vector<double> a = {1, 1, 1, 0, 1, 1, 0, 1, 1, 1}, b = {1, 0, 1, 0, 0, 1, 0, 1, 0, 1};
        auto d = pairedBootstrap(a, b, 2000, 7);
        QCOMPARE(d.delta, 0.3);
        QVERIFY(d.ci.low >= 0 && d.ci.low < 0.3 && d.ci.high > 0.3 && d.ci.high <= 0.6);
        QCOMPARE(pairedBootstrap(a, b, 2000, 7).ci.low, d.ci.low); // deterministic
        QCOMPARE(percentile({4, 1, 3, 2}, 50), 2.5);
        QCOMPARE(percentile({10, 20}, 95), 19.5);
    }

    void budgetGuardNeverExceedsCap() {
        BudgetGuard guard(Money{1000}, std::nullopt);
        QVERIFY(guard.reserve(Money{600}) == BudgetGuard::Refusal::None);
        QVERIFY(guard.reserve(Money{600}) == BudgetGuard::Refusal::Budget); // 600 + 600 > 1000
        guard.settle(Money{600}, Money{100});
        QVERIFY(guard.reserve(Money{600}) == BudgetGuard::Refusal::None); // 100 + 600 <= 1000
        guard.settle(Money{600}, std::nullopt);                           // unknown: the worst case counts
        QCOMPARE(guard.spent().pico, int64_t(700));
        QCOMPARE(guard.unknownCostCalls(), int64_t(1));
        BudgetGuard calls(std::nullopt, 2);
        QVERIFY(calls.reserve(Money{1}) == BudgetGuard::Refusal::None);
        QVERIFY(calls.reserve(Money{1}) == BudgetGuard::Refusal::None);
        QVERIFY(calls.reserve(Money{1}) == BudgetGuard::Refusal::CallCap);
    }

    void redactsEveryForm() {
        std::string key = "sk-canary-ABCdef123456+/=xyz";
        for (const auto& form : secretForms(key)) {
            std::string text = "upstream said: " + form + " (echo)";
            QVERIFY2(redactSecrets(text, {key}).find(form) == std::string::npos, form.c_str());
        }
        // base64 of the key inside a longer encoded text, at each alignment
        for (const char* prefix : {"", "a", "ab", "Basic user:"}) {
            QByteArray encoded = (QByteArray(prefix) + QByteArray::fromStdString(key) + "tail").toBase64();
            std::string redacted = redactSecrets("Authorization: " + encoded.toStdString(), {key});
            QVERIFY2(redacted.find("[REDACTED]") != std::string::npos, prefix);
        }
    }

    // Issue 16's mutation check: a 90% interval, or a bootstrap that never draws the last item,
    // must fail here. n = 400 paired items, half differing by 1: se = 0.5 / sqrt(400) = 0.025,
    // so the 95% half-width is 1.96 x 0.025 = 0.049 (a 90% one would be 0.041).
    void bootstrapIsNinetyFivePercentAndDrawsEveryItem() {
        std::vector<double> a(400, 0), b(400, 0);
        for (size_t i = 0; i < 400; i += 2)
            a[i] = 1;
        auto d = pairedBootstrap(a, b, 2000, 3);
        QCOMPARE(d.delta, 0.5);
        double half = (d.ci.high - d.ci.low) / 2;
        QVERIFY2(half > 0.045 && half < 0.053, qPrintable(QString::number(half)));
        // Only the last item differs: a bootstrap that never draws it finds no difference at all.
        std::vector<double> last(10, 0), none(10, 0);
        last.back() = 1;
        auto l = pairedBootstrap(last, none, 2000, 3);
        QCOMPARE(l.delta, 0.1);
        QCOMPARE(l.ci.low, 0.0);
        QVERIFY(l.ci.high >= 0.1);
    }

    void binomialDrawsHaveTheirMeanAndVariance_data() {
        QTest::addColumn<qlonglong>("n");
        QTest::addColumn<double>("p");
        QTest::newRow("small n, Bernoulli trials") << 40LL << 0.3;
        QTest::newRow("large n, the Beta recursion") << 100000LL << 0.12;
        QTest::newRow("large n, p near 1") << 50000LL << 0.97;
    }
    void binomialDrawsHaveTheirMeanAndVariance() {
        QFETCH(qlonglong, n);
        QFETCH(double, p);
        Rng rng(11);
        const int draws = 4000;
        double sum = 0, sq = 0;
        for (int i = 0; i < draws; ++i) {
            int64_t k = rng.binomial(n, p);
            QVERIFY(k >= 0 && k <= n);
            sum += double(k), sq += double(k) * double(k);
        }
        double mean = sum / draws, var = sq / draws - mean * mean, wantVar = double(n) * p * (1 - p);
        // The sample mean is within 5 standard errors, the variance within 15% (4,000 draws).
        QVERIFY2(std::fabs(mean - double(n) * p) < 5 * std::sqrt(wantVar / draws), qPrintable(QString::number(mean)));
        QVERIFY2(std::fabs(var / wantVar - 1) < 0.15, qPrintable(QString::number(var / wantVar)));
        QCOMPARE(rng.binomial(n, 0), int64_t(0));
        QCOMPARE(rng.binomial(n, 1), int64_t(n));
        QCOMPARE(rng.binomial(0, 0.5), int64_t(0));
    }

    void bootstrapOnManyItemsDrawsCountsWithTheSameSpread() {
        // 20,000 paired items with differences -1, 0, 1 (the counted path): its interval has the
        // width of the item bootstrap's, 1.96 standard errors of the mean difference either side.
        const size_t n = 20000;
        std::vector<double> a(n, 0), b(n, 0);
        for (size_t i = 0; i < n; ++i) {
            if (i % 10 < 3) a[i] = 1;     // 30%: only a right
            else if (i % 10 < 4) b[i] = 1; // 10%: only b right
        }
        auto d = pairedBootstrap(a, b, 2000, 5);
        QVERIFY(std::fabs(d.delta - 0.2) < 1e-12);
        double sd = std::sqrt(0.4 - 0.2 * 0.2), half = 1.959963984540054 * sd / std::sqrt(double(n));
        QVERIFY2(std::fabs((d.ci.high - d.ci.low) / 2 / half - 1) < 0.1, qPrintable(QString::number(d.ci.high - d.ci.low)));
        QVERIFY(std::fabs((d.ci.high + d.ci.low) / 2 - 0.2) < half / 5);
        auto again = pairedBootstrap(a, b, 2000, 5);
        QCOMPARE(again.ci.low, d.ci.low); // deterministic
        // Only one item differs among many: the counted path still draws it (or not) as often as
        // resampling items would (P(never drawn) = (1 - 1/n)^n, about 37%).
        std::vector<double> last(n, 0), none(n, 0);
        last.back() = 1;
        auto l = pairedBootstrap(last, none, 2000, 3);
        QCOMPARE(l.ci.low, 0.0);
        QVERIFY(l.ci.high >= 1.0 / double(n));
    }

    void budgetReleaseGivesBackTheCall() {
        BudgetGuard guard(Money{100}, 1);
        QVERIFY(guard.reserve(Money{10}) == BudgetGuard::Refusal::None);
        guard.release(Money{10}); // never sent: neither money nor the call is used
        QCOMPARE(guard.reserved().pico, int64_t(0));
        QVERIFY(guard.reserve(Money{100}) == BudgetGuard::Refusal::None); // exactly the cap, the one call
        QVERIFY(guard.reserve(Money{0}) == BudgetGuard::Refusal::CallCap);
    }

    // Every figure of a strategy's row, on a run with a failed and an incomplete item.
    void reportFiguresWithFailedAndIncompleteItems() {
        TaskSet tasks;
        for (int i = 0; i < 5; ++i)
            tasks.items.push_back({"q" + std::to_string(i), "c", {}, {"x"}, {}, {}});
        auto outcome = [](const char* item, const char* strategy, double grade, double latency, OutcomeStatus st) {
            Outcome o;
            o.itemId = item, o.strategy = strategy, o.grade = grade, o.latencyMs = latency, o.status = st;
            return o;
        };
        const auto ok = OutcomeStatus::Complete;
        std::vector<Outcome> outcomes = {
            outcome("q0", "a", 1, 10, ok), outcome("q1", "a", 1, 20, ok), outcome("q2", "a", 0, 30, ok),
            outcome("q3", "a", 0, 40, OutcomeStatus::Failed), outcome("q4", "a", 0, 999, OutcomeStatus::Incomplete),
            // "b" and "c" tie on accuracy (2 of 5); "c" is cheaper, so it is the best single model.
            outcome("q0", "b", 1, 5, ok), outcome("q1", "b", 1, 5, ok), outcome("q2", "b", 0, 5, ok),
            outcome("q3", "b", 0, 5, ok), outcome("q4", "b", 0, 5, ok), outcome("q0", "c", 0, 5, ok),
            outcome("q1", "c", 1, 5, ok), outcome("q2", "c", 1, 5, ok), outcome("q3", "c", 0, 5, ok),
            outcome("q4", "c", 0, 5, ok)};
        std::vector<Call> calls;
        auto call = [&](const char* item, const char* strategy, int64_t pico) {
            Call c;
            c.itemId = item, c.strategy = strategy, c.cost = Money{pico}, c.role = CallRole::Answer;
            calls.push_back(c);
        };
        for (const char* item : {"q0", "q1", "q2", "q3", "q4", "q0"})
            call(item, "a", 100); // 6 calls, 600 pico, over 5 items
        for (const char* item : {"q0", "q1", "q2", "q3", "q4"})
            call(item, "b", 30), call(item, "c", 20);
        RunReport r = buildReport(1, outcomes, calls, tasks, {"b", "c"}, 1);
        QCOMPARE(r.bestSingle, std::string("c")); // the tie goes to the cheaper model
        const StrategyMetrics& a = r.strategies[0];
        QCOMPARE(a.items, int64_t(4));
        QCOMPARE(a.incomplete, int64_t(1));
        QCOMPARE(a.failed, int64_t(1));
        QCOMPARE(a.accuracy, 0.5);
        Interval ci = wilsonInterval(2, 4); // n is the graded items, not counting the incomplete one
        QCOMPARE(a.accuracyCi.low, ci.low);
        QCOMPARE(a.accuracyCi.high, ci.high);
        QCOMPARE(a.costPerItem->pico, int64_t(120)); // 600 over every item the run spent on
        QCOMPARE(a.costPerCorrect->pico, int64_t(300));
        QCOMPARE(a.callsPerItem, 1.2);
        QCOMPARE(a.latencyP50Ms, 25.0); // 10, 20, 30, 40: the incomplete item's 999 is left out
        QCOMPARE(a.latencyP95Ms, 38.5);
        int paired = 0;
        for (const auto& c : r.comparisons)
            if (c.strategy == "a" && c.against == "c") {
                ++paired;
                QCOMPARE(c.pairedItems, int64_t(4)); // q4 is incomplete for "a"
                QCOMPARE(c.wins, int64_t(1));        // a: 1,1,0,0 against c: 0,1,1,0 on q0..q3
                QCOMPARE(c.losses, int64_t(1));
                QCOMPARE(c.ties, int64_t(2));
            }
        QCOMPARE(paired, 1);
    }

    void reportOnAHandMadeRun() {
        TaskSet tasks;
        for (int i = 0; i < 4; ++i)
            tasks.items.push_back({"q" + std::to_string(i), i < 2 ? "math" : "text", {}, {"x"}, {}, {}});
        auto outcome = [](const char* item, const char* strategy, double grade, int64_t pico) {
            Outcome o;
            o.itemId = item, o.strategy = strategy, o.grade = grade, o.cost = Money{pico},
            o.latencyMs = 100 * grade + 10;
            return o;
        };
        std::vector<Outcome> outcomes = {outcome("q0", "cheap", 1, 10),  outcome("q1", "cheap", 0, 10),
                                         outcome("q2", "cheap", 0, 10),  outcome("q3", "cheap", 1, 10),
                                         outcome("q0", "strong", 1, 50), outcome("q1", "strong", 1, 50),
                                         outcome("q2", "strong", 1, 50), outcome("q3", "strong", 0, 50)};
        std::vector<Call> calls;
        for (const auto& o : outcomes) {
            Call c;
            c.itemId = o.itemId, c.strategy = o.strategy, c.cost = o.cost, c.role = CallRole::Answer;
            c.usage = TokenUsage::fromOpenAi(100, 0, 20, 0);
            calls.push_back(c);
        }
        calls.back().cost.reset(); // one call of unknown cost
        RunReport r = buildReport(1, outcomes, calls, tasks, {"cheap", "strong"}, 1);
        QCOMPARE(r.bestSingle, std::string("strong"));
        const StrategyMetrics& cheap = r.strategies[0];
        QCOMPARE(cheap.accuracy, 0.5);
        QCOMPARE(cheap.totalCost->pico, int64_t(40));
        QCOMPARE(cheap.costPerCorrect->pico, int64_t(20));
        QCOMPARE(cheap.tokensPerItem, 120.0);
        const StrategyMetrics& strong = r.strategies[1];
        QVERIFY(!strong.totalCost.has_value()); // unknown stays unknown
        QCOMPARE(strong.knownCost.pico, int64_t(150));
        QCOMPARE(strong.unknownCostCalls, int64_t(1));
        QCOMPARE(r.comparisons.size(), size_t(1));
        const Comparison& c = r.comparisons[0];
        QCOMPARE(c.delta.delta, -0.25);
        QCOMPARE(c.wins, int64_t(1));   // q3
        QCOMPARE(c.losses, int64_t(2)); // q1, q2
        QCOMPARE(c.ties, int64_t(1));
        QCOMPARE(c.mcnemarP, 1.0); // b=1, c=2: 2 * (1 + 3) / 8 > 1
        QCOMPARE(r.categories.size(), size_t(4));
        QVERIFY(toCsv(r).find("cheap,1,4,0,0,0.500000") != std::string::npos);
    }

    // Issue 19: a baseline cut short by a cancel (or the budget) no longer wins "best single
    // model" on the few items it finished. Grades per item q0..q3; "-" = incomplete, "" = no outcome.
    void bestSingleIsJudgedOnEveryItem_data() {
        QTest::addColumn<QStringList>("cheap");
        QTest::addColumn<QStringList>("strong");
        QTest::addColumn<QString>("best");
        QTest::newRow("both whole: the more accurate") << QStringList{"1", "0", "1", "1"}
                                                       << QStringList{"1", "1", "1", "1"} << "strong";
        QTest::newRow("strong cancelled: incomplete items") << QStringList{"1", "0", "1", "1"}
                                                            << QStringList{"1", "1", "-", "-"} << "cheap";
        QTest::newRow("strong cancelled: items never started") << QStringList{"1", "0", "1", "1"}
                                                               << QStringList{"1", "1", "", ""} << "cheap";
        QTest::newRow("neither whole: none") << QStringList{"1", "0", "-", ""} << QStringList{"1", "1", "1", "-"}
                                             << "";
    }
    void bestSingleIsJudgedOnEveryItem() {
        QFETCH(QStringList, cheap);
        QFETCH(QStringList, strong);
        QFETCH(QString, best);
        TaskSet tasks;
        for (int i = 0; i < 4; ++i)
            tasks.items.push_back({"q" + std::to_string(i), "math", {}, {"x"}, {}, {}});
        std::vector<Outcome> outcomes;
        for (const auto& [name, grades] : {std::pair{"cheap", cheap}, std::pair{"strong", strong}})
            for (int i = 0; i < 4; ++i) {
                if (grades[i].isEmpty()) continue;
                Outcome o;
                o.itemId = "q" + std::to_string(i), o.strategy = name, o.cost = Money{10};
                if (grades[i] == "-")
                    o.status = OutcomeStatus::Incomplete;
                else
                    o.grade = grades[i].toDouble();
                outcomes.push_back(o);
            }
        RunReport r = buildReport(1, outcomes, {}, tasks, {"cheap", "strong"}, 1);
        QCOMPARE(QString::fromStdString(r.bestSingle), best);
        // Both baselines are still reported and compared on the items they share.
        QCOMPARE(r.strategies.size(), size_t(2));
        QCOMPARE(r.comparisons.size(), size_t(best.isEmpty() ? 0 : 1));
    }
};

QTEST_GUILESS_MAIN(TestStatistics)
#include "tst_statistics.moc"
