// SPDX-License-Identifier: MIT
#pragma once
// TasksPage: the task sets of the workspace, importing JSONL or CSV files (every bad line listed
// by number, with the choice to skip them), browsing items, and choosing the set runs use. Files
// and sets are read off the GUI thread on JobRunners; closing the page cancels an import.

#include "job_runner.h"
#include "task_items_model.h"

#include <QWidget>
#include <memory>

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

    /// Cancels an import in progress (it stops at its next item; nothing is imported).
    ~TasksPage() override;

    /// Imports a file off the GUI thread and makes it the set runs use; importFinished tells how
    /// it went (its problems listed when it failed). An import still running is cancelled.
    void importFile(const QString& path, bool skipBadLines = false);
    /// Reads the workspace's set with this id off the GUI thread, then makes it the one runs use
    /// (the session's tasksChanged follows; a set asked for before it is dropped). False when
    /// the workspace cannot be read.
    bool useSet(qint64 id);
    const JobRunner& importJob() const { return m_importJob; }
    const JobRunner& useJob() const { return m_useJob; }
    const TaskItemsModel& itemsModel() const { return m_items; }
    QStringList problemLines() const;
    int setCount() const;

signals:
    void importFinished(bool ok);

private:
    struct ImportResult;
    void finishImport(ImportResult& result);
    static std::shared_ptr<ImportResult> runImport(WorkbenchSession& session, const QString& path, bool skipBadLines,
                                                   std::stop_token stop);
    void refreshSets();
    void showCurrent();
    void showProblems(const QStringList& lines);

    WorkbenchSession& m_session;
    TaskItemsModel m_items;
    QString m_lastFailedImport;
    JobRunner m_importJob; ///< reads, checks and saves a file
    JobRunner m_useJob;    ///< reads a set of the workspace
    QPushButton* m_import;
    QTableWidget* m_sets;
    QTableView* m_itemsView;
    QListWidget* m_problems;
    QPushButton* m_skipBad;
    QLabel* m_current;
};

} // namespace baton::ui
