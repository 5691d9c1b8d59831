// SPDX-License-Identifier: MIT
#pragma once
// Table helpers shared by every page: Ctrl+C copies the selected cells as tab-separated text
// (rows and columns in the order shown, so a spreadsheet pastes them as they look), and a
// sorting proxy that sorts by each model's raw figures (Qt::UserRole) when it has them.

#include <QSortFilterProxyModel>

class QAbstractItemView;
class QTableView;

namespace baton::ui {

/// The selected cells of `view` as TSV, in the order shown; a header line first when whole rows
/// are selected. Tabs and line breaks inside a cell become spaces.
QString selectionAsTsv(const QAbstractItemView& view);
/// Adds Ctrl+C (copy the selection as TSV) to the view.
void enableCopy(QAbstractItemView* view);

/// Sorts by Qt::UserRole when the source gives one (numbers sort as numbers), else by the text.
class SortProxy : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit SortProxy(QObject* parent = nullptr);

protected:
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;
};

/// Puts a SortProxy over `source` in `view`, sortable by clicking a header; returns the proxy.
SortProxy* makeSortable(QTableView* view, QAbstractItemModel* source);

} // namespace baton::ui
