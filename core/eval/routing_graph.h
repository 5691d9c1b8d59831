// SPDX-License-Identifier: MIT
#pragma once
/// RoutingGraph: an item's routing tree as a drawn graph. `routingGraphDot` writes the tree as a
/// Graphviz DOT graph (one box per node: fill colour by role, border by verdict, label with the
/// call, model and cost); `layoutRoutingGraph` lays it out with Graphviz's `dot` engine (libgvc)
/// and reads back where each node and edge went, in points, y growing downwards. Errors: a layout
/// Graphviz refuses comes back as ErrorKind::Internal with its words.

#include "eval/routing_tree.h"
#include "util/result.h"

#include <optional>
#include <string>
#include <vector>

namespace baton::core {

/// How a node went. The final node is the one whose answer the strategy gave (the last node
/// that answered, aggregated or synthesized without error); it carries the item's grade.
enum class NodeVerdict { Ok, Failed, Cancelled, Pending, FinalRight, FinalWrong, FinalUngraded };

std::string toString(NodeVerdict verdict);
/// Fill colour of a role ("#rrggbb"), the same in the GUI, its exports and the DOT text.
std::string roleColour(CallRole role);
/// Border colour of a verdict ("#rrggbb").
std::string verdictColour(NodeVerdict verdict);
/// The node whose answer is the strategy's answer, if any (index into tree.nodes).
std::optional<size_t> finalNode(const RoutingTree& tree);
NodeVerdict nodeVerdict(const RoutingTree& tree, size_t node, std::optional<double> itemGrade);

struct GraphNode {
    size_t node = 0;                   ///< index into RoutingTree::nodes
    std::string label;                 ///< "#2 judge\nmodel\n$0.000123"
    std::string fill, border;          ///< "#rrggbb"
    NodeVerdict verdict = NodeVerdict::Ok;
    bool cached = false;               ///< answered from the response cache (drawn dashed)
    double x = 0, y = 0;               ///< centre, points, y downwards
    double width = 0, height = 0;      ///< points
};

struct GraphEdge {
    size_t from = 0, to = 0;                          ///< indices into RoutingGraph::nodes
    std::vector<std::pair<double, double>> points;    ///< cubic Bézier: start, then 3 points per segment
    std::optional<std::pair<double, double>> arrowTip; ///< where the arrow head points (past the last point)
};

struct RoutingGraph {
    std::vector<GraphNode> nodes; ///< in the order of RoutingTree::nodes
    std::vector<GraphEdge> edges; ///< parent -> child
    double width = 0, height = 0; ///< bounding box, points
    std::string dot;              ///< the DOT text laid out (what "Export as DOT" writes)
};

/// The DOT text of the tree (no positions).
std::string routingGraphDot(const RoutingTree& tree, std::optional<double> itemGrade);

/// Lays the tree out with Graphviz `dot` (top to bottom). An empty tree gives an empty graph.
/// Graphviz keeps global state: calls are serialised inside.
Result<RoutingGraph> layoutRoutingGraph(const RoutingTree& tree, std::optional<double> itemGrade);

} // namespace baton::core
