// SPDX-License-Identifier: MIT
#include "router_charts.h"
#include "replay/router_chart.h"

#include <QChart>
#include <QLegendMarker>
#include <QLineSeries>
#include <QPen>
#include <QScatterSeries>
#include <QToolTip>
#include <QCursor>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

namespace baton::ui {
namespace {

void addAxes(QChart* chart, const QString& xTitle, double xMax, const QString& yTitle, double yMin = 0,
             double yMax = 1) {
    auto* x = new QValueAxis;
    x->setTitleText(xTitle);
    x->setRange(0, xMax > 0 ? xMax : 1);
    if (xMax != 1) x->applyNiceNumbers();
    auto* y = new QValueAxis;
    y->setTitleText(yTitle);
    y->setRange(yMin, yMax);
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    for (auto* s : chart->series()) s->attachAxis(x), s->attachAxis(y);
}

QScatterSeries* labelledPoint(const QString& name, const QColor& color) {
    auto* point = new QScatterSeries;
    point->setName(name);
    point->setMarkerSize(9);
    point->setColor(color);
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
    // The same description `baton-cli router eval --chart` writes as SVG (core/replay/router_chart.h).
    const core::CurveChart spec = core::routerChart(report);
    using Style = core::CurveChart::Series::Style;
    auto* chart = new QChart;
    chart->setTitle(QString::fromStdString(spec.title));
    for (const auto& s : spec.series) {
        const QString name = QString::fromStdString(s.name);
        const QColor colour(QString::fromStdString(s.colour));
        QXYSeries* series = nullptr;
        if (s.style == Style::Line || s.style == Style::DashedLine) {
            auto* line = new QLineSeries;
            QPen pen = line->pen();
            pen.setColor(colour);
            pen.setWidth(2);
            if (s.style == Style::DashedLine) pen.setStyle(Qt::DashLine);
            line->setPen(pen);
            series = line;
        } else {
            auto* point = labelledPoint(name, colour);
            if (s.style == Style::Square) point->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
            point->setPointLabelsVisible(s.labelled);
            series = point;
        }
        series->setName(name);
        QStringList tips;
        for (const auto& p : s.points) {
            series->append(p.x, p.y);
            tips << QString::fromStdString(p.label);
        }
        series->setProperty("toolTip", tips.size() == 1 ? tips.front() : name);
        QObject::connect(series, &QXYSeries::hovered, series, [series, tips](const QPointF& at, bool on) {
            if (!on || tips.isEmpty()) return QToolTip::hideText();
            // The point nearest the cursor along the cost axis.
            int nearest = 0;
            for (int k = 1; k < series->count(); ++k)
                if (qAbs(series->at(k).x() - at.x()) < qAbs(series->at(nearest).x() - at.x())) nearest = k;
            QToolTip::showText(QCursor::pos(), tips.value(nearest));
        });
        chart->addSeries(series);
        if (!s.legend)
            for (auto* marker : chart->legend()->markers(series)) marker->setVisible(false);
    }
    addAxes(chart, QString::fromStdString(spec.xTitle), spec.xMax, QString::fromStdString(spec.yTitle), spec.yMin,
            spec.yMax);
    return chart;
}

} // namespace baton::ui
