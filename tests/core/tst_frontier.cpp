// SPDX-License-Identifier: MIT
// The cost-quality frontier: the non-decreasing convex hull of (cost, quality) points (the run
// report's frontier).

#include "eval/frontier.h"

#include <QTest>

using namespace baton::core;

using Points = std::vector<CurvePoint>;
Q_DECLARE_METATYPE(Points)
Q_DECLARE_METATYPE(std::vector<std::string>)

class TestFrontier : public QObject {
    Q_OBJECT
private slots:
    void hull_data() {
        QTest::addColumn<Points>("points");
        QTest::addColumn<std::vector<std::string>>("expected");
        // b is dearer than a and no better; d is dearer than c and worse.
        QTest::newRow("dominated points dropped")
            << Points{{0.01, 0.9, "c"}, {0.001, 0.5, "a"}, {0.002, 0.4, "b"}, {0.005, 0.8, "m"}, {0.02, 0.85, "d"}}
            << std::vector<std::string>{"a", "m", "c"};
        // m is better than a, but the chord a-c passes above it at its cost (0.7 > 0.6): mixing a
        // and c at random beats m, so m is off the hull although a staircase would keep it.
        QTest::newRow("under the chord") << Points{{0, 0.5, "a"}, {1, 0.6, "m"}, {2, 0.9, "c"}}
                                         << std::vector<std::string>{"a", "c"};
        QTest::newRow("on the chord") << Points{{0, 0.5, "a"}, {1, 0.7, "m"}, {2, 0.9, "c"}}
                                      << std::vector<std::string>{"a", "c"};
        QTest::newRow("above the chord") << Points{{0, 0.5, "a"}, {1, 0.75, "m"}, {2, 0.9, "c"}}
                                         << std::vector<std::string>{"a", "m", "c"};
        QTest::newRow("same cost: the better one") << Points{{1, 0.4, "worse"}, {1, 0.6, "better"}}
                                                   << std::vector<std::string>{"better"};
        QTest::newRow("empty") << Points{} << std::vector<std::string>{};
    }
    void hull() {
        QFETCH(Points, points);
        QFETCH(std::vector<std::string>, expected);
        std::vector<std::string> names;
        for (const auto& p : nonDecreasingHull(points))
            names.push_back(p.label);
        QCOMPARE(names, expected);
    }
};

QTEST_GUILESS_MAIN(TestFrontier)
#include "tst_frontier.moc"
