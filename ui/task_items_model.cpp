// SPDX-License-Identifier: MIT
#include "task_items_model.h"

#include <QStringList>

namespace baton::ui {
namespace {

/// One line of at most `width` characters.
QString oneLine(const std::string& text, int width = 160) {
    QString line = QString::fromStdString(text).simplified();
    return line.size() > width ? line.left(width - 3) + "..." : line;
}

} // namespace

void TaskItemsModel::setTasks(core::TaskSet tasks) {
    resetRows([&] {
        m_tasks = std::move(tasks);
        return int(m_tasks.items.size());
    });
}

int TaskItemsModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TaskItemsModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return {};
    const core::TaskItem& item = m_tasks.items[size_t(index.row())];
    if (role == Qt::ToolTipRole && index.column() == Prompt) return QString::fromStdString(item.prompt());
    if (role != Qt::DisplayRole) return {};
    switch (index.column()) {
    case Id:
        return QString::fromStdString(item.id);
    case Category:
        return QString::fromStdString(item.category);
    case Prompt:
        return oneLine(item.prompt());
    case Answer: {
        QStringList answers;
        for (const auto& reference : item.references)
            answers << oneLine(reference, 60);
        return answers.join(" | ");
    }
    case Grader:
        return QString::fromStdString(core::toString(m_tasks.graderFor(item).kind));
    }
    return {};
}

QVariant TaskItemsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    static const QStringList titles = {tr("Id"), tr("Category"), tr("Prompt"), tr("Reference answer"), tr("Grader")};
    return titles.value(section);
}

} // namespace baton::ui
