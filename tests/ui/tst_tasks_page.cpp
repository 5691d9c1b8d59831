// SPDX-License-Identifier: MIT
// The Tasks page: importing a JSONL file (off the GUI thread) makes it the set runs use; a file with bad lines is
// refused with every bad line listed by number, then imported skipping them when asked; the
// items table hands rows over in chunks (canFetchMore/fetchMore) under QAbstractItemModelTester.

#include "run_page.h"
#include "tasks_page.h"
#include "workbench_session.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace baton;

class TestTasksPage : public QObject {
    Q_OBJECT
private slots:
    void importsAndBrowses() {
        QTemporaryDir dir;
        auto session = ui::WorkbenchSession::openDemo(dir.filePath("w.db"), 1);
        QVERIFY(session);
        ui::TasksPage page(**session);
        ui::RunPage run(**session);
        QCOMPARE(page.setCount(), 1); // the demo set
        QCOMPARE(page.itemsModel().rowCount(), 6);

        QSignalSpy imported(&page, &ui::TasksPage::importFinished);
        page.importFile(QStringLiteral(BATON_TEST_DATA "/tasks/bad_lines.jsonl")); // off the GUI thread
        QVERIFY(imported.wait(10000));
        QCOMPARE(imported.last().first().toBool(), false);
        QString problems = page.problemLines().join("\n");
        for (const char* line : {"line 2", "line 3", "line 4", "line 5", "line 6"})
            QVERIFY2(problems.contains(line), qPrintable(problems));
        QVERIFY(!problems.contains("line 1:") && !problems.contains("line 7"));
        QCOMPARE(page.setCount(), 1); // nothing imported
        QCOMPARE((*session)->tasks().items.size(), size_t(6));

        page.importFile(QStringLiteral(BATON_TEST_DATA "/tasks/bad_lines.jsonl"), true);
        QVERIFY(imported.wait(10000));
        QCOMPARE(imported.last().first().toBool(), true);
        QCOMPARE(page.setCount(), 2);
        QCOMPARE((*session)->tasks().items.size(), size_t(2)); // lines 1 and 7
        QCOMPARE(page.problemLines().size(), 5);               // each skipped line said
        QCOMPARE(run.settings().strategies.size(), size_t(4));

        QVERIFY(page.useSet(1)); // back to the demo set, from the workspace
        QCOMPARE((*session)->tasks().items.size(), size_t(6));
    }

    void itemsArriveInChunks() {
        QTemporaryDir dir;
        QFile file(dir.filePath("many.jsonl"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        const int n = 1000;
        for (int i = 0; i < n; ++i)
            file.write(QStringLiteral("{\"id\": \"q%1\", \"prompt\": \"What is %1 + 1?\", \"answer\": \"%2\"}\n")
                           .arg(i)
                           .arg(i + 1)
                           .toUtf8());
        file.close();
        auto session = ui::WorkbenchSession::openDemo(dir.filePath("w.db"), 1);
        QVERIFY(session);
        ui::TasksPage page(**session);
        QSignalSpy imported(&page, &ui::TasksPage::importFinished);
        page.importFile(file.fileName());
        QVERIFY(imported.wait(10000));
        QCOMPARE(imported.last().first().toBool(), true);
        QCOMPARE(page.itemsModel().tasks().items.size(), size_t(n));
        QVERIFY(page.itemsModel().rowCount() < n); // the view holds only what it was handed

        ui::TaskItemsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setTasks((*session)->tasks());
        QCOMPARE(model.rowCount(), ui::TaskItemsModel::kChunk);
        int fetches = 0;
        while (model.canFetchMore({}))
            model.fetchMore({}), ++fetches;
        QCOMPARE(model.rowCount(), n);
        QCOMPARE(fetches, (n - 1) / ui::TaskItemsModel::kChunk);
        QCOMPARE(model.index(n - 1, ui::TaskItemsModel::Id).data().toString(), QString("q999"));
        QCOMPARE(model.index(n - 1, ui::TaskItemsModel::Answer).data().toString(), QString("1000"));
    }
};

QTEST_MAIN(TestTasksPage)
#include "tst_tasks_page.moc"
