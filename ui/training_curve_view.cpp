// SPDX-License-Identifier: MIT
#include "training_curve_view.h"

#include <QChart>
#include <QLineSeries>
#include <QPainter>
#include <QPen>
#include <QValueAxis>

#include <algorithm>

namespace baton::ui {

TrainingCurveView::TrainingCurveView(QWidget* parent) : QChartView(parent) {
    setRenderHint(QPainter::Antialiasing);
    auto* chart = new QChart;
    chart->setTitle(tr("Reward (grade - lambda x cost / reference) and accuracy per generation, best candidate"));
    m_generation = new QValueAxis;
    m_generation->setTitleText(tr("generation"));
    m_generation->setLabelFormat("%d");
    m_reward = new QValueAxis;
    m_reward->setTitleText(tr("reward"));
    m_reward->setLabelFormat("%.2f");
    m_accuracy = new QValueAxis;
    m_accuracy->setTitleText(tr("accuracy (dashed)"));
    m_accuracy->setRange(0, 1);
    m_accuracy->setLabelFormat("%.1f");
    chart->addAxis(m_generation, Qt::AlignBottom);
    chart->addAxis(m_reward, Qt::AlignLeft);
    chart->addAxis(m_accuracy, Qt::AlignRight);
    const QString names[SeriesCount] = {tr("training reward"), tr("validation reward"), tr("training accuracy (dashed)"),
                                        tr("validation accuracy (dashed)")};
    const QColor colours[SeriesCount] = {QColor("#1f77b4"), QColor("#d62728"), QColor("#1f77b4"), QColor("#d62728")};
    for (int s = 0; s < SeriesCount; ++s) {
        m_series[s] = new QLineSeries;
        m_series[s]->setName(names[s]);
        m_series[s]->setPointsVisible(true);
        QPen pen(colours[s], 2, s >= TrainAccuracy ? Qt::DashLine : Qt::SolidLine);
        m_series[s]->setPen(pen);
        chart->addSeries(m_series[s]);
        m_series[s]->attachAxis(m_generation);
        m_series[s]->attachAxis(s >= TrainAccuracy ? m_accuracy : m_reward);
    }
    chart->legend()->setAlignment(Qt::AlignBottom);
    setChart(chart);
    reset(1);
}

void TrainingCurveView::reset(int generations) {
    for (auto* s : m_series) s->clear();
    generations = std::max(1, generations);
    m_generation->setRange(0, generations);
    m_generation->setTickType(QValueAxis::TicksDynamic); // whole generations, at most about 10 ticks
    m_generation->setTickAnchor(0);
    m_generation->setTickInterval(std::max(1, (generations + 9) / 10));
    m_low = 0, m_high = 0;
    m_reward->setRange(-0.1, 1);
}

void TrainingCurveView::addPoint(const core::GenerationPoint& point) {
    double x = point.generation;
    m_series[TrainReward]->append(x, point.train.reward);
    m_series[ValidationReward]->append(x, point.validation.reward);
    m_series[TrainAccuracy]->append(x, point.train.accuracy);
    m_series[ValidationAccuracy]->append(x, point.validation.accuracy);
    double low = std::min(point.train.reward, point.validation.reward);
    double high = std::max(point.train.reward, point.validation.reward);
    bool first = m_series[TrainReward]->count() == 1;
    m_low = first ? low : std::min(m_low, low);
    m_high = first ? high : std::max(m_high, high);
    double pad = std::max(0.05, 0.1 * (m_high - m_low));
    m_reward->setRange(m_low - pad, m_high + pad);
}

QList<QPointF> TrainingCurveView::points(Series series) const {
    return m_series[series]->points();
}

} // namespace baton::ui
