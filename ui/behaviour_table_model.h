// SPDX-License-Identifier: MIT
#pragma once
// BehaviourTableModel: what a coordinator policy did per category on a set of items (the
// Training lab's learned-behaviour table): items, the shares of items answered directly,
// planned, verified and synthesized, with a nested plan (a sub-task planned again, depth 2), and
// the models that answered first. Display texts are
// percentages; Qt::UserRole holds the share as a number (0..1) or the count.

#include "training/rollout_evaluator.h"

#include <QAbstractTableModel>

namespace baton::ui {

class BehaviourTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Category, Items, Direct, Plan, Verify, Synthesize, Nested, FirstModels, ColumnCount };

    using QAbstractTableModel::QAbstractTableModel;
    void setBehaviour(std::map<std::string, core::BehaviourShares> byCategory);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// The share (0..1) of `column` (Direct, Plan, Verify, Synthesize or Nested) for the category on `row`.
    double share(int row, Column column) const;
    /// "model count" pairs, most frequent first.
    QString firstModels(int row) const;
    /// The figures of the category on `row`.
    const core::BehaviourShares& shares(int row) const { return m_rows.at(size_t(row)).second; }

private:
    std::vector<std::pair<std::string, core::BehaviourShares>> m_rows;
};

} // namespace baton::ui
