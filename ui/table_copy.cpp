// SPDX-License-Identifier: MIT
#include "table_copy.h"

#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QTableView>
#include <map>
#include <set>

namespace baton::ui {
namespace {

QString cellText(const QModelIndex& index) {
    QString text = index.data(Qt::DisplayRole).toString();
    text.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    return text;
}

int visualColumn(const QAbstractItemView& view, int column) {
    auto* table = qobject_cast<const QTableView*>(&view);
    return table ? table->horizontalHeader()->visualIndex(column) : column;
}

} // namespace

QString selectionAsTsv(const QAbstractItemView& view) {
    const QAbstractItemModel* model = view.model();
    if (!model || !view.selectionModel()) return {};
    QModelIndexList cells = view.selectionModel()->selectedIndexes();
    if (cells.isEmpty() && view.currentIndex().isValid()) cells << view.currentIndex();
    std::map<int, std::map<int, QModelIndex>> byRow; // row -> visual column -> cell
    std::set<int> columns;
    for (const QModelIndex& cell : cells) {
        int column = visualColumn(view, cell.column());
        byRow[cell.row()][column] = cell;
        columns.insert(column);
    }
    QStringList lines;
    bool wholeRows = !byRow.empty() && int(columns.size()) == model->columnCount() && columns.size() > 1;
    if (wholeRows) {
        QStringList header;
        for (int column : columns) {
            auto* table = qobject_cast<const QTableView*>(&view);
            int logical = table ? table->horizontalHeader()->logicalIndex(column) : column;
            header << model->headerData(logical, Qt::Horizontal).toString();
        }
        lines << header.join('\t');
    }
    for (const auto& [row, cellsOfRow] : byRow) {
        QStringList fields;
        for (int column : columns) {
            auto it = cellsOfRow.find(column);
            fields << (it == cellsOfRow.end() ? QString() : cellText(it->second));
        }
        lines << fields.join('\t');
    }
    return lines.join('\n');
}

void enableCopy(QAbstractItemView* view) {
    auto* copy = new QAction(QObject::tr("Copy"), view);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetShortcut);
    QObject::connect(copy, &QAction::triggered, view,
                     [view] { QApplication::clipboard()->setText(selectionAsTsv(*view)); });
    view->addAction(copy);
    view->setSelectionMode(QAbstractItemView::ExtendedSelection);
}

SortProxy::SortProxy(QObject* parent) : QSortFilterProxyModel(parent) {
    setSortRole(Qt::UserRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
}

bool SortProxy::lessThan(const QModelIndex& left, const QModelIndex& right) const {
    QVariant a = left.data(Qt::UserRole), b = right.data(Qt::UserRole);
    if (!a.isValid() || !b.isValid()) {
        if (a.isValid() != b.isValid()) return !a.isValid(); // unknown figures first, not mixed in
        a = left.data(Qt::DisplayRole), b = right.data(Qt::DisplayRole);
    }
    return QVariant::compare(a, b) == QPartialOrdering::Less;
}

SortProxy* makeSortable(QTableView* view, QAbstractItemModel* source) {
    auto* proxy = new SortProxy(view);
    proxy->setSourceModel(source);
    view->setModel(proxy);
    view->setSortingEnabled(true);
    view->sortByColumn(-1, Qt::AscendingOrder); // the model's own order until a header is clicked
    enableCopy(view);
    return proxy;
}

} // namespace baton::ui
