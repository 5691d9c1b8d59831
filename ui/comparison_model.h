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
    core::RunReport m_report;
};

} // namespace baton::ui
