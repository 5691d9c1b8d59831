// SPDX-License-Identifier: MIT
#pragma once
// MainWindow: composes the workbench pages around a navigation list, the menus (File: pools,
// run bundles, workspaces, recent files; View: pages; Help) and the first-start hint; owns no page logic.
// A page is added with addPage(); a run is opened by loading it off the GUI thread.

#include <QMainWindow>

#include <memory>
#include <vector>

class QLabel;
class QListWidget;
class QMenu;
class QStackedWidget;

namespace baton::ui {

class WorkbenchSession;
class BundleActions;
class InspectorPage;
class PoolsPage;
class TasksPage;
class ResultsPage;
class RunOpener;
class RunPage;
class RunsPage;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    /// `session` may be null (it could not be opened): the run pages then say why.
    explicit MainWindow(WorkbenchSession* session, QWidget* parent = nullptr);

    PoolsPage* poolsPage() const { return m_poolsPage; }
    TasksPage* tasksPage() const { return m_tasksPage; }
    RunPage* runPage() const { return m_runPage; }
    RunsPage* runsPage() const { return m_runsPage; }
    ResultsPage* resultsPage() const { return m_resultsPage; }
    InspectorPage* inspectorPage() const { return m_inspectorPage; }
    /// File > Export run bundle / Open bundle (null without a workspace).
    BundleActions* bundleActions() const { return m_bundles; }

    /// Adds a page to the navigation (and the View menu, with Ctrl+<n> for the first nine);
    /// returns its index. Pages added later (e.g. labs) need nothing else here.
    int addPage(const QString& title, QWidget* page);
    /// The page titles in navigation order.
    QStringList pageTitles() const;
    int currentPage() const;
    void showPage(int index);
    void showPage(QWidget* page);
    int pageIndex(const QWidget* page) const;

    /// Loads run `runId` off the GUI thread and lists its items in the Inspector (runOpened), then
    /// builds its report, also off the GUI thread, and shows it on Results (runShown) (RunOpener).
    void openRun(qint64 runId, bool showResults = true);
    qint64 shownRun() const { return m_shownRun; }
    /// How many reads of a run were started (opening the run being read does not start another).
    quint64 runReads() const;
    /// The one-line first-start hint ("" once dismissed or on later starts).
    QString hintText() const;

signals:
    /// The run's items are listed in the Inspector; Results says its report is being computed.
    void runOpened(qint64 runId);
    /// The run's report is shown on Results (it follows runOpened).
    void runShown(qint64 runId);
    /// What each call of the shown run cost is read and drawn (it follows runShown).
    void runCostsShown(qint64 runId);

protected:
    void closeEvent(QCloseEvent* event) override; ///< asks about a run in progress and an unsaved pool

private:
    void createMenus();
    void onPoolsPage(void (PoolsPage::*action)()); ///< shows the Pools page, then does `action` there
    void rebuildRecent();
    void openWorkspace();
    void showShortcuts();
    void showGettingStarted();
    /// `anew`: read even when the run is being read (RunOpener::Read::Anew).
    void openRun(qint64 runId, bool showResults, bool anew);

    QListWidget* m_navigation;
    QStackedWidget* m_pages;
    QLabel* m_hint;
    QMenu* m_viewMenu = nullptr;
    QMenu* m_recent = nullptr;
    QAction* m_exportBundle = nullptr;
    BundleActions* m_bundles = nullptr;
    WorkbenchSession* m_session;
    RunOpener* m_opener = nullptr;
    PoolsPage* m_poolsPage = nullptr;
    TasksPage* m_tasksPage = nullptr;
    RunPage* m_runPage = nullptr;
    RunsPage* m_runsPage = nullptr;
    ResultsPage* m_resultsPage = nullptr;
    InspectorPage* m_inspectorPage = nullptr;
    qint64 m_shownRun = 0;
    bool m_showOpenedResults = false; ///< show Results once it is read
    bool m_answeredClose = false;   ///< the close questions were answered yes
    bool m_closingAfterRun = false; ///< waiting for the run to stop, then closing
};

} // namespace baton::ui
