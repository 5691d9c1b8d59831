// SPDX-License-Identifier: MIT
#pragma once
// RouterReportModel: the test-split table of a trained router (the router at its lambda, every
// single model with the calibration of the router's P(correct) for it, the oracle); a thin
// adapter over core::RouterReport's rows.

#include "replay/router_report.h"

#include <QAbstractTableModel>

namespace baton::ui {

class RouterReportModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Name, Accuracy, Cost, StrongShare, Brier, Ece, ColumnCount };

    using QAbstractTableModel::QAbstractTableModel;
    void setReport(const core::RouterReport& report);
    const std::vector<core::RouterReportRow>& rows() const { return m_rows; }
    /// The row named `name` ("router", a model, "oracle"), or nullptr.
    const core::RouterReportRow* row(const std::string& name) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<core::RouterReportRow> m_rows;
    QString m_strong;
    double m_lambda = 0;
};

} // namespace baton::ui
