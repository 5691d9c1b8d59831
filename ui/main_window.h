#pragma once
// MainWindow: composes the workbench pages around a navigation list; owns no page logic.

#include <QMainWindow>

class QListWidget;
class QStackedWidget;

namespace baton::ui {

class DemoWorkspace;
class InspectorPage;
class ResultsPage;
class RunPage;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    /// `workspace` may be null (it could not be opened): the run pages then say why.
    explicit MainWindow(DemoWorkspace* workspace, QWidget* parent = nullptr);

    RunPage* runPage() const { return m_runPage; }
    ResultsPage* resultsPage() const { return m_resultsPage; }
    InspectorPage* inspectorPage() const { return m_inspectorPage; }

    /// The page titles in navigation order.
    QStringList pageTitles() const;
    int currentPage() const;
    void showPage(int index);

private:
    void addPage(const QString& title, QWidget* page);
    void createMenus();
    void showRun(qint64 runId);

    QListWidget* m_navigation;
    QStackedWidget* m_pages;
    DemoWorkspace* m_workspace;
    RunPage* m_runPage = nullptr;
    ResultsPage* m_resultsPage = nullptr;
    InspectorPage* m_inspectorPage = nullptr;
};

} // namespace baton::ui
