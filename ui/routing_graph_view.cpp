// SPDX-License-Identifier: MIT
#include "routing_graph_view.h"
#include "scene_export.h"

#include <QFile>
#include <QGraphicsPathItem>
#include <QGraphicsScene>
#include <QGraphicsSimpleTextItem>
#include <QMouseEvent>
#include <QPainterPath>
#include <cmath>

namespace baton::ui {
namespace {

constexpr int kNodeKey = 0; // QGraphicsItem::data key holding the node index

QPointF at(const std::pair<double, double>& p) {
    return {p.first, p.second};
}

} // namespace

RoutingGraphView::RoutingGraphView(QWidget* parent) : QGraphicsView(parent) {
    setScene(new QGraphicsScene(this));
    setRenderHint(QPainter::Antialiasing);
    setObjectName("routingGraph");
    setBackgroundBrush(Qt::white);
    setDragMode(QGraphicsView::ScrollHandDrag);
}

void RoutingGraphView::setTree(const core::RoutingTree& tree, std::optional<double> itemGrade) {
    scene()->clear();
    m_nodes.clear();
    m_edges.clear();
    m_edgeEnds.clear();
    auto laid = core::layoutRoutingGraph(tree, itemGrade);
    if (!laid) {
        m_graph = {};
        scene()->addSimpleText(QString::fromStdString(laid.error().message));
        return;
    }
    m_graph = std::move(*laid);
    for (const core::GraphEdge& e : m_graph.edges) {
        if (e.points.empty()) continue;
        QPainterPath path(at(e.points[0]));
        for (size_t k = 1; k + 2 < e.points.size(); k += 3)
            path.cubicTo(at(e.points[k]), at(e.points[k + 1]), at(e.points[k + 2]));
        QPointF end = path.currentPosition();
        QPointF tip = e.arrowTip ? at(*e.arrowTip) : end;
        path.lineTo(tip);
        QPointF back = end == tip ? at(e.points.front()) : end;
        double angle = std::atan2(tip.y() - back.y(), tip.x() - back.x());
        QPainterPath head(tip);
        head.lineTo(tip - QPointF(std::cos(angle - 0.4), std::sin(angle - 0.4)) * 9);
        head.lineTo(tip - QPointF(std::cos(angle + 0.4), std::sin(angle + 0.4)) * 9);
        head.closeSubpath();
        auto* item = scene()->addPath(path, QPen(QColor("#666666"), 1.2));
        scene()->addPath(head, QPen(QColor("#666666")), QColor("#666666"));
        m_edges.push_back(item);
        m_edgeEnds.emplace_back(m_graph.nodes[e.from].node, m_graph.nodes[e.to].node);
    }
    m_nodes.assign(tree.nodes.size(), nullptr);
    for (const core::GraphNode& n : m_graph.nodes) {
        QRectF box(n.x - n.width / 2, n.y - n.height / 2, n.width, n.height);
        QPainterPath shape;
        shape.addRoundedRect(box, 8, 8);
        bool final = n.verdict == core::NodeVerdict::FinalRight || n.verdict == core::NodeVerdict::FinalWrong ||
                     n.verdict == core::NodeVerdict::FinalUngraded;
        QPen pen(QColor(QString::fromStdString(n.border)), final ? 3.0 : 1.5);
        if (n.cached) pen.setStyle(Qt::DashLine);
        auto* item = scene()->addPath(shape, pen, QColor(QString::fromStdString(n.fill)));
        item->setData(kNodeKey, qulonglong(n.node));
        const core::Call& c = tree.nodes[n.node].call;
        item->setToolTip(tr("%1\nnode %2, %3\n%4")
                             .arg(QString::fromStdString(n.label), QString::fromStdString(c.nodeId),
                                  QString::fromStdString(core::toString(n.verdict)),
                                  QString::fromStdString(c.reason.text)));
        auto* text = new QGraphicsSimpleTextItem(QString::fromStdString(n.label), item);
        QFont font = text->font();
        font.setPointSizeF(8.5);
        text->setFont(font);
        QRectF r = text->boundingRect();
        if (r.width() > box.width() - 8) { // long model names: shrink to fit rather than overflow
            text->setScale((box.width() - 8) / r.width());
            r = QRectF(r.topLeft(), r.size() * text->scale());
        }
        text->setPos(box.center() - QPointF(r.width() / 2, r.height() / 2));
        text->setAcceptedMouseButtons(Qt::NoButton);
        m_nodes[n.node] = item;
    }
    scene()->setSceneRect(scene()->itemsBoundingRect().adjusted(-10, -10, 10, 10));
    fit();
}

QGraphicsPathItem* RoutingGraphView::nodeItem(size_t node) const {
    return node < m_nodes.size() ? m_nodes[node] : nullptr;
}

std::vector<std::pair<size_t, size_t>> RoutingGraphView::drawnEdges() const {
    return m_edgeEnds;
}

void RoutingGraphView::selectNode(size_t node) {
    for (size_t i = 0; i < m_nodes.size(); ++i)
        if (m_nodes[i]) m_nodes[i]->setOpacity(i == node ? 1.0 : 0.75);
}

void RoutingGraphView::mousePressEvent(QMouseEvent* event) {
    for (QGraphicsItem* item : items(event->pos())) {
        for (QGraphicsItem* i = item; i; i = i->parentItem())
            if (i->data(kNodeKey).isValid()) {
                emit nodeClicked(size_t(i->data(kNodeKey).toULongLong()));
                return;
            }
    }
    QGraphicsView::mousePressEvent(event);
}

void RoutingGraphView::resizeEvent(QResizeEvent* event) {
    QGraphicsView::resizeEvent(event);
    fit();
}

void RoutingGraphView::fit() {
    if (m_nodes.empty()) return;
    QRectF r = sceneRect();
    // Fit small trees whole, but never shrink labels below readable: big trees scroll instead.
    double scale = std::min({1.0, viewport()->width() / r.width(), viewport()->height() / r.height()});
    setTransform(QTransform::fromScale(std::max(scale, 0.6), std::max(scale, 0.6)));
}

bool RoutingGraphView::exportTo(const QString& path, QString* error, QString* written) {
    if (!path.endsWith(".dot", Qt::CaseInsensitive) && !path.endsWith(".gv", Qt::CaseInsensitive))
        return exportScene(*scene(), path, error, written);
    if (written) *written = path;
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
        file.write(QByteArray::fromStdString(m_graph.dot)) != qint64(m_graph.dot.size())) {
        if (error) *error = tr("%1: could not be written; check the folder exists and is writable").arg(path);
        return false;
    }
    return true;
}

} // namespace baton::ui
