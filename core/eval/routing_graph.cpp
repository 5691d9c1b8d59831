// SPDX-License-Identifier: MIT
#include "eval/routing_graph.h"

#include <gvc.h>

#include <memory>
#include <mutex>
#include <sstream>

namespace baton::core {

std::string toString(NodeVerdict verdict) {
    switch (verdict) {
    case NodeVerdict::Ok: return "ok";
    case NodeVerdict::Failed: return "failed";
    case NodeVerdict::Cancelled: return "cancelled";
    case NodeVerdict::Pending: return "pending";
    case NodeVerdict::FinalRight: return "final answer, right";
    case NodeVerdict::FinalWrong: return "final answer, wrong";
    case NodeVerdict::FinalUngraded: return "final answer, not graded";
    }
    return "ok";
}

std::string roleColour(CallRole role) {
    // Light fills, told apart by hue, so the border (the verdict) and the black label stay readable.
    switch (role) {
    case CallRole::Answer: return "#cfe2f3";
    case CallRole::Route: return "#fff2cc";
    case CallRole::Plan: return "#d9d2e9";
    case CallRole::Propose: return "#d0e0e3";
    case CallRole::Aggregate: return "#fce5cd";
    case CallRole::Judge: return "#f4cccc";
    case CallRole::Verify: return "#ead1dc";
    case CallRole::Synthesize: return "#d9ead3";
    case CallRole::Embed: return "#eeeeee";
    }
    return "#ffffff";
}

std::string verdictColour(NodeVerdict verdict) {
    switch (verdict) {
    case NodeVerdict::Ok: return "#555555";
    case NodeVerdict::Failed: return "#cc0000";
    case NodeVerdict::Cancelled: return "#999999";
    case NodeVerdict::Pending: return "#999999";
    case NodeVerdict::FinalRight: return "#008800";
    case NodeVerdict::FinalWrong: return "#cc0000";
    case NodeVerdict::FinalUngraded: return "#e69138";
    }
    return "#555555";
}

std::optional<size_t> finalNode(const RoutingTree& tree) {
    std::optional<size_t> lastOk;
    std::optional<size_t> lastAnswer;
    for (size_t i = 0; i < tree.nodes.size(); ++i) {
        const Call& c = tree.nodes[i].call;
        if (c.status != CallStatus::Ok) continue;
        lastOk = i;
        if (c.role == CallRole::Answer || c.role == CallRole::Aggregate || c.role == CallRole::Synthesize)
            lastAnswer = i;
    }
    return lastAnswer ? lastAnswer : lastOk;
}

NodeVerdict nodeVerdict(const RoutingTree& tree, size_t node, std::optional<double> itemGrade) {
    const Call& c = tree.nodes[node].call;
    if (c.status == CallStatus::Error) return NodeVerdict::Failed;
    if (c.status == CallStatus::Cancelled) return NodeVerdict::Cancelled;
    if (c.status == CallStatus::Pending) return NodeVerdict::Pending;
    if (finalNode(tree) != node) return NodeVerdict::Ok;
    if (!itemGrade) return NodeVerdict::FinalUngraded;
    return *itemGrade >= 0.5 ? NodeVerdict::FinalRight : NodeVerdict::FinalWrong;
}

namespace {

constexpr double kNodeWidthIn = 2.0, kNodeHeightIn = 0.8; // fixed: the GUI draws the labels itself

std::string quoted(const std::string& text) {
    std::string out = "\"";
    for (char ch : text) {
        if (ch == '"' || ch == '\\') out += '\\';
        if (ch == '\n') {
            out += "\\n";
            continue;
        }
        out += ch;
    }
    return out + '"';
}

std::string nodeLabel(const RoutingTree& tree, size_t i) {
    const RoutingNode& n = tree.nodes[i];
    std::string model = n.call.model.size() > 26 ? n.call.model.substr(0, 25) + "…" : n.call.model;
    std::string cost = n.cost ? formatUsd(*n.cost) : "cost unknown";
    if (n.call.cacheHit) cost += " (cached)";
    if (n.attempts > 1) cost += " x" + std::to_string(n.attempts);
    return "#" + std::to_string(i + 1) + " " + toString(n.call.role) + "\n" + model + "\n" + cost;
}

std::mutex& graphvizMutex() {
    static std::mutex m;
    return m;
}

// One Graphviz context for the life of the process, never freed: the text-layout plugin keeps a
// static pointer to the last font name, which lives in the context; a context freed and made
// again per layout left it dangling (a use after free AddressSanitizer found in gvLayout).
GVC_t* graphvizContext() {
    static GVC_t* const context = gvContext();
    return context;
}

} // namespace

std::string routingGraphDot(const RoutingTree& tree, std::optional<double> itemGrade) {
    std::ostringstream dot;
    dot << "digraph routing {\n"
           "  graph [rankdir=TB, nodesep=0.35, ranksep=0.5];\n"
           "  node [shape=box, style=\"rounded,filled\", fixedsize=true, width="
        << kNodeWidthIn << ", height=" << kNodeHeightIn << ", fontsize=10];\n";
    for (size_t i = 0; i < tree.nodes.size(); ++i) {
        NodeVerdict v = nodeVerdict(tree, i, itemGrade);
        bool final = v == NodeVerdict::FinalRight || v == NodeVerdict::FinalWrong || v == NodeVerdict::FinalUngraded;
        dot << "  n" << i << " [label=" << quoted(nodeLabel(tree, i))
            << ", fillcolor=" << quoted(roleColour(tree.nodes[i].call.role))
            << ", color=" << quoted(verdictColour(v)) << ", penwidth=" << (final ? 3 : 1.5)
            << (tree.nodes[i].call.cacheHit ? ", style=\"rounded,filled,dashed\"" : "")
            << ", tooltip=" << quoted(tree.nodes[i].call.nodeId + ": " + toString(v)) << "];\n";
    }
    for (size_t i = 0; i < tree.nodes.size(); ++i)
        for (size_t child : tree.nodes[i].children)
            dot << "  n" << i << " -> n" << child << ";\n";
    dot << "}\n";
    return dot.str();
}

Result<RoutingGraph> layoutRoutingGraph(const RoutingTree& tree, std::optional<double> itemGrade) {
    RoutingGraph graph;
    graph.dot = routingGraphDot(tree, itemGrade);
    if (tree.nodes.empty()) return graph;

    std::lock_guard lock(graphvizMutex());
    GVC_t* const gvc = graphvizContext();
    if (!gvc) return fail(ErrorKind::Internal, "Graphviz could not start (gvContext); reinstall libgvc");
    std::unique_ptr<Agraph_t, decltype(&agclose)> g(agmemread(graph.dot.c_str()), agclose);
    if (!g) return fail(ErrorKind::Internal, "Graphviz could not read the routing graph's DOT text");
    if (gvLayout(gvc, g.get(), "dot") != 0)
        return fail(ErrorKind::Internal, "Graphviz could not lay out the routing graph (is its dot plugin installed? "
                                         "run `dot -c` as root)");
    const boxf bb = GD_bb(g.get());
    graph.width = bb.UR.x - bb.LL.x;
    graph.height = bb.UR.y - bb.LL.y;
    auto toScreen = [&](pointf p) { return std::pair{p.x - bb.LL.x, bb.UR.y - p.y}; }; // y downwards

    std::vector<Agnode_t*> handles(tree.nodes.size());
    for (size_t i = 0; i < tree.nodes.size(); ++i) {
        std::string name = "n" + std::to_string(i);
        Agnode_t* n = agnode(g.get(), name.data(), 0);
        handles[i] = n;
        GraphNode node;
        node.node = i;
        node.label = nodeLabel(tree, i);
        node.verdict = nodeVerdict(tree, i, itemGrade);
        node.fill = roleColour(tree.nodes[i].call.role);
        node.border = verdictColour(node.verdict);
        node.cached = tree.nodes[i].call.cacheHit;
        if (n) {
            auto [x, y] = toScreen(ND_coord(n));
            node.x = x, node.y = y;
            node.width = ND_width(n) * 72.0, node.height = ND_height(n) * 72.0;
        }
        graph.nodes.push_back(std::move(node));
    }
    for (size_t i = 0; i < tree.nodes.size(); ++i) {
        if (!handles[i]) continue;
        for (Agedge_t* e = agfstout(g.get(), handles[i]); e; e = agnxtout(g.get(), e)) {
            GraphEdge edge;
            edge.from = i;
            edge.to = size_t(std::stoul(std::string(agnameof(aghead(e))).substr(1)));
            if (const splines* spl = ED_spl(e); spl && spl->size > 0) {
                const bezier& bz = spl->list[0];
                for (int k = 0; k < bz.size; ++k)
                    edge.points.push_back(toScreen(bz.list[k]));
                if (bz.eflag) edge.arrowTip = toScreen(bz.ep); // where the arrow points
            }
            graph.edges.push_back(std::move(edge));
        }
    }
    gvFreeLayout(gvc, g.get());
    return graph;
}

} // namespace baton::core
