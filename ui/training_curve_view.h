// SPDX-License-Identifier: MIT
#pragma once
// TrainingCurveView: the Training lab's live chart. Reward (left axis) and accuracy (right axis,
// 0-100%) of the generation's best candidate on the training and the validation items, one point
// per generation, added as the training reports them.

#include "training/coordinator_training.h"

#include <QChartView>

class QLineSeries;
class QValueAxis;

namespace baton::ui {

class TrainingCurveView : public QChartView {
    Q_OBJECT
public:
    enum Series { TrainReward, ValidationReward, TrainAccuracy, ValidationAccuracy, SeriesCount };

    explicit TrainingCurveView(QWidget* parent = nullptr);

    /// Empties the chart for a training of at most `generations` generations.
    void reset(int generations);
    void addPoint(const core::GenerationPoint& point);
    /// The points drawn so far (x: generation; y: reward, or accuracy as a share of 1).
    QList<QPointF> points(Series series) const;
    int pointCount() const { return int(points(TrainReward).size()); }

private:
    QLineSeries* m_series[SeriesCount] = {};
    QValueAxis* m_generation = nullptr;
    QValueAxis* m_reward = nullptr;
    QValueAxis* m_accuracy = nullptr;
    double m_low = 0, m_high = 0;
};

} // namespace baton::ui
