// SPDX-License-Identifier: MIT
#include "call_timeline_view.h"
#include "eval/routing_graph.h"
#include "util/nice_scale.h"

#include <QGraphicsRectItem>
#include <QGraphicsScene>
#include <QGraphicsSimpleTextItem>

namespace baton::ui {
namespace {

QColor roleFill(core::CallRole role) {
    return QColor(QString::fromStdString(core::roleColour(role)));
}

QString tip(const core::TimelineBar& b) {
    const core::Call& c = b.call;
    QString text = QObject::tr("%1 %2 on %3 (node %4, attempt %5)\nstart %6 ms, end %7 ms (%8 ms)")
                       .arg(QString::fromStdString(core::toString(c.role)), QString::fromStdString(core::toString(c.status)),
                            QString::fromStdString(c.model), QString::fromStdString(c.nodeId))
                       .arg(c.attempt)
                       .arg(b.startMs, 0, 'f', 0)
                       .arg(b.endMs, 0, 'f', 0)
                       .arg(b.endMs - b.startMs, 0, 'f', 0);
    if (b.firstByteMs) text += QObject::tr("\nfirst byte at %1 ms").arg(*b.firstByteMs, 0, 'f', 0);
    if (b.overlapping) text += QObject::tr("\nran in parallel with %n other call(s)", "", b.overlapping);
    if (c.cacheHit) text += QObject::tr("\nanswered from the response cache (its real, near-zero time)");
    return text;
}

} // namespace

CallTimelineView::CallTimelineView(QWidget* parent) : QGraphicsView(parent) {
    setScene(new QGraphicsScene(this));
    setObjectName("callTimeline");
    setBackgroundBrush(Qt::white);
    setAlignment(Qt::AlignLeft | Qt::AlignTop);
    setRenderHint(QPainter::Antialiasing);
}

void CallTimelineView::setCalls(const std::vector<core::Call>& calls) {
    scene()->clear();
    m_bars.clear();
    m_receiving.clear();
    m_timeline = core::callTimeline(calls);
    if (m_timeline.bars.empty()) {
        scene()->addSimpleText(tr("No calls logged for this item."));
        return;
    }
    core::NiceScale axis = core::niceScale(0, std::max(1.0, m_timeline.spanMs), 6);
    m_pxPerMs = kPlotWidth / axis.max;
    double top = 24, bottom = top + kRowHeight * double(m_timeline.bars.size());
    auto* title = scene()->addSimpleText(
        tr("Calls of the item over time (ms); pale: waiting for the first byte; at most %n at once", "",
           m_timeline.maxParallel));
    title->setPos(0, 0);
    QPen grid(QColor("#dddddd"));
    for (int i = 0; i < axis.ticks(); ++i) {
        double ms = axis.min + i * axis.step;
        scene()->addLine(xOf(ms), top, xOf(ms), bottom, grid);
        auto* label = scene()->addSimpleText(QString::number(ms, 'g', 6));
        label->setPos(xOf(ms) - label->boundingRect().width() / 2, bottom + 2);
    }
    for (size_t row = 0; row < m_timeline.bars.size(); ++row) {
        const core::TimelineBar& b = m_timeline.bars[row];
        double y = top + kRowHeight * double(row) + (kRowHeight - kBarHeight) / 2;
        auto* label = scene()->addSimpleText(QStringLiteral("%1 %2").arg(QString::fromStdString(core::toString(b.call.role)),
                                                                         QString::fromStdString(b.call.model)));
        label->setPos(0, y - 1);
        if (label->boundingRect().width() > kLabelWidth - 6) label->setScale((kLabelWidth - 6) / label->boundingRect().width());
        QColor fill = roleFill(b.call.role);
        QColor pale = fill.lighter(112);
        QPen pen(b.call.status == core::CallStatus::Ok ? QColor("#555555") : QColor("#cc0000"));
        if (b.call.cacheHit) pen.setStyle(Qt::DashLine);
        double width = std::max(1.0, (b.endMs - b.startMs) * m_pxPerMs);
        auto* whole = scene()->addRect(QRectF(xOf(b.startMs), y, width, kBarHeight), pen, b.firstByteMs ? pale : fill);
        whole->setToolTip(tip(b));
        QRectF after;
        if (b.firstByteMs) after = QRectF(xOf(*b.firstByteMs), y, xOf(b.endMs) - xOf(*b.firstByteMs), kBarHeight);
        auto* solid = scene()->addRect(after, Qt::NoPen, fill.darker(115));
        solid->setToolTip(whole->toolTip());
        m_bars.push_back(whole);
        m_receiving.push_back(solid);
    }
    scene()->setSceneRect(scene()->itemsBoundingRect().adjusted(-6, -6, 6, 6));
}

} // namespace baton::ui
