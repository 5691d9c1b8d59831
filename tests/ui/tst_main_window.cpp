#include "pools/pool_file.h"
#include "main_window.h"
#include "pools_page.h"
#include "workbench_session.h"

#include <QAction>
#include <QMenuBar>
#include <QTemporaryDir>
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

    void closingWithAnUnsavedPoolAsksFirst() {
        QTemporaryDir dir;
        auto session = WorkbenchSession::openDemo(dir.filePath("w.db"), 1);
        QVERIFY(session);
        MainWindow window(session->get());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        int asked = 0;
        QMessageBox::StandardButton answer = QMessageBox::Cancel;
        window.poolsPage()->ask = [&](const QString&) { return ++asked, answer; };
        QVERIFY(window.close()); // nothing unsaved: closes without a question
        QCOMPARE(asked, 0);
        window.show();
        baton::core::Pool pool = window.poolsPage()->document().pool();
        pool.description = "changed";
        window.poolsPage()->document().change(pool, "edit");
        QVERIFY(!window.close()); // Cancel keeps the window and the change
        QVERIFY(window.isVisible());
        QCOMPARE(window.poolsPage()->document().pool().description, std::string("changed"));
        answer = QMessageBox::Discard;
        QVERIFY(window.close());
        QCOMPARE(asked, 2);
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
