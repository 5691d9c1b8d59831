// SPDX-License-Identifier: MIT
// The Results page an analyst reads (issue 14): every strategy against every baseline with a
// choosable reference and a CSV equal to the screen (finding 2); labelled points with tooltips
// (3); lower bounds for partly unknown costs (5); exports that fill the page, say where they
// went, remember the folder (9); sorting, Ctrl+C as TSV, a table usable at 1024x700 (10);
// charts with titled axes, nice ticks, strategies told from baselines (11); the whole run's
// per-call cost chart; every legend entry whole at 1024x700 and point names that do not overlap.
// The cost-by-role chart of many items is tested in tst_run_charts.

#include "comparison_matrix_model.h"
#include "comparison_model.h"
#include "cost_accuracy_chart.h"
#include "bundle/zip_archive.h"
#include "io/text_table.h"
#include "main_window.h"
#include "results_page.h"
#include "run_charts.h"
#include "run_page.h"
#include "settings.h"
#include "store/run_store.h"
#include "table_copy.h"
#include "util/file_io.h"
#include "workbench_session.h"

#include <QXmlStreamReader>
#include <QGraphicsLineItem>
#include <QGraphicsSimpleTextItem>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <random>
#include <QAbstractItemModelTester>
#include <QApplication>
#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QClipboard>
#include <QHeaderView>
#include <QLogValueAxis>
#include <QPainter>
#include <QScatterSeries>
#include <QSettings>
#include <QSignalSpy>
#include <QStackedBarSeries>
#include <QStandardPaths>
#include <QSvgRenderer>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QValueAxis>
#include <cmath>
#include <unistd.h>

using namespace baton;

namespace {

core::StrategyMetrics metrics(const char* name, bool baseline, double accuracy, double costPerItem) {
    core::StrategyMetrics m;
    m.name = name, m.baseline = baseline, m.items = 20, m.accuracy = accuracy;
    m.accuracyCi = {accuracy - 0.1, accuracy + 0.1};
    m.costPerItem = core::Money::fromUsd(costPerItem);
    m.totalCost = core::Money::fromUsd(costPerItem * 20);
    m.knownCost = *m.totalCost;
    return m;
}

core::Comparison comparison(const char* a, const char* b, double delta, double p, int w, int t, int l) {
    core::Comparison c;
    c.strategy = a, c.against = b, c.pairedItems = w + t + l, c.delta.delta = delta;
    c.delta.ci = {delta - 0.05, delta + 0.05}, c.mcnemarP = p, c.wins = w, c.ties = t, c.losses = l;
    return c;
}

/// Two baselines, two strategies, each strategy against each baseline (as buildReport does).
core::RunReport sampleReport() {
    core::RunReport r;
    r.runId = 7;
    r.strategies = {metrics("sim/nano", true, 0.40, 0.0001), metrics("sim/pro", true, 0.80, 0.004),
                    metrics("cheap-first", false, 0.85, 0.001), metrics("mixture", false, 0.82, 0.006)};
    r.bestSingle = "sim/pro";
    r.comparisons = {comparison("sim/nano", "sim/pro", -0.4, 0.0001, 1, 10, 9),
                     comparison("cheap-first", "sim/nano", 0.45, 0.0002, 9, 11, 0),
                     comparison("cheap-first", "sim/pro", 0.05, 0.5, 3, 15, 2),
                     comparison("mixture", "sim/nano", 0.42, 0.0004, 9, 10, 1),
                     comparison("mixture", "sim/pro", 0.02, 0.8, 2, 16, 2)};
    r.categories = {{"math", "sim/nano", 10, 0.3, {}}, {"math", "sim/pro", 10, 0.8, {}},
                    {"math", "cheap-first", 10, 0.9, {}}, {"math", "mixture", 10, 0.8, {}}};
    return r;
}

bool isPowerOfTen(double v) {
    double l = std::log10(v);
    return std::abs(l - std::round(l)) < 1e-9;
}

bool isNiceStep(double step) {
    double power = std::pow(10.0, std::floor(std::log10(step) + 1e-9));
    double m = step / power;
    return std::abs(m - 1) < 1e-9 || std::abs(m - 2) < 1e-9 || std::abs(m - 5) < 1e-9;
}

/// The workbench on a demo workspace, shown at 1024x700 (the smallest size it must serve).
struct SmallWindow {
    QTemporaryDir dir;
    std::unique_ptr<ui::WorkbenchSession> session = ui::WorkbenchSession::openDemo(dir.filePath("w.db"), 1).value();
    ui::MainWindow window{session.get()};
    SmallWindow() {
        window.resize(1024, 700);
        window.show();
    }
};

} // namespace

class TestResultsPage : public QObject {
    Q_OBJECT
private slots:
    void init() {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }

    // Finding 2: strategy x every baseline, a choosable reference, CSV equal to the screen.
    void everyBaselineAndTheCsvSaysWhatTheScreenSays() {
        ui::ResultsPage page;
        core::RunReport report = sampleReport();
        page.setReport(report);
        const ui::ComparisonMatrixModel& matrix = page.matrixModel();
        QAbstractItemModelTester tester(const_cast<ui::ComparisonMatrixModel*>(&matrix),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(matrix.rowCount(), 2);    // the strategies
        QCOMPARE(matrix.columnCount(), 2); // every baseline
        for (int r = 0; r < 2; ++r)
            for (int c = 0; c < 2; ++c) {
                QString strategy = matrix.headerData(r, Qt::Vertical).toString();
                QString baseline = matrix.headerData(c, Qt::Horizontal).toString().mid(3); // "vs "
                auto it = std::ranges::find_if(report.comparisons, [&](const core::Comparison& x) {
                    return x.strategy == strategy.toStdString() && x.against == baseline.toStdString();
                });
                QVERIFY(it != report.comparisons.end());
                QCOMPARE(matrix.index(r, c).data().toString(), ui::ComparisonMatrixModel::cellText(*it));
                QCOMPARE(matrix.index(r, c).data(Qt::UserRole).toDouble(), it->delta.delta);
            }
        QVERIFY(matrix.index(0, 0).data().toString().contains("W/T/L 9/11/0"));

        // The reference baseline of the main table can be any baseline, not only the best.
        const ui::ComparisonModel& model = page.model();
        QCOMPARE(model.index(2, ui::ComparisonModel::WinsTiesLosses).data().toString(), QString("3/15/2"));
        page.setReference("sim/nano");
        QCOMPARE(model.index(2, ui::ComparisonModel::WinsTiesLosses).data().toString(), QString("9/11/0"));
        QCOMPARE(model.index(2, ui::ComparisonModel::DeltaVsBest).data(Qt::UserRole).toDouble(), 0.45);
        QVERIFY(model.headerData(ui::ComparisonModel::DeltaVsBest, Qt::Horizontal).toString().contains("sim/nano"));
        QCOMPARE(ui::settings::referenceBaseline.get(), QString("sim/nano")); // remembered

        // The CSV export is the table as shown, every column (Δ, p, W/T/L included).
        QTemporaryDir dir;
        for (auto table : {ui::ResultsPage::StrategyTable, ui::ResultsPage::MatrixTable}) {
            page.showTable(table);
            QString path = dir.filePath(QString("t%1.csv").arg(int(table))), error;
            QVERIFY2(page.exportTable(path, &error), qPrintable(error));
            auto text = core::readTextFile(path.toStdString());
            QVERIFY(text);
            core::TextTable csv = core::parseCsvTable(*text);
            const QAbstractItemModel& shown = *page.tableView(table)->model();
            int offset = table == ui::ResultsPage::MatrixTable ? 1 : 0; // the strategy names as first column
            QCOMPARE(int(csv.header.size()), shown.columnCount() + offset);
            QCOMPARE(int(csv.rows.size()), shown.rowCount());
            for (int c = 0; c < shown.columnCount(); ++c)
                QCOMPARE(QString::fromStdString(csv.header[size_t(c + offset)]),
                         shown.headerData(c, Qt::Horizontal).toString());
            for (int r = 0; r < shown.rowCount(); ++r)
                for (int c = 0; c < shown.columnCount(); ++c)
                    QCOMPARE(QString::fromStdString(csv.rows[size_t(r)][size_t(c + offset)]),
                             shown.index(r, c).data().toString());
        }
    }

    // Finding 3: every point is labelled with its name and has a tooltip with its figures.
    void pointsAreLabelledWithTooltips() {
        core::RunReport report = sampleReport();
        std::unique_ptr<QChart> chart(ui::buildCostAccuracyChart(report));
        for (const auto& m : report.strategies) {
            QScatterSeries* point = nullptr;
            for (auto* s : chart->series())
                if (auto* scatter = qobject_cast<QScatterSeries*>(s); scatter && scatter->name() == m.name.c_str())
                    point = scatter;
            QVERIFY2(point, m.name.c_str());
            QCOMPARE(point->count(), 1);
            int labels = 0; // the name is drawn next to the point (placed by the chart, see below)
            for (QGraphicsItem* item : chart->childItems())
                if (auto* text = dynamic_cast<QGraphicsSimpleTextItem*>(item);
                    text && text->data(0) == "pointLabel" && text->data(1) == point->name())
                    labels += text->text() == QString::fromStdString(m.name);
            QCOMPARE(labels, 1);
            QString tip = ui::pointToolTip(point);
            QVERIFY2(tip.contains(QString::number(m.accuracy, 'f', 3)) && tip.contains(m.name.c_str()),
                     qPrintable(tip));
            QCOMPARE(point->markerShape(), m.baseline ? QScatterSeries::MarkerShapeCircle
                                                      : QScatterSeries::MarkerShapeRectangle);
        }
    }

    // Finding 5: a baseline with some costs unknown (cancel + resume) keeps a lower bound in the
    // table and on the chart, and the cost axis keeps labelled ticks.
    void partlyUnknownCostsAreLowerBounds() {
        core::RunReport report = sampleReport();
        core::StrategyMetrics& nano = report.strategies[0];
        nano.totalCost.reset(), nano.costPerItem.reset(), nano.costPerCorrect.reset();
        nano.knownCost = core::Money::fromUsd(0.027899), nano.unknownCostCalls = 3;
        ui::ComparisonModel model;
        model.setReport(report);
        QString shown = model.index(0, ui::ComparisonModel::TotalCost).data().toString();
        QVERIFY2(shown.startsWith("≥$0.027899") && shown.contains("3 call(s) of unknown cost"), qPrintable(shown));
        QCOMPARE(model.index(0, ui::ComparisonModel::TotalCost).data(Qt::UserRole).toDouble(), 0.027899);

        std::unique_ptr<QChart> chart(ui::buildCostAccuracyChart(report));
        QScatterSeries* bound = nullptr;
        for (auto* s : chart->series())
            if (s->name().startsWith("sim/nano")) bound = qobject_cast<QScatterSeries*>(s);
        QVERIFY(bound); // still on the chart
        QCOMPARE(bound->at(0).x(), 0.027899 / 20);
        QVERIFY(bound->name().contains("unknown"));
        QVERIFY(chart->title().contains("lower"));
        auto* x = qobject_cast<QLogValueAxis*>(chart->axes(Qt::Horizontal).first());
        QVERIFY(x);
        QVERIFY(isPowerOfTen(x->min()) && isPowerOfTen(x->max()) && x->max() / x->min() >= 10);
        QVERIFY(x->min() <= 0.0001 && x->max() >= 0.006);
    }

    // Finding 11: titled axes, nice ticks, strategies told from baselines.
    void chartsAreReadable() {
        core::RunReport report = sampleReport();
        std::unique_ptr<QChart> categories(ui::buildCategoryAccuracyChart(report));
        auto* bars = qobject_cast<QBarSeries*>(categories->series().first());
        QCOMPARE(bars->count(), 4);
        for (QBarSet* set : bars->barSets()) {
            bool baseline = set->label().endsWith("(baseline)");
            QCOMPARE(baseline, set->label().startsWith("sim/"));
            QCOMPARE(set->brush().style(), baseline ? Qt::Dense3Pattern : Qt::SolidPattern);
        }
        QVERIFY(!categories->axes(Qt::Horizontal).first()->titleText().isEmpty());

        std::vector<core::ItemCost> items;
        for (int i = 0; i < 30; ++i) {
            core::ItemCost c;
            c.itemId = QString("word-problem-%1").arg(i, 3, 10, QChar('0')).toStdString();
            c.byRole[core::CallRole::Answer] = core::Money::fromUsd(0.0003 * (30 - i));
            c.total = c.byRole[core::CallRole::Answer];
            items.push_back(c);
        }
        std::unique_ptr<QChart> cost(ui::buildCostByRoleChart(items, "cheap-first"));
        auto* x = cost->axes(Qt::Horizontal).first();
        QVERIFY(!x->labelsVisible());                          // 30 ids do not fit: no "..."
        QVERIFY(x->titleText().contains("most expensive first")); // the axis says what it is
        auto* y = qobject_cast<QValueAxis*>(cost->axes(Qt::Vertical).first());
        QVERIFY(isNiceStep(y->tickInterval()));
        QVERIFY(y->max() >= 0.009);

        std::vector<core::Outcome> outcomes;
        for (int i = 0; i < 117; ++i) { // 117 items in one bin gave ticks 39/78/117
            core::Outcome o;
            o.itemId = std::to_string(i), o.strategy = "s", o.latencyMs = 500;
            outcomes.push_back(o);
        }
        core::Outcome other;
        other.itemId = "x", other.strategy = "s", other.latencyMs = 5000;
        outcomes.push_back(other);
        std::unique_ptr<QChart> latency(
            ui::buildLatencyChart(core::latencyHistograms(outcomes, {"s"}, ui::kLatencyChartBins)));
        auto* ly = qobject_cast<QValueAxis*>(latency->axes(Qt::Vertical).first());
        QVERIFY2(isNiceStep(ly->tickInterval()), qPrintable(QString::number(ly->tickInterval())));
        QVERIFY(ly->max() >= 117);
    }

    // Finding 9: exports fill the page, say where they went, remember the folder.
    void exportsFillThePageAndAreConfirmed() {
        ui::ResultsPage page;
        page.setReport(sampleReport());
        page.resize(1600, 1000); // a wide, low chart on screen
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QTemporaryDir dir;
        QStringList starts;
        QString next = dir.filePath("chart.svg");
        page.chooseFile = [&](const QString&, const QString& start, const QString&) { return starts << start, next; };
        page.chooseAndExport(true);
        QVERIFY2(page.exportStatus().contains(dir.filePath("chart.svg")), qPrintable(page.exportStatus()));
        QSvgRenderer svg(dir.filePath("chart.svg"));
        QVERIFY(svg.isValid());
        QImage image(800, 500, QImage::Format_ARGB32);
        image.fill(Qt::transparent);
        QPainter painter(&image);
        svg.render(&painter);
        painter.end();
        // The lowest quarter of the page holds the x axis and its title: not empty.
        int drawn = 0;
        for (int y = 375; y < 500; ++y)
            for (int x = 0; x < 800; ++x)
                drawn += qAlpha(image.pixel(x, y)) > 0 && image.pixel(x, y) != qRgb(255, 255, 255);
        QVERIFY2(drawn > 500, qPrintable(QString::number(drawn)));

        next = dir.filePath("comparison"); // no extension typed: .csv is added
        page.chooseAndExport(false);
        QVERIFY(QFile::exists(dir.filePath("comparison.csv")));
        QVERIFY(page.exportStatus().contains("comparison.csv"));
        QVERIFY2(starts.last().startsWith(dir.path()), qPrintable(starts.last())); // the folder is remembered
        QCOMPARE(ui::settings::exportFolder.get(), dir.path());
    }

    // Issue 16 (i13): a table or chart saved onto the open workspace (its own name, a symlink or a
    // hard link to it) wrote over the database with every run in it once the dialog's "replace?"
    // was answered yes. Now refused with the reason, and the workspace is as it was.
    void anExportOntoTheWorkspaceIsRefused() {
        ui::ResultsPage page;
        page.setReport(sampleReport());
        QTemporaryDir dir;
        QString workspace = dir.filePath("ws.csv");
        QFile file(workspace);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("precious");
        file.close();
        QVERIFY(QFile::link(workspace, dir.filePath("link.png")));
        QCOMPARE(::link(workspace.toLocal8Bit().constData(), dir.filePath("hard.svg").toLocal8Bit().constData()), 0);
        page.setWorkspacePath(workspace);
        QString error;
        QVERIFY(!page.exportTable(workspace, &error));
        QVERIFY2(error.contains("is the workspace") && error.contains("Nothing was written"), qPrintable(error));
        for (QString chart : {dir.filePath("link.png"), dir.filePath("hard.svg")}) {
            error.clear();
            QVERIFY2(!page.exportChart(chart, &error), qPrintable(chart));
            QVERIFY2(error.contains("is the workspace"), qPrintable(error));
        }
        page.chooseFile = [&](const QString&, const QString&, const QString&) { return workspace; };
        page.chooseAndExport(false);
        QVERIFY2(page.exportStatus().contains("is the workspace"), qPrintable(page.exportStatus()));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("precious"));
        QVERIFY(page.exportTable(dir.filePath("other.csv"), &error)); // any other file is written
    }

    // Finding 10: sorting by header, Ctrl+C copies the selection as TSV, a usable table at 1024x700.
    void tablesSortCopyAndFit() {
        SmallWindow small;
        ui::MainWindow& window = small.window;
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.minimumSizeHint().width() <= 1024 && window.minimumSizeHint().height() <= 700);
        core::RunReport report = sampleReport();
        for (int i = 0; i < 6; ++i)
            report.strategies.push_back(metrics(qPrintable(QString("extra-%1").arg(i)), false, 0.1 * i, 0.001));
        ui::ResultsPage* page = window.resultsPage();
        page->setReport(report);
        window.showPage(page);
        QTableView* table = page->tableView(ui::ResultsPage::StrategyTable);
        QVERIFY(table->isSortingEnabled());
        table->sortByColumn(ui::ComparisonModel::Accuracy, Qt::DescendingOrder);
        QCOMPARE(table->model()->index(0, ui::ComparisonModel::Strategy).data().toString(), QString("cheap-first"));
        table->sortByColumn(ui::ComparisonModel::TotalCost, Qt::AscendingOrder);
        QCOMPARE(table->model()->index(0, ui::ComparisonModel::Strategy).data().toString(), QString("sim/nano"));

        table->selectRow(0);
        table->selectionModel()->select(table->model()->index(1, 0),
                                        QItemSelectionModel::Select | QItemSelectionModel::Rows);
        table->setFocus();
        QApplication::clipboard()->clear();
        QTest::keyClick(table, Qt::Key_C, Qt::ControlModifier);
        QStringList lines = QApplication::clipboard()->text().split('\n');
        QCOMPARE(lines.size(), 3); // the header and two rows
        QCOMPARE(lines[1].split('\t').size(), ui::ComparisonModel::ColumnCount);
        QCOMPARE(lines[1].split('\t').first(), QString("sim/nano"));

        // At 1024x700 the table shows most of its 10 rows (it showed 4), and the split is the user's.
        int rowHeight = table->verticalHeader()->defaultSectionSize();
        QVERIFY2(table->viewport()->height() / rowHeight >= 6,
                 qPrintable(QString("%1 / %2").arg(table->viewport()->height()).arg(rowHeight)));
        QVERIFY(table->parentWidget()->parentWidget()->inherits("QSplitter") ||
                table->parentWidget()->parentWidget()->parentWidget()->inherits("QSplitter"));
    }

    // The XLSX export is the table as shown: read back from the zip (sheet XML and shared
    // strings), every header and cell equals the screen; plain numbers are stored as numbers.
    void xlsxSaysWhatTheScreenSays() {
        ui::ResultsPage page;
        page.setReport(sampleReport());
        QTemporaryDir dir;
        for (auto table : {ui::ResultsPage::StrategyTable, ui::ResultsPage::MatrixTable}) {
            page.showTable(table);
            QString written, error;
            QVERIFY2(page.exportTable(dir.filePath(QString("t%1.xlsx").arg(int(table))), &error, &written),
                     qPrintable(error));
            auto zip = core::readZip(written.toStdString());
            QVERIFY2(zip, zip ? "" : zip.error().message.c_str());
            std::vector<QString> strings;
            QXmlStreamReader shared(QByteArray::fromStdString((*zip)["xl/sharedStrings.xml"]));
            while (!shared.atEnd())
                if (shared.readNext() == QXmlStreamReader::StartElement && shared.name() == u"t")
                    strings.push_back(shared.readElementText());
            QMap<QString, QPair<bool, QString>> cells; // "B2" -> (is a number, text)
            QXmlStreamReader sheet(QByteArray::fromStdString((*zip)["xl/worksheets/sheet1.xml"]));
            QString ref;
            bool isString = false;
            while (!sheet.atEnd()) {
                if (sheet.readNext() != QXmlStreamReader::StartElement) continue;
                if (sheet.name() == u"c") {
                    ref = sheet.attributes().value("r").toString();
                    isString = sheet.attributes().value("t") == u"s";
                } else if (sheet.name() == u"v") {
                    QString v = sheet.readElementText();
                    cells[ref] = isString ? qMakePair(false, strings.at(size_t(v.toInt()))) : qMakePair(true, v);
                }
            }
            const QAbstractItemModel& shown = *page.tableView(table)->model();
            int offset = table == ui::ResultsPage::MatrixTable ? 1 : 0;
            auto at = [](int column, int row) { return QString(QChar('A' + column)) + QString::number(row); };
            QCOMPARE(cells.value(at(0, 1)).second, offset ? QString("Strategy") : shown.headerData(0, Qt::Horizontal).toString());
            for (int c = 0; c < shown.columnCount(); ++c)
                QCOMPARE(cells.value(at(c + offset, 1)).second, shown.headerData(c, Qt::Horizontal).toString());
            int numbers = 0;
            for (int r = 0; r < shown.rowCount(); ++r)
                for (int c = 0; c < shown.columnCount(); ++c) {
                    QString text = shown.index(r, c).data().toString();
                    auto [number, value] = cells.value(at(c + offset, r + 2));
                    if (number) {
                        ++numbers;
                        QCOMPARE(value.toDouble(), text.toDouble());
                    } else {
                        QCOMPARE(value, text);
                    }
                }
            QVERIFY(!cells.contains(at(0, shown.rowCount() + 2))); // no more rows than shown
            if (table == ui::ResultsPage::StrategyTable) QVERIFY(numbers > 0);
        }
    }
    // The per-call cost chart of a whole run (and of one strategy): calls per round log bin,
    // stacked by role, as counted here from the calls; the calls with no place on a cost axis
    // are said beside the chart, never drawn as $0; the chart exports like the others.
    void callCostChartOfTheWholeRun() {
        std::mt19937 rng(77);
        std::uniform_real_distribution<double> exponent(-5.5, -1.5);
        std::vector<core::Call> calls;
        const core::CallRole roles[] = {core::CallRole::Answer, core::CallRole::Judge, core::CallRole::Route};
        for (int i = 0; i < 120; ++i) {
            core::Call c;
            c.strategy = i % 2 ? "cheap-first" : "sim/pro", c.role = roles[i % 3];
            if (i % 17 == 5) {
                // unknown cost
            } else if (i % 13 == 4) {
                c.cacheHit = true, c.cost = core::Money::fromUsd(0.01);
            } else {
                c.cost = core::Money::fromUsd(std::pow(10.0, exponent(rng)));
            }
            calls.push_back(c);
        }
        core::RunCallCosts costs = core::callCostHistograms(calls);
        ui::ResultsPage page;
        page.setReport(sampleReport());
        page.setCallCosts(costs);
        page.showChart(ui::ResultsPage::CallCost);
        for (std::string strategy : {"", "cheap-first"}) {
            page.setCallCostStrategy(QString::fromStdString(strategy));
            QChart* chart = page.chart(ui::ResultsPage::CallCost);
            auto* bars = qobject_cast<QStackedBarSeries*>(chart->series().first());
            QVERIFY(bars);
            auto* x = qobject_cast<QBarCategoryAxis*>(chart->axes(Qt::Horizontal).first());
            QCOMPARE(x->count(), int(costs.bins()));
            for (int b = 0; b < x->count(); ++b) // each bar under its lower edge, as a round figure
            {
                QString label = x->categories()[b];
                QVERIFY2(label.startsWith('$') && !label.contains('e'), qPrintable(label)); // "$0.000002", not 2e-06
                QVERIFY(std::abs(label.mid(1).toDouble() / costs.edges[size_t(b)] - 1) < 1e-9);
            }
            int64_t unknown = 0, cached = 0, drawn = 0;
            for (const auto& c : calls) {
                if (!strategy.empty() && c.strategy != strategy) continue;
                unknown += !c.cacheHit && !c.cost;
                cached += c.cacheHit;
            }
            QVERIFY(unknown > 0 && cached > 0);
            for (QBarSet* set : bars->barSets()) {
                auto role = core::callRoleFromString(set->label().toStdString());
                QVERIFY(role);
                QCOMPARE(set->count(), int(costs.bins()));
                for (int b = 0; b < set->count(); ++b) {
                    int64_t expected = 0;
                    for (const auto& c : calls)
                        expected += (strategy.empty() || c.strategy == strategy) && c.role == *role && !c.cacheHit &&
                                    c.cost && c.cost->usd() >= costs.edges[size_t(b)] &&
                                    c.cost->usd() < costs.edges[size_t(b) + 1];
                    QCOMPARE(int64_t(set->at(b)), expected);
                    drawn += expected;
                }
            }
            QCOMPARE(drawn + unknown + cached, int64_t(strategy.empty() ? calls.size() : calls.size() / 2));
            QString note = page.callCostNote();
            QVERIFY2(note.contains(QString("%1 call(s) of unknown cost").arg(unknown)), qPrintable(note));
            QVERIFY2(note.contains(QString("%1 call(s) answered from the cache").arg(cached)), qPrintable(note));
            QVERIFY(chart->title().contains(QString("%1 call(s) of unknown cost").arg(unknown)));
        }
        QTemporaryDir dir;
        QString error;
        QVERIFY2(page.exportChart(dir.filePath("per-call.svg"), &error), qPrintable(error));
        QVERIFY(QSvgRenderer(dir.filePath("per-call.svg")).isValid());
    }

    // At 1024x700 every entry of every legend is whole and visible: 10 strategies and baselines
    // plus the frontier (11 entries, which Qt's legend cut), each name in full, none on another.
    void everyLegendEntryVisibleAt1024x700() {
        SmallWindow small;
        ui::MainWindow& window = small.window;
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        core::RunReport report = sampleReport();
        const char* more[] = {"nearest", "by-category", "self-consistency", "judge-escalate", "sim/flash", "sim/mini"};
        for (int i = 0; i < 6; ++i)
            report.strategies.push_back(metrics(more[i], std::string(more[i]).starts_with("sim/"), 0.3 + 0.08 * i,
                                                0.0005 * (i + 1)));
        for (const auto& m : report.strategies)
            report.categories.push_back({"math", m.name, 10, m.accuracy, {}});
        ui::ResultsPage* page = window.resultsPage();
        page->setReport(report);
        window.showPage(page);
        for (auto which : {ui::ResultsPage::CostVsAccuracy, ui::ResultsPage::CategoryAccuracy}) {
            page->showChart(which);
            QApplication::processEvents();
            QStringList expected;
            for (QLegendMarker* marker : page->chart(which)->legend()->markers())
                expected << marker->label();
            // Every strategy and baseline, and the frontier on the cost chart: 11 entries there.
            QCOMPARE(expected.size(), int(report.strategies.size()) + (which == ui::ResultsPage::CostVsAccuracy));
            QList<QLabel*> entries;
            for (QLabel* label : page->findChildren<QLabel*>("legendEntry"))
                if (label->isVisible()) entries << label;
            QStringList shown;
            for (QLabel* label : entries) {
                shown << label->text();
                // Whole: not clipped by any parent, and wide enough for its text (no elision).
                QCOMPARE(label->visibleRegion().boundingRect(), label->rect());
                QVERIFY2(label->width() >= label->fontMetrics().horizontalAdvance(label->text()),
                         qPrintable(label->text()));
                QRect inWindow(label->mapTo(&window, QPoint(0, 0)), label->size());
                QVERIFY(window.rect().contains(inWindow));
                for (QLabel* other : entries)
                    if (other != label)
                        QVERIFY(!inWindow.intersects(QRect(other->mapTo(&window, QPoint(0, 0)), other->size())));
            }
            QCOMPARE(shown, expected);
        }
    }

    // cheap-first, nearest and mixture sit almost on one point: their names are placed apart,
    // none covers a point, each stays by its point (or is joined to it by a leader line).
    void pointNamesDoNotOverlap() {
        SmallWindow small;
        ui::MainWindow& window = small.window;
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        core::RunReport report = sampleReport();
        report.strategies.push_back(metrics("nearest", false, 0.85, 0.00102));
        report.strategies.push_back(metrics("by-category", false, 0.84, 0.00098));
        ui::ResultsPage* page = window.resultsPage();
        page->setReport(report);
        window.showPage(page);
        page->showChart(ui::ResultsPage::CostVsAccuracy);
        QApplication::processEvents();
        QChart* chart = page->chart(ui::ResultsPage::CostVsAccuracy);
        std::map<QString, QPointF> points;
        for (auto* s : chart->series())
            if (auto* scatter = qobject_cast<QScatterSeries*>(s)) points[scatter->name()] = chart->mapToPosition(scatter->at(0), scatter);
        std::vector<QGraphicsSimpleTextItem*> labels;
        std::map<QString, QGraphicsLineItem*> leaders;
        for (QGraphicsItem* item : chart->childItems()) {
            if (auto* text = dynamic_cast<QGraphicsSimpleTextItem*>(item); text && text->data(0) == "pointLabel")
                labels.push_back(text);
        }
        QCOMPARE(labels.size(), points.size());
        QCOMPARE(labels.size(), size_t(6));
        const QRectF plot = chart->plotArea();
        for (auto* label : labels) {
            QRectF r = label->mapRectToParent(label->boundingRect());
            QVERIFY2(plot.contains(r), qPrintable(label->text()));
            for (auto* other : labels)
                if (other != label)
                    QVERIFY2(!r.intersects(other->mapRectToParent(other->boundingRect())),
                             qPrintable(label->text() + " on " + other->text()));
            for (const auto& [name, p] : points)
                QVERIFY2(!r.contains(p), qPrintable(label->text() + " covers " + name));
            // By its point: within two lines of it.
            QPointF p = points.at(label->data(1).toString());
            QPointF nearest(std::clamp(p.x(), r.left(), r.right()), std::clamp(p.y(), r.top(), r.bottom()));
            QVERIFY2(QLineF(p, nearest).length() <= 7 + 2 * (r.height() + 1) + r.height(), qPrintable(label->text()));
        }
    }
};

QTEST_MAIN(TestResultsPage)
#include "tst_results_page.moc"
