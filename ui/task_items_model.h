#pragma once
// TaskItemsModel: the items of a task set as a read-only table that hands rows to the view in
// chunks as it scrolls (canFetchMore/fetchMore), so a set of a million items opens at once.

#include "model/task_set.h"

#include <QAbstractTableModel>

namespace baton::ui {

class TaskItemsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Id, Category, Prompt, Answer, Grader, ColumnCount };
    static constexpr int kChunk = 256;

    explicit TaskItemsModel(QObject* parent = nullptr) : QAbstractTableModel(parent) {}

    void setTasks(core::TaskSet tasks);
    const core::TaskSet& tasks() const { return m_tasks; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

private:
    core::TaskSet m_tasks;
    int m_shown = 0;         ///< rows handed to views so far
    bool m_changing = false; ///< views and testers ask for more while a change is announced: not then
};

} // namespace baton::ui
