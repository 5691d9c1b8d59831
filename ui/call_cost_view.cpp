// SPDX-License-Identifier: MIT
#include "call_cost_view.h"
#include "eval/routing_graph.h"
#include "util/nice_scale.h"

#include <QGraphicsRectItem>
#include <QGraphicsScene>
#include <QGraphicsSimpleTextItem>
#include <algorithm>

namespace baton::ui {

CallCostView::CallCostView(QWidget* parent) : QGraphicsView(parent) {
    setScene(new QGraphicsScene(this));
    setObjectName("callCost");
    setBackgroundBrush(Qt::white);
    setAlignment(Qt::AlignLeft | Qt::AlignTop);
}

void CallCostView::setCalls(std::vector<core::Call> calls) {
    scene()->clear();
    m_bars.clear();
    m_values.clear();
    if (calls.empty()) {
        scene()->addSimpleText(tr("No calls logged for this item."));
        return;
    }
    std::stable_sort(calls.begin(), calls.end(),
                     [](const core::Call& a, const core::Call& b) { return a.startedAtMs < b.startedAtMs; });
    double most = 0;
    for (const auto& c : calls)
        if (c.cost) most = std::max(most, c.cost->usd());
    core::NiceScale axis = core::niceScale(0, most > 0 ? most : 1e-6, 5);
    m_pxPerUsd = kPlotWidth / axis.max;
    double top = 24, bottom = top + kRowHeight * double(calls.size());
    scene()->addSimpleText(tr("Cost of each call of the item (USD), in order of start"))->setPos(0, 0);
    QPen grid(QColor("#dddddd"));
    for (int i = 0; i < axis.ticks(); ++i) {
        double usd = axis.min + i * axis.step;
        scene()->addLine(xOf(usd), top, xOf(usd), bottom, grid);
        auto* label = scene()->addSimpleText("$" + QString::number(usd, 'g', 4));
        label->setPos(xOf(usd) - label->boundingRect().width() / 2, bottom + 2);
    }
    for (size_t row = 0; row < calls.size(); ++row) {
        const core::Call& c = calls[row];
        double y = top + kRowHeight * double(row) + (kRowHeight - kBarHeight) / 2;
        auto* label = scene()->addSimpleText(
            QStringLiteral("%1 %2").arg(QString::fromStdString(core::toString(c.role)), QString::fromStdString(c.model)));
        label->setPos(0, y - 1);
        if (label->boundingRect().width() > kLabelWidth - 6) label->setScale((kLabelWidth - 6) / label->boundingRect().width());
        QGraphicsRectItem* bar = nullptr;
        QString value;
        double end = kLabelWidth;
        if (c.cost) {
            QPen pen(QColor("#555555"));
            if (c.cacheHit) pen.setStyle(Qt::DashLine);
            QBrush fill(QColor(QString::fromStdString(core::roleColour(c.role))).darker(105));
            if (c.cacheHit) fill = QBrush(fill.color(), Qt::BDiagPattern);
            bar = scene()->addRect(QRectF(kLabelWidth, y, c.cost->usd() * m_pxPerUsd, kBarHeight), pen, fill);
            end = xOf(c.cost->usd());
            value = QString::fromStdString(core::formatUsd(*c.cost)) + (c.cacheHit ? tr(" (cached, not paid)") : "");
        } else {
            value = tr("unknown");
        }
        if (c.status != core::CallStatus::Ok) value += tr(" — %1").arg(QString::fromStdString(core::toString(c.status)));
        auto* text = scene()->addSimpleText(value);
        text->setPos(end + 4, y - 1);
        text->setToolTip(tr("node %1, attempt %2").arg(QString::fromStdString(c.nodeId)).arg(c.attempt));
        if (bar) bar->setToolTip(text->toolTip() + "\n" + value);
        m_bars.push_back(bar);
        m_values.push_back(text);
    }
    scene()->setSceneRect(scene()->itemsBoundingRect().adjusted(-6, -6, 6, 6));
}

} // namespace baton::ui
