// SPDX-License-Identifier: MIT
// The workbench on a small demo workspace: a run from the Run page, off the GUI thread, whose
// Results table shows exactly the core report's figures; the table model under
// QAbstractItemModelTester; chart exports that are real PNG, SVG and PDF files.

#include "comparison_model.h"
#include "cost_accuracy_chart.h"
#include "eval/run_breakdown.h"
#include "inspector_page.h"
#include "item_list_model.h"
#include "main_window.h"
#include "results_page.h"
#include "routing_tree_model.h"
#include "run_charts.h"
#include "run_page.h"
#include "run_page_start.h"
#include "store/call_log.h"
#include "store/run_store.h"
#include "workbench_session.h"

#include <QAbstractItemModelTester>
#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QFile>
#include <QLineSeries>
#include <QSignalSpy>
#include <QStackedBarSeries>
#include <QTemporaryDir>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <map>

using namespace baton;

class TestWorkbench : public QObject {
    Q_OBJECT
private slots:
    void init() { // remembered settings of an earlier test or run change nothing here
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }
    void runFromTheGuiMatchesTheCoreReport() {
        QTemporaryDir dir;
        // Screenshots show the whole demo (300 items); the test alone a small one.
        QString shots = qEnvironmentVariable("BATON_SCREENSHOT_DIR");
        const int items = shots.isEmpty() ? 12 : 300;
        auto demo = ui::WorkbenchSession::openDemo(dir.filePath("demo.db"), items / 6);
        QVERIFY2(demo, demo ? "" : demo.error().describe().c_str());
        ui::MainWindow window(demo->get());
        window.show();
        ui::RunPage* run = window.runPage();
        QStringList questions;
        run->confirm = [&questions](const QString& q) { return questions << q, true; };
        // Every strategy; "nearest" learns from a baseline run, which the page offers to make first.
        run->selectStrategies({"by-category", "cheap-first", "mixture", "nearest"});
        QSignalSpy finished(run, &ui::RunPage::runFinished);
        QSignalSpy shown(&window, &ui::MainWindow::runShown), costsShown(&window, &ui::MainWindow::runCostsShown);
        QVERIFY(baton::test::startAndWait(*run));
        QVERIFY(finished.wait(600000));
        qint64 finishedRun = finished.first().first().toLongLong();
        // The run is read off the GUI thread, then shown; what each call cost is read next.
        QTRY_COMPARE_WITH_TIMEOUT(window.shownRun(), finishedRun, 60000);
        QTRY_VERIFY_WITH_TIMEOUT(!costsShown.isEmpty() && costsShown.last().first().toLongLong() == finishedRun, 60000);
        QCOMPARE(finished.count(), 1);
        QVERIFY(questions.size() >= 1);
        QVERIFY2(questions.first().contains("baselines run first"), qPrintable(questions.first()));
        for (const QString& q : questions.mid(1)) // the rest: runs whose worst case is above the $1 threshold
            QVERIFY2(q.contains("may cost up to"), qPrintable(q));
        qint64 runId = finished.first().first().toLongLong();
        QCOMPARE(runId, 2);                // run 1 was the baselines
        QCOMPARE(window.currentPage(), 3); // the results are shown

        auto reader = (*demo)->reader();
        auto report = core::loadRunReport(**reader, runId).value();
        const ui::ComparisonModel& model = window.resultsPage()->model();
        QCOMPARE(model.rowCount(), int(report.strategies.size()));
        QCOMPARE(model.rowCount(), 6 + 4);
        for (int row = 0; row < model.rowCount(); ++row) {
            const auto& m = report.strategies[size_t(row)];
            QCOMPARE(model.index(row, ui::ComparisonModel::Strategy).data().toString(), QString::fromStdString(m.name));
            QCOMPARE(model.index(row, ui::ComparisonModel::Accuracy).data(Qt::UserRole).toDouble(), m.accuracy);
            QCOMPARE(model.index(row, ui::ComparisonModel::TotalCost).data(Qt::UserRole).toDouble(),
                     m.totalCost->usd());
            auto vsBest = std::ranges::find_if(report.comparisons, [&](const core::Comparison& c) {
                return c.strategy == m.name && c.against == report.bestSingle;
            });
            QVariant delta = model.index(row, ui::ComparisonModel::DeltaVsBest).data(Qt::UserRole);
            if (m.name == report.bestSingle) {
                QVERIFY(!delta.isValid());
                continue;
            }
            QVERIFY(vsBest != report.comparisons.end());
            QCOMPARE(delta.toDouble(), vsBest->delta.delta);
            QCOMPARE(model.index(row, ui::ComparisonModel::PValue).data(Qt::UserRole).toDouble(), vsBest->mcnemarP);
            QCOMPARE(model.index(row, ui::ComparisonModel::WinsTiesLosses).data().toString(),
                     QString("%1/%2/%3").arg(vsBest->wins).arg(vsBest->ties).arg(vsBest->losses));
        }
        checkCharts(*window.resultsPage(), report, core::loadOutcomes(**reader, runId).value(), items);
        // The whole run's per-call cost chart counts every call of the run read back from the log:
        // each paid call in one bar of its role, the others said beside the chart.
        {
            auto calls = core::loadCalls(**reader, runId).value();
            std::map<std::string, int64_t> paidByRole;
            int64_t unknown = 0, cached = 0;
            for (const auto& c : calls) {
                if (c.cacheHit) ++cached;
                else if (!c.cost) ++unknown;
                else if (c.cost->pico > 0) ++paidByRole[core::toString(c.role)];
            }
            ui::ResultsPage& page = *window.resultsPage();
            page.setCallCostStrategy({});
            auto* perCall = qobject_cast<QStackedBarSeries*>(page.chart(ui::ResultsPage::CallCost)->series().first());
            QVERIFY(perCall);
            QCOMPARE(perCall->count(), int(paidByRole.size()));
            for (QBarSet* set : perCall->barSets()) {
                double sum = 0;
                for (int i = 0; i < set->count(); ++i)
                    sum += set->at(i);
                QCOMPARE(int64_t(sum), paidByRole.at(set->label().toStdString()));
            }
            QCOMPARE(page.callCostNote().contains("unknown cost"), unknown > 0);
            QCOMPARE(page.callCostNote().contains(QString("%1 call(s) answered from the cache").arg(cached)), cached > 0);
        }
        // The inspector shows every item of a strategy, and its filter agrees with the core.
        ui::InspectorPage* inspector = window.inspectorPage();
        inspector->setStrategy("cheap-first"); // its grades are read off the GUI thread
        QTRY_VERIFY(!inspector->isListing());
        QCOMPARE(inspector->visibleItems().size(), items);
        QAbstractItemModelTester tester(const_cast<ui::RoutingTreeModel*>(&inspector->treeModel()),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        inspector->showItem("code-001");
        QTRY_VERIFY(inspector->shownItem() == "code-001" && !inspector->isLoading()); // read off the GUI thread
        QVERIFY(inspector->treeModel().rowCount() >= 1);
        QCOMPARE(inspector->treeModel().index(0, ui::RoutingTreeModel::Role).data().toString(), QString("answer"));
        auto outcomes = core::loadOutcomes(**reader, runId).value();
        std::vector<std::string> baselines;
        for (const auto& m : report.strategies)
            if (m.baseline) baselines.push_back(m.name);
        // The filter's items, counted here from the stored grades (the core function the page
        // calls is pinned by hand in tst_run_breakdown): cheap-first graded wrong, a baseline right.
        std::map<std::string, std::pair<bool, bool>> wrongAndBaselineRight;
        for (const auto& o : outcomes) {
            if (o.status == core::OutcomeStatus::Incomplete) continue;
            bool right = o.grade && *o.grade >= 0.5;
            if (o.strategy == "cheap-first") wrongAndBaselineRight[o.itemId].first = !right;
            if (right && std::count(baselines.begin(), baselines.end(), o.strategy))
                wrongAndBaselineRight[o.itemId].second = true;
        }
        QStringList expected;
        for (const auto& [id, flags] : wrongAndBaselineRight)
            if (flags.first && flags.second) expected << QString::fromStdString(id);
        QVERIFY(!expected.isEmpty()); // the demo has such items: the filter must show exactly them
        inspector->setOnlyWrongWhileBaselineRight(true); // the baselines' grades are read off the GUI thread
        QTRY_VERIFY(!inspector->isListing());
        QStringList listed = inspector->visibleItems();
        listed.sort();
        QCOMPARE(listed, expected);
        inspector->setOnlyWrongWhileBaselineRight(false);
        inspector->showItem("code-001");
        QTRY_VERIFY(inspector->shownItem() == "code-001" && !inspector->isLoading());
        if (!shots.isEmpty()) {
            window.resize(1600, 1000);
            auto save = [&](int page, const QString& name) {
                window.showPage(page);
                QTest::qWait(300);
                window.grab().save(shots + "/" + name + ".png");
            };
            const QString pages[] = {"pools", "tasks", "run", "results", "inspector", "runs", "profiles"};
            for (int page = 0; page < 7; ++page)
                save(page, pages[page]);
            const QString charts[] = {"", "results-categories", "results-cost-by-role", "results-latency",
                                      "results-cost-per-call"};
            static_assert(std::size(charts) == ui::ResultsPage::ChartCount);
            for (int chart = ui::ResultsPage::CategoryAccuracy; chart < ui::ResultsPage::ChartCount; ++chart) {
                window.resultsPage()->showChart(ui::ResultsPage::Chart(chart));
                save(3, charts[chart]);
            }
            window.resultsPage()->showTable(ui::ResultsPage::MatrixTable);
            window.resultsPage()->showChart(ui::ResultsPage::CostVsAccuracy);
            save(3, "results-matrix");
            window.resultsPage()->showTable(ui::ResultsPage::StrategyTable);
            window.resize(1024, 700);
            for (int page = 0; page < 7; ++page)
                save(page, pages[page] + "-1024x700");
            // The two labs at 1600x1000 are taken with their results by their own tests
            // (tst_replay_lab_page, tst_training_lab_page screenshot); here, as the analyst first sees them.
            QCOMPARE(window.pageTitles().mid(7), (QStringList{"Replay lab", "Training lab"}));
            save(7, "replay-lab-1024x700");
            save(8, "training-lab-1024x700");
            window.resultsPage()->showChart(ui::ResultsPage::CallCost);
            save(3, "results-cost-per-call-1024x700");
            window.resize(1600, 1000);
            window.resultsPage()->showChart(ui::ResultsPage::CostVsAccuracy);
        }
    }

    /// Each chart shows the core's figures: per-category accuracies, known spend per role, items per latency bin.
    static void checkCharts(ui::ResultsPage& page, const core::RunReport& report,
                            const std::vector<core::Outcome>& outcomes, int items) {
        auto* bars = qobject_cast<QBarSeries*>(page.chart(ui::ResultsPage::CategoryAccuracy)->series().first());
        QVERIFY(bars);
        QCOMPARE(bars->count(), int(report.strategies.size()));
        auto* axis = qobject_cast<QBarCategoryAxis*>(
            page.chart(ui::ResultsPage::CategoryAccuracy)->axes(Qt::Horizontal).first());
        for (const auto& c : report.categories) {
            int column = axis->categories().indexOf(QString::fromStdString(c.category));
            QString name = QString::fromStdString(c.strategy);
            for (QBarSet* set : bars->barSets())
                if (set->label() == name || set->label() == name + " (baseline)") QCOMPARE(set->at(column), c.accuracy);
        }

        page.setCostStrategy("mixture");
        auto* stacked = qobject_cast<QStackedBarSeries*>(page.chart(ui::ResultsPage::CostByRole)->series().first());
        QVERIFY(stacked);
        const auto& mixture =
            *std::ranges::find(report.strategies, std::string("mixture"), &core::StrategyMetrics::name);
        QCOMPARE(stacked->count(), int(mixture.spendByRole.size())); // propose, aggregate
        for (QBarSet* set : stacked->barSets()) {
            double sum = 0;
            for (int i = 0; i < set->count(); ++i)
                sum += set->at(i);
            QVERIFY(qAbs(sum - mixture.spendByRole.at(set->label().toStdString()).usd()) < 1e-9);
        }
        QCOMPARE(stacked->barSets().first()->count(), items); // every item of the strategy

        auto lines = page.chart(ui::ResultsPage::Latency)->series();
        int measured = int(std::ranges::count_if(report.strategies, [&](const auto& m) {
            return !core::latenciesOf(outcomes, m.name).empty(); // answers from the cache have no latency
        }));
        QVERIFY(measured >= 2);
        QCOMPARE(lines.size(), measured);
        for (auto* series : lines) {
            auto* line = qobject_cast<QLineSeries*>(series);
            double items = 0;
            for (const QPointF& p : line->points())
                items += p.y();
            QCOMPARE(int(items), int(core::latenciesOf(outcomes, line->name().toStdString()).size()));
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
        calls[3].finishReason = "MAX_TOKENS", calls[3].ttftMs = 120, calls[3].latencyMs = 800;
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
        // A cut-off answer says so, and a streamed call shows its time to first token.
        QModelIndex cut = model.index(1, ui::RoutingTreeModel::Status, model.index(0, 0));
        QVERIFY2(cut.data().toString().endsWith("(cut at the output limit: MAX_TOKENS)"),
                 qPrintable(cut.data().toString()));
        QCOMPARE(cut.siblingAtColumn(ui::RoutingTreeModel::Latency).data().toString(),
                 QString("800 ms (first token 120 ms)"));
    }

    void itemListFetchesInChunks() {
        ui::ItemListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QStringList ids;
        for (int i = 0; i < 1234; ++i)
            ids << QString("item-%1").arg(i);
        model.setItems(ids);
        while (model.canFetchMore({}))
            model.fetchMore({});
        QCOMPARE(model.rowCount(), 1234);
        QCOMPARE(model.index(1233).data().toString(), QString("item-1233"));

        ui::ItemListModel plain; // without a tester asking for more, only the first chunk is handed over
        plain.setItems(ids);
        QCOMPARE(plain.rowCount(), ui::ItemListModel::kChunk);
        plain.setItems({});
        QCOMPARE(plain.rowCount(), 0);
        QVERIFY(!plain.canFetchMore({}));
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
        report.categories = {{"math", "sim/nano", 10, 0.4, {}}, {"math", "mix", 10, 0.9, {}}};
        page.setReport(report);
        core::Call call;
        call.itemId = "q1", call.strategy = "mix", call.cost = core::Money::fromUsd(0.002);
        core::Outcome outcome;
        outcome.itemId = "q1", outcome.strategy = "mix", outcome.latencyMs = 420;
        page.setLatencies(core::latencyHistograms({outcome}, report.strategyNames(), ui::kLatencyChartBins));
        page.setItemCosts({{"mix", core::costByItemAndRole({call}, "mix")}});
        page.resize(900, 700);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QTemporaryDir dir;
        QString error;
        for (int chart = 0; chart < ui::ResultsPage::ChartCount; ++chart) {
            page.showChart(ui::ResultsPage::Chart(chart));
            QString path = dir.filePath(QString::number(chart) + name);
            QVERIFY2(page.exportChart(path, &error), qPrintable(error));
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadOnly));
            QByteArray bytes = file.readAll();
            QVERIFY(bytes.startsWith(magic));
            QVERIFY(bytes.size() > 1000);
        }
        QString written; // a name without a known extension gets one, not an error
        QVERIFY(page.exportChart(dir.filePath("chart.bmpx"), &error, &written));
        QCOMPARE(written, dir.filePath("chart.bmpx.png"));
        QVERIFY(page.exportTable(dir.filePath("t.csv"), &error));
    }

    void startingARunChecksOffTheGuiThread() {
        QTemporaryDir dir;
        auto session = ui::WorkbenchSession::openDemo(dir.filePath("w.db"), 1);
        QVERIFY(session);
        ui::RunPage run(**session);
        QStringList questions;
        run.confirm = [&questions](const QString& q) { return questions << q, true; };
        run.setConfirmAbove(0);
        run.selectStrategies({"by-category"});
        QSignalSpy decided(&run, &ui::RunPage::startDecided);
        // startRun() returns at once: the checks and the estimate read the workspace on another
        // thread, and the question comes once they are back.
        QVERIFY(run.startRun());
        QVERIFY(!run.running());
        QVERIFY(questions.isEmpty());
        QVERIFY2(run.statusText().startsWith("Checking"), qPrintable(run.statusText()));
        QVERIFY(!run.startRun()); // one start at a time
        QVERIFY(decided.wait(60000));
        QCOMPARE(decided.size(), 1);
        QCOMPARE(decided.first().first().toBool(), true);
        QCOMPARE(questions.size(), 1);
        QVERIFY(run.running());
        run.cancelRun();
        run.waitForStop();
    }

    void runPageChecksBeforeSpending() {
        QTemporaryDir dir;
        auto session = ui::WorkbenchSession::openDemo(dir.filePath("w.db"), 1);
        QVERIFY(session);
        ui::RunPage run(**session);
        run.selectStrategies({"by-category"});
        // Above the threshold the page asks; "no" starts nothing.
        QStringList questions;
        run.confirm = [&questions](const QString& q) { return questions << q, false; };
        run.setConfirmAbove(0);
        QVERIFY(!baton::test::startAndWait(run));
        QCOMPARE(questions.size(), 1);
        QVERIFY(questions.first().contains("may cost up to"));
        auto reader = (*session)->reader();
        QCOMPARE(core::listRuns(**reader)->size(), size_t(0));

        // A missing key is reported for that model before anything is sent.
        core::Pool pool = (*session)->pool();
        core::ModelSpec remote = pool.models.front();
        remote.name = "remote/gpt", remote.provider = core::ProviderKind::OpenAi;
        remote.baseUrl = "https://api.example.com/v1";
        remote.keyRef = {core::KeyRef::Kind::Env, "BATON_TEST_ABSENT_KEY"};
        pool.models.push_back(remote);
        (*session)->usePool(pool);
        run.selectStrategies({});
        QVERIFY(!baton::test::startAndWait(run));
        QVERIFY2(run.statusText().contains("remote/gpt") &&
                     run.statusText().contains("no key found at env:BATON_TEST_ABSENT_KEY"),
                 qPrintable(run.statusText()));
        QCOMPARE(questions.size(), 1);
        QCOMPARE(core::listRuns(**reader)->size(), size_t(0));
    }

    void interruptedRunResumesFromTheGui() {
        QTemporaryDir dir;
        auto session = ui::WorkbenchSession::openDemo(dir.filePath("w.db"), 8);
        QVERIFY(session);
        ui::RunPage run(**session);
        run.confirm = [](const QString&) { return true; };
        run.selectStrategies({"by-category", "cheap-first", "mixture"});
        QSignalSpy finished(&run, &ui::RunPage::runFinished);
        QVERIFY(baton::test::startAndWait(run));
        // Cancel once some outcomes are stored (not after a guessed time): the run is then
        // part-done, which is what the resume below must complete.
        auto reader = (*session)->reader();
        auto stored = [&] {
            auto runs = core::listRuns(**reader);
            return runs && !runs->empty() ? core::loadOutcomes(**reader, runs->back().id)->size() : size_t(0);
        };
        QTRY_VERIFY_WITH_TIMEOUT(stored() > 0, 60000);
        run.cancelRun();
        QVERIFY(finished.wait(60000));
        qint64 runId = finished.first().first().toLongLong();
        QVERIFY(core::loadRun(**reader, runId)->status == core::RunStatus::Cancelled);
        QCOMPARE(core::loadRun(**reader, runId)->stopReason, std::string("cancelled: by the user (Cancel)"));
        auto before = core::loadOutcomes(**reader, runId)->size();
        const size_t jobs = 48 * (6 + 3);
        QVERIFY2(before > 0 && before < jobs, qPrintable(QString::number(before)));
        QSignalSpy listed(&run, &ui::RunPage::resumableListed); // read again after each run, off the GUI thread
        if (run.resumableRuns() != QList<qint64>{runId}) QVERIFY(listed.wait(10000));
        QCOMPARE(run.resumableRuns(), QList<qint64>{runId});

        listed.clear();
        QVERIFY(run.resumeRun(runId));
        QVERIFY2(finished.wait(60000), qPrintable(run.statusText()));
        QCOMPARE(finished.last().first().toLongLong(), runId);
        QVERIFY(core::loadRun(**reader, runId)->status == core::RunStatus::Completed);
        QCOMPARE(core::loadOutcomes(**reader, runId)->size(), jobs);
        if (listed.isEmpty()) QVERIFY(listed.wait(10000));
        QVERIFY(run.resumableRuns().isEmpty());
    }

    // STYLE rule 6: the runs that can be resumed are listed on the page's job runner (every run of
    // the workspace is read), not on the GUI thread; a listing asked for before the last is dropped.
    void resumableRunsAreListedOffTheGuiThread() {
        QTemporaryDir dir;
        auto session = ui::WorkbenchSession::openDemo(dir.filePath("w.db"), 1);
        QVERIFY(session);
        auto stopped = [&](const char* reason) {
            core::Run r;
            r.status = core::RunStatus::Cancelled;
            r.stopReason = reason;
            return core::insertRun((*session)->writer(), r).value();
        };
        const qint64 a = stopped("cancelled: by the user (Cancel)");
        ui::RunPage run(**session);
        QSignalSpy listed(&run, &ui::RunPage::resumableListed);
        QVERIFY(run.resumableRuns().isEmpty()); // nothing was read on the GUI thread
        const qint64 b = stopped("cancelled: the workbench was closed during the run");
        QVERIFY(!run.resumeRun(b + 1)); // no such run: refused, and the list is read again
        QCOMPARE(listed.count(), 0);
        QVERIFY(listed.wait(10000));
        // The first listing (read, most likely, before run b existed) was dropped: the one shown
        // is the second, which has both.
        QCOMPARE(run.resumableRuns(), (QList<qint64>{b, a}));
    }
};

QTEST_MAIN(TestWorkbench)
#include "tst_workbench.moc"
