// Statistics against figures computed by hand, and the report on a small hand-made run.

#include "core_printers.h"
#include "eval/run_report.h"
#include "eval/statistics.h"
#include "run/budget_guard.h"
#include "util/redact.h"

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
