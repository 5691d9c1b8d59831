// SPDX-License-Identifier: MIT
#pragma once
// RepriceModel: a re-priced run (core::RunRepricing) as a table: one row per strategy (calls,
// recorded cost, cost under the other price book, change) and a last row for the whole run; or,
// by model, which prices each model got and where they came from. Unknown costs say "unknown".
// Qt::UserRole of a cost cell is its USD as a double (invalid when unknown).

#include "bundle/run_repricing.h"

#include <QAbstractTableModel>

namespace baton::ui {

class RepriceModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum class Rows { ByStrategy, ByModel };
    enum Column { Name, Detail, Recorded, Repriced, Change, ColumnCount };

    explicit RepriceModel(Rows rows, QObject* parent = nullptr) : QAbstractTableModel(parent), m_rows(rows) {}

    void setRepricing(core::RunRepricing repricing);
    const core::RunRepricing& repricing() const { return m_repricing; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    Rows m_rows;
    core::RunRepricing m_repricing;
};

} // namespace baton::ui
