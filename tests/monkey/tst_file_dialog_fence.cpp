// SPDX-License-Identifier: MIT
// The monkey's file dialogs stay inside its folder and cannot delete or rename anything.

#include "file_dialog_fence.h"

#include <QAction>
#include <QApplication>
#include <QFileDialog>
#include <QFileSystemModel>
#include <QTemporaryDir>
#include <QTest>

using baton::monkey::FileDialogFence;

class TestFileDialogFence : public QObject {
    Q_OBJECT
    QTemporaryDir m_outside;
    QString m_root;

private slots:
    void initTestCase() {
        QVERIFY(m_outside.isValid());
        QVERIFY(QDir(m_outside.path()).mkpath("sandbox/inner"));
        QFile precious(m_outside.filePath("precious.txt"));
        QVERIFY(precious.open(QIODevice::WriteOnly));
        m_root = m_outside.filePath("sandbox");
        FileDialogFence::install(*qApp, m_root);
    }

    void aDialogOpenedOutsideStartsAtTheRoot() {
        QFileDialog dialog(nullptr, "open", m_outside.path());
        dialog.setOption(QFileDialog::DontUseNativeDialog);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QCOMPARE(QDir(dialog.directory()).canonicalPath(), QDir(m_root).canonicalPath());
        QVERIFY(dialog.testOption(QFileDialog::ReadOnly));
        const QList<QUrl> sidebar = dialog.sidebarUrls();
        QVERIFY(sidebar.contains(QUrl::fromLocalFile(QDir(m_root).canonicalPath())));
        for (const QUrl& url : sidebar) // the root, and perhaps Qt's "Computer" entry (no path), which goes back
            QVERIFY2(url.toLocalFile().isEmpty() || url == QUrl::fromLocalFile(QDir(m_root).canonicalPath()),
                     qPrintable(url.toString()));
        // No way to delete or rename: the model is read-only and the actions are off.
        auto* model = dialog.findChild<QFileSystemModel*>();
        QVERIFY(model && model->isReadOnly());
        int checked = 0;
        for (auto* action : dialog.findChildren<QAction*>())
            if (action->objectName() == "qt_delete_action" || action->objectName() == "qt_rename_action") {
                QVERIFY2(!action->isEnabled(), qPrintable(action->objectName()));
                ++checked;
            }
        QCOMPARE(checked, 2);
    }

    void goingUpComesBack() {
        QFileDialog dialog(nullptr, "open", m_root + "/inner");
        dialog.setOption(QFileDialog::DontUseNativeDialog);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QCOMPARE(QDir(dialog.directory()).canonicalPath(), QDir(m_root + "/inner").canonicalPath());
        // Up twice, as the toolbar's "parent directory" button does: the first is the root, the
        // second would be the folder that holds precious.txt, and goes back to the root.
        QVERIFY(QMetaObject::invokeMethod(&dialog, "_q_navigateToParent"));
        QTRY_COMPARE(QDir(dialog.directory()).canonicalPath(), QDir(m_root).canonicalPath());
        QVERIFY(QMetaObject::invokeMethod(&dialog, "_q_navigateToParent"));
        QCOMPARE(QDir(dialog.directory()).canonicalPath(), QDir(m_outside.path()).canonicalPath()); // for now
        QTRY_COMPARE(QDir(dialog.directory()).canonicalPath(), QDir(m_root).canonicalPath());
        // A typed folder outside, as the history's "back" or the "look in" list would give.
        dialog.setDirectory(m_outside.path());
        QTRY_COMPARE(QDir(dialog.directory()).canonicalPath(), QDir(m_root).canonicalPath());
        QVERIFY(QFile::exists(m_outside.filePath("precious.txt")));
    }
};

QTEST_MAIN(TestFileDialogFence)
#include "tst_file_dialog_fence.moc"
