// SPDX-License-Identifier: MIT
// The breakdowns behind the workbench charts: cost per item by role (unknown costs counted
// apart, never as 0; items most expensive first) and log-spaced latency histograms.

#include "core_printers.h"
#include "eval/routing_tree.h"
#include "eval/run_breakdown.h"

#include <QTest>

using namespace baton::core;

namespace {

Call call(const char* item, const char* strategy, CallRole role, std::optional<double> usd) {
    Call c;
    c.itemId = item, c.strategy = strategy, c.role = role;
    if (usd) c.cost = Money::fromUsd(*usd);
    return c;
}

Outcome outcome(const char* item, const char* strategy, std::optional<double> grade,
                OutcomeStatus status = OutcomeStatus::Complete) {
    Outcome o;
    o.itemId = item, o.strategy = strategy, o.grade = grade, o.status = status;
    return o;
}

} // namespace

class TestRunBreakdown : public QObject {
    Q_OBJECT
private slots:
    // The Inspector's "wrong while a baseline was right" filter, worked out by hand per item:
    // a: cheap wrong (0.4 < 0.5), base1 right          -> listed
    // b: cheap right (exactly 0.5), base1 right        -> not
    // c: cheap wrong, base1 wrong, base2 right          -> listed (any baseline)
    // d: cheap wrong, only a non-baseline right         -> not
    // e: cheap failed (no grade: wrong), base2 right    -> listed
    // f: cheap incomplete, base1 right                  -> not (incomplete counts neither way)
    // g: cheap wrong, base1 right but incomplete        -> not
    // h: cheap wrong, base1 right at exactly 0.5        -> listed
    void wrongWhileABaselineWasRightByHand() {
        std::vector<Outcome> outcomes = {
            outcome("a", "cheap", 0.4),  outcome("a", "base1", 1.0),
            outcome("b", "cheap", 0.5),  outcome("b", "base1", 1.0),
            outcome("c", "cheap", 0.0),  outcome("c", "base1", 0.0), outcome("c", "base2", 0.9),
            outcome("d", "cheap", 0.0),  outcome("d", "other", 1.0),
            outcome("e", "cheap", std::nullopt, OutcomeStatus::Failed), outcome("e", "base2", 1.0),
            outcome("f", "cheap", std::nullopt, OutcomeStatus::Incomplete), outcome("f", "base1", 1.0),
            outcome("g", "cheap", 0.0),  outcome("g", "base1", 1.0, OutcomeStatus::Incomplete),
            outcome("h", "cheap", 0.0),  outcome("h", "base1", 0.5),
        };
        QCOMPARE(wrongWhileABaselineWasRight(outcomes, "cheap", {"base1", "base2"}),
                 (std::vector<std::string>{"a", "c", "e", "h"}));
        QCOMPARE(wrongWhileABaselineWasRight(outcomes, "cheap", {"base1"}), (std::vector<std::string>{"a", "h"}));
        QCOMPARE(wrongWhileABaselineWasRight(outcomes, "cheap", {}), std::vector<std::string>{});
    }

    void costPerItemSplitsByRole() {
        std::vector<Call> calls = {
            call("a", "moa", CallRole::Propose, 0.001),          call("a", "moa", CallRole::Propose, 0.002),
            call("a", "moa", CallRole::Aggregate, 0.010),        call("b", "moa", CallRole::Propose, 0.004),
            call("b", "moa", CallRole::Aggregate, std::nullopt), call("c", "other", CallRole::Answer, 9.0),
            call("d", "moa", CallRole::Propose, 0.004)};
        auto items = costByItemAndRole(calls, "moa");
        QCOMPARE(items.size(), size_t(3));
        QCOMPARE(items[0].itemId, std::string("a"));
        QCOMPARE(items[0].total, Money::fromUsd(0.013));
        QCOMPARE(items[0].byRole.at(CallRole::Propose), Money::fromUsd(0.003));
        QCOMPARE(items[1].itemId, std::string("b")); // ties keep item order
        QCOMPARE(items[1].total, Money::fromUsd(0.004));
        QCOMPARE(items[1].unknownCostCalls, int64_t(1));
        QVERIFY(!items[1].byRole.contains(CallRole::Aggregate)); // unknown is not drawn as 0
        QCOMPARE(items[2].itemId, std::string("d"));
        QVERIFY(costByItemAndRole(calls, "none").empty());
        // Every strategy in one pass: the same as one at a time, and nothing for a strategy without calls.
        auto all = costByItemAndRole(calls);
        QCOMPARE(all.size(), size_t(2));
        for (const std::string s : {"moa", "other"}) {
            auto one = costByItemAndRole(calls, s);
            QCOMPARE(all.at(s).size(), one.size());
            for (size_t i = 0; i < one.size(); ++i)
                QVERIFY(all.at(s)[i].itemId == one[i].itemId && all.at(s)[i].total == one[i].total &&
                        all.at(s)[i].byRole == one[i].byRole && all.at(s)[i].unknownCostCalls == one[i].unknownCostCalls);
        }
    }

    void logHistogramBinsEvenlyInLog() {
        auto h = logHistogram({1, 10, 100, 1000, 0, -5}, 3);
        QCOMPARE(h.edges.size(), size_t(4));
        QCOMPARE(h.edges.front(), 1.0);
        QCOMPARE(h.edges.back(), 1000.0);
        QVERIFY(qAbs(h.edges[1] - 10) < 1e-9 && qAbs(h.edges[2] - 100) < 1e-9);
        QCOMPARE(h.counts, std::vector<int64_t>({1, 1, 2})); // the last bin includes its end
        QCOMPARE(countInBins({0.5, 1, 5, 50, 999, 1000, 2000}, h.edges), std::vector<int64_t>({2, 1, 2}));
        QVERIFY(logHistogram({}, 5).edges.empty());
        auto one = logHistogram({42, 42}, 4);
        QCOMPARE(one.counts.size(), size_t(4));
        QCOMPARE(one.counts[0] + one.counts[1] + one.counts[2] + one.counts[3], int64_t(2));
    }

    void latenciesLeaveOutAnswersWithoutOne() {
        Outcome a, b, c, d;
        a.strategy = b.strategy = c.strategy = "s", d.strategy = "t";
        a.latencyMs = 120, b.latencyMs = 0, d.latencyMs = 5; // b came from the cache, c has none
        QCOMPARE(latenciesOf({a, b, c, d}, "s"), std::vector<double>({120}));
    }

    void latencyHistogramsShareOneSetOfBins() {
        std::vector<Outcome> outcomes;
        for (double ms : {1.0, 10.0, 100.0, 0.0}) { // 0: answered from the cache
            outcomes.push_back(outcome("x", "a", 1.0));
            outcomes.back().latencyMs = ms;
        }
        outcomes.push_back(outcome("y", "a", 1.0)); // no latency at all
        for (double ms : {1000.0, 1000.0}) {
            outcomes.push_back(outcome("x", "b", 1.0));
            outcomes.back().latencyMs = ms;
        }
        outcomes.push_back(outcome("x", "c", 1.0));
        auto h = latencyHistograms(outcomes, {"b", "a", "c"}, 3);
        // The bins span every strategy's latencies (1 to 1000 ms), not one strategy's.
        QCOMPARE(h.edges.size(), size_t(4));
        QCOMPARE(h.edges.front(), 1.0);
        QCOMPARE(h.edges.back(), 1000.0);
        QCOMPARE(h.counts.size(), size_t(3)); // in the order asked
        QCOMPARE(h.counts[0].first, std::string("b"));
        QCOMPARE(h.counts[0].second, std::vector<int64_t>({0, 0, 2}));
        QCOMPARE(h.counts[1].first, std::string("a"));
        QCOMPARE(h.counts[1].second, std::vector<int64_t>({1, 1, 1})); // the cached and the missing left out
        QCOMPARE(h.counts[2].first, std::string("c"));
        QVERIFY(h.counts[2].second.empty()); // no latency measured
        QVERIFY(latencyHistograms({}, {"a"}, 3).counts.at(0).second.empty());
    }
};

QTEST_GUILESS_MAIN(TestRunBreakdown)
#include "tst_run_breakdown.moc"
