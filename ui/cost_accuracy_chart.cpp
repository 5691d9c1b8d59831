// SPDX-License-Identifier: MIT
#include "cost_accuracy_chart.h"

#include <QChart>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QScatterSeries>
#include <QValueAxis>
#include <algorithm>

namespace baton::ui {

QChart* buildCostAccuracyChart(const core::RunReport& report) {
    auto* chart = new QChart;
    chart->setTitle(QObject::tr("Cost vs accuracy (run %1)").arg(report.runId));
    auto* baselines = new QScatterSeries;
    baselines->setName(QObject::tr("single models"));
    auto* strategies = new QScatterSeries;
    strategies->setName(QObject::tr("strategies"));
    strategies->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
    double minCost = 1, maxCost = 1e-9;
    for (const auto& m : report.strategies) {
        if (!m.costPerItem || m.items == 0) continue; // unknown cost: not placed, never at 0
        QPointF p(std::max(m.costPerItem->usd(), 1e-9), m.accuracy);
        (m.baseline ? baselines : strategies)->append(p);
        minCost = std::min(minCost, p.x()), maxCost = std::max(maxCost, p.x());
    }
    auto* frontier = new QLineSeries;
    frontier->setName(QObject::tr("cost-quality frontier"));
    for (const auto& p : report.frontier)
        frontier->append(std::max(p.cost, 1e-9), p.quality);
    chart->addSeries(frontier);
    chart->addSeries(baselines);
    chart->addSeries(strategies);
    auto* x = new QLogValueAxis;
    x->setTitleText(QObject::tr("cost per item (USD, log scale)"));
    x->setLabelFormat("%.1g");
    x->setRange(minCost / 2, maxCost * 2);
    auto* y = new QValueAxis;
    y->setTitleText(QObject::tr("accuracy"));
    y->setRange(0, 1);
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    for (auto* s : chart->series())
        s->attachAxis(x), s->attachAxis(y);
    return chart;
}

} // namespace baton::ui
