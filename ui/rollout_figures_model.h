// SPDX-License-Identifier: MIT
#pragma once
// RolloutFiguresModel: policies side by side on the same items (the Training lab's test
// figures: the kept policy and the untrained planner-decides baseline): items, accuracy, cost
// and calls per item, reward. Qt::UserRole holds the number behind each text.

#include "training/rollout_evaluator.h"

#include <QAbstractTableModel>

namespace baton::ui {

class RolloutFiguresModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Policy, Items, Accuracy, CostPerItem, CallsPerItem, Reward, ColumnCount };
    struct Row {
        QString label;
        core::RolloutFigures figures;
    };

    using QAbstractTableModel::QAbstractTableModel;
    void setRows(std::vector<Row> rows);
    const std::vector<Row>& rows() const { return m_rows; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<Row> m_rows;
};

} // namespace baton::ui
