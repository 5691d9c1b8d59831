// SPDX-License-Identifier: MIT
#pragma once
// ItemListModel: a list of item ids (one column) handed to views in chunks, so the inspector
// lists a million items without building a widget each.

#include "chunked_table_model.h"

#include <QStringList>

namespace baton::ui {

class ItemListModel : public ChunkedTableModel {
    Q_OBJECT
public:
    static constexpr int kChunk = 500;

    explicit ItemListModel(QObject* parent = nullptr) : ChunkedTableModel(kChunk, parent) {}

    void setItems(QStringList ids);
    const QStringList& items() const { return m_ids; } ///< every id, shown or not yet

    QModelIndex index(int row, int column = 0, const QModelIndex& parent = {}) const override {
        return ChunkedTableModel::index(row, column, parent);
    }
    int columnCount(const QModelIndex& parent = {}) const override { return parent.isValid() ? 0 : 1; }
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

private:
    QStringList m_ids;
};

} // namespace baton::ui
