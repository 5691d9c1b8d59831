// SPDX-License-Identifier: MIT
#include "replay_chart.h"

#include <QChart>
#include <QCursor>
#include <QLegendMarker>
#include <QLineSeries>
#include <QPen>
#include <QScatterSeries>
#include <QToolTip>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

namespace baton::ui {
namespace {

QString costText(double cost, bool usd) {
    return usd ? QObject::tr("$%1 per item").arg(cost, 0, 'f', 6)
               : QObject::tr("%1% of calls to the strong model").arg(cost * 100, 0, 'f', 1);
}

/// On hover, a tooltip naming the series and the point nearest to the cursor.
void tooltipOnHover(QXYSeries* series, bool usd, std::vector<double> params = {}) {
    QObject::connect(series, &QXYSeries::hovered, series, [series, usd, params](const QPointF& at, bool entered) {
        if (!entered) return QToolTip::hideText();
        const auto points = series->points();
        qsizetype nearest = 0;
        for (qsizetype i = 1; i < points.size(); ++i)
            if (std::hypot(points[i].x() - at.x(), points[i].y() - at.y()) <
                std::hypot(points[nearest].x() - at.x(), points[nearest].y() - at.y()))
                nearest = i;
        if (points.isEmpty()) return;
        QString text = QObject::tr("%1\naccuracy %2, %3")
                           .arg(series->name())
                           .arg(points[nearest].y(), 0, 'f', 4)
                           .arg(costText(points[nearest].x(), usd));
        if (size_t(nearest) < params.size() && !std::isnan(params[size_t(nearest)]))
            text += QObject::tr("\nparameter %1").arg(params[size_t(nearest)], 0, 'g', 4);
        QToolTip::showText(QCursor::pos(), text);
    });
}

} // namespace

QChart* buildReplayChart(const core::ReplayReport& report) {
    bool usd = report.costAxis == "usd";
    auto* chart = new QChart;
    chart->setTitle(QObject::tr("Cost vs accuracy on %1 test items (offline replay, no calls)").arg(report.testItems));
    double maxCost = 0;

    auto* hull = new QLineSeries;
    hull->setName(QObject::tr("single-model frontier (AIQ %1)").arg(report.baselineAiq, 0, 'f', 4));
    for (const auto& p : report.baselineHull) hull->append(p.cost, p.quality), maxCost = std::max(maxCost, p.cost);
    chart->addSeries(hull);
    tooltipOnHover(hull, usd);

    if (!report.randomMix.empty()) {
        auto* mix = new QLineSeries;
        mix->setName(QObject::tr("random mix"));
        QPen pen = mix->pen();
        pen.setStyle(Qt::DashLine);
        mix->setPen(pen);
        for (const auto& p : report.randomMix) mix->append(p.cost, p.quality);
        chart->addSeries(mix);
        tooltipOnHover(mix, usd);
    }

    for (const auto& curve : report.curves) {
        auto* line = new QLineSeries;
        line->setName(QObject::tr("%1 (AIQ %2)").arg(QString::fromStdString(curve.strategy)).arg(curve.aiq, 0, 'f', 4));
        std::vector<double> params;
        for (const auto& p : curve.points) {
            double x = core::costAxis(p, usd);
            if (std::isnan(x)) continue;
            line->append(x, p.accuracy), params.push_back(p.param);
            maxCost = std::max(maxCost, x);
        }
        chart->addSeries(line);
        tooltipOnHover(line, usd, params);
    }

    auto* oracle = new QScatterSeries;
    oracle->setName(QObject::tr("oracle"));
    oracle->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
    double oracleCost = core::costAxis(report.testOracle, usd);
    if (!std::isnan(oracleCost)) oracle->append(oracleCost, report.testOracle.accuracy);
    oracle->setPointLabelsFormat(QObject::tr("oracle"));
    oracle->setPointLabelsVisible(true);
    oracle->setPointLabelsClipping(false);
    chart->addSeries(oracle);
    tooltipOnHover(oracle, usd);

    // One series per model, so that each point carries its name as a label.
    for (const auto& b : report.baselines) {
        double x = core::costAxis(b, usd);
        if (std::isnan(x)) continue; // unknown cost: not placed, never at 0
        auto* point = new QScatterSeries;
        point->setName(QString::fromStdString(b.strategy));
        point->setMarkerSize(9);
        point->setColor(Qt::darkGray);
        point->append(x, b.accuracy);
        point->setPointLabelsFormat(QString::fromStdString(b.strategy));
        point->setPointLabelsVisible(true);
        point->setPointLabelsClipping(false);
        chart->addSeries(point);
        tooltipOnHover(point, usd);
        for (auto* marker : chart->legend()->markers(point)) marker->setVisible(false);
        maxCost = std::max(maxCost, x);
    }

    auto* x = new QValueAxis;
    x->setTitleText(usd ? QObject::tr("mean cost per item (USD)") : QObject::tr("share of calls to the strong model"));
    x->setRange(0, maxCost > 0 ? maxCost * 1.1 : 1);
    x->applyNiceNumbers();
    auto* y = new QValueAxis;
    y->setTitleText(QObject::tr("accuracy on the test items"));
    y->setRange(0, 1);
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    for (auto* s : chart->series()) s->attachAxis(x), s->attachAxis(y);
    return chart;
}

} // namespace baton::ui
