// SPDX-License-Identifier: MIT
#include "results_page.h"
#include "cost_accuracy_chart.h"
#include "io/text_table.h"
#include "io/xlsx_tables.h"
#include "run_charts.h"
#include "save_target.h"
#include "scene_export.h"
#include "settings.h"
#include "table_copy.h"
#include "table_text.h"
#include "util/file_io.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QGraphicsLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPainter>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>
#include <algorithm>
#include <charconv>

namespace baton::ui {
namespace {

QString withSuffix(const QString& path, const QStringList& known, const QString& fallback) {
    for (const QString& s : known)
        if (path.endsWith('.' + s, Qt::CaseInsensitive)) return path;
    return path + '.' + fallback;
}

// The table as shown, one sheet: a cell that shows a plain number is stored as that number
// (a spreadsheet can sum it), every other cell as its text, so the workbook says what the screen says.
core::ReportTable workbookSheet(const core::TextTable& table, const std::string& name) {
    core::ReportTable sheet;
    sheet.name = name;
    sheet.headers = table.header;
    for (const auto& row : table.rows) {
        auto& cells = sheet.rows.emplace_back();
        for (const auto& text : row) {
            double value = 0;
            auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
            bool number = !text.empty() && ec == std::errc() && end == text.data() + text.size();
            cells.push_back(number ? core::ReportCell::of(value, text) : core::ReportCell::of(text));
        }
    }
    return sheet;
}

} // namespace

ResultsPage::ResultsPage(QWidget* parent)
    : QWidget(parent), m_tableTabs(new QTabWidget(this)), m_tabs(new QTabWidget(this)),
      m_costStrategy(new QComboBox(this)), m_callCostStrategy(new QComboBox(this)), m_callCostNote(new QLabel(this)),
      m_reference(new QComboBox(this)), m_summary(new QLabel(this)),
      m_exported(new QLabel(this)), m_split(new QSplitter(Qt::Vertical, this)) {
    chooseFile = [this](const QString& caption, const QString& start, const QString& filter) {
        return QFileDialog::getSaveFileName(this, caption, start, filter);
    };
    auto* layout = new QVBoxLayout(this);
    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("<h2>Results</h2>"), this));
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true);
    m_summary->setText(tr("No run shown yet: start one on the Run page, or open a past one on the Runs page."));
    top->addWidget(m_summary, 1);
    layout->addLayout(top);

    auto* pick = top; // one line above the tables: room for rows at 1024x700
    pick->addWidget(new QLabel(tr("Compare with:"), this));
    m_reference->setObjectName("referenceBaseline");
    m_reference->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    pick->addWidget(m_reference);
    connect(m_reference, &QComboBox::currentIndexChanged, this, [this] {
        std::string ref = m_reference->currentData().toString().toStdString();
        m_model.setReference(ref);
        if (m_reference->currentIndex() > 0) settings::referenceBaseline.set(QString::fromStdString(ref));
    });

    QAbstractItemModel* sources[TableCount] = {&m_model, &m_matrix};
    const QString tableTitles[TableCount] = {tr("Strategies and baselines"), tr("Against every baseline")};
    for (int i = 0; i < TableCount; ++i) {
        m_tables[i] = new QTableView(this);
        makeSortable(m_tables[i], sources[i]);
        m_tables[i]->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
        m_tables[i]->horizontalHeader()->setStretchLastSection(true);
        m_tables[i]->setWordWrap(false);
        m_tables[i]->verticalHeader()->setDefaultSectionSize(m_tables[i]->fontMetrics().height() + 8);
        m_tableTabs->addTab(m_tables[i], tableTitles[i]);
    }
    m_tables[StrategyTable]->verticalHeader()->hide();
    m_split->addWidget(m_tableTabs);

    const QString titles[ChartCount] = {tr("Cost vs accuracy"), tr("Accuracy per category"),
                                        tr("Cost per item by role"), tr("Latency"), tr("Cost per call")};
    m_callCostNote->setObjectName("callCostNote");
    m_callCostNote->setTextFormat(Qt::PlainText);
    m_callCostNote->setWordWrap(true);
    for (int i = 0; i < ChartCount; ++i) {
        m_views[i] = new QChartView(this);
        m_views[i]->setRenderHint(QPainter::Antialiasing);
        m_views[i]->setMinimumHeight(160);
        m_views[i]->setFrameShape(QFrame::NoFrame);
        m_legends[i] = new ChartLegend(this);
        auto* page = new QWidget(this);
        auto* pageLayout = new QVBoxLayout(page);
        pageLayout->setContentsMargins(2, 2, 2, 2);
        pageLayout->setSpacing(2);
        if (i == CostByRole || i == CallCost) {
            auto* row = new QHBoxLayout;
            row->addWidget(new QLabel(tr("Strategy:"), page));
            row->addWidget(i == CostByRole ? m_costStrategy : m_callCostStrategy);
            if (i == CallCost)
                row->addWidget(m_callCostNote, 1);
            else
                row->addStretch();
            pageLayout->addLayout(row);
        }
        pageLayout->addWidget(m_views[i], 1);
        pageLayout->addWidget(m_legends[i]);
        m_tabs->addTab(page, titles[i]);
    }
    m_split->addWidget(m_tabs);
    m_split->setStretchFactor(0, 2);
    m_split->setStretchFactor(1, 3);
    m_split->setChildrenCollapsible(false);
    m_split->setSizes({550, 450}); // the user's split, once moved, is remembered instead
    settings::rememberSplitter(m_split, "results");
    layout->addWidget(m_split, 1);
    // The combos are refilled with their signals blocked: these hear the user's (or a test's) choices only.
    connect(m_costStrategy, &QComboBox::currentTextChanged, this, [this](const QString& text) {
        m_chosenCost = text;
        rebuildDetailCharts();
    });
    connect(m_callCostStrategy, &QComboBox::currentIndexChanged, this, [this] {
        m_chosenCallCost = m_callCostStrategy->currentData().toString();
        replaceChart(CallCost, buildChart(CallCost));
    });

    auto* buttons = new QHBoxLayout;
    auto* exportChartButton = new QPushButton(tr("Export chart..."), this);
    auto* exportTableButton = new QPushButton(tr("Export table..."), this);
    exportChartButton->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    exportChartButton->setToolTip(tr("The chart shown, as PNG, SVG or PDF, drawn to fill the page (Ctrl+E)"));
    exportTableButton->setToolTip(tr("The table shown, every column as on screen, as CSV or an Excel workbook (.xlsx)"));
    buttons->addWidget(exportChartButton);
    buttons->addWidget(exportTableButton);
    m_share = new QPushButton(tr("Share report..."), this);
    m_share->setToolTip(tr("The whole report as one self-contained HTML page or an Excel workbook, as "
                           "`baton-cli report --html/--xlsx` writes it"));
    auto* shareMenu = new QMenu(m_share);
    shareMenu->addAction(tr("HTML page..."), this, [this] { chooseAndExportReport(ReportFormat::Html); });
    shareMenu->addAction(tr("Excel workbook (.xlsx)..."), this, [this] { chooseAndExportReport(ReportFormat::Xlsx); });
    m_share->setMenu(shareMenu);
    m_share->setEnabled(false);
    buttons->addWidget(m_share);
    m_exported->setTextFormat(Qt::PlainText);
    m_exported->setTextInteractionFlags(Qt::TextSelectableByMouse);
    buttons->addWidget(m_exported, 1);
    layout->addLayout(buttons);
    connect(exportChartButton, &QPushButton::clicked, this, [this] { chooseAndExport(true); });
    connect(exportTableButton, &QPushButton::clicked, this, [this] { chooseAndExport(false); });
}

QString ResultsPage::summaryText() const {
    return m_summary->text();
}

void ResultsPage::replaceChart(Chart which, QChart* chart) {
    QChart* old = m_views[which]->chart();
    // On screen the chart keeps its height for the plot: no frame inside the view, thin margins
    // (at 1024x700 the default ones left a plot of 50 px); exports are drawn with Qt's own.
    chart->layout()->setContentsMargins(0, 0, 0, 0);
    chart->setMargins(QMargins(6, 2, 6, 2));
    chart->setBackgroundRoundness(0);
    m_views[which]->setChart(chart);
    m_legends[which]->setChart(chart);
    delete old;
}

void ResultsPage::setReport(core::RunReport report, const QString& title) {
    replaceChart(CostVsAccuracy, buildCostAccuracyChart(report));
    replaceChart(CategoryAccuracy, buildCategoryAccuracyChart(report));
    QString best = QString::fromStdString(report.bestSingle);
    m_summary->setText(tr("Run %1%2: %3 strategies and baselines. Best single model: %4.")
                           .arg(report.runId)
                           .arg(title.isEmpty() ? QString() : " (" + title + ")")
                           .arg(report.strategies.size())
                           .arg(best.isEmpty() ? tr("none (no baseline answered every item)") : best));
    if (!report.borrowedBaselines.empty()) {
        QStringList named;
        for (const auto& b : report.borrowedBaselines)
            named << QString::fromStdString(b.label);
        m_summary->setText(m_summary->text() + "\n" +
                           tr("Made without baselines: compared with the latest baselines of the same models on the "
                              "same items from other runs: %1.")
                               .arg(named.join(", ")));
    }
    // A choice made for another run stays when this one has that strategy (an empty report, while
    // a run's report is built, changes nothing).
    const QString keep = m_chosenCost;
    {
        QSignalBlocker block(m_costStrategy);
        m_costStrategy->clear();
        for (const auto& m : report.strategies)
            m_costStrategy->addItem(QString::fromStdString(m.name));
        int first = int(std::ranges::find_if(report.strategies, [](const auto& m) { return !m.baseline; }) -
                        report.strategies.begin());
        int index = m_costStrategy->findText(keep);
        m_costStrategy->setCurrentIndex(index >= 0 ? index : (first < m_costStrategy->count() ? first : 0));
    }
    {
        const QString keepCalls = m_chosenCallCost;
        QSignalBlocker block(m_callCostStrategy);
        m_callCostStrategy->clear();
        m_callCostStrategy->addItem(tr("whole run"), QString());
        for (const auto& m : report.strategies)
            m_callCostStrategy->addItem(QString::fromStdString(m.name), QString::fromStdString(m.name));
        m_callCostStrategy->setCurrentIndex(std::max(0, m_callCostStrategy->findData(keepCalls)));
    }
    m_matrix.setReport(report);
    m_report = std::make_shared<const core::RunReport>(report);
    if (m_run && m_run->id != m_report->runId) m_run.reset(); // the record of another run
    m_share->setEnabled(canExportReport());
    m_model.setReport(std::move(report));
    fillReferences();
    for (auto* table : m_tables)
        table->resizeColumnsToContents();
    m_itemCosts.clear();
    m_latencies = {};
    m_callCosts = {};
    rebuildDetailCharts();
}

void ResultsPage::setPending(int64_t runId, const QString& title) {
    core::RunReport none;
    none.runId = runId;
    setReport(std::move(none), title);
    m_report.reset(), m_run.reset();
    m_share->setEnabled(false);
    m_summary->setText(
        tr("Run %1%2: computing the report...").arg(runId).arg(title.isEmpty() ? QString() : " (" + title + ")"));
}

void ResultsPage::setUnavailable(const QString& why) {
    m_summary->setText(why);
}

void ResultsPage::fillReferences() {
    QSignalBlocker block(m_reference);
    m_reference->clear();
    const auto& report = m_model.report();
    m_reference->addItem(report.bestSingle.empty()
                             ? tr("the best single model (none in this run)")
                             : tr("the best single model (%1)").arg(QString::fromStdString(report.bestSingle)),
                         QString());
    for (const auto& m : report.strategies)
        if (m.baseline) m_reference->addItem(QString::fromStdString(m.name), QString::fromStdString(m.name));
    int remembered = m_reference->findData(settings::referenceBaseline.get());
    m_reference->setCurrentIndex(remembered > 0 ? remembered : 0);
    m_model.setReference(m_reference->currentData().toString().toStdString());
}

void ResultsPage::setReference(const QString& baseline) {
    int index = baseline.isEmpty() ? 0 : m_reference->findData(baseline);
    if (index >= 0) m_reference->setCurrentIndex(index);
}

void ResultsPage::setLatencies(core::LatencyHistograms latencies) {
    m_latencies = std::move(latencies);
    replaceChart(Latency, buildChart(Latency));
}

void ResultsPage::setItemCosts(ItemCosts itemCosts) {
    m_itemCosts = std::move(itemCosts);
    replaceChart(CostByRole, buildChart(CostByRole));
}

void ResultsPage::setCallCosts(core::RunCallCosts costs) {
    m_callCosts = std::move(costs);
    replaceChart(CallCost, buildChart(CallCost));
}

void ResultsPage::setCallCostStrategy(const QString& strategy) {
    m_callCostStrategy->setCurrentIndex(std::max(0, m_callCostStrategy->findData(strategy)));
}

QString ResultsPage::callCostNote() const {
    return m_callCostNote->text();
}

void ResultsPage::rebuildDetailCharts() {
    replaceChart(CostByRole, buildChart(CostByRole));
    replaceChart(Latency, buildChart(Latency));
    replaceChart(CallCost, buildChart(CallCost));
}

QChart* ResultsPage::buildChart(Chart which) const {
    switch (which) {
    case CostVsAccuracy:
        return buildCostAccuracyChart(m_model.report());
    case CategoryAccuracy:
        return buildCategoryAccuracyChart(m_model.report());
    case CostByRole:
    {
        auto it = m_itemCosts.find(m_costStrategy->currentText().toStdString());
        return buildCostByRoleChart(it == m_itemCosts.end() ? std::vector<core::ItemCost>{} : it->second,
                                    m_costStrategy->currentText());
    }
    case CallCost: {
        std::string strategy = m_callCostStrategy->currentData().toString().toStdString();
        auto found = m_callCosts.byStrategy.find(strategy);
        const core::CallCostHistogram none;
        QString note = ui::callCostNote(strategy.empty() ? m_callCosts.all
                                    : found == m_callCosts.byStrategy.end() ? none : found->second);
        m_callCostNote->setText(note);
        m_callCostNote->setStyleSheet(note.isEmpty() ? QString() : QStringLiteral("color: #a50"));
        return buildCallCostChart(m_callCosts, strategy, m_model.report().runId);
    }
    default:
        return buildLatencyChart(m_latencies);
    }
}

void ResultsPage::showChart(Chart chart) {
    m_tabs->setCurrentIndex(chart);
}

void ResultsPage::showTable(Table which) {
    m_tableTabs->setCurrentIndex(which);
}

QChart* ResultsPage::chart(Chart which) const {
    return m_views[which]->chart();
}

void ResultsPage::setCostStrategy(const QString& strategy) {
    m_costStrategy->setCurrentText(strategy);
}

bool ResultsPage::exportChart(const QString& chosen, QString* error, QString* written) const {
    QString path = withSuffix(chosen, {"png", "svg", "pdf"}, "png");
    if (written) *written = path;
    if (QString clash = workspaceClash(path, m_workspacePath); !clash.isEmpty()) {
        if (error) *error = clash;
        return false;
    }
    // A fresh chart drawn at the export size: the one on screen has the window's shape (wide and
    // low), which filled only the top of an exported page.
    return exportChartFile(buildChart(Chart(m_tabs->currentIndex())), path, error);
}

bool ResultsPage::exportTable(const QString& chosen, QString* error, QString* written) const {
    QString path = withSuffix(chosen, {"csv", "xlsx"}, "csv");
    if (written) *written = path;
    if (QString clash = workspaceClash(path, m_workspacePath); !clash.isEmpty()) {
        if (error) *error = clash;
        return false;
    }
    int which = m_tableTabs->currentIndex();
    core::TextTable table = tableText(*m_tables[which]->model(), which == MatrixTable ? tr("Strategy") : QString());
    auto ok = path.endsWith(".xlsx", Qt::CaseInsensitive)
                  ? core::writeXlsx(path.toStdString(), {workbookSheet(table, which == MatrixTable ? "comparison matrix"
                                                                                                   : "comparison")})
                  : core::writeFileAtomically(path.toStdString(), core::toCsv(table));
    if (!ok && error) *error = QString::fromStdString(ok.error().message);
    if (written) *written = path;
    return bool(ok);
}

void ResultsPage::chooseAndExport(bool chart) {
    static const char* chartFileNames[ChartCount] = {"cost-vs-accuracy.png", "accuracy-per-category.png",
                                                     "cost-per-item-by-role.png", "latency.png",
                                                     "cost-per-call.png"};
    static const char* tableFileNames[TableCount] = {"comparison.csv", "comparison-matrix.csv"};
    QString folder = settings::exportFolder.get();
    QString name = chart ? chartFileNames[m_tabs->currentIndex()] : tableFileNames[m_tableTabs->currentIndex()];
    QString start = folder.isEmpty() ? name : folder + '/' + name;
    QString path = chart ? chooseFile(tr("Export chart"), start,
                                      tr("PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"))
                         : chooseFile(tr("Export table"), start, tr("CSV (*.csv);;Excel workbook (*.xlsx)"));
    if (path.isEmpty()) return;
    QString error, written;
    bool ok = chart ? exportChart(path, &error, &written) : exportTable(path, &error, &written);
    if (ok) settings::exportFolder.set(QFileInfo(written).absolutePath());
    m_exported->setText(ok ? tr("Exported to %1").arg(written) : tr("Export failed: %1").arg(error));
    m_exported->setStyleSheet(ok ? QString() : QStringLiteral("color: #a00"));
}

QString ResultsPage::exportStatus() const {
    return m_exported->text();
}

void ResultsPage::setRun(core::Run run) {
    m_run = std::make_shared<const core::Run>(std::move(run));
    if (m_report && m_report->runId != m_run->id) m_report.reset();
    m_share->setEnabled(canExportReport());
}

void ResultsPage::chooseAndExportReport(ReportFormat format) {
    if (!canExportReport()) return;
    bool xlsx = format == ReportFormat::Xlsx;
    QString name = QStringLiteral("run-%1-report.%2").arg(m_report->runId).arg(xlsx ? "xlsx" : "html");
    QString folder = settings::reportFolder.get();
    QString path = chooseFile(xlsx ? tr("Export report as a workbook") : tr("Export report as a web page"),
                              folder.isEmpty() ? name : folder + '/' + name,
                              xlsx ? tr("Excel workbook (*.xlsx)") : tr("Web page (*.html)"));
    if (!path.isEmpty()) exportReport(path, format);
}

void ResultsPage::exportReport(const QString& path, ReportFormat format) {
    if (!canExportReport()) return;
    QString target = withReportSuffix(path, format);
    if (QString clash = workspaceClash(target, m_workspacePath); !clash.isEmpty()) {
        m_exported->setText(tr("Report not written: %1").arg(clash));
        m_exported->setStyleSheet(QStringLiteral("color: #a00"));
        emit statusMessage(m_exported->text());
        return;
    }
    m_exported->setText(tr("Writing %1...").arg(target));
    m_exported->setStyleSheet(QString());
    m_reportJob.run<core::Status>(
        [report = m_report, run = m_run, file = target.toStdString(),
         format](std::stop_token, const JobRunner::Progress&) { return writeReportFile(*report, *run, file, format); },
        [this, target, runId = m_report->runId](const core::Status& ok) {
            if (!ok) {
                QString why = tr("Report not written: %1. Choose another folder or file name.")
                                  .arg(QString::fromStdString(ok.error().describe()));
                m_exported->setText(why);
                m_exported->setStyleSheet(QStringLiteral("color: #a00"));
                emit statusMessage(why);
                return;
            }
            settings::reportFolder.set(QFileInfo(target).absolutePath());
            m_exported->setText(tr("Report written to %1").arg(target));
            emit statusMessage(tr("Report of run %1 written to %2").arg(runId).arg(target));
            emit reportExported(target);
        });
}

} // namespace baton::ui
