// SPDX-License-Identifier: MIT
#pragma once
// ChartLegend: a chart's legend as widgets under the chart, wrapping onto as many lines as the
// width needs, so that every entry stays whole at 1024x700 (Qt Charts' own legend cut a list of
// 11 entries). Each entry is a swatch drawn like the chart's marker (circle, square, line or bar
// fill) and the series' name; it carries the series' tooltip. Exported charts keep Qt's legend.

#include <QWidget>

class QChart;
class QLabel;

namespace baton::ui {

class ChartLegend : public QWidget {
    Q_OBJECT
public:
    explicit ChartLegend(QWidget* parent = nullptr);
    /// Shows the entries of `chart` (which then hides its own legend); null clears.
    void setChart(QChart* chart);
    /// The name labels, one per entry, in the chart's order.
    QList<QLabel*> entries() const { return m_entries; }

private:
    QList<QLabel*> m_entries;
};

} // namespace baton::ui
