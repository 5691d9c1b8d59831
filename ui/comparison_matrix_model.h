// SPDX-License-Identifier: MIT
#pragma once
// ComparisonMatrixModel: every strategy (rows) against every baseline (columns) of a run: the
// accuracy Δ with its paired 95% CI, the exact McNemar p and wins/ties/losses, as the report
// computed them; a thin adapter over RunReport::comparisons.

#include "eval/run_report.h"

#include <QAbstractTableModel>

namespace baton::ui {

class ComparisonMatrixModel : public QAbstractTableModel {
    Q_OBJECT
public:
    using QAbstractTableModel::QAbstractTableModel;

    void setReport(const core::RunReport& report);
    /// The comparison of row `row` against baseline column `column`; null where there is none.
    const core::Comparison* comparison(int row, int column) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// "+0.043 [+0.013, +0.077] p=0.0072 W/T/L 12/80/3", the text of one cell.
    static QString cellText(const core::Comparison& c);

private:
    std::vector<std::string> m_rows, m_baselines;
    std::vector<core::Comparison> m_comparisons;
};

} // namespace baton::ui
