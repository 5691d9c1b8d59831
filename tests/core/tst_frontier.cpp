// The cost-quality frontier: the non-decreasing convex hull of (cost, quality) points.

#include "eval/frontier.h"

#include <QTest>

using namespace baton::core;

using Points = std::vector<CostQualityPoint>;
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
            << Points{{"c", 0.01, 0.9}, {"a", 0.001, 0.5}, {"b", 0.002, 0.4}, {"m", 0.005, 0.8}, {"d", 0.02, 0.85}}
            << std::vector<std::string>{"a", "m", "c"};
        // m is better than a, but the chord a-c passes above it at its cost (0.7 > 0.6): mixing a
        // and c at random beats m, so m is off the hull although a staircase would keep it.
        QTest::newRow("under the chord") << Points{{"a", 0, 0.5}, {"m", 1, 0.6}, {"c", 2, 0.9}}
                                         << std::vector<std::string>{"a", "c"};
        QTest::newRow("on the chord") << Points{{"a", 0, 0.5}, {"m", 1, 0.7}, {"c", 2, 0.9}}
                                      << std::vector<std::string>{"a", "c"};
        QTest::newRow("above the chord") << Points{{"a", 0, 0.5}, {"m", 1, 0.75}, {"c", 2, 0.9}}
                                         << std::vector<std::string>{"a", "m", "c"};
        QTest::newRow("same cost: the better one") << Points{{"worse", 1, 0.4}, {"better", 1, 0.6}}
                                                   << std::vector<std::string>{"better"};
        QTest::newRow("empty") << Points{} << std::vector<std::string>{};
    }
    void hull() {
        QFETCH(Points, points);
        QFETCH(std::vector<std::string>, expected);
        std::vector<std::string> names;
        for (const auto& p : costQualityFrontier(points))
            names.push_back(p.name);
        QCOMPARE(names, expected);
    }
};

QTEST_GUILESS_MAIN(TestFrontier)
#include "tst_frontier.moc"
