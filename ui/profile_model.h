// SPDX-License-Identifier: MIT
#pragma once
// ProfileModel: the capability profile as a heat map table, models as rows and categories as
// columns; a thin adapter over core::capabilityProfile's cells (no computing here).

#include "replay/capability_profile.h"

#include <QAbstractTableModel>
#include <QStringList>

namespace baton::ui {

class ProfileModel : public QAbstractTableModel {
    Q_OBJECT
public:
    /// Qt::UserRole: the accuracy as a number (NaN-free: -1 for no data), for sorting.
    static constexpr int SortRole = Qt::UserRole;

    using QAbstractTableModel::QAbstractTableModel;
    void setResult(std::vector<core::ProfileCell> cells);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// The table as CSV: model, category, n, accuracy, ci_low, ci_high, mean_cost_usd, p50_latency_ms.
    QString toCsv() const;

private:
    const core::ProfileCell* cell(int row, int column) const;
    QStringList m_models, m_categories;
    std::vector<core::ProfileCell> m_cells; ///< model-major, as core returns them
};

} // namespace baton::ui
