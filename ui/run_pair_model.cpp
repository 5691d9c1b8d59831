// SPDX-License-Identifier: MIT
#include "run_pair_model.h"

namespace baton::ui {
namespace {

QString cost(const std::optional<core::StrategyMetrics>& m) {
    if (!m) return QStringLiteral("-");
    if (m->totalCost) return QString::fromStdString(core::formatUsd(*m->totalCost));
    return QStringLiteral("≥") + QString::fromStdString(core::formatUsd(m->knownCost));
}

} // namespace

void RunPairModel::setPair(core::RunPair pair) {
    beginResetModel();
    m_pair = std::move(pair);
    endResetModel();
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
}

int RunPairModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_pair.rows.size());
}
int RunPairModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RunPairModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return {};
    const core::RunPairRow& r = m_pair.rows[size_t(index.row())];
    const auto& c = r.bVersusA;
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Name:
            return QString::fromStdString(r.name);
        case Kind: {
            QString kind = r.baseline ? tr("baseline") : tr("strategy");
            return r.configChange.empty() ? kind : tr("%1, changed").arg(kind);
        }
        case AccuracyA:
            return r.a ? QString::number(r.a->accuracy, 'f', 3) : QStringLiteral("-");
        case AccuracyB:
            return r.b ? QString::number(r.b->accuracy, 'f', 3) : QStringLiteral("-");
        case CostA:
            return cost(r.a);
        case CostB:
            return cost(r.b);
        case Delta:
            return c ? QStringLiteral("%1 [%2, %3]")
                           .arg(c->delta.delta, 0, 'f', 3)
                           .arg(c->delta.ci.low, 0, 'f', 3)
                           .arg(c->delta.ci.high, 0, 'f', 3)
                     : QStringLiteral("-");
        case PValue:
            return c ? QString::number(c->mcnemarP, 'g', 2) : QStringLiteral("-");
        case WinsTiesLosses:
            return c ? QStringLiteral("%1/%2/%3").arg(c->wins).arg(c->ties).arg(c->losses) : QStringLiteral("-");
        }
    }
    if (role == Qt::UserRole) {
        switch (index.column()) {
        case AccuracyA:
            return r.a ? QVariant(r.a->accuracy) : QVariant();
        case AccuracyB:
            return r.b ? QVariant(r.b->accuracy) : QVariant();
        case Delta:
            return c ? QVariant(c->delta.delta) : QVariant();
        case PValue:
            return c ? QVariant(c->mcnemarP) : QVariant();
        default:
            return data(index, Qt::DisplayRole);
        }
    }
    if (role == Qt::ToolTipRole && index.column() <= Kind && !r.configChange.empty())
        return tr("Configured differently in the two pools (%1): a Δ here includes the effect of that change "
                  "(a change of a model it uses is marked on that model's row)")
            .arg(QString::fromStdString(r.configChange));
    if (role == Qt::ToolTipRole && index.column() >= Delta)
        return c ? tr("Run %1 against run %2 on the %3 items both graded").arg(m_pair.runB).arg(m_pair.runA).arg(c->pairedItems)
                 : m_pair.sameTaskSet ? tr("Not in both runs") : tr("Different task sets: side by side only");
    return {};
}

QVariant RunPairModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    QString a = QString::number(m_pair.runA), b = QString::number(m_pair.runB);
    switch (section) {
    case Name:
        return tr("Strategy or model");
    case Kind:
        return tr("Kind");
    case AccuracyA:
        return tr("Accuracy, run %1").arg(a);
    case AccuracyB:
        return tr("Accuracy, run %1").arg(b);
    case CostA:
        return tr("Cost, run %1").arg(a);
    case CostB:
        return tr("Cost, run %1").arg(b);
    case Delta:
        return tr("Δ run %1 vs %2 [95% CI]").arg(b, a);
    case PValue:
        return tr("p (McNemar)");
    case WinsTiesLosses:
        return tr("W/T/L");
    }
    return {};
}

} // namespace baton::ui
