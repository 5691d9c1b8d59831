// SPDX-License-Identifier: MIT
#pragma once
// CallTimelineView: one item's calls as a waterfall (core::callTimeline): one row per call in
// order of start, a bar from start to end filled by role, pale until the first byte and solid
// after it, so calls that ran in parallel show side by side; a time axis with nice ticks; a
// tooltip per bar with the figures.

#include "eval/call_timeline.h"

#include <QGraphicsView>

class QGraphicsRectItem;

namespace baton::ui {

class CallTimelineView : public QGraphicsView {
    Q_OBJECT
public:
    static constexpr double kLabelWidth = 170, kRowHeight = 22, kBarHeight = 14, kPlotWidth = 560;

    explicit CallTimelineView(QWidget* parent = nullptr);
    void setCalls(const std::vector<core::Call>& calls);
    const core::CallTimeline& timeline() const { return m_timeline; }
    /// Scene x of a time (ms from the item's first call).
    double xOf(double ms) const { return kLabelWidth + ms * m_pxPerMs; }
    /// The whole bar of row `row` (start to end), and its part after the first byte (empty rect
    /// when no first byte was measured).
    QGraphicsRectItem* bar(size_t row) const { return row < m_bars.size() ? m_bars[row] : nullptr; }
    QGraphicsRectItem* receiving(size_t row) const { return row < m_receiving.size() ? m_receiving[row] : nullptr; }

private:
    core::CallTimeline m_timeline;
    double m_pxPerMs = 1;
    std::vector<QGraphicsRectItem*> m_bars, m_receiving;
};

} // namespace baton::ui
