// SPDX-License-Identifier: MIT
// The workspace's hot path: statements prepared once, commits grouped, the stated durability
// (WAL + synchronous=NORMAL), and an open that costs the same at any size unless the last
// shutdown was unclean.

#include "call_fixture.h"
#include "core_printers.h"
#include "store/call_log.h"
#include "store/store_writer.h"
#include "store/text_store.h"
#include "store/workspace.h"

#include <QTemporaryDir>
#include <QTest>
#include <filesystem>
#include <sqlite3.h>

using namespace baton::core;
using baton::test::makeCall;

namespace {

/// How many times the connection's prepared statement starting with `prefix` ran; -1 if none.
int runsOf(SqliteDb& db, std::string_view prefix) {
    for (sqlite3_stmt* s = sqlite3_next_stmt(db.handle(), nullptr); s; s = sqlite3_next_stmt(db.handle(), s))
        if (std::string_view(sqlite3_sql(s)).starts_with(prefix)) return sqlite3_stmt_status(s, SQLITE_STMTSTATUS_RUN, 0);
    return -1;
}

} // namespace

class TestStoreHotPath : public QObject {
    Q_OBJECT
private slots:
    void hotStatementsArePreparedOnce() {
        QTemporaryDir dir;
        auto ws = Workspace::open(dir.filePath("w.db").toStdString()).value();
        SqliteDb& db = *ws.writer();
        int64_t run = insertRun(db, Run{}).value();
        for (int i = 0; i < 200; ++i) {
            QVERIFY(putText(db, "prompt " + std::to_string(i)));
            QVERIFY(insertCall(db, makeCall(run, i)));
        }
        // One statement each, run 200 times: no sqlite3_prepare_v2 per row.
        QCOMPARE(runsOf(db, "INSERT OR IGNORE INTO texts"), 200);
        // SQLite counts the call_totals trigger's program as a run of the insert that fires it.
        QCOMPARE(runsOf(db, "INSERT INTO calls"), 2 * 200);
        QCOMPARE(db.cached("SELECT 1").value(), db.cached("SELECT 1").value());
    }

    void writerCachesSavepointsAndGroupsCommits() {
        QTemporaryDir dir;
        auto ws = Workspace::open(dir.filePath("w.db").toStdString()).value();
        StoreWriter writer(ws.takeWriter());
        std::vector<std::future<Status>> pending;
        for (int i = 0; i < 2000; ++i)
            pending.push_back(writer.submit([i](SqliteDb& db) -> Status {
                auto h = putText(db, "text " + std::to_string(i));
                return h ? Status{} : std::unexpected(h.error());
            }));
        for (auto& f : pending)
            QVERIFY(f.get());
        int savepoints = -1;
        QVERIFY(writer.submit([&](SqliteDb& db) -> Status { return savepoints = runsOf(db, "SAVEPOINT op"), Status{}; })
                    .get());
        QVERIFY2(savepoints >= 2000, qPrintable(QString::number(savepoints)));
        QVERIFY2(writer.commitCount() < 200, qPrintable(QString("%1 commits").arg(writer.commitCount())));
    }

    void durabilityIsWalWithSynchronousNormal() {
        QTemporaryDir dir;
        auto ws = Workspace::open(dir.filePath("w.db").toStdString()).value();
        QCOMPARE(ws.writer()->queryText("PRAGMA journal_mode").value(), std::string("wal"));
        QCOMPARE(ws.writer()->queryInt("PRAGMA synchronous").value(), int64_t(1)); // NORMAL (README)
    }

    void openChecksIntegrityOnlyAfterAnUncleanShutdown() {
        namespace fs = std::filesystem;
        QTemporaryDir dir;
        std::string path = dir.filePath("w.db").toStdString(), crashed = dir.filePath("crashed.db").toStdString();
        {
            auto ws = Workspace::open(path).value();
            QVERIFY(!ws.checkedOnOpen()); // new
            auto reader = ws.openReader().value(); // closes last, after the writer, as in a run
            StoreWriter writer(ws.takeWriter());
            QVERIFY(writer
                        .submit([](SqliteDb& db) -> Status {
                            auto id = insertRun(db, Run{});
                            return id ? Status{} : std::unexpected(id.error());
                        })
                        .get());
            // While it is open the WAL is there: a copy now is what a kill -9 leaves behind.
            QVERIFY(fs::file_size(path + "-wal") > 0);
            fs::copy_file(path, crashed);
            fs::copy_file(path + "-wal", crashed + "-wal");
        }
        QVERIFY(!fs::exists(path + "-wal")); // a clean close checkpoints and removes it, even a reader's
        auto clean = Workspace::open(path).value();
        QVERIFY(!clean.checkedOnOpen());
        auto recovered = Workspace::open(crashed).value();
        QVERIFY(recovered.checkedOnOpen());
        QCOMPARE(recovered.writer()->queryInt("SELECT COUNT(*) FROM runs").value(), int64_t(1));
        QVERIFY(Workspace::checkIntegrity(*recovered.writer()));
    }
};

QTEST_GUILESS_MAIN(TestStoreHotPath)
#include "tst_store_hot_path.moc"
