// SPDX-License-Identifier: MIT
#include "chunked_table_model.h"

namespace baton::ui {

void ChunkedTableModel::resetRows(const std::function<int()>& replace) {
    m_changing = true;
    beginResetModel();
    m_total = replace();
    m_shown = std::min(m_chunk, m_total);
    endResetModel();
    m_changing = false;
}

int ChunkedTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : m_shown;
}

bool ChunkedTableModel::canFetchMore(const QModelIndex& parent) const {
    return !parent.isValid() && !m_changing && m_shown < m_total;
}

void ChunkedTableModel::fetchMore(const QModelIndex& parent) {
    if (!canFetchMore(parent)) return;
    int more = std::min(m_chunk, m_total - m_shown);
    m_changing = true;
    beginInsertRows({}, m_shown, m_shown + more - 1);
    m_shown += more;
    endInsertRows();
    m_changing = false;
}

} // namespace baton::ui
