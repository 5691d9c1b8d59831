// SPDX-License-Identifier: MIT
#pragma once
// ReplayTableModel: the Replay lab's table (single models, their frontier, the oracle, each
// strategy's curve with AIQ, APGR and CPT); a thin adapter over core::replayTable's rows.

#include "replay/replay_table.h"

#include <QAbstractTableModel>

namespace baton::ui {

class ReplayTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Kind, Name, Accuracy, Cost, Aiq, Apgr, Cpt50, Cpt80, ColumnCount };
    /// Qt::UserRole: the cell as a number (unknown = -1) or text, for sorting.
    static constexpr int SortRole = Qt::UserRole;

    using QAbstractTableModel::QAbstractTableModel;
    /// `usdAxis`: the cost column is USD per item; otherwise the strong model's share of calls.
    void setRows(std::vector<core::ReplayRow> rows, bool usdAxis);
    const std::vector<core::ReplayRow>& rows() const { return m_rows; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    double value(const core::ReplayRow& row, int column) const;
    std::vector<core::ReplayRow> m_rows;
    bool m_usd = true;
};

} // namespace baton::ui
