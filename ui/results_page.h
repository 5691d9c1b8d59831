// SPDX-License-Identifier: MIT
#pragma once
// ResultsPage: the comparison tables of a run (each strategy against a chosen reference
// baseline; every strategy against every baseline) and its charts (cost vs accuracy with the
// frontier, accuracy per category, cost per item by role, latency, cost per call of the whole run
// or one strategy), each with a legend that wraps under it, with exports: the chart shown to PNG,
// SVG or PDF filling the page, the table shown to CSV exactly as on screen.

#include "chart_legend.h"
#include "comparison_matrix_model.h"
#include "comparison_model.h"
#include "eval/call_cost_histogram.h"
#include "eval/run_breakdown.h"
#include "job_runner.h"
#include "model/call.h"
#include "report_files.h"

#include <QWidget>
#include <functional>
#include <memory>

class QChart;
class QChartView;
class QComboBox;
class QLabel;
class QPushButton;
class QSplitter;
class QTabWidget;
class QTableView;

namespace baton::ui {

class ResultsPage : public QWidget {
    Q_OBJECT
public:
    enum Chart { CostVsAccuracy, CategoryAccuracy, CostByRole, Latency, CallCost, ChartCount };
    enum Table { StrategyTable, MatrixTable, TableCount };

    explicit ResultsPage(QWidget* parent = nullptr);

    /// `title` says which run this is (pool, task set, date), shown above the tables.
    void setReport(core::RunReport report, const QString& title = {});
    /// Run `runId` is opened and its report being built: the tables and charts are emptied and
    /// the summary says so until setReport(). The strategies chosen for the cost charts stay chosen.
    void setPending(int64_t runId, const QString& title);
    /// The report of the run pending could not be built: the summary says why.
    void setUnavailable(const QString& why);
    /// What each item cost by role, per strategy (core::RunCosts::itemCosts).
    using ItemCosts = std::map<std::string, std::vector<core::ItemCost>>;
    /// The latency chart's figures, folded off the GUI thread (core::latencyHistograms, with the
    /// report's strategies in its order and kLatencyChartBins).
    void setLatencies(core::LatencyHistograms latencies);
    /// The item costs alone, when they are read after the run is shown (core::RunCosts::itemCosts).
    void setItemCosts(ItemCosts itemCosts);
    /// What each call of the run cost (core::RunCosts::callCosts), for the cost-per-call chart.
    void setCallCosts(core::RunCallCosts costs);
    /// Which calls the cost-per-call chart counts: one strategy's, or (empty) the whole run's.
    void setCallCostStrategy(const QString& strategy);
    /// What the cost-per-call chart does not draw, as said beside it ("3 calls of unknown cost").
    QString callCostNote() const;
    /// The legend shown under a chart.
    ChartLegend* legend(Chart which) const { return m_legends[which]; }
    const ComparisonModel& model() const { return m_model; }
    QString summaryText() const; ///< the run shown, its best single model, borrowed baselines
    const ComparisonMatrixModel& matrixModel() const { return m_matrix; }
    QTableView* tableView(Table which) const { return m_tables[which]; }
    void showTable(Table which);
    /// The baseline the strategy table compares with (empty: the best single model).
    void setReference(const QString& baseline);

    void showChart(Chart chart);
    QChart* chart(Chart which) const;
    /// Which strategy the cost-by-role chart shows.
    void setCostStrategy(const QString& strategy);

    /// Writes the chart shown as PNG, SVG or PDF (by extension; none: PNG), drawn at the size of
    /// the page; false with `error` set on failure. `written` gets the path used.
    bool exportChart(const QString& path, QString* error = nullptr, QString* written = nullptr) const;
    /// Writes the table shown as CSV (".csv" appended when missing), cell for cell as on screen.
    bool exportTable(const QString& path, QString* error = nullptr, QString* written = nullptr) const;
    /// Asks for a file (start folder remembered), exports, and says where it went.
    void chooseAndExport(bool chart);
    QString exportStatus() const;

    /// The run record the report is of (pool makeup and price sources for the shared report).
    void setRun(core::Run run);
    /// Writes the report as the page `baton-cli report --html` or the workbook `--xlsx` writes, off
    /// the GUI thread; reportExported() or the export status saying why not follows.
    void exportReport(const QString& path, ReportFormat format);
    /// Asks for a file (folder remembered), then exportReport().
    void chooseAndExportReport(ReportFormat format);
    bool canExportReport() const { return m_report && m_run; }

    /// The open workspace's file: an export naming it (or its -wal, -shm, -journal) is refused.
    void setWorkspacePath(const QString& path) { m_workspacePath = path; }

    /// How a file name is chosen (replaced in tests): caption, start path, filter.
    std::function<QString(const QString&, const QString&, const QString&)> chooseFile;

signals:
    void reportExported(const QString& path);
    void statusMessage(const QString& text);

private:
    QChart* buildChart(Chart which) const;
    void replaceChart(Chart which, QChart* chart);
    void rebuildDetailCharts();
    void fillReferences();

    ComparisonModel m_model;
    ComparisonMatrixModel m_matrix;
    core::LatencyHistograms m_latencies;
    ItemCosts m_itemCosts;
    core::RunCallCosts m_callCosts;
    QTableView* m_tables[TableCount];
    QTabWidget* m_tableTabs;
    QTabWidget* m_tabs;
    QChartView* m_views[ChartCount];
    ChartLegend* m_legends[ChartCount];
    QComboBox* m_costStrategy;
    QComboBox* m_callCostStrategy;
    /// The choices made in those two (kept for the next run shown, when it has that strategy).
    QString m_chosenCost, m_chosenCallCost;
    QLabel* m_callCostNote;
    QComboBox* m_reference;
    QLabel* m_summary;
    QLabel* m_exported;
    QSplitter* m_split;
    QPushButton* m_share;
    std::shared_ptr<const core::RunReport> m_report;
    std::shared_ptr<const core::Run> m_run;
    QString m_workspacePath;
    JobRunner m_reportJob;
};

} // namespace baton::ui
