#include "main_window.h"

#include <QAction>
#include <QMenuBar>
#include <QTest>

using namespace baton::ui;

class TestMainWindow : public QObject {
    Q_OBJECT
private slots:
    void composesPagesAndNavigates() {
        MainWindow window(nullptr);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.pageTitles(), (QStringList{"Pools", "Tasks", "Run", "Results", "Inspector"}));
        QCOMPARE(window.currentPage(), 0);
        window.showPage(3);
        QCOMPARE(window.currentPage(), 3);
    }

    void pageShortcutsSwitchPages() {
        MainWindow window(nullptr);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTest::keyClick(&window, Qt::Key_3, Qt::ControlModifier);
        QCOMPARE(window.currentPage(), 2);
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
