// SPDX-License-Identifier: MIT
// The cost-per-item-by-role chart of many items (issue 14): beyond kCostByRoleBars items each bar
// is the mean known cost of a group of consecutive ranks, groups of even size, and what the means
// leave out (calls of unknown cost) is said, never shown as $0.

#include "run_charts.h"

#include <QApplication>
#include <QBarSet>
#include <QChart>
#include <QStackedBarSeries>
#include <QTest>
#include <QValueAxis>
#include <cmath>
#include <memory>

using namespace baton;

namespace {

/// n items, most expensive first: an answer of 2(n-i) millionths of a dollar, a judge call of
/// 1e-6 USD on every odd rank, and one call of unknown cost on rank 7.
std::vector<core::ItemCost> rankedItems(size_t n) {
    std::vector<core::ItemCost> items;
    for (size_t i = 0; i < n; ++i) {
        core::ItemCost c;
        c.itemId = "item-" + std::to_string(i);
        c.byRole[core::CallRole::Answer] = core::Money{int64_t(2 * (n - i)) * 1'000'000};
        if (i % 2) c.byRole[core::CallRole::Judge] = core::Money{1'000'000};
        c.total = c.byRole[core::CallRole::Answer] + (i % 2 ? core::Money{1'000'000} : core::Money{});
        c.unknownCostCalls = i == 7;
        items.push_back(c);
    }
    return items;
}

} // namespace

class TestRunCharts : public QObject {
    Q_OBJECT
private slots:
    // A 1M-call run has 66k items per strategy: drawn one bar each they held the GUI thread for
    // 0.3 s, on a chart narrower than its bars. Beyond kCostByRoleBars items a bar is the mean of
    // a group of consecutive ranks, per role: exactly kCostByRoleBars bars, bar b holding ranks
    // [b*n/bars, (b+1)*n/bars); the title and the axis say how many items are in a bar. With 501
    // items, ceil(n/bars) to a bar drew 251 bars (review of s11-i14, item 3).
    void manyItemsAreDrawnAsMeansOfRanks_data() {
        QTest::addColumn<int>("n");
        QTest::addColumn<QString>("perBar");
        QTest::newRow("3*bars-1") << int(3 * ui::kCostByRoleBars - 1) << "2-3";
        QTest::newRow("bars+1") << int(ui::kCostByRoleBars + 1) << "1-2";
        QTest::newRow("2*bars") << int(2 * ui::kCostByRoleBars) << "2";
    }
    void manyItemsAreDrawnAsMeansOfRanks() {
        QFETCH(int, n);
        QFETCH(QString, perBar);
        const size_t bars = ui::kCostByRoleBars;
        std::vector<core::ItemCost> items = rankedItems(size_t(n));
        std::unique_ptr<QChart> chart(ui::buildCostByRoleChart(items, "cheap-first"));
        auto* series = qobject_cast<QStackedBarSeries*>(chart->series().first());
        QVERIFY(series);
        QCOMPARE(series->count(), 2);
        for (QBarSet* set : series->barSets()) {
            QCOMPARE(size_t(set->count()), bars);
            const bool answer = set->label() == "answer";
            for (size_t bar = 0; bar < bars; ++bar) {
                double sum = 0;
                const size_t first = bar * size_t(n) / bars, end = (bar + 1) * size_t(n) / bars;
                for (size_t i = first; i < end; ++i)
                    sum += answer ? items[i].byRole[core::CallRole::Answer].usd() : (i % 2 ? 1e-6 : 0.0);
                QVERIFY2(std::abs(set->at(int(bar)) - sum / double(end - first)) < 1e-15,
                         qPrintable(QString::number(bar)));
            }
        }
        QVERIFY2(chart->title().contains(QString("%1 items").arg(n)) &&
                     chart->title().contains(QString("mean known cost of %1 items").arg(perBar)) &&
                     chart->title().contains("1 calls of unknown cost"),
                 qPrintable(chart->title()));
        auto* x = qobject_cast<QValueAxis*>(chart->axes(Qt::Horizontal).first());
        QVERIFY(x);
        QCOMPARE(x->max(), double(bars) - 0.5);
        QVERIFY2(x->titleText().contains(perBar + " to a bar"), qPrintable(x->titleText()));
        // Every rank is in exactly one group, in order, and group sizes differ by at most 1.
        std::vector<core::ItemCostGroup> groups = core::groupByRank(items, bars);
        QCOMPARE(groups.size(), bars);
        size_t next = 0, fewest = size_t(n), most = 0;
        for (const auto& g : groups) {
            QCOMPARE(g.first, next);
            next += g.size, fewest = std::min(fewest, g.size), most = std::max(most, g.size);
        }
        QCOMPARE(next, size_t(n));
        QVERIFY(most - fewest <= 1);
    }

    // Up to kCostByRoleBars items, one bar each, as before.
    void fewItemsAreDrawnOneBarEach() {
        std::vector<core::ItemCost> items = rankedItems(ui::kCostByRoleBars);
        std::unique_ptr<QChart> each(ui::buildCostByRoleChart(items, "cheap-first"));
        auto* one = qobject_cast<QStackedBarSeries*>(each->series().first());
        QCOMPARE(size_t(one->barSets().first()->count()), ui::kCostByRoleBars);
        QCOMPARE(one->barSets().first()->at(4), items[4].byRole[core::CallRole::Answer].usd());
        QVERIFY(!each->title().contains("mean"));
        QCOMPARE(core::groupByRank(items, 2 * ui::kCostByRoleBars).size(), items.size()); // n < bars: one each
    }

    // A group's mean counts known costs only: a group holding a call of unknown cost says, on
    // hover, how many it leaves out, never presenting that cost as $0 (review of s11-i14, item 2).
    void aGroupSaysWhatItsMeanLeavesOut() {
        std::vector<core::ItemCost> items = rankedItems(3 * ui::kCostByRoleBars - 1);
        items[8].unknownCostCalls = 2; // rank 7 is in group 2 (ranks [5, 8)), rank 8 in group 3 ([8, 11))
        std::vector<core::ItemCostGroup> groups = core::groupByRank(items, ui::kCostByRoleBars);
        int64_t unknown = 0;
        for (const auto& g : groups) {
            int64_t expected = 0;
            for (size_t i = g.first; i < g.first + g.size; ++i)
                expected += items[i].unknownCostCalls;
            QCOMPARE(g.unknownCostCalls, expected);
            unknown += g.unknownCostCalls;
            const QString text = ui::costGroupText(g, "answer", g.meanUsd.at(core::CallRole::Answer));
            QVERIFY2(text.startsWith(QString("items ranked %1-%2: answer $").arg(g.first + 1).arg(g.first + g.size)),
                     qPrintable(text));
            if (expected)
                QVERIFY2(
                    text.contains(QString("known costs only: %1 call(s) of unknown cost not counted").arg(expected)),
                    qPrintable(text));
            else
                QVERIFY2(!text.contains("unknown"), qPrintable(text));
        }
        QCOMPARE(unknown, int64_t(3));
    }
};

QTEST_MAIN(TestRunCharts)
#include "tst_run_charts.moc"
