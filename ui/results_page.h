#pragma once
// ResultsPage: the comparison table and the cost-vs-accuracy chart of a run, with exports
// (chart to PNG, SVG, PDF; table to CSV).

#include "comparison_model.h"

#include <QWidget>
#include <functional>

class QChartView;
class QLabel;
class QTableView;

namespace baton::ui {

class ResultsPage : public QWidget {
    Q_OBJECT
public:
    explicit ResultsPage(QWidget* parent = nullptr);

    void setReport(core::RunReport report);
    const ComparisonModel& model() const { return m_model; }

    /// Writes the chart as PNG, SVG or PDF (by extension); false with `error` set on failure.
    bool exportChart(const QString& path, QString* error = nullptr) const;
    bool exportTable(const QString& path, QString* error = nullptr) const;

private:
    void chooseAndExport(bool chart);

    ComparisonModel m_model;
    QTableView* m_table;
    QChartView* m_chart;
    QLabel* m_summary;
};

} // namespace baton::ui
