#include "results_page.h"
#include "cost_accuracy_chart.h"
#include "util/file_io.h"

#include <QChart>
#include <QChartView>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPainter>
#include <QPdfWriter>
#include <QPushButton>
#include <QSvgGenerator>
#include <QTableView>
#include <QVBoxLayout>

namespace baton::ui {

ResultsPage::ResultsPage(QWidget* parent)
    : QWidget(parent), m_table(new QTableView(this)), m_chart(new QChartView(this)), m_summary(new QLabel(this)) {
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
    m_chart->setRenderHint(QPainter::Antialiasing);
    m_chart->setMinimumHeight(320);
    layout->addWidget(m_chart, 2);
    auto* buttons = new QHBoxLayout;
    auto* exportChartButton = new QPushButton(tr("Export chart..."), this);
    auto* exportTableButton = new QPushButton(tr("Export table as CSV..."), this);
    buttons->addWidget(exportChartButton);
    buttons->addWidget(exportTableButton);
    buttons->addStretch();
    layout->addLayout(buttons);
    connect(exportChartButton, &QPushButton::clicked, this, [this] { chooseAndExport(true); });
    connect(exportTableButton, &QPushButton::clicked, this, [this] { chooseAndExport(false); });
}

void ResultsPage::setReport(core::RunReport report) {
    QChart* old = m_chart->chart();
    m_chart->setChart(buildCostAccuracyChart(report));
    delete old;
    QString best = QString::fromStdString(report.bestSingle);
    m_summary->setText(tr("Run %1: %2 strategies and baselines. Best single model: %3.")
                           .arg(report.runId)
                           .arg(report.strategies.size())
                           .arg(best.isEmpty() ? tr("none") : best));
    m_model.setReport(std::move(report));
}

bool ResultsPage::exportChart(const QString& path, QString* error) const {
    QSize size(1000, 640);
    bool ok = false;
    if (path.endsWith(".png", Qt::CaseInsensitive)) {
        ok = m_chart->grab().save(path, "PNG");
    } else if (path.endsWith(".svg", Qt::CaseInsensitive)) {
        QSvgGenerator svg;
        svg.setFileName(path);
        svg.setSize(size);
        svg.setViewBox(QRect(QPoint(0, 0), size));
        svg.setTitle(tr("Cost vs accuracy"));
        QPainter painter;
        ok = painter.begin(&svg);
        if (ok) m_chart->render(&painter, QRectF(QPointF(0, 0), size)), painter.end();
    } else if (path.endsWith(".pdf", Qt::CaseInsensitive)) {
        QPdfWriter pdf(path);
        pdf.setPageSize(QPageSize(QPageSize::A4));
        pdf.setPageOrientation(QPageLayout::Landscape);
        QPainter painter;
        ok = painter.begin(&pdf);
        if (ok) m_chart->render(&painter), painter.end();
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
    QString path =
        chart ? QFileDialog::getSaveFileName(this, tr("Export chart"), "cost-vs-accuracy.png",
                                             tr("PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"))
              : QFileDialog::getSaveFileName(this, tr("Export table"), "comparison.csv", tr("CSV (*.csv)"));
    if (path.isEmpty()) return;
    QString error;
    if (!(chart ? exportChart(path, &error) : exportTable(path, &error)))
        QMessageBox::warning(this, tr("Export failed"), error);
}

} // namespace baton::ui
