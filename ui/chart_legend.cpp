// SPDX-License-Identifier: MIT
#include "chart_legend.h"
#include "flow_layout.h"

#include <QChart>
#include <QHBoxLayout>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QPainter>
#include <QScatterSeries>
#include <QXYSeries>

namespace baton::ui {
namespace {

QPixmap swatch(QLegendMarker* marker, int size) {
    QPixmap pixmap(size * 2, size * 2); // drawn at twice the size: sharp on high-dpi screens
    pixmap.setDevicePixelRatio(2);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    QRectF box(1.5, 1.5, size - 3, size - 3);
    QAbstractSeries* series = marker->series();
    QPen pen = marker->pen();
    if (pen.style() == Qt::NoPen || pen.color().alpha() == 0) pen = QPen(marker->brush().color().darker(150), 1);
    switch (series ? series->type() : QAbstractSeries::SeriesTypeBar) {
    case QAbstractSeries::SeriesTypeLine:
    case QAbstractSeries::SeriesTypeSpline: {
        QPen line = static_cast<QXYSeries*>(series)->pen(); // the line's own colour and dashes
        line.setWidthF(std::max<qreal>(2, line.widthF()));
        p.setPen(line);
        p.drawLine(QPointF(1, size / 2.0), QPointF(size - 1, size / 2.0));
        break;
    }
    case QAbstractSeries::SeriesTypeScatter: {
        pen.setWidthF(std::max<qreal>(1.5, std::min<qreal>(pen.widthF(), 2.5)));
        p.setPen(pen);
        p.setBrush(marker->brush());
        auto* scatter = static_cast<QScatterSeries*>(series);
        if (scatter->markerShape() == QScatterSeries::MarkerShapeCircle)
            p.drawEllipse(box);
        else
            p.drawRect(box);
        break;
    }
    default:
        p.setPen(pen);
        p.setBrush(marker->brush());
        p.drawRect(box);
    }
    return pixmap;
}

} // namespace

ChartLegend::ChartLegend(QWidget* parent) : QWidget(parent) {
    new FlowLayout(this, 14);
    setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // wraps to any width
}

void ChartLegend::setChart(QChart* chart) {
    for (QWidget* child : findChildren<QWidget*>(QString(), Qt::FindDirectChildrenOnly))
        delete child;
    m_entries.clear();
    if (!chart) return updateGeometry();
    int size = fontMetrics().height();
    for (QLegendMarker* marker : chart->legend()->markers()) {
        if (!marker->isVisible() || marker->label().isEmpty()) continue; // as Qt's legend would
        auto* entry = new QWidget(this);
        auto* row = new QHBoxLayout(entry);
        row->setContentsMargins(0, 0, 0, 0);
        row->setSpacing(4);
        auto* icon = new QLabel(entry);
        icon->setPixmap(swatch(marker, size));
        auto* name = new QLabel(marker->label(), entry);
        name->setObjectName("legendEntry");
        name->setTextFormat(Qt::PlainText);
        row->addWidget(icon);
        row->addWidget(name);
        if (QAbstractSeries* series = marker->series()) entry->setToolTip(series->property("toolTip").toString());
        layout()->addWidget(entry);
        entry->show(); // at once, not on the next turn of the event loop (QLayout's way)
        m_entries << name;
    }
    chart->legend()->setVisible(false); // this widget is the legend on screen (after reading the
                                        // markers: a hidden legend's markers say they are hidden)
    updateGeometry();
}

} // namespace baton::ui
