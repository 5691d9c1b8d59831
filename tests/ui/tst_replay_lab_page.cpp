// SPDX-License-Identifier: MIT
// Replay lab page: a saved matrix worked out by hand replayed off the GUI thread (awaited with
// QSignalSpy); the what-if list recomputes without a model and prices that constraint; the chart
// and table export.

#include "hand_worked_matrix.h"
#include "matrix/matrix_store.h"
#include "replay_lab_page.h"
#include "scene_export.h"
#include "store/workspace.h"
#include "util/file_io.h"
#include "workbench_session.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QFileInfo>
#include <QImage>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace baton;

namespace {

/// 20 "geo" and 20 "math" items (hand_worked_matrix.h).
core::OutcomeMatrix handWorked() {
    return test::handWorkedMatrix("hand", 20, [](int i, bool) { return "question " + std::to_string(i); });
}

/// The same cells as a long CSV.
std::string handWorkedCsv() {
    std::string csv = "item,model,grade,cost_usd,category,prompt\n";
    for (int i = 0; i < 40; ++i) {
        bool geo = i % 2 == 0;
        std::string item = "q" + std::to_string(i), tail = std::string(geo ? ",geo" : ",math") + ",question " + std::to_string(i) + "\n";
        csv += item + ",cheap," + (geo ? "1" : "0") + ",0.001" + tail;
        csv += item + ",mid," + (geo ? "0" : "1") + ",0.01" + tail;
        csv += item + ",strong,1,0.1" + tail;
    }
    return csv;
}

const core::ReplayRow* row(const ui::ReplayTableModel& table, const std::string& name) {
    for (const auto& r : table.rows())
        if (r.name == name) return &r;
    return nullptr;
}

} // namespace

class TestReplayLabPage : public QObject {
    Q_OBJECT
private slots:
    void replaysWhatIfsAndExports() {
        QTemporaryDir dir;
        QString db = dir.filePath("w.db");
        {
            auto ws = core::Workspace::open(db.toStdString());
            QVERIFY(ws.has_value());
            QVERIFY(core::saveMatrix(*ws->writer(), handWorked(), "hand").has_value());
        }
        auto session = ui::WorkbenchSession::openDemo(db, 1);
        QVERIFY(session.has_value());
        ui::ReplayLabPage page(**session);
        QAbstractItemModelTester tester(const_cast<ui::ReplayTableModel*>(&page.table()),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy shown(&page, &ui::ReplayLabPage::replayShown);
        QVERIFY(!page.exportTo(dir.filePath("early.csv"))); // nothing yet, said so

        page.showSource("hand");
        QVERIFY(shown.wait(20000));
        const auto& table = page.table();
        QCOMPARE(row(table, "cheap")->accuracy, 0.5);
        QCOMPARE(row(table, "mid")->accuracy, 0.5);
        QCOMPARE(row(table, "strong")->accuracy, 1.0);
        QCOMPARE(row(table, "oracle")->accuracy, 1.0);
        QVERIFY(qAbs(row(table, "oracle")->cost - 0.0055) < 1e-12);
        QVERIFY2(row(table, "similarity"), "the similarity curve is a row");
        for (auto* box : page.findChildren<QCheckBox*>())
            if (box->text() == "cascade") QVERIFY2(!box->isEnabled(), "no scorer values: no cascade to replay");

        if (QString dir = qEnvironmentVariable("BATON_SCREENSHOT_DIR"); !dir.isEmpty()) { // tools/screenshots.sh
            page.resize(1400, 900);
            page.show();
            QVERIFY(QTest::qWaitForWindowExposed(&page));
            QTest::qWait(300);
            QVERIFY(page.grab().save(dir + "/replay-lab.png"));
        }

        page.setModelKept("strong", false);
        QVERIFY(shown.wait(20000));
        QVERIFY2(!row(table, "strong"), "an unticked model leaves the table");
        QCOMPARE(row(table, "oracle")->accuracy, 1.0); // cheap and mid still cover every item
        // At strong's cost the pool without it reaches only 0.5; 1.0 cannot be reached at any cost.
        QVERIFY2(page.status().contains("accuracy lost at equal cost 0.5000"), qPrintable(page.status()));
        QVERIFY2(page.status().contains("cost added at equal accuracy - "), qPrintable(page.status()));

        for (const char* name : {"r.csv", "r.png", "r.svg", "r.pdf"}) {
            QString error;
            QVERIFY2(page.exportTo(dir.filePath(name), &error), qPrintable(error));
            QVERIFY(QFileInfo(dir.filePath(name)).size() > 0);
        }
        QCOMPARE(QImage(dir.filePath("r.png")).size(), ui::kExportSize); // fills its page, whatever the window
        QVERIFY(!page.exportTo(dir.filePath("r.txt")));
        auto csv = core::readTextFile(dir.filePath("r.csv").toStdString()).value();
        QVERIFY2(csv.rfind("kind,name,accuracy,cost_usd_per_item,aiq,apgr,cpt50,cpt80\n", 0) == 0, csv.c_str());
        QVERIFY2(csv.find("baseline,\"cheap\",0.5,0.001,") != std::string::npos, csv.c_str());
        QVERIFY2(csv.find("oracle,\"oracle\",1,0.0055,") != std::string::npos, csv.c_str());

        page.setModelKept("cheap", false);
        QVERIFY(shown.wait(20000));
        page.setModelKept("mid", false);
        QVERIFY2(page.status().startsWith("Tick at least one model"), qPrintable(page.status()));
    }

    void importsAFileOrListsItsProblems() {
        QTemporaryDir dir;
        auto session = ui::WorkbenchSession::openDemo(dir.filePath("w.db"), 1);
        QVERIFY(session.has_value());
        ui::ReplayLabPage page(**session);
        QSignalSpy ended(&page, &ui::ReplayLabPage::importEnded);
        QSignalSpy shown(&page, &ui::ReplayLabPage::replayShown);

        QString bad = dir.filePath("bad.csv");
        QVERIFY(core::writeFileAtomically(bad.toStdString(), "item,model,grade\na,m1,1\na,m2,2\nb,m1,x\n").has_value());
        page.importMatrixFile(bad, "long", "bad");
        QVERIFY(ended.wait(20000));
        QCOMPARE(ended.last().at(0).toBool(), false);
        QString message = ended.last().at(1).toString();
        QVERIFY2(message.contains("line 3") && message.contains("line 4") && message.contains("nothing was imported"),
                 qPrintable(message));
        QCOMPARE(core::listMatrices(**(*session)->reader())->size(), size_t(0));

        QString good = dir.filePath("hand.csv");
        QVERIFY(core::writeFileAtomically(good.toStdString(), handWorkedCsv()).has_value());
        page.importMatrixFile(good, "long", "hand");
        QVERIFY(ended.wait(20000));
        QVERIFY2(ended.last().at(0).toBool(), qPrintable(ended.last().at(1).toString()));
        QCOMPARE(core::listMatrices(**(*session)->reader())->size(), size_t(1));
        QVERIFY(shown.wait(20000)); // and it is replayed at once
        QCOMPARE(row(page.table(), "strong")->accuracy, 1.0);
        QTRY_COMPARE(page.findChild<QComboBox*>()->currentData().toString(), QString("hand")); // listed, chosen
        QVERIFY(qAbs(row(page.table(), "oracle")->cost - 0.0055) < 1e-12);
    }
};

QTEST_MAIN(TestReplayLabPage)
#include "tst_replay_lab_page.moc"
