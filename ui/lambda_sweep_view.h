// SPDX-License-Identifier: MIT
#pragma once
// LambdaSweepView: the Training lab's lambda sweep on the cost-quality plane of the test items
// (core::sweepCostQuality): every trained policy a square, every pool model alone a circle, the
// frontier dashed; and the choice of the sweep's policy the page shows, saves and adds to a pool.

#include "eval/run_report.h"

#include <QWidget>

class QChartView;
class QComboBox;
class QLabel;

namespace baton::ui {

class LambdaSweepView : public QWidget {
    Q_OBJECT
public:
    explicit LambdaSweepView(QWidget* parent = nullptr);

    /// Shows `plane` and lists `policies` (the sweep's, in lambda order), choosing `chosen`.
    void setSweep(const core::RunReport& plane, const QStringList& policies, int chosen);
    void clear();
    const core::RunReport& plane() const { return m_plane; }
    int chosen() const;
    void choose(int index);

signals:
    void chosenChanged(int index);

private:
    core::RunReport m_plane;
    QChartView* m_chart = nullptr;
    QComboBox* m_policy = nullptr;
    QLabel* m_note = nullptr;
};

} // namespace baton::ui
