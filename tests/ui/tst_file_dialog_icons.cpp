// SPDX-License-Identifier: MIT
// Issue 19: the workbench's file dialogs name files by extension and never read them on the GUI
// thread (Qt's MIME sniffing froze the window > 10 s under the monkey test).

#include "file_dialog_icons.h"

#include <QApplication>
#include <QFile>
#include <QFileDialog>
#include <QFileSystemModel>
#include <QTemporaryDir>
#include <QTest>

using namespace baton::ui;

class TestFileDialogIcons : public QObject {
    Q_OBJECT
private slots:
    void dialogsNameFilesWithoutReadingThem() {
        QTemporaryDir dir;
        // Content that sniffing recognises, under a name that says nothing: what the dialog shows
        // tells whether the file was read.
        QString path = dir.filePath("report");
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< >>\nendobj\n");
        file.close();
        QVERIFY2(QFileIconProvider().type(QFileInfo(path)).contains("PDF"),
                 qPrintable(QFileIconProvider().type(QFileInfo(path)))); // Qt's own provider sniffs

        FileDialogIcons::install(*qApp);
        QFileDialog dialog(nullptr, "Open", dir.path());
        dialog.setOption(QFileDialog::DontUseNativeDialog);
        dialog.show();
        auto* model = dialog.findChild<QFileSystemModel*>();
        QVERIFY(model);
        QCOMPARE(model->type(model->index(path)), QString("File"));
        QCOMPARE(dialog.iconProvider()->type(QFileInfo(dir.filePath("pool.json"))), QString("JSON file"));
        QCOMPARE(dialog.iconProvider()->type(QFileInfo(dir.path())), QString("Folder"));
        dialog.close();
    }
};

QTEST_MAIN(TestFileDialogIcons)
#include "tst_file_dialog_icons.moc"
