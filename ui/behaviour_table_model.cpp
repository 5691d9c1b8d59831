// SPDX-License-Identifier: MIT
#include "behaviour_table_model.h"

#include <algorithm>

namespace baton::ui {

void BehaviourTableModel::setBehaviour(std::map<std::string, core::BehaviourShares> byCategory) {
    beginResetModel();
    m_rows.assign(std::make_move_iterator(byCategory.begin()), std::make_move_iterator(byCategory.end()));
    endResetModel();
}

int BehaviourTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int BehaviourTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

double BehaviourTableModel::share(int row, Column column) const {
    const core::BehaviourShares& b = m_rows.at(size_t(row)).second;
    int count = column == Direct       ? b.direct
                : column == Plan       ? b.plan
                : column == Verify     ? b.verify
                : column == Synthesize ? b.synthesize
                : column == Nested     ? b.nested
                                       : 0;
    return b.items > 0 ? double(count) / b.items : 0.0;
}

QString BehaviourTableModel::firstModels(int row) const {
    std::vector<std::pair<std::string, int>> models(m_rows.at(size_t(row)).second.firstModel.begin(),
                                                    m_rows.at(size_t(row)).second.firstModel.end());
    std::stable_sort(models.begin(), models.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    QStringList parts;
    for (const auto& [model, count] : models)
        parts << QStringLiteral("%1 %2").arg(QString::fromStdString(model)).arg(count);
    return parts.join(", ");
}

QVariant BehaviourTableModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return {};
    const auto& [category, b] = m_rows[size_t(index.row())];
    auto column = Column(index.column());
    if (role == Qt::TextAlignmentRole && column != Category && column != FirstModels)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != Qt::UserRole) return {};
    switch (column) {
    case Category:
        return QString::fromStdString(category);
    case Items:
        return b.items;
    case FirstModels:
        return firstModels(index.row());
    default: {
        double s = share(index.row(), column);
        return role == Qt::UserRole ? QVariant(s) : QVariant(QStringLiteral("%1%").arg(100 * s, 0, 'f', 1));
    }
    }
}

QVariant BehaviourTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole && section == Nested)
        return tr("Share of the items where a sub-task of the plan was planned again (depth 2); "
                  "always 0 for a policy trained without nested plans");
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case Category:
        return tr("Category");
    case Items:
        return tr("Items");
    case Direct:
        return tr("Direct answer");
    case Plan:
        return tr("Plan");
    case Verify:
        return tr("Verify");
    case Synthesize:
        return tr("Synthesize");
    case Nested:
        return tr("Nested plan");
    case FirstModels:
        return tr("First models (answering directly)");
    default:
        return {};
    }
}

} // namespace baton::ui
