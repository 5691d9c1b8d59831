// SPDX-License-Identifier: MIT
#include "comparison_model.h"

namespace baton::ui {

void ComparisonModel::setReport(core::RunReport report) {
    beginResetModel();
    m_report = std::move(report);
    endResetModel();
}

void ComparisonModel::setReference(const std::string& baseline) {
    beginResetModel();
    m_reference = baseline;
    endResetModel();
    emit headerDataChanged(Qt::Horizontal, DeltaVsBest, WinsTiesLosses);
}

int ComparisonModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_report.strategies.size());
}
int ComparisonModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

const core::Comparison* ComparisonModel::againstBest(const core::StrategyMetrics& m) const {
    for (const auto& c : m_report.comparisons)
        if (c.strategy == m.name && c.against == reference()) return &c;
    return nullptr;
}

QVariant ComparisonModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) return {};
    const core::StrategyMetrics& m = m_report.strategies[size_t(index.row())];
    const core::Comparison* vsBest = againstBest(m);
    auto money = [](const std::optional<core::Money>& v) { return v ? QVariant(v->usd()) : QVariant(); };
    if (role == Qt::DisplayRole) {
        auto usd = [](const std::optional<core::Money>& v) {
            return v ? QString::fromStdString(core::formatUsd(*v)) : QStringLiteral("unknown");
        };
        // Some calls of unknown cost: what is known is a lower bound, said as such (never 0).
        auto bound = [&m](const std::optional<core::Money>& v) {
            if (v || m.knownCost.pico == 0) return v ? QString::fromStdString(core::formatUsd(*v)) : tr("unknown");
            return tr("≥%1 (%n call(s) of unknown cost)", "", int(m.unknownCostCalls))
                .arg(QString::fromStdString(core::formatUsd(m.knownCost)));
        };
        switch (index.column()) {
        case Strategy:
            return QString::fromStdString(m.name);
        case Kind:
            return m.baseline ? tr("baseline") : tr("strategy");
        case Items:
            return qlonglong(m.items);
        case Accuracy:
            return QString::number(m.accuracy, 'f', 3);
        case CiLow:
            return QString::number(m.accuracyCi.low, 'f', 3);
        case CiHigh:
            return QString::number(m.accuracyCi.high, 'f', 3);
        case TotalCost:
            return bound(m.totalCost);
        case CostPerCorrect:
            return usd(m.costPerCorrect);
        case LatencyP50:
            return QString::number(m.latencyP50Ms, 'f', 0);
        case LatencyP95:
            return QString::number(m.latencyP95Ms, 'f', 0);
        case CallsPerItem:
            return QString::number(m.callsPerItem, 'f', 2);
        case DeltaVsBest:
            if (!vsBest) return QStringLiteral("-");
            return QStringLiteral("%1 [%2, %3]")
                .arg(vsBest->delta.delta, 0, 'f', 3)
                .arg(vsBest->delta.ci.low, 0, 'f', 3)
                .arg(vsBest->delta.ci.high, 0, 'f', 3);
        case PValue:
            return vsBest ? QString::number(vsBest->mcnemarP, 'g', 2) : QStringLiteral("-");
        case WinsTiesLosses:
            return vsBest ? QStringLiteral("%1/%2/%3").arg(vsBest->wins).arg(vsBest->ties).arg(vsBest->losses)
                          : QStringLiteral("-");
        }
    }
    if (role == Qt::ToolTipRole && index.column() == TotalCost && !m.totalCost)
        return tr("%n call(s) have no known cost (e.g. cancelled in flight): the total is at least the known "
                  "part, never taken as 0.", "", int(m.unknownCostCalls));
    if (role == Qt::ToolTipRole && index.column() >= DeltaVsBest && vsBest)
        return tr("Against %1, on %2 paired items")
            .arg(QString::fromStdString(vsBest->against))
            .arg(vsBest->pairedItems);
    if (role == Qt::UserRole) { // raw figures, for sorting and tests
        switch (index.column()) {
        case Accuracy:
            return m.accuracy;
        case TotalCost: // the lower bound when some costs are unknown, so it sorts with the rest
            return m.totalCost ? money(m.totalCost) : QVariant(m.knownCost.usd());
        case CostPerCorrect:
            return money(m.costPerCorrect);
        case CallsPerItem:
            return m.callsPerItem;
        case DeltaVsBest:
            return vsBest ? QVariant(vsBest->delta.delta) : QVariant();
        case PValue:
            return vsBest ? QVariant(vsBest->mcnemarP) : QVariant();
        default:
            return data(index, Qt::DisplayRole);
        }
    }
    if (role == Qt::TextAlignmentRole && index.column() >= Items) return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant ComparisonModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal) return {};
    bool best = reference() == m_report.bestSingle;
    if (role == Qt::ToolTipRole && section >= DeltaVsBest)
        return best ? tr("Against the best single model: %1").arg(QString::fromStdString(reference()))
                    : tr("Against the baseline %1").arg(QString::fromStdString(reference()));
    if (role != Qt::DisplayRole) return {};
    QString ref = QString::fromStdString(reference());
    if (section == DeltaVsBest) return tr("Δ accuracy vs %1 [95% CI]").arg(ref);
    if (section == WinsTiesLosses) return tr("W/T/L vs %1").arg(ref);
    static const char* const kNames[] = {QT_TR_NOOP("Strategy"),
                                         QT_TR_NOOP("Kind"),
                                         QT_TR_NOOP("Items"),
                                         QT_TR_NOOP("Accuracy"),
                                         QT_TR_NOOP("95% CI low"),
                                         QT_TR_NOOP("95% CI high"),
                                         QT_TR_NOOP("Total cost"),
                                         QT_TR_NOOP("Cost per right answer"),
                                         QT_TR_NOOP("p50 ms"),
                                         QT_TR_NOOP("p95 ms"),
                                         QT_TR_NOOP("Calls per item"),
                                         QT_TR_NOOP("Δ accuracy vs best single [95% CI]"),
                                         QT_TR_NOOP("p (McNemar)"),
                                         QT_TR_NOOP("W/T/L vs best")};
    return section >= 0 && section < ColumnCount ? tr(kNames[section]) : QVariant();
}

} // namespace baton::ui
