// SPDX-License-Identifier: MIT
// The workspace's writer and another process's long write (issue 16, hostile test i13, session
// 15). A `tasks import` is one transaction; one of 300,000 items started during a run held the
// lock for half a minute, the run's writer gave up after SQLite's 5 s busy timeout, and the run
// stopped with the rows of calls it had paid for dropped (its resume paid them again). The
// writer now waits for the lock (up to StoreWriter::kMaxLockWait) and stores every row. The
// other process here is a second connection holding BEGIN IMMEDIATE for longer than the busy
// timeout; the old writer's future was ready, with "database is locked", before it let go.

#include "store/store_writer.h"
#include "store/workspace.h"

#include "core_printers.h"

#include <QTemporaryDir>
#include <QTest>

using namespace baton::core;

class TestStoreLockWait : public QObject {
    Q_OBJECT
private slots:
    void aBatchWaitsForAnotherWritersLongTransaction() {
        QTemporaryDir dir;
        std::string path = dir.filePath("w.db").toStdString();
        auto ws = Workspace::open(path);
        QVERIFY2(ws, ws ? "" : ws.error().describe().c_str());
        StoreWriter writer(ws->takeWriter());
        auto other = SqliteDb::open(path, SqliteDb::Mode::ReadWrite);
        QVERIFY2(other, other ? "" : other.error().describe().c_str());
        QVERIFY((*other)->exec("BEGIN IMMEDIATE"));

        auto stored = writer.submit([](SqliteDb& db) -> Status {
            return db.exec("CREATE TABLE probe(what TEXT); INSERT INTO probe VALUES('row of a paid call')");
        });
        // Longer than one busy timeout: the old writer had failed the batch by then.
        auto waited = stored.wait_for(std::chrono::milliseconds(SqliteDb::kBusyTimeoutMs + 2000));
        QVERIFY((*other)->exec("COMMIT"));
        QVERIFY2(waited == std::future_status::timeout, "the batch did not wait for the other writer");
        Status result = stored.get();
        QVERIFY2(result, result ? "" : result.error().describe().c_str());
        auto reader = ws->openReader();
        QCOMPARE((*reader)->queryInt("SELECT COUNT(*) FROM probe").value(), int64_t(1));
    }

    // Session 16: the wait said nothing and nothing could end it (Ctrl+C, the workbench closing
    // waited up to kMaxLockWait). It is said once, and giveUpWaitingForLock() ends it at once;
    // once the other writer is gone, batches are stored again.
    void aWaitIsSaidOnceAndCanBeGivenUp() {
        QTemporaryDir dir;
        std::string path = dir.filePath("w.db").toStdString();
        auto ws = Workspace::open(path);
        QVERIFY2(ws, ws ? "" : ws.error().describe().c_str());
        StoreWriter writer(ws->takeWriter());
        std::atomic<int> notices{0};
        writer.setLockWaitNotice([&] { ++notices; });
        auto other = SqliteDb::open(path, SqliteDb::Mode::ReadWrite);
        QVERIFY(other && (*other)->exec("BEGIN IMMEDIATE"));
        auto stored = writer.submit([](SqliteDb& db) -> Status { return db.exec("CREATE TABLE probe(what TEXT)"); });
        QTRY_VERIFY_WITH_TIMEOUT(writer.waitingForLock(), 60000);
        QCOMPARE(notices.load(), 1);
        writer.giveUpWaitingForLock();
        QVERIFY2(stored.wait_for(std::chrono::seconds(30)) == std::future_status::ready, "the wait went on");
        Status result = stored.get();
        QVERIFY(!result && isLockWaitGivenUp(result.error()));
        QCOMPARE(notices.load(), 1);
        QVERIFY((*other)->exec("COMMIT"));
        QVERIFY(writer.flush()); // the lock is free again: written as before
    }
};

QTEST_GUILESS_MAIN(TestStoreLockWait)
#include "tst_store_lock_wait.moc"
