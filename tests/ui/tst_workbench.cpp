// The workbench on a small demo workspace: a run from the Run page, off the GUI thread, whose
// Results table shows exactly the core report's figures; the table model under
// QAbstractItemModelTester; chart exports that are real PNG, SVG and PDF files.

#include "comparison_model.h"
#include "cost_accuracy_chart.h"
#include "demo_workspace.h"
#include "inspector_page.h"
#include "main_window.h"
#include "results_page.h"
#include "routing_tree_model.h"
#include "run_page.h"
#include "store/run_store.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace baton;

class TestWorkbench : public QObject {
    Q_OBJECT
private slots:
    void runFromTheGuiMatchesTheCoreReport() {
        QTemporaryDir dir;
        auto demo = ui::DemoWorkspace::open(dir.filePath("demo.db"), 2);
        QVERIFY2(demo, demo ? "" : demo.error().describe().c_str());
        ui::MainWindow window(demo->get());
        window.show();
        ui::RunPage* run = window.runPage();
        run->selectStrategies({"by-category", "cheap-first", "mixture"}); // "nearest" needs an earlier baseline run
        QSignalSpy finished(run, &ui::RunPage::runFinished);
        run->startRun();
        QVERIFY(finished.wait(60000));
        qint64 runId = finished.first().first().toLongLong();
        QCOMPARE(window.currentPage(), 3); // the results are shown

        auto reader = (*demo)->reader();
        auto report = core::loadRunReport(**reader, runId).value();
        const ui::ComparisonModel& model = window.resultsPage()->model();
        QCOMPARE(model.rowCount(), int(report.strategies.size()));
        QCOMPARE(model.rowCount(), 6 + 3);
        for (int row = 0; row < model.rowCount(); ++row) {
            const auto& m = report.strategies[size_t(row)];
            QCOMPARE(model.index(row, ui::ComparisonModel::Strategy).data().toString(), QString::fromStdString(m.name));
            QCOMPARE(model.index(row, ui::ComparisonModel::Accuracy).data(Qt::UserRole).toDouble(), m.accuracy);
            QCOMPARE(model.index(row, ui::ComparisonModel::TotalCost).data(Qt::UserRole).toDouble(),
                     m.totalCost->usd());
        }
        // The inspector shows every item of a strategy, and its filter agrees with the core.
        ui::InspectorPage* inspector = window.inspectorPage();
        inspector->setStrategy("cheap-first");
        QCOMPARE(inspector->visibleItems().size(), 12);
        QAbstractItemModelTester tester(const_cast<ui::RoutingTreeModel*>(&inspector->treeModel()),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        inspector->showItem("code-001");
        QVERIFY(inspector->treeModel().rowCount() >= 1);
        QCOMPARE(inspector->treeModel().index(0, ui::RoutingTreeModel::Role).data().toString(), QString("answer"));
        auto outcomes = core::loadOutcomes(**reader, runId).value();
        std::vector<std::string> baselines;
        for (const auto& m : report.strategies)
            if (m.baseline) baselines.push_back(m.name);
        auto expected = core::wrongWhileABaselineWasRight(outcomes, "cheap-first", baselines);
        inspector->setOnlyWrongWhileBaselineRight(true);
        QCOMPARE(inspector->visibleItems().size(), int(expected.size()));
        inspector->setOnlyWrongWhileBaselineRight(false);
        inspector->showItem("code-001");
        if (QString shots = qEnvironmentVariable("BATON_SCREENSHOT_DIR"); !shots.isEmpty()) {
            window.resize(1280, 900);
            window.showPage(3);
            QTest::qWait(200);
            window.grab().save(shots + "/results.png");
            window.showPage(2);
            QTest::qWait(200);
            window.grab().save(shots + "/run.png");
            window.showPage(4);
            QTest::qWait(200);
            window.grab().save(shots + "/inspector.png");
        }
    }

    void routingTreeFoldsAttempts() {
        auto call = [](const char* node, const char* parent, int attempt, std::optional<int64_t> cost) {
            core::Call c;
            c.itemId = "q", c.strategy = "s", c.nodeId = node, c.parentNodeId = parent, c.attempt = attempt;
            if (cost) c.cost = core::Money{*cost};
            return c;
        };
        std::vector<core::Call> calls = {call("0", "", 1, 10), call("0.s", "0", 1, std::nullopt), call("0", "", 2, 5),
                                         call("1", "0", 1, 7), call("0.s", "0", 2, 3)};
        auto tree = core::buildRoutingTree(calls, "q", "s");
        QCOMPARE(tree.nodes.size(), size_t(3));
        QCOMPARE(tree.roots.size(), size_t(1));
        const auto& root = tree.nodes[tree.roots[0]];
        QCOMPARE(root.attempts, 2);
        QCOMPARE(root.cost->pico, int64_t(15));
        QCOMPARE(root.call.attempt, 2);
        QCOMPARE(root.children.size(), size_t(2));
        QVERIFY(!tree.nodes[root.children[0]].cost.has_value()); // one attempt of unknown cost: unknown
        ui::RoutingTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setTree(tree);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.rowCount(model.index(0, 0)), 2);
        QCOMPARE(model.index(0, ui::RoutingTreeModel::Status, model.index(0, 0))
                     .data()
                     .toString()
                     .contains("after 2 attempts"),
                 true);
    }

    void modelPassesTheTester() {
        ui::ComparisonModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        core::RunReport report;
        core::StrategyMetrics m;
        m.name = "a";
        m.items = 10;
        m.accuracy = 0.5;
        report.strategies = {m, m};
        model.setReport(report);
        QCOMPARE(model.rowCount(), 2);
        model.setReport({});
        QCOMPARE(model.rowCount(), 0);
    }

    void frontierKeepsOnlyUnbeatenPoints() {
        auto f = ui::costQualityFrontier({{0.01, 0.9}, {0.001, 0.5}, {0.002, 0.4}, {0.005, 0.8}, {0.02, 0.85}});
        QCOMPARE(f.size(), size_t(3));
        QCOMPARE(f[0], QPointF(0.001, 0.5));
        QCOMPARE(f[1], QPointF(0.005, 0.8));
        QCOMPARE(f[2], QPointF(0.01, 0.9));
    }

    void chartExportsAreRealFiles_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("magic");
        QTest::newRow("png") << "chart.png" << QByteArray("\x89PNG");
        QTest::newRow("svg") << "chart.svg" << QByteArray("<?xml");
        QTest::newRow("pdf") << "chart.pdf" << QByteArray("%PDF");
    }
    void chartExportsAreRealFiles() {
        QFETCH(QString, name);
        QFETCH(QByteArray, magic);
        ui::ResultsPage page;
        core::RunReport report;
        core::StrategyMetrics m;
        m.name = "sim/nano", m.baseline = true, m.items = 10, m.accuracy = 0.4,
        m.costPerItem = core::Money::fromUsd(0.0001);
        report.strategies.push_back(m);
        m.name = "mix", m.baseline = false, m.accuracy = 0.9, m.costPerItem = core::Money::fromUsd(0.003);
        report.strategies.push_back(m);
        page.setReport(report);
        page.resize(900, 700);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QTemporaryDir dir;
        QString error;
        QVERIFY2(page.exportChart(dir.filePath(name), &error), qPrintable(error));
        QFile file(dir.filePath(name));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QByteArray bytes = file.readAll();
        QVERIFY(bytes.startsWith(magic));
        QVERIFY(bytes.size() > 1000);
        QVERIFY(!page.exportChart(dir.filePath("chart.bmpx"), &error));
        QVERIFY(page.exportTable(dir.filePath("t.csv"), &error));
    }
};

QTEST_MAIN(TestWorkbench)
#include "tst_workbench.moc"
