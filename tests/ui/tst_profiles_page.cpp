// SPDX-License-Identifier: MIT
// Profiles page: a saved matrix's heat map computed off the GUI thread (awaited with
// QSignalSpy), sortable, exported as CSV, PNG, SVG and PDF.

#include "matrix/matrix_import.h"
#include "matrix/matrix_store.h"
#include "profiles_page.h"
#include "scene_export.h"
#include "store/workspace.h"
#include "util/file_io.h"
#include "workbench_session.h"

#include <QComboBox>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QLayout>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace baton;

class TestProfilesPage : public QObject {
    Q_OBJECT
private slots:
    void showsAndExportsAMatrixProfile() {
        QTemporaryDir dir;
        QString db = dir.filePath("w.db");
        {
            core::MatrixImportOptions o;
            o.format = "long";
            auto m = core::importMatrix({std::string(BATON_TEST_DATA) + "/matrix/long_csv/input/outcomes.csv"}, o);
            QVERIFY(m.has_value());
            auto ws = core::Workspace::open(db.toStdString());
            QVERIFY(ws.has_value());
            QVERIFY(core::saveMatrix(*ws->writer(), *m, "golden").has_value());
        }
        auto session = ui::WorkbenchSession::openDemo(db, 1);
        QVERIFY(session.has_value());
        ui::ProfilesPage page(**session);
        QVERIFY(page.findChild<QComboBox*>()->count() >= 1);
        QSignalSpy shown(&page, &ui::ProfilesPage::profileShown);
        page.showSource("golden");
        QVERIFY(shown.wait(10000));
        QCOMPARE(page.model().rowCount(), 2);    // small, large
        QCOMPARE(page.model().columnCount(), 2); // geo, math
        QCOMPARE(page.model().index(0, 0).data().toString(), QString("1.000"));
        QCOMPARE(page.model().index(0, 1).data().toString(), QString("0.000"));
        QCOMPARE(page.model().index(1, 1).data().toString(), QString("-")); // large on math: no grade
        for (const char* name : {"p.csv", "p.png", "p.svg", "p.pdf"}) {
            QString error;
            QVERIFY2(page.exportTo(dir.filePath(name), &error), qPrintable(error));
            QVERIFY(QFileInfo(dir.filePath(name)).size() > 0);
        }
        QVERIFY(!page.exportTo(dir.filePath("p.txt")));
        // The picture is drawn at the export size whatever the window's: it was the on-screen
        // table's grab, as large as the window.
        auto* onScreen = page.findChild<QTableView*>();
        QVERIFY(onScreen);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QSize shownSize[2];
        for (int i = 0; i < 2; ++i) {
            page.resize(i == 0 ? QSize(420, 300) : QSize(1300, 900));
            page.layout()->activate();
            shownSize[i] = onScreen->size();
            const QString png = dir.filePath(QStringLiteral("w%1.png").arg(i));
            QString error;
            QVERIFY2(page.exportTo(png, &error), qPrintable(error));
            QCOMPARE(QImage(png).size(), ui::kExportSize);
            QVERIFY2(page.exportTo(dir.filePath(QStringLiteral("w%1.svg").arg(i)), &error), qPrintable(error));
            QVERIFY(core::readTextFile(dir.filePath(QStringLiteral("w%1.svg").arg(i)).toStdString())
                        ->find("viewBox=\"0 0 1600 1000\"") != std::string::npos);
        }
        QVERIFY(shownSize[0] != shownSize[1]); // the window did change the table on screen
        // Issue 16 (i13): a PNG is written in place, so a link to the open workspace had the
        // picture written over the database. Refused now, the workspace as it was.
        QVERIFY(QFile::link(db, dir.filePath("link.png")));
        QString error;
        QVERIFY(!page.exportTo(dir.filePath("link.png"), &error));
        QVERIFY2(error.contains("is the workspace"), qPrintable(error));
        QFile workspace(db);
        QVERIFY(workspace.open(QIODevice::ReadOnly));
        QCOMPARE(workspace.read(16), QByteArray("SQLite format 3\0", 16));
        auto csv = core::readTextFile(dir.filePath("p.csv").toStdString());
        QVERIFY(csv->find("\nsmall,math,1,0.000000") != std::string::npos); // quoted only when it must be
    }
};

QTEST_MAIN(TestProfilesPage)
#include "tst_profiles_page.moc"
