// SPDX-License-Identifier: MIT
#include "profile_model.h"

#include <QColor>
#include <cmath>

namespace baton::ui {

void ProfileModel::setResult(std::vector<core::ProfileCell> cells) {
    beginResetModel();
    m_cells = std::move(cells);
    m_models.clear(), m_categories.clear();
    for (const auto& c : m_cells) {
        QString model = QString::fromStdString(c.model), category = QString::fromStdString(c.category);
        if (!m_models.contains(model)) m_models << model;
        if (!m_categories.contains(category)) m_categories << category;
    }
    endResetModel();
}

int ProfileModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_models.size());
}

int ProfileModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_categories.size());
}

const core::ProfileCell* ProfileModel::cell(int row, int column) const {
    size_t at = size_t(row) * size_t(m_categories.size()) + size_t(column);
    return at < m_cells.size() ? &m_cells[at] : nullptr;
}

QVariant ProfileModel::data(const QModelIndex& index, int role) const {
    const core::ProfileCell* c = index.isValid() ? cell(index.row(), index.column()) : nullptr;
    if (!c) return {};
    bool known = c->n > 0;
    switch (role) {
    case Qt::DisplayRole:
        return known ? QString::number(c->accuracy, 'f', 3) : QStringLiteral("-");
    case SortRole:
        return known ? c->accuracy : -1.0;
    case Qt::BackgroundRole: {
        if (!known) return {};
        // Red (0) through yellow to green (1): hue 0..120.
        return QColor::fromHsvF(float(c->accuracy) / 3.0f, 0.45f, 1.0f);
    }
    case Qt::ToolTipRole:
        if (!known) return tr("%1 on %2: no graded item").arg(m_models[index.row()], m_categories[index.column()]);
        return tr("%1 on %2\naccuracy %3 (95% CI %4 to %5), n = %6\ncost per item %7\np50 latency %8")
            .arg(m_models[index.row()], m_categories[index.column()])
            .arg(c->accuracy, 0, 'f', 4)
            .arg(c->ci.low, 0, 'f', 3)
            .arg(c->ci.high, 0, 'f', 3)
            .arg(c->n)
            .arg(std::isnan(c->meanCostUsd) ? tr("unknown") : QStringLiteral("$%1").arg(c->meanCostUsd, 0, 'f', 6))
            .arg(std::isnan(c->p50LatencyMs) ? tr("unknown") : tr("%1 ms").arg(c->p50LatencyMs, 0, 'f', 0));
    case Qt::TextAlignmentRole:
        return int(Qt::AlignCenter);
    default:
        return {};
    }
}

QVariant ProfileModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (role != Qt::DisplayRole) return {};
    const QStringList& names = orientation == Qt::Horizontal ? m_categories : m_models;
    return section >= 0 && section < names.size() ? QVariant(names[section]) : QVariant();
}

QString ProfileModel::toCsv() const {
    return QString::fromStdString(core::capabilityProfileCsv(m_cells));
}

} // namespace baton::ui
