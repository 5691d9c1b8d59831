// SPDX-License-Identifier: MIT
#pragma once
// RoutingTreeModel: one item's routing tree (core::RoutingTree) as a tree; a thin adapter.

#include "eval/routing_tree.h"

#include <QAbstractItemModel>

namespace baton::ui {

class RoutingTreeModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column { Node, Role, Model, Reason, Tokens, Cost, Latency, Status, ColumnCount };
    using QAbstractItemModel::QAbstractItemModel;

    void setTree(core::RoutingTree tree);
    /// The call behind an index, or null.
    const core::Call* callAt(const QModelIndex& index) const;
    /// The node (index into the tree's nodes) behind an index, or nullopt.
    std::optional<size_t> nodeAt(const QModelIndex& index) const;
    /// The first-column index of a node.
    QModelIndex indexOfNode(size_t node) const;
    const core::RoutingTree& tree() const { return m_tree; }

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    const std::vector<size_t>& childrenOf(const QModelIndex& parent) const;
    core::RoutingTree m_tree;
};

} // namespace baton::ui
