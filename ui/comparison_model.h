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
        DeltaVsBest,    ///< accuracy minus the reference baseline's, with its paired 95% CI
        PValue,         ///< exact McNemar test against the reference baseline
        WinsTiesLosses, ///< items right/wrong against the reference baseline
        ColumnCount
    };
    using QAbstractTableModel::QAbstractTableModel;

    void setReport(core::RunReport report);
    const core::RunReport& report() const { return m_report; }
    /// The baseline the Δ, p and W/T/L columns compare with; empty: the best single model.
    void setReference(const std::string& baseline);
    const std::string& reference() const { return m_reference.empty() ? m_report.bestSingle : m_reference; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    /// This row against the reference; null for the reference itself or when there is none.
    const core::Comparison* againstBest(const core::StrategyMetrics& m) const;

    core::RunReport m_report;
    std::string m_reference;
};

} // namespace baton::ui
