// SPDX-License-Identifier: MIT
#include "replay_table_model.h"

#include <cmath>

namespace baton::ui {

void ReplayTableModel::setRows(std::vector<core::ReplayRow> rows, bool usdAxis) {
    beginResetModel();
    m_rows = std::move(rows);
    m_usd = usdAxis;
    endResetModel();
}

int ReplayTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ReplayTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

double ReplayTableModel::value(const core::ReplayRow& row, int column) const {
    switch (column) {
    case Accuracy: return row.accuracy;
    case Cost: return row.cost;
    case Aiq: return row.aiq;
    case Apgr: return row.apgr;
    case Cpt50: return row.cpt50;
    case Cpt80: return row.cpt80;
    default: return NAN;
    }
}

QVariant ReplayTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) return {};
    const auto& row = m_rows[size_t(index.row())];
    int column = index.column();
    if (column == Kind || column == Name) {
        if (role != Qt::DisplayRole && role != SortRole) return {};
        return QString::fromStdString(column == Kind ? core::toString(row.kind) : row.name);
    }
    double v = value(row, column);
    if (role == SortRole) return std::isnan(v) ? -1.0 : v;
    if (role == Qt::TextAlignmentRole) return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && std::isnan(v))
        return tr("Not defined here: AIQ needs a curve, APGR and CPT a weak/strong pair, a cost needs known costs.");
    if (role != Qt::DisplayRole) return {};
    if (std::isnan(v)) return QStringLiteral("-");
    bool money = column == Cost && m_usd;
    return QString::number(v, 'f', money ? 6 : 4);
}

QVariant ReplayTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case Kind: return tr("Kind");
    case Name: return tr("Name");
    case Accuracy: return tr("Accuracy (test)");
    case Cost: return m_usd ? tr("Cost per item (USD)") : tr("Share to strong model");
    case Aiq: return tr("AIQ");
    case Apgr: return tr("APGR");
    case Cpt50: return tr("CPT(50%)");
    case Cpt80: return tr("CPT(80%)");
    default: return {};
    }
}

} // namespace baton::ui
