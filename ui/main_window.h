// SPDX-License-Identifier: MIT
#pragma once
// MainWindow: composes the workbench pages around a navigation list; owns no page logic.

#include <QMainWindow>

class QListWidget;
class QStackedWidget;

namespace baton::ui {

class WorkbenchSession;
class InspectorPage;
class PoolsPage;
class TasksPage;
class ResultsPage;
class RunPage;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    /// `session` may be null (it could not be opened): the run pages then say why.
    explicit MainWindow(WorkbenchSession* session, QWidget* parent = nullptr);

    PoolsPage* poolsPage() const { return m_poolsPage; }
    TasksPage* tasksPage() const { return m_tasksPage; }
    RunPage* runPage() const { return m_runPage; }
    ResultsPage* resultsPage() const { return m_resultsPage; }
    InspectorPage* inspectorPage() const { return m_inspectorPage; }

    /// The page titles in navigation order.
    QStringList pageTitles() const;
    int currentPage() const;
    void showPage(int index);

protected:
    void closeEvent(QCloseEvent* event) override; ///< asks about a run in progress and an unsaved pool

private:
    void addPage(const QString& title, QWidget* page);
    void createMenus();
    void showRun(qint64 runId);

    QListWidget* m_navigation;
    QStackedWidget* m_pages;
    WorkbenchSession* m_session;
    PoolsPage* m_poolsPage = nullptr;
    TasksPage* m_tasksPage = nullptr;
    RunPage* m_runPage = nullptr;
    ResultsPage* m_resultsPage = nullptr;
    InspectorPage* m_inspectorPage = nullptr;
    bool m_answeredClose = false;   ///< the close questions were answered yes
    bool m_closingAfterRun = false; ///< waiting for the run to stop, then closing
};

} // namespace baton::ui
