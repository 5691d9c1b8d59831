// SPDX-License-Identifier: MIT
#include "router_report_model.h"

#include <cmath>

namespace baton::ui {

void RouterReportModel::setReport(const core::RouterReport& report) {
    beginResetModel();
    m_rows = report.rows;
    m_strong = QString::fromStdString(report.strongModel);
    m_lambda = report.lambda;
    endResetModel();
}

const core::RouterReportRow* RouterReportModel::row(const std::string& name) const {
    for (const auto& r : m_rows)
        if (r.name == name) return &r;
    return nullptr;
}

int RouterReportModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RouterReportModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RouterReportModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= int(m_rows.size())) return {};
    const auto& r = m_rows[size_t(index.row())];
    auto number = [&](double v, int decimals) -> QVariant {
        if (role == Qt::TextAlignmentRole) return int(Qt::AlignRight | Qt::AlignVCenter);
        if (role != Qt::DisplayRole) return {};
        return std::isnan(v) ? QStringLiteral("-") : QString::number(v, 'f', decimals);
    };
    switch (index.column()) {
    case Name:
        if (role == Qt::ToolTipRole && r.kind == core::RouterReportRow::Kind::Single)
            return tr("%1 alone on every test item; Brier and ECE: the router's P(correct) for it").arg(r.name.c_str());
        if (role != Qt::DisplayRole) return {};
        if (r.kind == core::RouterReportRow::Kind::Router)
            return tr("router (lambda %1)").arg(m_lambda, 0, 'g', 4);
        return QString::fromStdString(r.name);
    case Accuracy: return number(r.accuracy, 4);
    case Cost: return number(r.meanCostUsd, 6);
    case StrongShare: return number(r.strongShare, 3);
    case Brier: return number(r.brier, 4);
    case Ece: return number(r.ece, 4);
    default: return {};
    }
}

QVariant RouterReportModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal) return {};
    if (role == Qt::ToolTipRole && section == StrongShare) return tr("Share of calls to %1, the strongest model").arg(m_strong);
    if (role != Qt::DisplayRole) return {};
    switch (section) {
    case Name: return tr("On the test split");
    case Accuracy: return tr("Accuracy");
    case Cost: return tr("USD per item");
    case StrongShare: return tr("Calls to strongest");
    case Brier: return tr("Brier");
    case Ece: return tr("ECE");
    default: return {};
    }
}

} // namespace baton::ui
