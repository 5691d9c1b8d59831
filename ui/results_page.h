// SPDX-License-Identifier: MIT
#pragma once
// ResultsPage: the comparison table of a run and its charts (cost vs accuracy with the frontier,
// accuracy per category, cost per item stacked by role, latency distribution), with exports
// (the chart shown to PNG, SVG or PDF; the table to CSV).

#include "comparison_model.h"
#include "model/call.h"

#include <QWidget>
#include <functional>

class QChart;
class QChartView;
class QComboBox;
class QLabel;
class QTabWidget;
class QTableView;

namespace baton::ui {

class ResultsPage : public QWidget {
    Q_OBJECT
public:
    enum Chart { CostVsAccuracy, CategoryAccuracy, CostByRole, Latency, ChartCount };

    explicit ResultsPage(QWidget* parent = nullptr);

    void setReport(core::RunReport report);
    /// The calls of one strategy, fetched when its cost-by-role chart is shown.
    using CallsOfStrategy = std::function<std::vector<core::Call>(const std::string& strategy)>;
    /// The run's outcomes (latency chart) and where its calls come from (cost-by-role chart).
    void setDetails(std::vector<core::Outcome> outcomes, CallsOfStrategy callsOf);
    const ComparisonModel& model() const { return m_model; }

    void showChart(Chart chart);
    QChart* chart(Chart which) const;
    /// Which strategy the cost-by-role chart shows.
    void setCostStrategy(const QString& strategy);

    /// Writes the chart shown as PNG, SVG or PDF (by extension); false with `error` set on failure.
    bool exportChart(const QString& path, QString* error = nullptr) const;
    bool exportTable(const QString& path, QString* error = nullptr) const;

private:
    void replaceChart(Chart which, QChart* chart);
    void rebuildDetailCharts();
    void chooseAndExport(bool chart);

    ComparisonModel m_model;
    std::vector<core::Outcome> m_outcomes;
    CallsOfStrategy m_callsOf;
    QTableView* m_table;
    QTabWidget* m_tabs;
    QChartView* m_views[ChartCount];
    QComboBox* m_costStrategy;
    QLabel* m_summary;
};

} // namespace baton::ui
