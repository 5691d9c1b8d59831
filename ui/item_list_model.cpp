// SPDX-License-Identifier: MIT
#include "item_list_model.h"

namespace baton::ui {

void ItemListModel::setItems(QStringList ids) {
    resetRows([&] {
        m_ids = std::move(ids);
        return int(m_ids.size());
    });
}

QVariant ItemListModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid) || role != Qt::DisplayRole) return {};
    return m_ids[index.row()];
}

} // namespace baton::ui
