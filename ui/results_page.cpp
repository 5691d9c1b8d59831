// SPDX-License-Identifier: MIT
#include "results_page.h"
#include "cost_accuracy_chart.h"
#include "run_charts.h"
#include "util/file_io.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPainter>
#include <QPdfWriter>
#include <QPushButton>
#include <QSvgGenerator>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace baton::ui {

ResultsPage::ResultsPage(QWidget* parent)
    : QWidget(parent), m_table(new QTableView(this)), m_tabs(new QTabWidget(this)), m_costStrategy(new QComboBox(this)),
      m_summary(new QLabel(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("<h2>Results</h2>"), this));
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true);
    m_summary->setText(tr("No run yet: start one on the Run page."));
    layout->addWidget(m_summary);
    m_table->setModel(&m_model);
    m_table->setSortingEnabled(false);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->verticalHeader()->hide();
    layout->addWidget(m_table, 1);

    const QString titles[ChartCount] = {tr("Cost vs accuracy"), tr("Accuracy per category"),
                                        tr("Cost per item by role"), tr("Latency")};
    for (int i = 0; i < ChartCount; ++i) {
        m_views[i] = new QChartView(this);
        m_views[i]->setRenderHint(QPainter::Antialiasing);
        m_views[i]->setMinimumHeight(300);
        if (i != CostByRole) {
            m_tabs->addTab(m_views[i], titles[i]);
            continue;
        }
        auto* page = new QWidget(this);
        auto* pageLayout = new QVBoxLayout(page);
        auto* pick = new QHBoxLayout;
        pick->addWidget(new QLabel(tr("Strategy:"), page));
        pick->addWidget(m_costStrategy);
        pick->addStretch();
        pageLayout->addLayout(pick);
        pageLayout->addWidget(m_views[i], 1);
        m_tabs->addTab(page, titles[i]);
    }
    layout->addWidget(m_tabs, 2);
    connect(m_costStrategy, &QComboBox::currentTextChanged, this, &ResultsPage::rebuildDetailCharts);

    auto* buttons = new QHBoxLayout;
    auto* exportChartButton = new QPushButton(tr("Export chart..."), this);
    auto* exportTableButton = new QPushButton(tr("Export table as CSV..."), this);
    exportChartButton->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    buttons->addWidget(exportChartButton);
    buttons->addWidget(exportTableButton);
    buttons->addStretch();
    layout->addLayout(buttons);
    connect(exportChartButton, &QPushButton::clicked, this, [this] { chooseAndExport(true); });
    connect(exportTableButton, &QPushButton::clicked, this, [this] { chooseAndExport(false); });
}

void ResultsPage::replaceChart(Chart which, QChart* chart) {
    QChart* old = m_views[which]->chart();
    m_views[which]->setChart(chart);
    delete old;
}

void ResultsPage::setReport(core::RunReport report) {
    replaceChart(CostVsAccuracy, buildCostAccuracyChart(report));
    replaceChart(CategoryAccuracy, buildCategoryAccuracyChart(report));
    QString best = QString::fromStdString(report.bestSingle);
    m_summary->setText(tr("Run %1: %2 strategies and baselines. Best single model: %3.")
                           .arg(report.runId)
                           .arg(report.strategies.size())
                           .arg(best.isEmpty() ? tr("none (no baseline answered every item)") : best));
    QString keep = m_costStrategy->currentText();
    m_costStrategy->blockSignals(true);
    m_costStrategy->clear();
    for (const auto& m : report.strategies)
        m_costStrategy->addItem(QString::fromStdString(m.name));
    int first = int(std::ranges::find_if(report.strategies, [](const auto& m) { return !m.baseline; }) -
                    report.strategies.begin());
    int index = m_costStrategy->findText(keep);
    m_costStrategy->setCurrentIndex(index >= 0 ? index : (first < m_costStrategy->count() ? first : 0));
    m_costStrategy->blockSignals(false);
    m_model.setReport(std::move(report));
    rebuildDetailCharts();
}

void ResultsPage::setDetails(std::vector<core::Outcome> outcomes, CallsOfStrategy callsOf) {
    m_outcomes = std::move(outcomes);
    m_callsOf = std::move(callsOf);
    rebuildDetailCharts();
}

void ResultsPage::rebuildDetailCharts() {
    QString strategy = m_costStrategy->currentText();
    std::vector<core::Call> calls = m_callsOf ? m_callsOf(strategy.toStdString()) : std::vector<core::Call>{};
    replaceChart(CostByRole, buildCostByRoleChart(core::costByItemAndRole(calls, strategy.toStdString()), strategy));
    std::vector<std::string> names;
    for (const auto& m : m_model.report().strategies)
        names.push_back(m.name);
    replaceChart(Latency, buildLatencyChart(m_outcomes, names));
}

void ResultsPage::showChart(Chart chart) {
    m_tabs->setCurrentIndex(chart);
}

QChart* ResultsPage::chart(Chart which) const {
    return m_views[which]->chart();
}

void ResultsPage::setCostStrategy(const QString& strategy) {
    m_costStrategy->setCurrentText(strategy);
}

bool ResultsPage::exportChart(const QString& path, QString* error) const {
    QSize size(1000, 640);
    QChartView* view = m_views[m_tabs->currentIndex()];
    bool ok = false;
    if (path.endsWith(".png", Qt::CaseInsensitive)) {
        ok = view->grab().save(path, "PNG");
    } else if (path.endsWith(".svg", Qt::CaseInsensitive)) {
        QSvgGenerator svg;
        svg.setFileName(path);
        svg.setSize(size);
        svg.setViewBox(QRect(QPoint(0, 0), size));
        svg.setTitle(view->chart()->title());
        QPainter painter;
        ok = painter.begin(&svg);
        if (ok) view->render(&painter, QRectF(QPointF(0, 0), size)), painter.end();
    } else if (path.endsWith(".pdf", Qt::CaseInsensitive)) {
        QPdfWriter pdf(path);
        pdf.setPageSize(QPageSize(QPageSize::A4));
        pdf.setPageOrientation(QPageLayout::Landscape);
        QPainter painter;
        ok = painter.begin(&pdf);
        if (ok) view->render(&painter), painter.end();
    } else {
        if (error) *error = tr("%1: choose a .png, .svg or .pdf file name").arg(path);
        return false;
    }
    if (!ok && error) *error = tr("%1: could not be written; check the folder exists and is writable").arg(path);
    return ok;
}

bool ResultsPage::exportTable(const QString& path, QString* error) const {
    auto written = core::writeFileAtomically(path.toStdString(), core::toCsv(m_model.report()));
    if (!written && error) *error = QString::fromStdString(written.error().message);
    return bool(written);
}

void ResultsPage::chooseAndExport(bool chart) {
    static const char* chartFileNames[ChartCount] = {"cost-vs-accuracy.png", "accuracy-per-category.png",
                                                     "cost-per-item-by-role.png", "latency.png"};
    QString path =
        chart ? QFileDialog::getSaveFileName(this, tr("Export chart"), chartFileNames[m_tabs->currentIndex()],
                                             tr("PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"))
              : QFileDialog::getSaveFileName(this, tr("Export table"), "comparison.csv", tr("CSV (*.csv)"));
    if (path.isEmpty()) return;
    QString error;
    if (!(chart ? exportChart(path, &error) : exportTable(path, &error)))
        QMessageBox::warning(this, tr("Export failed"), error);
}

} // namespace baton::ui
