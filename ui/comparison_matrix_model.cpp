// SPDX-License-Identifier: MIT
#include "comparison_matrix_model.h"

#include <QColor>

namespace baton::ui {

void ComparisonMatrixModel::setReport(const core::RunReport& report) {
    beginResetModel();
    m_rows.clear(), m_baselines.clear();
    for (const auto& m : report.strategies)
        (m.baseline ? m_baselines : m_rows).push_back(m.name);
    m_comparisons = report.comparisons;
    endResetModel();
}

const core::Comparison* ComparisonMatrixModel::comparison(int row, int column) const {
    if (row < 0 || row >= int(m_rows.size()) || column < 0 || column >= int(m_baselines.size())) return nullptr;
    for (const auto& c : m_comparisons)
        if (c.strategy == m_rows[size_t(row)] && c.against == m_baselines[size_t(column)]) return &c;
    return nullptr;
}

int ComparisonMatrixModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}
int ComparisonMatrixModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_baselines.size());
}

QString ComparisonMatrixModel::cellText(const core::Comparison& c) {
    return QStringLiteral("%1 [%2, %3] p=%4 W/T/L %5/%6/%7")
        .arg(c.delta.delta, 0, 'f', 3)
        .arg(c.delta.ci.low, 0, 'f', 3)
        .arg(c.delta.ci.high, 0, 'f', 3)
        .arg(QString::number(c.mcnemarP, 'g', 2))
        .arg(c.wins)
        .arg(c.ties)
        .arg(c.losses);
}

QVariant ComparisonMatrixModel::data(const QModelIndex& index, int role) const {
    const core::Comparison* c = comparison(index.row(), index.column());
    if (!index.isValid()) return {};
    switch (role) {
    case Qt::DisplayRole:
        return c ? cellText(*c) : QStringLiteral("-");
    case Qt::UserRole:
        return c ? QVariant(c->delta.delta) : QVariant();
    case Qt::ToolTipRole:
        return c ? tr("%1 against %2 on %3 paired items: accuracy Δ %4 (95% CI %5 to %6, paired bootstrap), "
                      "McNemar exact p = %7; %8 items better, %9 tied, %10 worse")
                       .arg(QString::fromStdString(c->strategy), QString::fromStdString(c->against))
                       .arg(c->pairedItems)
                       .arg(c->delta.delta, 0, 'f', 3)
                       .arg(c->delta.ci.low, 0, 'f', 3)
                       .arg(c->delta.ci.high, 0, 'f', 3)
                       .arg(c->mcnemarP, 0, 'g', 3)
                       .arg(c->wins)
                       .arg(c->ties)
                       .arg(c->losses)
                 : QVariant();
    case Qt::ForegroundRole: // a CI that excludes 0 is a finding: green better, red worse
        if (c && c->delta.ci.low > 0) return QColor(0, 120, 0);
        if (c && c->delta.ci.high < 0) return QColor(170, 0, 0);
        return {};
    case Qt::TextAlignmentRole:
        return int(Qt::AlignRight | Qt::AlignVCenter);
    }
    return {};
}

QVariant ComparisonMatrixModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (role != Qt::DisplayRole) return {};
    const auto& names = orientation == Qt::Horizontal ? m_baselines : m_rows;
    if (section < 0 || section >= int(names.size())) return {};
    return orientation == Qt::Horizontal ? tr("vs %1").arg(QString::fromStdString(names[size_t(section)]))
                                         : QString::fromStdString(names[size_t(section)]);
}

} // namespace baton::ui
