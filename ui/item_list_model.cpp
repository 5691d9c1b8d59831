#include "item_list_model.h"

namespace baton::ui {

void ItemListModel::setItems(QStringList ids) {
    m_changing = true;
    beginResetModel();
    m_ids = std::move(ids);
    m_shown = std::min<int>(kChunk, int(m_ids.size()));
    endResetModel();
    m_changing = false;
}

int ItemListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : m_shown;
}

QVariant ItemListModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid) || role != Qt::DisplayRole) return {};
    return m_ids[index.row()];
}

bool ItemListModel::canFetchMore(const QModelIndex& parent) const {
    return !parent.isValid() && !m_changing && m_shown < int(m_ids.size());
}

void ItemListModel::fetchMore(const QModelIndex& parent) {
    if (!canFetchMore(parent)) return;
    int more = std::min<int>(kChunk, int(m_ids.size()) - m_shown);
    m_changing = true;
    beginInsertRows({}, m_shown, m_shown + more - 1);
    m_shown += more;
    endInsertRows();
    m_changing = false;
}

} // namespace baton::ui
