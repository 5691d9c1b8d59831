// SPDX-License-Identifier: MIT
// The routing tree drawn as a graph: the DOT text Graphviz gets, and the layout it gives back
// (every node placed once, edges parent -> child, children below their parent, no two boxes
// overlapping), with fill colours by role and borders by verdict for a tree known by hand.

#include "call_fixture.h"
#include "core_printers.h"
#include "eval/call_timeline.h"
#include "eval/routing_graph.h"

#include <QTest>
#include <set>

using namespace baton::core;

namespace {
QString name(NodeVerdict v) { // compared as words, so a mismatch prints readably
    return QString::fromStdString(toString(v));
}
} // namespace

namespace {

// The logged cascade (call_fixture.h) and a cached verify (1.v).
std::vector<Call> cascade() {
    auto calls = baton::test::loggedCascade();
    auto cached = baton::test::cascadeCall("1.v", "1", CallRole::Verify, CallStatus::Ok, 0.0005);
    cached.cacheHit = true;
    calls.push_back(cached);
    return calls;
}

} // namespace

class TestRoutingGraph : public QObject {
    Q_OBJECT
private slots:
    void finalNodeIsTheLastAnswerThatSucceeded() {
        RoutingTree tree = buildRoutingTree(cascade(), "q1", "cascade");
        QCOMPARE(tree.nodes.size(), size_t(5)); // "1" twice is one node of two attempts
        QCOMPARE(finalNode(tree), std::optional<size_t>(2));
        QCOMPARE(name(nodeVerdict(tree, 2, 1.0)), name(NodeVerdict::FinalRight));
        QCOMPARE(name(nodeVerdict(tree, 2, 0.0)), name(NodeVerdict::FinalWrong));
        QCOMPARE(name(nodeVerdict(tree, 2, std::nullopt)), name(NodeVerdict::FinalUngraded));
        QCOMPARE(name(nodeVerdict(tree, 0, 1.0)), name(NodeVerdict::Ok)); // answered, but not what was kept
        QCOMPARE(name(nodeVerdict(tree, 3, 1.0)), name(NodeVerdict::Failed));
    }

    void dotCarriesColoursLabelsAndEdges() {
        RoutingTree tree = buildRoutingTree(cascade(), "q1", "cascade");
        std::string dot = routingGraphDot(tree, 0.0);
        QVERIFY(dot.find("n0 -> n1;") != std::string::npos);
        QVERIFY(dot.find("n1 -> n2;") != std::string::npos);
        QVERIFY(dot.find("n2 -> n4;") != std::string::npos);
        QVERIFY(dot.find("-> n3") == std::string::npos); // the route call is a root
        // Node 2: answer fill, wrong-final border, cost of both attempts, "x2".
        std::string n2 = dot.substr(dot.find("  n2 ["), dot.find('\n', dot.find("  n2 [")) - dot.find("  n2 ["));
        QVERIFY2(n2.find("fillcolor=\"" + roleColour(CallRole::Answer) + "\"") != std::string::npos, n2.c_str());
        QVERIFY2(n2.find("color=\"" + verdictColour(NodeVerdict::FinalWrong) + "\"") != std::string::npos, n2.c_str());
        QVERIFY2(n2.find("#3 answer\\nsim/cheap\\n" + formatUsd(Money::fromUsd(0.007)) + " x2") != std::string::npos,
                 n2.c_str());
        QVERIFY(dot.find("cost unknown") != std::string::npos); // the route call's cost is unknown, not $0
        QVERIFY(dot.find("dashed") != std::string::npos);       // the cached verify
    }

    void graphvizPlacesEveryNodeOnce() {
        RoutingTree tree = buildRoutingTree(cascade(), "q1", "cascade");
        auto graph = layoutRoutingGraph(tree, 1.0);
        QVERIFY2(graph.has_value(), graph ? "" : graph.error().message.c_str());
        QCOMPARE(graph->nodes.size(), size_t(5));
        std::set<std::pair<size_t, size_t>> edges;
        for (const auto& e : graph->edges) {
            edges.insert({e.from, e.to});
            QVERIFY(e.points.size() >= 4 && (e.points.size() - 1) % 3 == 0); // cubic Bézier pieces
        }
        QCOMPARE(edges, (std::set<std::pair<size_t, size_t>>{{0, 1}, {1, 2}, {2, 4}}));
        for (const auto& e : graph->edges) // top to bottom: a child lies below its parent
            QVERIFY(graph->nodes[e.to].y > graph->nodes[e.from].y);
        for (size_t i = 0; i < graph->nodes.size(); ++i) {
            const auto& a = graph->nodes[i];
            QCOMPARE(a.node, i);
            QVERIFY(a.x - a.width / 2 >= -0.5 && a.x + a.width / 2 <= graph->width + 0.5);
            QVERIFY(a.y - a.height / 2 >= -0.5 && a.y + a.height / 2 <= graph->height + 0.5);
            for (size_t j = i + 1; j < graph->nodes.size(); ++j) {
                const auto& b = graph->nodes[j];
                bool apart = std::abs(a.x - b.x) >= (a.width + b.width) / 2 || std::abs(a.y - b.y) >= (a.height + b.height) / 2;
                QVERIFY2(apart, qPrintable(QString("nodes %1 and %2 overlap").arg(i).arg(j)));
            }
        }
        QCOMPARE(graph->nodes[2].border, verdictColour(NodeVerdict::FinalRight));
        QCOMPARE(graph->nodes[3].fill, roleColour(CallRole::Route));
        QCOMPARE(graph->nodes[3].border, verdictColour(NodeVerdict::Failed));
        QVERIFY(graph->nodes[4].cached);
        QVERIFY(roleColour(CallRole::Answer) != roleColour(CallRole::Judge));
    }

    void emptyTreeIsAnEmptyGraph() {
        auto graph = layoutRoutingGraph({}, std::nullopt);
        QVERIFY(graph.has_value());
        QVERIFY(graph->nodes.empty() && graph->edges.empty());
    }

    // Times in the log -> the waterfall: origin at the first start, latency as logged (the
    // wall clock for a cached call), first byte only when streamed, overlaps counted.
    void callTimelineFromTheLog() {
        auto timed = [](const char* node, int64_t start, int64_t finish, std::optional<double> latency,
                        std::optional<double> ttft, bool cached = false) {
            Call c = baton::test::cascadeCall(node, "", CallRole::Answer, CallStatus::Ok, 0.001);
            c.startedAtMs = 5000 + start, c.finishedAtMs = 5000 + finish, c.latencyMs = latency, c.ttftMs = ttft;
            c.cacheHit = cached;
            return c;
        };
        CallTimeline t = callTimeline({timed("late", 900, 950, 40, 10), timed("first", 0, 610, 600, 150),
                                       timed("cached", 100, 102, 4000, 900, true), timed("wall", 300, 700, std::nullopt, {})});
        QCOMPARE(t.bars.size(), size_t(4));
        QCOMPARE(QString::fromStdString(t.bars[0].call.nodeId), QString("first"));
        QCOMPARE(t.bars[0].startMs, 0.0);
        QCOMPARE(t.bars[0].endMs, 600.0);            // the logged latency, not the wall 610
        QCOMPARE(*t.bars[0].firstByteMs, 150.0);
        QCOMPARE(t.bars[1].endMs, 102.0);            // cached: its real 2 ms, not the first call's 4 s
        QVERIFY(!t.bars[1].firstByteMs);
        QCOMPARE(t.bars[2].endMs, 700.0);            // no latency logged: the wall clock
        QCOMPARE(t.bars[3].startMs, 900.0);
        QCOMPARE(t.bars[3].endMs, 940.0);
        QCOMPARE(t.spanMs, 940.0);
        QCOMPARE(t.maxParallel, 2);                  // cached ended before wall started
        QCOMPARE(t.bars[0].overlapping, 2);
        QCOMPARE(t.bars[3].overlapping, 0);
        QVERIFY(callTimeline({}).bars.empty());
    }
};

QTEST_GUILESS_MAIN(TestRoutingGraph)
#include "tst_routing_graph.moc"
