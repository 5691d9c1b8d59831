// The workbench on a small demo workspace: a run from the Run page, off the GUI thread, whose
// Results table shows exactly the core report's figures; the table model under
// QAbstractItemModelTester; chart exports that are real PNG, SVG and PDF files.

#include "comparison_model.h"
#include "cost_accuracy_chart.h"
#include "demo_workspace.h"
#include "main_window.h"
#include "results_page.h"
#include "run_page.h"

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
            QCOMPARE(model.index(row, ui::ComparisonModel::TotalCost).data(Qt::UserRole).toDouble(), m.totalCost->usd());
        }
        if (QString shots = qEnvironmentVariable("BATON_SCREENSHOT_DIR"); !shots.isEmpty()) {
            window.resize(1280, 900);
            window.showPage(3);
            QTest::qWait(200);
            window.grab().save(shots + "/results.png");
            window.showPage(2);
            QTest::qWait(200);
            window.grab().save(shots + "/run.png");
        }
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
        m.name = "sim/nano", m.baseline = true, m.items = 10, m.accuracy = 0.4, m.costPerItem = core::Money::fromUsd(0.0001);
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
