// SPDX-License-Identifier: MIT
#include "cost_accuracy_chart.h"

#include <QCursor>
#include <QChart>
#include <QGraphicsLineItem>
#include <QGraphicsSimpleTextItem>
#include <QLineSeries>
#include <QPointer>
#include <QLogValueAxis>
#include <QScatterSeries>
#include <QToolTip>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

namespace baton::ui {
namespace {

QColor colourOf(bool baseline, int index) {
    // Baselines in greys-blues, strategies in warm colours: which is which reads at a glance.
    static const QColor strategies[] = {{214, 39, 40}, {255, 127, 14}, {148, 103, 189}, {140, 86, 75},
                                        {227, 119, 194}, {188, 189, 34}, {23, 190, 207}};
    static const QColor baselines[] = {{31, 119, 180}, {44, 160, 44}, {99, 110, 130}, {70, 130, 180},
                                       {46, 139, 87}, {112, 128, 144}, {0, 90, 140}};
    return baseline ? baselines[index % 7] : strategies[index % 7];
}

// Each point's name drawn next to it, placed so that no two names overlap and no name covers a
// point: to the right, left, above or below the point, else shifted up or down in steps of a
// line, with a thin leader line when the name ends up away from its point. Placed again whenever
// the plot area changes (resize, export at page size).
class PointLabels : public QObject {
public:
    explicit PointLabels(QChart* chart) : QObject(chart), m_chart(chart) {
        connect(chart, &QChart::plotAreaChanged, this, &PointLabels::place);
    }

    void add(QScatterSeries* series, const QString& text, const QColor& colour) {
        auto* label = new QGraphicsSimpleTextItem(text, m_chart);
        label->setBrush(colour);
        label->setData(0, QStringLiteral("pointLabel"));
        label->setData(1, series->name());
        label->setZValue(50);
        auto* leader = new QGraphicsLineItem(m_chart);
        leader->setPen(QPen(colour.lighter(130), 0.8));
        leader->setZValue(49);
        leader->setData(0, QStringLiteral("pointLabelLeader"));
        m_labels.push_back({series, label, leader});
    }

private:
    struct Label {
        QPointer<QScatterSeries> series; // gone while the chart is being destroyed
        QGraphicsSimpleTextItem* text;
        QGraphicsLineItem* leader;
    };

    static double overlap(const QRectF& a, const std::vector<QRectF>& taken) {
        double area = 0;
        for (const QRectF& t : taken)
            if (QRectF i = a.intersected(t); !i.isEmpty()) area += i.width() * i.height();
        return area;
    }

    void place() {
        const QRectF plot = m_chart->plotArea();
        const qreal gap = 7;
        for (const Label& l : m_labels)
            if (!l.series || l.series->count() == 0) return;
        std::vector<QPointF> points;
        std::vector<QRectF> taken; // markers first: no name covers a point
        for (const Label& l : m_labels) {
            points.push_back(m_chart->mapToPosition(l.series->at(0), l.series));
            qreal r = l.series->markerSize() / 2 + 1;
            taken.emplace_back(points.back() - QPointF(r, r), QSizeF(2 * r, 2 * r));
        }
        std::vector<size_t> order(m_labels.size());
        for (size_t i = 0; i < order.size(); ++i)
            order[i] = i;
        std::ranges::sort(order, [&points](size_t a, size_t b) {
            return points[a].y() != points[b].y() ? points[a].y() < points[b].y() : points[a].x() < points[b].x();
        });
        for (size_t i : order) {
            const QPointF p = points[i];
            const QSizeF size = m_labels[i].text->boundingRect().size();
            const qreal w = size.width(), h = size.height();
            std::vector<QRectF> candidates = {QRectF(QPointF(p.x() + gap, p.y() - h / 2), size),
                                              QRectF(QPointF(p.x() - gap - w, p.y() - h / 2), size),
                                              QRectF(QPointF(p.x() - w / 2, p.y() - gap - h), size),
                                              QRectF(QPointF(p.x() - w / 2, p.y() + gap), size)};
            for (int k = 1; k <= 8; ++k)
                for (int sign : {-1, 1})
                    for (qreal dx : {gap, -gap - w})
                        candidates.emplace_back(QPointF(p.x() + dx, p.y() - h / 2 + sign * k * (h + 1)), size);
            QRectF best = candidates.front();
            double bestCost = -1;
            for (const QRectF& c : candidates) {
                // Inside the plot if possible; a name cut by the chart's edge counts as overlapping.
                double cost = overlap(c, taken) + (plot.contains(c) ? 0 : 0.5 * w * h);
                if (bestCost < 0 || cost < bestCost) best = c, bestCost = cost;
                if (cost == 0) break;
            }
            m_labels[i].text->setPos(best.topLeft());
            taken.push_back(best.adjusted(-1, -1, 1, 1));
            QPointF end(std::clamp(p.x(), best.left(), best.right()), std::clamp(p.y(), best.top(), best.bottom()));
            bool away = QLineF(p, end).length() > gap + h / 2;
            m_labels[i].leader->setVisible(away);
            if (away) m_labels[i].leader->setLine(QLineF(p, end));
        }
    }

    QChart* m_chart;
    std::vector<Label> m_labels;
};

} // namespace

QString pointToolTip(const QScatterSeries* point) {
    return point ? point->property("toolTip").toString() : QString();
}

QChart* buildCostAccuracyChart(const core::RunReport& report) {
    auto* chart = new QChart;
    double minCost = 0, maxCost = 0;
    std::vector<QScatterSeries*> points;
    auto* labels = new PointLabels(chart);
    int lowerBounds = 0, unplaced = 0, nBaselines = 0, nStrategies = 0;
    for (const auto& m : report.strategies) {
        if (m.items == 0) continue;
        bool known = bool(m.costPerItem) && bool(m.totalCost);
        double perItem = known ? m.costPerItem->usd() : m.knownCost.usd() / double(m.items);
        if (perItem <= 0) { // nothing known: never placed at 0
            ++unplaced;
            continue;
        }
        auto* s = new QScatterSeries;
        QString name = QString::fromStdString(m.name);
        s->setName(known ? name : QObject::tr("%1 (≥, some costs unknown)").arg(name));
        s->setMarkerShape(m.baseline ? QScatterSeries::MarkerShapeCircle : QScatterSeries::MarkerShapeRectangle);
        s->setMarkerSize(m.baseline ? 11 : 13);
        QColor colour = colourOf(m.baseline, m.baseline ? nBaselines++ : nStrategies++);
        s->setColor(known ? colour : QColor(Qt::white));
        s->setBorderColor(colour);
        if (!known) {
            QPen pen(colour, 2.5);
            s->setPen(pen);
            ++lowerBounds;
        }
        s->append(perItem, m.accuracy);
        s->setProperty("label", name);
        s->setProperty("colour", colour.darker(130));
        s->setProperty("toolTip",
                       QObject::tr("%1 (%2)\naccuracy %3 [%4, %5] on %6 items\ncost per item %7%8")
                           .arg(name, m.baseline ? QObject::tr("baseline") : QObject::tr("strategy"))
                           .arg(m.accuracy, 0, 'f', 3)
                           .arg(m.accuracyCi.low, 0, 'f', 3)
                           .arg(m.accuracyCi.high, 0, 'f', 3)
                           .arg(m.items)
                           .arg(known ? QString::fromStdString(core::formatUsd(*m.costPerItem))
                                      : QObject::tr("at least %1").arg(QString::number(perItem, 'g', 4)))
                           .arg(known ? QString()
                                      : QObject::tr("\n%n call(s) of unknown cost", "", int(m.unknownCostCalls))));
        QObject::connect(s, &QScatterSeries::hovered, s, [s](const QPointF&, bool state) {
            if (state)
                QToolTip::showText(QCursor::pos(), pointToolTip(s));
            else
                QToolTip::hideText();
        });
        minCost = minCost == 0 ? perItem : std::min(minCost, perItem);
        maxCost = std::max(maxCost, perItem);
        points.push_back(s);
    }
    QString title = QObject::tr("Cost vs accuracy (run %1): squares are strategies, circles single models")
                        .arg(report.runId);
    if (lowerBounds)
        title += QObject::tr("<br><small>hollow: %n with some costs unknown, drawn at the known part (a lower "
                             "bound)</small>",
                             "", lowerBounds);
    if (unplaced) title += QObject::tr("<br><small>%n with no known cost not drawn</small>", "", unplaced);
    chart->setTitle(title);
    auto* frontier = new QLineSeries;
    frontier->setName(QObject::tr("cost-quality frontier"));
    frontier->setPen(QPen(QColor(120, 120, 120), 1.5, Qt::DashLine));
    for (const auto& p : report.frontier)
        if (p.cost > 0) frontier->append(p.cost, p.quality);
    chart->addSeries(frontier);
    for (auto* s : points) {
        chart->addSeries(s);
        labels->add(s, s->property("label").toString(), s->property("colour").value<QColor>());
    }
    auto* x = new QLogValueAxis;
    x->setTitleText(QObject::tr("cost per item (USD, log scale)"));
    x->setLabelFormat("%g");
    x->setMinorTickCount(8);
    if (maxCost <= 0) minCost = 1e-4, maxCost = 1e-3;
    // Whole decades around the points: a range inside one decade showed no labelled tick at all.
    double lo = std::pow(10.0, std::floor(std::log10(minCost) - 0.05));
    double hi = std::pow(10.0, std::ceil(std::log10(maxCost) + 0.05));
    x->setRange(lo, hi);
    auto* y = new QValueAxis;
    y->setTitleText(QObject::tr("accuracy"));
    y->setRange(0, 1.05);
    y->setTickType(QValueAxis::TicksDynamic);
    y->setTickAnchor(0);
    y->setTickInterval(0.2);
    y->setLabelFormat("%.1f");
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    for (auto* s : chart->series())
        s->attachAxis(x), s->attachAxis(y);
    chart->legend()->setAlignment(Qt::AlignRight);
    return chart;
}

} // namespace baton::ui
