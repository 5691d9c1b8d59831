// SPDX-License-Identifier: MIT
#pragma once
// ComparisonModel: the report's per-strategy rows as a table; a thin adapter over RunReport.

#include "eval/run_report.h"

#include <QAbstractTableModel>

namespace baton::ui {

class ComparisonModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        Strategy,
        Kind,
        Items,
        Accuracy,
        CiLow,
        CiHigh,
        TotalCost,
        CostPerCorrect,
        LatencyP50,
        LatencyP95,
        CallsPerItem,
        DeltaVsBest,    ///< accuracy minus the best single model's, with its paired 95% CI
        PValue,         ///< exact McNemar test against the best single model
        WinsTiesLosses, ///< items right/wrong against the best single model
        ColumnCount
    };
    using QAbstractTableModel::QAbstractTableModel;

    void setReport(core::RunReport report);
    const core::RunReport& report() const { return m_report; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    /// This row against the best single model; null for that model itself or when there is none.
    const core::Comparison* againstBest(const core::StrategyMetrics& m) const;

    core::RunReport m_report;
};

} // namespace baton::ui
