// SPDX-License-Identifier: MIT
#pragma once
// RunHistoryModel: the runs of the workspace, newest first (date, pool, task set, status,
// strategies, spend); a thin adapter over core::RunListing.

#include "eval/run_history.h"

#include <QAbstractTableModel>

namespace baton::ui {

class RunHistoryModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Id, Date, Pool, TaskSet, Status, Strategies, Spent, Calls, ColumnCount };
    using QAbstractTableModel::QAbstractTableModel;

    void setRuns(std::vector<core::RunListing> runs);
    const std::vector<core::RunListing>& runs() const { return m_runs; }
    /// The row of run `id`, or -1.
    int rowOf(int64_t id) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<core::RunListing> m_runs;
};

} // namespace baton::ui
