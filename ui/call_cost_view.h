// SPDX-License-Identifier: MIT
#pragma once
// CallCostView: what each call of one item cost, one bar per call (every attempt) in order of
// start, filled by role, on a nice dollar axis; a call of unknown cost gets no bar but the word
// "unknown" (never drawn as $0), a cached one a dashed outline at its list price ("not paid").

#include "model/call.h"

#include <QGraphicsView>

class QGraphicsRectItem;
class QGraphicsSimpleTextItem;

namespace baton::ui {

class CallCostView : public QGraphicsView {
    Q_OBJECT
public:
    static constexpr double kLabelWidth = 170, kRowHeight = 22, kBarHeight = 14, kPlotWidth = 420;

    explicit CallCostView(QWidget* parent = nullptr);
    void setCalls(std::vector<core::Call> calls);
    /// Scene x of a cost in USD.
    double xOf(double usd) const { return kLabelWidth + usd * m_pxPerUsd; }
    /// Row `row`'s bar (nullptr for a call of unknown cost) and the text after it.
    QGraphicsRectItem* bar(size_t row) const { return row < m_bars.size() ? m_bars[row] : nullptr; }
    QGraphicsSimpleTextItem* valueText(size_t row) const { return row < m_values.size() ? m_values[row] : nullptr; }
    size_t rows() const { return m_values.size(); }

private:
    double m_pxPerUsd = 1;
    std::vector<QGraphicsRectItem*> m_bars;
    std::vector<QGraphicsSimpleTextItem*> m_values;
};

} // namespace baton::ui
