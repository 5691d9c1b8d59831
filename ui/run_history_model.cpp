// SPDX-License-Identifier: MIT
#include "run_history_model.h"

#include <QDateTime>
#include <QStringList>

namespace baton::ui {

void RunHistoryModel::setRuns(std::vector<core::RunListing> runs) {
    beginResetModel();
    m_runs = std::move(runs);
    endResetModel();
}

int RunHistoryModel::rowOf(int64_t id) const {
    for (size_t i = 0; i < m_runs.size(); ++i)
        if (m_runs[i].id == id) return int(i);
    return -1;
}

int RunHistoryModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_runs.size());
}
int RunHistoryModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RunHistoryModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return {};
    const core::RunListing& r = m_runs[size_t(index.row())];
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Id:
            return qlonglong(r.id);
        case Date:
            return QDateTime::fromMSecsSinceEpoch(r.createdAtMs).toString("yyyy-MM-dd hh:mm");
        case Pool:
            return QString::fromStdString(r.pool);
        case TaskSet:
            return QStringLiteral("%1 (%2 items)").arg(QString::fromStdString(r.taskSet)).arg(r.items);
        case Status: {
            QString status = QString::fromStdString(core::toString(r.status));
            QString why = QString::fromStdString(r.stopReason);
            return why.isEmpty() ? status : why.startsWith(status) ? why : status + ": " + why;
        }
        case Strategies: {
            QStringList names;
            if (r.baselines) names << tr("baselines");
            for (const auto& s : r.strategies)
                names << QString::fromStdString(s);
            return names.join(", ");
        }
        case Spent: {
            QString spent = QString::fromStdString(core::formatUsd(r.totals.spent));
            return r.totals.unknownCostCalls ? tr("≥%1").arg(spent) : spent;
        }
        case Calls:
            return r.totals.cachedCalls ? tr("%1 (%2 from cache)").arg(r.totals.calls).arg(r.totals.cachedCalls)
                                        : QString::number(r.totals.calls);
        }
    }
    if (role == Qt::UserRole) {
        switch (index.column()) {
        case Id:
            return qlonglong(r.id);
        case Date:
            return qlonglong(r.createdAtMs);
        case Spent:
            return r.totals.spent.usd();
        case Calls:
            return qlonglong(r.totals.calls);
        default:
            return data(index, Qt::DisplayRole);
        }
    }
    if (role == Qt::ToolTipRole && index.column() == Spent && r.totals.unknownCostCalls)
        return tr("%n call(s) of unknown cost: the spend is at least this", "", int(r.totals.unknownCostCalls));
    if (role == Qt::TextAlignmentRole && (index.column() == Id || index.column() >= Spent))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant RunHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    static const char* const kNames[] = {QT_TR_NOOP("Run"),    QT_TR_NOOP("Started"),    QT_TR_NOOP("Pool"),
                                         QT_TR_NOOP("Task set"), QT_TR_NOOP("Status"), QT_TR_NOOP("What ran"),
                                         QT_TR_NOOP("Spent"),  QT_TR_NOOP("Calls")};
    return section >= 0 && section < ColumnCount ? tr(kNames[section]) : QVariant();
}

} // namespace baton::ui
