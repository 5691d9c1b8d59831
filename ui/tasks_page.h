// SPDX-License-Identifier: MIT
#pragma once
// TasksPage: the task sets of the workspace, importing JSONL or CSV files (every bad line listed
// by number, with the choice to skip them), browsing items, and choosing the set runs use.

#include "task_items_model.h"

#include <QWidget>
#include <thread>

class QLabel;
class QListWidget;
class QPushButton;
class QTableView;
class QTableWidget;

namespace baton::ui {

class WorkbenchSession;

class TasksPage : public QWidget {
    Q_OBJECT
public:
    TasksPage(WorkbenchSession& session, QWidget* parent = nullptr);

    ~TasksPage() override; ///< waits for an import in progress

    /// Imports a file off the GUI thread and makes it the set runs use; importFinished tells how
    /// it went (its problems listed when it failed).
    void importFile(const QString& path, bool skipBadLines = false);
    /// Makes the workspace's set with this id the one runs use.
    bool useSet(qint64 id);
    const TaskItemsModel& itemsModel() const { return m_items; }
    QStringList problemLines() const;
    int setCount() const;

signals:
    void importFinished(bool ok);

private:
    struct ImportResult;
    void finishImport(ImportResult& result);
    void refreshSets();
    void showCurrent();
    void showProblems(const QStringList& lines);

    WorkbenchSession& m_session;
    TaskItemsModel m_items;
    QString m_lastFailedImport;
    std::jthread m_importer;
    QPushButton* m_import;
    QTableWidget* m_sets;
    QTableView* m_itemsView;
    QListWidget* m_problems;
    QPushButton* m_skipBad;
    QLabel* m_current;
};

} // namespace baton::ui
