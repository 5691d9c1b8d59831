// SPDX-License-Identifier: MIT
#include "routing_tree_model.h"
#include "model/finish_reason.h"

namespace baton::ui {

void RoutingTreeModel::setTree(core::RoutingTree tree) {
    beginResetModel();
    m_tree = std::move(tree);
    endResetModel();
}

const std::vector<size_t>& RoutingTreeModel::childrenOf(const QModelIndex& parent) const {
    return parent.isValid() ? m_tree.nodes[parent.internalId()].children : m_tree.roots;
}

const core::Call* RoutingTreeModel::callAt(const QModelIndex& index) const {
    return index.isValid() ? &m_tree.nodes[index.internalId()].call : nullptr;
}

std::optional<size_t> RoutingTreeModel::nodeAt(const QModelIndex& index) const {
    return index.isValid() ? std::optional(size_t(index.internalId())) : std::nullopt;
}

QModelIndex RoutingTreeModel::indexOfNode(size_t node) const {
    if (node >= m_tree.nodes.size()) return {};
    auto parent = m_tree.nodes[node].parent;
    const auto& siblings = parent ? m_tree.nodes[*parent].children : m_tree.roots;
    auto row = std::find(siblings.begin(), siblings.end(), node) - siblings.begin();
    return createIndex(int(row), 0, quintptr(node));
}

QModelIndex RoutingTreeModel::index(int row, int column, const QModelIndex& parent) const {
    if (column < 0 || column >= ColumnCount || (parent.isValid() && parent.column() != 0)) return {};
    const auto& children = childrenOf(parent);
    if (row < 0 || size_t(row) >= children.size()) return {};
    return createIndex(row, column, quintptr(children[size_t(row)]));
}

QModelIndex RoutingTreeModel::parent(const QModelIndex& child) const {
    if (!child.isValid()) return {};
    auto parent = m_tree.nodes[child.internalId()].parent;
    if (!parent) return {};
    const auto& siblings =
        m_tree.nodes[*parent].parent ? m_tree.nodes[*m_tree.nodes[*parent].parent].children : m_tree.roots;
    auto row = std::find(siblings.begin(), siblings.end(), *parent) - siblings.begin();
    return createIndex(int(row), 0, quintptr(*parent));
}

int RoutingTreeModel::rowCount(const QModelIndex& parent) const {
    if (parent.isValid() && parent.column() != 0) return 0;
    return int(childrenOf(parent).size());
}

int RoutingTreeModel::columnCount(const QModelIndex&) const {
    return ColumnCount;
}

QVariant RoutingTreeModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || (role != Qt::DisplayRole && role != Qt::ToolTipRole)) return {};
    const core::RoutingNode& n = m_tree.nodes[index.internalId()];
    const core::Call& c = n.call;
    if (role == Qt::ToolTipRole && index.column() == Node)
        return tr("Call %1 of the item (node id %2%3)")
            .arg(index.internalId() + 1)
            .arg(QString::fromStdString(c.nodeId),
                 c.parentNodeId.empty() ? QString() : tr(", made for node %1").arg(QString::fromStdString(c.parentNodeId)));
    if (role == Qt::ToolTipRole && c.cacheHit && (index.column() == Cost || index.column() == Latency))
        return tr("Answered from the response cache: nothing was sent or paid now. The cost is the list price "
                  "and the latency the one recorded when the answer was first made, so strategies compare alike.");
    switch (index.column()) {
    case Node: // "#2 judge", readable; the raw node id is in the tooltip
        return QStringLiteral("#%1 %2").arg(index.internalId() + 1).arg(QString::fromStdString(core::toString(c.role)));
    case Role:
        return QString::fromStdString(core::toString(c.role));
    case Model:
        return QString::fromStdString(c.model);
    case Reason: {
        QString text = QString::fromStdString(c.reason.text);
        if (c.reason.score)
            text += QString("  [score %1").arg(*c.reason.score, 0, 'f', 2) +
                    (c.reason.threshold ? QString(" vs %1]").arg(*c.reason.threshold, 0, 'f', 2) : QString("]"));
        return text;
    }
    case Tokens:
        return QString("%1 in / %2 out")
            .arg(c.usage.promptTotal() ? QString::number(*c.usage.promptTotal()) : "?")
            .arg(c.usage.output ? QString::number(*c.usage.output + c.usage.reasoning.value_or(0)) : "?");
    case Cost:
        return n.cost ? QString::fromStdString(core::formatUsd(*n.cost)) + (c.cacheHit ? tr(" (cached, not paid)") : "")
                      : tr("unknown");
    case Latency:
        if (!c.latencyMs) return c.cacheHit ? tr("cached (not recorded)") : QVariant();
        return QString("%1 ms").arg(*c.latencyMs, 0, 'f', 0) +
               (c.ttftMs ? tr(" (first token %1 ms)").arg(*c.ttftMs, 0, 'f', 0) : QString()) +
               (c.cacheHit ? tr(" (cached: as first made)") : QString());
    case Status: {
        QString s = QString::fromStdString(core::toString(c.status));
        if (n.attempts > 1) s += tr(" after %1 attempts").arg(n.attempts);
        if (!c.error.empty()) s += ": " + QString::fromStdString(c.error);
        // A cut-off or refused answer is not an ordinary wrong one: say so where it is inspected.
        auto finish = core::classifyFinish(c.finishReason);
        if (finish == core::FinishKind::Truncated)
            s += tr(" (cut at the output limit: %1)").arg(QString::fromStdString(c.finishReason));
        else if (finish == core::FinishKind::Refused)
            s += tr(" (refused: %1)").arg(QString::fromStdString(c.finishReason));
        return s;
    }
    }
    return {};
}

QVariant RoutingTreeModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    static const char* const kNames[] = {QT_TR_NOOP("Call"),   QT_TR_NOOP("Role"),   QT_TR_NOOP("Model"),
                                         QT_TR_NOOP("Reason"), QT_TR_NOOP("Tokens"), QT_TR_NOOP("Cost"),
                                         QT_TR_NOOP("Latency"), QT_TR_NOOP("Status")};
    return section >= 0 && section < ColumnCount ? tr(kNames[section]) : QVariant();
}

} // namespace baton::ui
