#pragma once
// MainWindow: composes the workbench pages around a navigation list; owns no page logic.

#include <QMainWindow>

class QListWidget;
class QStackedWidget;

namespace baton::ui {

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);

    /// The page titles in navigation order.
    QStringList pageTitles() const;
    int currentPage() const;
    void showPage(int index);

private:
    void addPage(const QString& title, QWidget* page);
    void createMenus();

    QListWidget* m_navigation;
    QStackedWidget* m_pages;
};

} // namespace baton::ui
