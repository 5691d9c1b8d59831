// SPDX-License-Identifier: MIT
#pragma once
// RunPairModel: two runs side by side, each strategy and model with its accuracy and cost in
// both, and run B against run A on the same items (Δ [95% CI], p, W/T/L); over core::RunPair.

#include "eval/run_pair.h"

#include <QAbstractTableModel>

namespace baton::ui {

class RunPairModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Name, Kind, AccuracyA, AccuracyB, CostA, CostB, Delta, PValue, WinsTiesLosses, ColumnCount };
    using QAbstractTableModel::QAbstractTableModel;

    void setPair(core::RunPair pair);
    const core::RunPair& pair() const { return m_pair; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    core::RunPair m_pair;
};

} // namespace baton::ui
