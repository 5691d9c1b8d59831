// SPDX-License-Identifier: MIT
// Run history and onboarding (issue 14): past runs open after a restart and two runs compare
// (finding 1); the first start lands on Run with a hint, the File menu has pools, workspaces
// and recent files, Help has shortcuts (12); the demo workspace path names Baton once (13). The
// run list and the comparison run under QAbstractItemModelTester.

#include "comparison_model.h"
#include "eval/run_report.h"
#include "inspector_page.h"
#include "main_window.h"
#include "pools_page.h"
#include "results_page.h"
#include "routing_tree_model.h"
#include "run_page.h"
#include "run_page_start.h"
#include "runs_page.h"
#include "settings.h"
#include "store/run_store.h"
#include "store/task_set_store.h"
#include "workbench_session.h"

#include <QAbstractItemModelTester>
#include <QChart>
#include <QCheckBox>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace baton;

namespace {

QStringList actionTexts(const QMenu* menu) {
    QStringList texts;
    for (const QAction* a : menu->actions())
        texts << a->text().remove('&');
    return texts;
}

QAction* actionNamed(const QMenu* menu, const QString& text) {
    for (QAction* a : menu->actions())
        if (a->text().remove('&') == text) return a;
    return nullptr;
}

const QMenu* menuNamed(const QMainWindow& window, const QString& title) {
    for (const QAction* a : window.menuBar()->actions())
        if (a->text().remove('&') == title) return a->menu();
    return nullptr;
}

/// Runs the given strategies (and the baselines) on the demo from a Run page; the run's id.
qint64 runOnce(ui::WorkbenchSession& session, const QStringList& strategies, bool baselines = true) {
    ui::RunPage run(session);
    run.confirm = [](const QString&) { return true; };
    run.selectStrategies(strategies);
    if (!baselines) run.findChild<QCheckBox*>("baselines")->setChecked(false);
    QSignalSpy finished(&run, &ui::RunPage::runFinished);
    if (!baton::test::startAndWait(run) || !finished.wait(120000)) return 0;
    return finished.last().first().toLongLong();
}

} // namespace

class TestRunsPage : public QObject {
    Q_OBJECT
private slots:
    void init() {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }

    // Finding 1: after a restart the last run is shown again; any run opens; two runs compare.
    void pastRunsOpenAndCompare() {
        QTemporaryDir dir;
        auto session = ui::WorkbenchSession::openDemo(dir.filePath("w.db"), 1);
        QVERIFY(session);
        qint64 first = runOnce(**session, {"by-category"});
        qint64 second = runOnce(**session, {"by-category"});
        QVERIFY(first > 0 && second > first);

        // A "restart": a new window on the same workspace shows the newest run without a click.
        ui::MainWindow window(session->get());
        // Every model of the page under the tester while it is filled, reset and filled again.
        using Tester = QAbstractItemModelTester;
        Tester historyTester(const_cast<ui::RunHistoryModel*>(&window.runsPage()->historyModel()),
                             Tester::FailureReportingMode::QtTest);
        Tester pairTester(const_cast<ui::RunPairModel*>(&window.runsPage()->pairModel()),
                          Tester::FailureReportingMode::QtTest);
        QSignalSpy shown(&window, &ui::MainWindow::runShown);
        window.show();
        QVERIFY(shown.wait(30000));
        QCOMPARE(shown.first().first().toLongLong(), second);
        QCOMPARE(window.resultsPage()->model().rowCount(), 6 + 1);
        QCOMPARE(window.inspectorPage()->visibleItems().size(), 6);
        ui::RunsPage* runs = window.runsPage();
        QCOMPARE(runs->historyModel().rowCount(), 2);
        QCOMPARE(runs->historyModel().runs().front().id, second); // newest first
        QVERIFY(runs->historyModel().runs().front().totals.calls > 0);

        // Findings 4 and 8: the item view says why; the second run was answered from the cache,
        // which the calls say, with the latency recorded when each answer was first made.
        ui::InspectorPage* inspector = window.inspectorPage();
        inspector->setStrategy("by-category");
        QTRY_VERIFY(!inspector->isListing()); // another strategy's grades are read off the GUI thread
        const QString itemId = inspector->visibleItems().first();
        inspector->showItem(itemId);
        QTRY_VERIFY(inspector->shownItem() == itemId && !inspector->isLoading()); // read off the GUI thread
        auto reader = (*session)->reader();
        auto outcomes = core::loadOutcomes(**reader, second).value();
        auto tasks = core::loadTaskSet(**reader, core::loadRun(**reader, second)->taskSetHash).value();
        const core::TaskItem& item = *std::ranges::find(tasks.items, itemId.toStdString(), &core::TaskItem::id);
        QString text = inspector->itemText();
        const QString plain = text.simplified(); // HTML folds runs of white space
        QVERIFY2(plain.contains(QString::fromStdString(item.prompt()).simplified().left(30)), qPrintable(text));
        QVERIFY2(text.contains("Reference") && text.contains(QString::fromStdString(item.references.front())),
                 qPrintable(text));
        for (const auto& o : outcomes) {
            if (o.itemId != itemId.toStdString()) continue;
            if (o.strategy == "by-category") {
                QVERIFY(plain.contains(QString::fromStdString(o.answer).simplified().left(30))); // the final answer
                QVERIFY(text.contains(o.grade.value_or(0) >= 1 ? ": right" : ": wrong")); // the verdict
            }
        }
        std::vector<std::string> right; // the baselines right on this item, from the run's outcomes
        for (const auto& o : outcomes)
            if (o.itemId == itemId.toStdString() && o.strategy.starts_with("sim/") && o.grade.value_or(0) >= 0.5)
                right.push_back(o.strategy);
        std::ranges::sort(right);
        auto shownRight = inspector->verdict().rightBaselines();
        std::ranges::sort(shownRight);
        QVERIFY(shownRight == right);
        QCOMPARE(int(inspector->verdict().baselines.size()), 6);
        QVERIFY(text.contains("Baselines right") && text.contains("Baselines wrong"));
        for (const auto& b : inspector->verdict().baselines)
            QVERIFY(text.contains(QString::fromStdString(b.model)));
        QVERIFY2(text.contains("answered from the cache"), qPrintable(text));
        const auto& tree = inspector->treeModel();
        QModelIndex root = tree.index(0, ui::RoutingTreeModel::Latency);
        QVERIFY2(root.data().toString().contains("cached: as first made"), qPrintable(root.data().toString()));
        QVERIFY(!root.data().toString().startsWith("0 ms"));
        QVERIFY(tree.index(0, ui::RoutingTreeModel::Cost).data().toString().contains("not paid"));
        QString call = inspector->callText(); // the request as messages, not raw JSON with \n escapes
        QVERIFY2(call.contains("USER:") && !call.contains("\\n") && !call.contains("\"messages\""), qPrintable(call));

        // Open any run.
        emit runs->openRequested(first);
        QVERIFY(shown.wait(30000));
        QCOMPARE(window.shownRun(), first);
        QCOMPARE(window.currentPage(), window.pageIndex(window.resultsPage()));
        QCOMPARE(ui::settings::lastRun.get((*session)->path()), first); // and it is the one shown next time

        // Compare two runs on the same items: paired, per strategy and per model.
        QSignalSpy compared(runs, &ui::RunsPage::compared);
        runs->compare(first, second);
        QVERIFY(compared.wait(30000));
        const ui::RunPairModel& pair = runs->pairModel();
        QVERIFY(pair.pair().sameTaskSet);
        QCOMPARE(pair.rowCount(), 7);
        auto outcomesA = core::loadOutcomes(**reader, first).value();
        auto outcomesB = core::loadOutcomes(**reader, second).value();
        for (int r = 0; r < pair.rowCount(); ++r) {
            const core::RunPairRow& row = pair.pair().rows[size_t(r)];
            QVERIFY(row.a && row.b && row.bVersusA);
            QCOMPARE(row.bVersusA->pairedItems, int64_t(6));
            // W/T/L counted by hand from the two runs' grades.
            int64_t wins = 0, losses = 0;
            for (const auto& a : outcomesA)
                for (const auto& b : outcomesB)
                    if (a.strategy == row.name && b.strategy == row.name && a.itemId == b.itemId)
                        wins += b.grade.value_or(0) > a.grade.value_or(0), losses += b.grade.value_or(0) < a.grade.value_or(0);
            QCOMPARE(row.bVersusA->wins, wins);
            QCOMPARE(row.bVersusA->losses, losses);
            QCOMPARE(pair.index(r, ui::RunPairModel::WinsTiesLosses).data().toString(),
                     QString("%1/%2/%3").arg(wins).arg(6 - wins - losses).arg(losses));
        }
    }

    // A big run opens in steps (issue 14's 1M-call workspace): its items are listed in the
    // Inspector as soon as its grades are read, while Results says the report is being computed;
    // the report, built off the GUI thread from the same grades, follows and is the CLI's.
    void itemsAreListedBeforeTheReport() {
        QTemporaryDir dir;
        auto session = ui::WorkbenchSession::openDemo(dir.filePath("w.db"), 1);
        QVERIFY(session);
        qint64 id = runOnce(**session, {"by-category"});
        QVERIFY(id > 0);
        ui::MainWindow window(session->get());
        ui::ResultsPage* results = window.resultsPage();
        ui::InspectorPage* inspector = window.inspectorPage();
        qsizetype itemsAtOpen = -1;
        int rowsAtOpen = -1;
        QString summaryAtOpen;
        bool exportableAtOpen = true;
        connect(&window, &ui::MainWindow::runOpened, this, [&] {
            itemsAtOpen = inspector->visibleItems().size();
            rowsAtOpen = results->model().rowCount();
            summaryAtOpen = results->summaryText();
            exportableAtOpen = results->canExportReport();
        });
        QSignalSpy opened(&window, &ui::MainWindow::runOpened), shown(&window, &ui::MainWindow::runShown),
            costsShown(&window, &ui::MainWindow::runCostsShown);
        window.show(); // reopens the newest run
        QVERIFY(shown.wait(30000));
        QCOMPARE(opened.count(), 1);
        QCOMPARE(opened.first().first().toLongLong(), id);
        QCOMPARE(window.shownRun(), id);
        QCOMPARE(itemsAtOpen, 6);
        QCOMPARE(rowsAtOpen, 0);
        QVERIFY2(summaryAtOpen.contains("computing the report"), qPrintable(summaryAtOpen));
        QVERIFY(!exportableAtOpen);

        QCOMPARE(shown.first().first().toLongLong(), id);
        QCOMPARE(results->model().rowCount(), 6 + 1);
        QVERIFY(results->canExportReport());
        QVERIFY2(!results->summaryText().contains("computing"), qPrintable(results->summaryText()));
        auto reader = (*session)->reader();
        QVERIFY(reader);
        auto report = core::loadRunReport(**reader, id);
        QVERIFY(report);
        QCOMPARE(core::toJson(results->model().report()).dump(), core::toJson(*report).dump());
        QCOMPARE(inspector->visibleItems().size(), 6);

        // Opening the run being read (the start-up's reopening, then a click) reads it once.
        QTRY_VERIFY_WITH_TIMEOUT(costsShown.count() == shown.count(), 30000); // nothing under way
        const quint64 reads = window.runReads();
        window.openRun(id, false);
        window.openRun(id);
        QVERIFY(shown.wait(30000));
        QCOMPARE(window.runReads(), reads + 1);
        QCOMPARE(window.currentPage(), window.pageIndex(results)); // the second call's showResults kept
        QCOMPARE(results->model().rowCount(), 6 + 1);

        // Nor while its report is built (listed, not yet shown): the report under way shows it.
        QTRY_VERIFY_WITH_TIMEOUT(costsShown.count() == shown.count(), 30000); // nothing under way
        window.showPage(window.pageIndex(inspector));
        bool reopened = false;
        connect(&window, &ui::MainWindow::runOpened, this, [&] {
            if (std::exchange(reopened, true)) return;
            window.openRun(id); // a click on the run in Runs while its report is computed
            QCOMPARE(window.currentPage(), window.pageIndex(results));
        });
        const int openedBefore = int(opened.count()), shownBefore = int(shown.count());
        window.openRun(id, false);
        QVERIFY(shown.wait(30000));
        QVERIFY(reopened);
        QCOMPARE(window.runReads(), reads + 2);
        QCOMPARE(int(opened.count()), openedBefore + 1);
        QCOMPARE(int(shown.count()), shownBefore + 1);
    }

    // The strategies chosen for the cost charts stay chosen when another run with them is opened:
    // Results is emptied while the run's report is computed, and that emptying chose anew.
    void costChartChoicesSurviveARunSwitch() {
        QTemporaryDir dir;
        auto session = ui::WorkbenchSession::openDemo(dir.filePath("w.db"), 1);
        QVERIFY(session);
        const qint64 first = runOnce(**session, {"by-category"});
        QVERIFY(first > 0 && runOnce(**session, {"by-category"}) > first);
        ui::MainWindow window(session->get());
        ui::ResultsPage* results = window.resultsPage();
        QSignalSpy shown(&window, &ui::MainWindow::runShown);
        window.show(); // reopens the newest run
        QVERIFY(shown.wait(30000));
        QString baseline;
        for (const auto& m : results->model().report().strategies)
            if (m.baseline && baseline.isEmpty()) baseline = QString::fromStdString(m.name);
        QVERIFY(!baseline.isEmpty());
        results->setCostStrategy(baseline);          // not what a run opens on (its first strategy)
        results->setCallCostStrategy("by-category"); // nor this (the whole run)
        window.openRun(first);
        QTRY_VERIFY_WITH_TIMEOUT(window.shownRun() == first && shown.last().first().toLongLong() == first, 30000);
        const QString byRole = results->chart(ui::ResultsPage::CostByRole)->title();
        QVERIFY2(byRole.contains(": " + baseline + " ("), qPrintable(byRole));
        const QString perCall = results->chart(ui::ResultsPage::CallCost)->title();
        QVERIFY2(perCall.contains(QString("run %1, by-category").arg(first)), qPrintable(perCall));
    }

    // Finding 7: one question per run, with one estimate that knows the response cache.
    void oneEstimateOneQuestion() {
        QTemporaryDir dir;
        auto session = ui::WorkbenchSession::openDemo(dir.filePath("w.db"), 1);
        QVERIFY(session);
        ui::RunPage run(**session);
        QStringList questions;
        run.confirm = [&questions](const QString& q) { return questions << q, true; };
        run.setConfirmAbove(0); // ask about any cost
        QSignalSpy estimated(&run, &ui::RunPage::estimateReady);
        run.selectStrategies({"nearest"}); // learns from a baseline run, which runs first
        QVERIFY(estimated.wait(30000));
        QVERIFY(run.lastEstimate() && run.lastEstimate()->cachedJobs == 0);
        QSignalSpy finished(&run, &ui::RunPage::runFinished);
        QVERIFY(baton::test::startAndWait(run));
        QVERIFY(finished.wait(120000));
        QCOMPARE(questions.size(), 1); // the baselines and then the strategy: asked once
        QVERIFY2(questions.first().contains("baselines run first") && questions.first().contains("to $"),
                 qPrintable(questions.first()));
        auto reader = (*session)->reader();
        QCOMPARE(core::listRuns(**reader)->size(), size_t(2));

        // The same run again: the estimate (made off the GUI thread) says the cache answers it.
        estimated.clear();
        run.selectStrategies({"by-category"});
        run.selectStrategies({"nearest"});
        QVERIFY(estimated.wait(30000)); // the last change's estimate; earlier ones are dropped as stale
        const core::RunEstimate& e = *run.lastEstimate();
        QCOMPARE(e.jobs, int64_t(6 * (6 + 1)));
        QCOMPARE(e.cachedJobs, e.jobs);
        QCOMPARE(e.expected.pico, int64_t(0));
        QVERIFY(run.estimateText().contains("response cache"));
    }

    // A run made without baselines is compared with the latest baselines of the same models on
    // the same items, named after their run (before: no baseline at all, an empty matrix).
    void aRunWithoutBaselinesBorrowsTheLatestOnes() {
        QTemporaryDir dir;
        auto session = ui::WorkbenchSession::openDemo(dir.filePath("w.db"), 1);
        QVERIFY(session);
        qint64 withBaselines = runOnce(**session, {"by-category"});
        qint64 without = runOnce(**session, {"cheap-first"}, false);
        QVERIFY(withBaselines > 0 && without > withBaselines);
        ui::MainWindow window(session->get());
        QSignalSpy shown(&window, &ui::MainWindow::runShown);
        window.show();
        QVERIFY(shown.wait(30000));
        QCOMPARE(shown.first().first().toLongLong(), without);
        const int models = int((*session)->pool().models.size());
        const ui::ComparisonMatrixModel& matrix = window.resultsPage()->matrixModel();
        QCOMPARE(matrix.rowCount(), 1);         // cheap-first
        QCOMPARE(matrix.columnCount(), models); // against each model's baseline from the first run
        const QString suffix = QString(" (run %1)").arg(withBaselines);
        for (int c = 0; c < matrix.columnCount(); ++c)
            QVERIFY2(matrix.headerData(c, Qt::Horizontal).toString().endsWith(suffix),
                     qPrintable(matrix.headerData(c, Qt::Horizontal).toString()));
        QVERIFY2(window.resultsPage()->summaryText().contains("Made without baselines"),
                 qPrintable(window.resultsPage()->summaryText()));
        // The Inspector lists which borrowed baselines were right on an item.
        ui::InspectorPage* inspector = window.inspectorPage();
        inspector->setStrategy("cheap-first");
        QTRY_VERIFY(!inspector->isListing()); // another strategy's grades are read off the GUI thread
        const QString itemId = inspector->visibleItems().first();
        inspector->showItem(itemId);
        QTRY_VERIFY(inspector->shownItem() == itemId && !inspector->isLoading()); // read off the GUI thread
        QCOMPARE(int(inspector->verdict().baselines.size()), models);
    }

    // Finding 12: the first start lands on Run with a hint; File and Help menus.
    void firstStartAndMenus() {
        QTemporaryDir dir;
        auto session = ui::WorkbenchSession::openDemo(dir.filePath("w.db"), 1);
        QVERIFY(session);
        {
            ui::MainWindow window(session->get());
            QCOMPARE(window.currentPage(), window.pageIndex(window.runPage()));
            QVERIFY(window.hintText().contains("Run"));
            const QMenu* file = menuNamed(window, "File");
            QVERIFY(file);
            QStringList texts = actionTexts(file);
            for (const char* want : {"New pool", "Open pool...", "Open recent pool", "Save pool", "Save pool as...",
                                     "Open workspace...", "Quit"})
                QVERIFY2(texts.contains(want), want);
            const QMenu* help = menuNamed(window, "Help");
            QVERIFY(help);
            QVERIFY(actionTexts(help).contains("Keyboard shortcuts"));
            QVERIFY(actionTexts(help).contains("Getting started"));

            // Save pool as... from the File menu writes the pool and lists it as recent.
            ui::PoolsPage* pools = window.poolsPage();
            pools->choosePath = [&](bool, const QString&) { return dir.filePath("mine"); };
            QVERIFY(pools->chooseAndSaveAs());
            QVERIFY(QFile::exists(dir.filePath("mine.json"))); // finding 9: .json appended
            QCOMPARE(ui::settings::recentPools.get().value(0), dir.filePath("mine.json"));

            // New pool and Open pool... from the File menu land on the Pools page and act there
            // (the CI monkey crashed in these actions' slot under ASan: stack-buffer-underflow).
            window.showPage(window.pageIndex(window.runPage()));
            actionNamed(file, "New pool")->trigger();
            QCOMPARE(window.currentPage(), window.pageIndex(pools));
            QVERIFY(pools->document().path().isEmpty());
            int asked = 0;
            pools->choosePath = [&](bool forSaving, const QString&) {
                asked += forSaving ? 100 : 1;
                return dir.filePath("mine.json");
            };
            window.showPage(window.pageIndex(window.runPage()));
            actionNamed(file, "Open pool...")->trigger();
            QCOMPARE(asked, 1);
            QCOMPARE(window.currentPage(), window.pageIndex(pools));
            QCOMPARE(pools->document().path(), dir.filePath("mine.json"));
            window.showPage(window.pageIndex(window.inspectorPage()));
        }
        ui::MainWindow again(session->get()); // later starts: no hint, the page left last
        QVERIFY(again.hintText().isEmpty());
        QCOMPARE(again.currentPage(), again.pageIndex(again.inspectorPage()));
    }

    // Finding 13: the demo workspace is $XDG_DATA_HOME/Baton/demo.db, not Baton/Baton.
    void demoPathNamesTheApplicationOnce() {
        QTemporaryDir dir;
        QStandardPaths::setTestModeEnabled(false);
        qputenv("XDG_DATA_HOME", dir.path().toUtf8());
        QCoreApplication::setApplicationName("Baton");
        QCoreApplication::setOrganizationName("Baton");
        QString path = ui::WorkbenchSession::defaultDemoPath();
        QCOMPARE(path, dir.path() + "/Baton/demo.db");
        QVERIFY(!path.contains("Baton/Baton"));
    }
};

QTEST_MAIN(TestRunsPage)
#include "tst_runs_page.moc"
