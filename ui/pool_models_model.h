// SPDX-License-Identifier: MIT
#pragma once
// PoolModelsModel: the models of the edited pool as an editable table. Each edit becomes one
// undoable change of the document; a value that cannot be right (a key pasted where its
// reference belongs, an unknown provider, a negative price) is refused with a reason.

#include "pool_document.h"

#include <QAbstractTableModel>

namespace baton::ui {

class PoolModelsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        Name,
        Provider,
        BaseUrl,
        RemoteModel,
        Key,
        InputPrice,
        OutputPrice,
        PriceSource,
        PriceAsOf,
        ContextWindow,
        Tags,
        ColumnCount
    };

    explicit PoolModelsModel(PoolDocument& document, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;

    /// What the loader says is wrong with this cell's field (shown on the cell, red).
    QStringList problemsAt(const QModelIndex& index) const;

    /// Adds a model with a fresh name on the endpoint of row `like` (provider, base URL, key
    /// reference...; the last row's when `like` is not a row); returns its row.
    int addModel(int like = -1);
    void removeModel(int row);

signals:
    /// An edit was refused; `why` says what is wrong and what to do.
    void editRefused(const QString& why);

private:
    QString text(const core::ModelSpec& model, int column) const;
    /// Sets the column's field from `value`; the reason it is refused, or empty when it is set.
    QString apply(core::ModelSpec& model, int column, const QString& value) const;

    PoolDocument& m_document;
    int m_rows = 0; ///< the rows the views know of
};

} // namespace baton::ui
