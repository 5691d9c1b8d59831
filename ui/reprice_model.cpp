// SPDX-License-Identifier: MIT
#include "reprice_model.h"
#include "model/money_text.h"

namespace baton::ui {
namespace {

QString usdText(const std::optional<core::Money>& m) {
    return QString::fromStdString(core::formatUsd(m)); // "unknown", never $0, as baton-cli reprice
}

QVariant usdValue(const std::optional<core::Money>& m) {
    return m ? QVariant(m->usd()) : QVariant();
}

QString changeText(const std::optional<core::Money>& from, const std::optional<core::Money>& to) {
    if (!from || !to || from->pico == 0) return {};
    double percent = (to->usd() / from->usd() - 1) * 100;
    return QStringLiteral("%1%2%").arg(percent >= 0 ? "+" : "").arg(percent, 0, 'f', 1);
}

struct Row {
    QString name, detail;
    std::optional<core::Money> recorded, repriced;
};

Row rowOf(const core::RunRepricing& r, RepriceModel::Rows rows, int i) {
    if (rows == RepriceModel::Rows::ByModel) {
        const auto& m = r.models[size_t(i)];
        QString origin = QString::fromStdString(m.origin);
        if (!m.priceId.empty()) origin += QStringLiteral(": %1").arg(QString::fromStdString(m.priceId));
        if (m.raisedPercent != 0) origin += RepriceModel::tr(", raised %1%").arg(m.raisedPercent);
        return {QString::fromStdString(m.model), origin, m.recorded, m.repriced};
    }
    if (size_t(i) == r.strategies.size()) {
        int64_t calls = 0;
        for (const auto& s : r.strategies)
            calls += s.calls;
        return {RepriceModel::tr("Whole run"), QString::number(calls), r.recordedTotal, r.repricedTotal};
    }
    const auto& s = r.strategies[size_t(i)];
    return {QString::fromStdString(s.strategy), QString::number(s.calls), s.recorded, s.repriced};
}

} // namespace

void RepriceModel::setRepricing(core::RunRepricing repricing) {
    beginResetModel();
    m_repricing = std::move(repricing);
    endResetModel();
}

int RepriceModel::rowCount(const QModelIndex& parent) const {
    if (parent.isValid()) return 0;
    if (m_rows == Rows::ByModel) return int(m_repricing.models.size());
    return m_repricing.strategies.empty() ? 0 : int(m_repricing.strategies.size()) + 1;
}

int RepriceModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RepriceModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) return {};
    Row row = rowOf(m_repricing, m_rows, index.row());
    if (role == Qt::UserRole) {
        if (index.column() == Recorded) return usdValue(row.recorded);
        if (index.column() == Repriced) return usdValue(row.repriced);
        return {};
    }
    if (role == Qt::TextAlignmentRole && index.column() != Name &&
        !(m_rows == Rows::ByModel && index.column() == Detail))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole) return {};
    switch (index.column()) {
    case Name:
        return row.name;
    case Detail:
        return row.detail;
    case Recorded:
        return usdText(row.recorded);
    case Repriced:
        return usdText(row.repriced);
    case Change:
        return changeText(row.recorded, row.repriced);
    default:
        return {};
    }
}

QVariant RepriceModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    bool byModel = m_rows == Rows::ByModel;
    switch (section) {
    case Name:
        return byModel ? tr("Model") : tr("Strategy");
    case Detail:
        return byModel ? tr("Prices used") : tr("Calls");
    case Recorded:
        return tr("Recorded");
    case Repriced:
        return tr("Re-priced");
    case Change:
        return tr("Change");
    default:
        return {};
    }
}

} // namespace baton::ui
