// SPDX-License-Identifier: MIT
// The Tasks page: importing a JSONL file (off the GUI thread) makes it the set runs use; a file with bad lines is
// refused with every bad line listed by number, then imported skipping them when asked; the
// items table hands rows over in chunks (canFetchMore/fetchMore) under QAbstractItemModelTester.
// Closing the page during an import cancels it; a set chosen from the workspace is read on the
// page's job runner, and one chosen before it is dropped.

#include "fifo_lines.h"
#include "run_page.h"
#include "store/task_set_store.h"
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

        QSignalSpy changed(session->get(), &ui::WorkbenchSession::tasksChanged);
        QVERIFY(page.useSet(1)); // back to the demo set, from the workspace
        QVERIFY(changed.wait(10000));
        QCOMPARE((*session)->tasks().items.size(), size_t(6));
    }

    // STYLE rule 6: the set is read on the page's job runner, not on the GUI thread, and a set
    // chosen before the last one is dropped when it arrives (it never becomes the one runs use).
    void aChosenSetArrivesThroughTheRunnerAndAStaleOneIsDropped() {
        QTemporaryDir dir;
        auto session = ui::WorkbenchSession::openDemo(dir.filePath("w.db"), 1);
        QVERIFY(session);
        ui::TasksPage page(**session);
        QSignalSpy imported(&page, &ui::TasksPage::importFinished);
        page.importFile(QStringLiteral(BATON_TEST_DATA "/tasks/good.jsonl"));
        QVERIFY(imported.wait(10000));
        QCOMPARE(imported.last().first().toBool(), true);
        QCOMPARE(page.setCount(), 2);
        QCOMPARE((*session)->tasks().items.size(), size_t(3)); // good.jsonl, set 2

        QSignalSpy changed(session->get(), &ui::WorkbenchSession::tasksChanged);
        QVERIFY(page.useSet(1));      // the demo set...
        QVERIFY(page.useSet(2));      // ...then at once good.jsonl again: the demo set's answer is stale
        QCOMPARE(changed.count(), 0); // nothing was read on the GUI thread
        QCOMPARE((*session)->tasks().items.size(), size_t(3));
        QVERIFY(page.useJob().isBusy());
        QVERIFY(changed.wait(10000));
        // A stale answer already queued is handled (and dropped) before this one; one not yet sent
        // never is (its job was cancelled).
        QCOMPARE(changed.count(), 1);
        QCOMPARE((*session)->tasks().name, std::string("good"));
        QCOMPARE((*session)->tasks().items.size(), size_t(3));
        QVERIFY(!page.useJob().isBusy());
    }

    // Closing the page (the window) during an import cancels it: the import stops at its next item
    // and nothing is imported, instead of the page waiting for the whole file. The file is a pipe
    // that gives its first 100 lines, then the rest (200,000) only once the cancel is asked, so the
    // import cannot be over before the close, and the lines written tell whether it stopped.
    void closingThePageCancelsTheImport() {
        QTemporaryDir dir;
        auto session = ui::WorkbenchSession::openDemo(dir.filePath("w.db"), 1);
        QVERIFY(session);
        auto page = std::make_unique<ui::TasksPage>(**session);
        baton::test::FifoLines fifo(dir.filePath("held.jsonl").toStdString(), 100, 200000);
        QVERIFY(fifo.made());
        QSignalSpy finished(page.get(), &ui::TasksPage::importFinished);
        connect(&page->importJob(), &ui::JobRunner::cancelled, this, [&fifo] { fifo.release(); });
        page->importFile(QString::fromStdString(fifo.path()));
        QVERIFY(page->importJob().isBusy());
        fifo.waitFirst();
        page.reset();
        fifo.wait();
        QVERIFY(fifo.readerClosed());
        QVERIFY2(fifo.written() < fifo.limit(), qPrintable(QString::number(fifo.written())));
        QCOMPARE(finished.count(), 0);
        auto reader = (*session)->reader();
        QCOMPARE(core::listTaskSets(**reader)->size(), size_t(1)); // the demo set only
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
