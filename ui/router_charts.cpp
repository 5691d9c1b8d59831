// SPDX-License-Identifier: MIT
#include "router_charts.h"

#include <QChart>
#include <QLegendMarker>
#include <QLineSeries>
#include <QPen>
#include <QScatterSeries>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

namespace baton::ui {
namespace {

void addAxes(QChart* chart, const QString& xTitle, double xMax, const QString& yTitle) {
    auto* x = new QValueAxis;
    x->setTitleText(xTitle);
    x->setRange(0, xMax > 0 ? xMax : 1);
    if (xMax != 1) x->applyNiceNumbers();
    auto* y = new QValueAxis;
    y->setTitleText(yTitle);
    y->setRange(0, 1);
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    for (auto* s : chart->series()) s->attachAxis(x), s->attachAxis(y);
}

QScatterSeries* labelledPoint(const QString& name, double x, double y, const QColor& color) {
    auto* point = new QScatterSeries;
    point->setName(name);
    point->setMarkerSize(9);
    point->setColor(color);
    point->append(x, y);
    point->setPointLabelsFormat(name);
    point->setPointLabelsVisible(true);
    point->setPointLabelsClipping(false);
    return point;
}

} // namespace

QChart* buildReliabilityChart(const core::RouterReport& report) {
    auto* chart = new QChart;
    chart->setTitle(QObject::tr("Calibration (%1) on %2 test items").arg(report.calibrationMethod.c_str()).arg(report.testItems));
    auto* diagonal = new QLineSeries;
    diagonal->setName(QObject::tr("perfectly calibrated"));
    QPen pen = diagonal->pen();
    pen.setStyle(Qt::DashLine);
    pen.setColor(Qt::gray);
    diagonal->setPen(pen);
    diagonal->append(0, 0), diagonal->append(1, 1);
    chart->addSeries(diagonal);
    for (size_t m = 0; m < report.calibration.size() && m < report.models.size(); ++m) {
        const auto& c = report.calibration[m];
        auto* line = new QLineSeries;
        line->setName(QObject::tr("%1 (ECE %2)").arg(report.models[m].c_str()).arg(c.ece, 0, 'f', 3));
        line->setPointsVisible(true);
        for (const auto& b : c.bins)
            if (b.count > 0) line->append(b.meanPredicted, b.observed);
        chart->addSeries(line);
    }
    addAxes(chart, QObject::tr("predicted P(correct)"), 1, QObject::tr("observed share correct"));
    return chart;
}

QChart* buildRouterCurveChart(const core::RouterReport& report) {
    auto* chart = new QChart;
    chart->setTitle(QObject::tr("Router %1 on %2 test items: lambda curve against the baselines")
                        .arg(report.name.c_str())
                        .arg(report.testItems));
    double maxCost = 0;
    auto* curve = new QLineSeries;
    curve->setName(QObject::tr("router (lambda sweep)"));
    for (const auto& p : report.testCurve)
        if (!std::isnan(p.meanCostUsd)) curve->append(p.meanCostUsd, p.accuracy), maxCost = std::max(maxCost, p.meanCostUsd);
    chart->addSeries(curve);

    const core::RouterReportRow *cheapest = nullptr, *strongest = nullptr;
    for (const auto& r : report.rows) {
        if (std::isnan(r.meanCostUsd)) continue;
        maxCost = std::max(maxCost, r.meanCostUsd);
        if (r.kind == core::RouterReportRow::Kind::Single) {
            if (!cheapest || r.meanCostUsd < cheapest->meanCostUsd) cheapest = &r;
            if (r.name == report.strongModel) strongest = &r;
            auto* point = labelledPoint(QString::fromStdString(r.name), r.meanCostUsd, r.accuracy, Qt::darkGray);
            chart->addSeries(point);
            for (auto* marker : chart->legend()->markers(point)) marker->setVisible(false);
        } else if (r.kind == core::RouterReportRow::Kind::Oracle) {
            auto* point = labelledPoint(QObject::tr("oracle"), r.meanCostUsd, r.accuracy, Qt::darkGreen);
            point->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
            chart->addSeries(point);
        } else {
            chart->addSeries(labelledPoint(QObject::tr("chosen lambda %1").arg(report.lambda, 0, 'g', 4), r.meanCostUsd,
                                           r.accuracy, Qt::red));
        }
    }
    if (cheapest && strongest && cheapest != strongest) {
        auto* mix = new QLineSeries;
        mix->setName(QObject::tr("random mix %1 / %2").arg(cheapest->name.c_str(), strongest->name.c_str()));
        QPen pen = mix->pen();
        pen.setStyle(Qt::DashLine);
        mix->setPen(pen);
        mix->append(cheapest->meanCostUsd, cheapest->accuracy);
        mix->append(strongest->meanCostUsd, strongest->accuracy);
        chart->addSeries(mix);
    }
    addAxes(chart, QObject::tr("mean cost per item (USD)"), maxCost * 1.1, QObject::tr("accuracy on the test items"));
    return chart;
}

} // namespace baton::ui
