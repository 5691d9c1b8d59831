// SPDX-License-Identifier: MIT
#include "table_text.h"

#include <QAbstractItemModel>

namespace baton::ui {

core::TextTable tableText(const QAbstractItemModel& model, const QString& rowHeaderTitle) {
    core::TextTable table;
    bool rowHeaders = !rowHeaderTitle.isEmpty();
    if (rowHeaders) table.header.push_back(rowHeaderTitle.toStdString());
    for (int c = 0; c < model.columnCount(); ++c)
        table.header.push_back(model.headerData(c, Qt::Horizontal).toString().toStdString());
    for (int r = 0; r < model.rowCount(); ++r) {
        std::vector<std::string> row;
        if (rowHeaders) row.push_back(model.headerData(r, Qt::Vertical).toString().toStdString());
        for (int c = 0; c < model.columnCount(); ++c)
            row.push_back(model.index(r, c).data().toString().toStdString());
        table.rows.push_back(std::move(row));
    }
    return table;
}

} // namespace baton::ui
