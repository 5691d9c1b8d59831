// SPDX-License-Identifier: MIT
#pragma once
// TaskItemsModel: the items of a task set as a read-only table, handed to views in chunks.

#include "model/task_set.h"

#include "chunked_table_model.h"

namespace baton::ui {

class TaskItemsModel : public ChunkedTableModel {
    Q_OBJECT
public:
    enum Column { Id, Category, Prompt, Answer, Grader, ColumnCount };
    static constexpr int kChunk = 256;

    explicit TaskItemsModel(QObject* parent = nullptr) : ChunkedTableModel(kChunk, parent) {}

    void setTasks(core::TaskSet tasks);
    const core::TaskSet& tasks() const { return m_tasks; }

    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    core::TaskSet m_tasks;
};

} // namespace baton::ui
