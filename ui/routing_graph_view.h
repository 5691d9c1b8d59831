// SPDX-License-Identifier: MIT
#pragma once
// RoutingGraphView: an item's routing tree drawn as a graph, laid out by Graphviz (core's
// layoutRoutingGraph) and drawn with QGraphicsView: one rounded box per node, filled by role,
// bordered by verdict (thick for the final answer, dashed when cached), labelled with the call,
// model and cost; a tooltip per node; a click selects that call. Exportable as PNG/SVG/PDF/DOT.

#include "eval/routing_graph.h"

#include <QGraphicsView>

class QGraphicsPathItem;

namespace baton::ui {

class RoutingGraphView : public QGraphicsView {
    Q_OBJECT
public:
    explicit RoutingGraphView(QWidget* parent = nullptr);
    /// Lays the tree out and draws it; a layout error is drawn as text in the view.
    void setTree(const core::RoutingTree& tree, std::optional<double> itemGrade);
    const core::RoutingGraph& graph() const { return m_graph; }
    /// The box drawn for a node (index into the tree's nodes), or nullptr.
    QGraphicsPathItem* nodeItem(size_t node) const;
    /// The edges drawn, as (parent, child) node indices.
    std::vector<std::pair<size_t, size_t>> drawnEdges() const;
    void selectNode(size_t node);
    /// .dot writes the DOT text with the laid-out positions' source; .png/.svg/.pdf the drawing.
    bool exportTo(const QString& path, QString* error = nullptr, QString* written = nullptr);

signals:
    void nodeClicked(size_t node);

protected:
    void mousePressEvent(QMouseEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void fit();

    core::RoutingGraph m_graph;
    std::vector<QGraphicsPathItem*> m_nodes;
    std::vector<QGraphicsPathItem*> m_edges;
    std::vector<std::pair<size_t, size_t>> m_edgeEnds;
};

} // namespace baton::ui
