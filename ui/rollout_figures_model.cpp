// SPDX-License-Identifier: MIT
#include "rollout_figures_model.h"

namespace baton::ui {

void RolloutFiguresModel::setRows(std::vector<Row> rows) {
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

int RolloutFiguresModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RolloutFiguresModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RolloutFiguresModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return {};
    const Row& row = m_rows[size_t(index.row())];
    const core::RolloutFigures& f = row.figures;
    if (role == Qt::TextAlignmentRole && index.column() != Policy)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && f.incomplete)
        return tr("Partial: some calls were refused by the budget or cancelled");
    if (role != Qt::DisplayRole && role != Qt::UserRole) return {};
    bool number = role == Qt::UserRole;
    switch (index.column()) {
    case Policy: return f.incomplete && !number ? row.label + tr(" (partial)") : row.label;
    case Items: return f.items;
    case Accuracy: return number ? QVariant(f.accuracy) : QVariant(QStringLiteral("%1%").arg(100 * f.accuracy, 0, 'f', 1));
    case CostPerItem: return number ? QVariant(f.costPerItem) : QVariant(QStringLiteral("$%1").arg(f.costPerItem, 0, 'f', 6));
    case CallsPerItem: return number ? QVariant(f.callsPerItem) : QVariant(QString::number(f.callsPerItem, 'f', 2));
    case Reward: return number ? QVariant(f.reward) : QVariant(QString::number(f.reward, 'f', 4));
    default: return {};
    }
}

QVariant RolloutFiguresModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case Policy: return tr("Policy (test items)");
    case Items: return tr("Items");
    case Accuracy: return tr("Accuracy");
    case CostPerItem: return tr("Cost / item");
    case CallsPerItem: return tr("Calls / item");
    case Reward: return tr("Reward");
    default: return {};
    }
}

} // namespace baton::ui
