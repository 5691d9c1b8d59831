// SPDX-License-Identifier: MIT
// The whole run's per-call cost chart (issue 14): calls counted per role on log bins with round
// edges (1, 2, 5 x 10^k), unknown costs, cache answers and $0 calls counted apart and never in a
// bin. Every expected figure is worked out here from the calls by brute force.

#include "eval/call_cost_histogram.h"

#include <QTest>
#include <cmath>
#include <random>

using namespace baton::core;

namespace {

Call call(const std::string& strategy, CallRole role, std::optional<double> usd, bool cached = false) {
    Call c;
    c.strategy = strategy, c.role = role, c.cacheHit = cached;
    if (usd) c.cost = Money::fromUsd(*usd);
    return c;
}

double mantissa(double v) {
    return v / std::pow(10.0, std::floor(std::log10(v) + 1e-9));
}

} // namespace

class TestCallCostHistogram : public QObject {
    Q_OBJECT
private slots:
    // 400 calls log-uniform over five decades, over two strategies and four roles, with unknown,
    // cached and $0 calls mixed in.
    void binsAndCountsOfAWholeRun() {
        std::mt19937 rng(1414);
        std::uniform_real_distribution<double> exponent(-6.3, -1.2);
        std::uniform_int_distribution<int> pick(0, 19);
        const CallRole roles[] = {CallRole::Answer, CallRole::Route, CallRole::Judge, CallRole::Aggregate};
        std::vector<Call> calls;
        int64_t unknown = 0, cached = 0, zero = 0;
        std::map<std::string, int64_t> unknownOf;
        double low = 1, high = 0;
        for (int i = 0; i < 400; ++i) {
            std::string strategy = i % 3 ? "cheap-first" : "sim/pro";
            CallRole role = roles[i % 4];
            int kind = pick(rng);
            if (kind == 0) {
                calls.push_back(call(strategy, role, std::nullopt)), ++unknown, ++unknownOf[strategy];
            } else if (kind == 1) {
                calls.push_back(call(strategy, role, std::pow(10.0, exponent(rng)), true)), ++cached;
            } else if (kind == 2) {
                calls.push_back(call(strategy, role, 0.0)), ++zero;
            } else {
                calls.push_back(call(strategy, role, std::pow(10.0, exponent(rng))));
                double usd = calls.back().cost->usd();
                low = std::min(low, usd), high = std::max(high, usd);
            }
        }
        QVERIFY(unknown > 0 && cached > 0 && zero > 0);
        RunCallCosts h = callCostHistograms(calls);

        // Round edges, each 2 or 2.5 times the last (log-spaced), around every known cost.
        QVERIFY(h.bins() >= 10);
        for (size_t i = 0; i < h.edges.size(); ++i) {
            double m = mantissa(h.edges[i]);
            QVERIFY2(std::abs(m - 1) < 1e-9 || std::abs(m - 2) < 1e-9 || std::abs(m - 5) < 1e-9,
                     qPrintable(QString::number(h.edges[i])));
            if (i == 0) continue;
            double ratio = h.edges[i] / h.edges[i - 1];
            QVERIFY(std::abs(ratio - 2) < 1e-9 || std::abs(ratio - 2.5) < 1e-9);
        }
        QVERIFY(h.edges.front() <= low && low < h.edges[1]);
        QVERIFY(h.edges[h.bins() - 1] <= high && high < h.edges.back());

        // Each bin holds exactly the paid calls of its role whose cost lies in [edge, next edge).
        for (CallRole role : roles) {
            QVERIFY(h.all.byRole.count(role));
            const auto& bins = h.all.byRole.at(role);
            QCOMPARE(bins.size(), h.bins());
            for (size_t b = 0; b < h.bins(); ++b) {
                int64_t expected = 0;
                for (const Call& c : calls)
                    expected += c.role == role && !c.cacheHit && c.cost && c.cost->pico > 0 &&
                                c.cost->usd() >= h.edges[b] && c.cost->usd() < h.edges[b + 1];
                QCOMPARE(bins[b], expected);
            }
        }
        int64_t paid = int64_t(calls.size()) - unknown - cached - zero;
        Money paidSum;
        for (const Call& c : calls)
            if (!c.cacheHit && c.cost) paidSum += *c.cost;
        QCOMPARE(h.all.paidCalls, paid);
        QCOMPARE(h.all.unknownCalls, unknown); // never in a bin, never as $0
        QCOMPARE(h.all.cachedCalls, cached);   // answered from the cache: not paid, not in a bin
        QCOMPARE(h.all.freeCalls, zero);
        QCOMPARE(h.all.paid, paidSum);
        QCOMPARE(h.all.calls(), int64_t(calls.size()));

        // Per strategy on the same bins; together they are the whole run.
        QCOMPARE(h.byStrategy.size(), size_t(2));
        for (const auto& [strategy, s] : h.byStrategy)
            QCOMPARE(s.unknownCalls, unknownOf[strategy]);
        for (CallRole role : roles)
            for (size_t b = 0; b < h.bins(); ++b) {
                int64_t sum = 0;
                for (const auto& [strategy, s] : h.byStrategy)
                    if (auto it = s.byRole.find(role); it != s.byRole.end()) sum += it->second[b];
                QCOMPARE(sum, h.all.byRole.at(role)[b]);
            }
    }

    // A cost exactly on an edge is in the bin it opens; the highest cost is inside the last bin.
    void edgesAreHalfOpen() {
        std::vector<Call> calls = {call("s", CallRole::Answer, 0.0002), call("s", CallRole::Answer, 0.0005),
                                   call("s", CallRole::Answer, 0.00031)};
        RunCallCosts h = callCostHistograms(calls);
        QCOMPARE(h.binOf(0.0002), size_t(0));
        QVERIFY(h.edges.front() <= 0.0002);
        QVERIFY(h.edges.back() > 0.0005);
        QCOMPARE(h.edges[h.binOf(0.0005)], 0.0005);
        const auto& bins = h.all.byRole.at(CallRole::Answer);
        QCOMPARE(h.binOf(0.00031), h.binOf(0.0002)); // [0.0002, 0.0005) holds both
        QCOMPARE(bins[h.binOf(0.00031)], int64_t(2));
        QCOMPARE(bins[h.binOf(0.0005)], int64_t(1));
    }

    // Nothing with a known cost: no bins, and the calls are still counted.
    void onlyUnknownAndCachedCalls() {
        RunCallCosts h = callCostHistograms({call("s", CallRole::Answer, std::nullopt),
                                             call("s", CallRole::Judge, 0.01, true)});
        QCOMPARE(h.bins(), size_t(0));
        QCOMPARE(h.all.unknownCalls, int64_t(1));
        QCOMPARE(h.all.cachedCalls, int64_t(1));
        QVERIFY(h.all.byRole.empty());
        QCOMPARE(callCostHistograms({}).all.calls(), int64_t(0));
    }
};

QTEST_GUILESS_MAIN(TestCallCostHistogram)
#include "tst_call_cost_histogram.moc"
