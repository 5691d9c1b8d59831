// SPDX-License-Identifier: MIT
// The workspace's hot path: statements prepared once, commits grouped, the stated durability
// (WAL + synchronous=NORMAL), and an open that costs the same at any size unless the last
// shutdown was unclean.

#include "call_fixture.h"
#include "core_printers.h"
#include "older_schema.h"
#include "store/call_log.h"
#include "store/seen_ids.h"
#include "store/store_writer.h"
#include "store/task_set_writer.h"
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

/// A VFS over the default one that counts the temporary files SQLite opens (statement journals
/// of savepoints, temporary databases); registered as the default while it lives.
class TempFileCounter {
public:
    TempFileCounter() : m_base(sqlite3_vfs_find(nullptr)) {
        s_self = this;
        m_vfs = *m_base;
        m_vfs.zName = "baton-temp-file-counter";
        m_vfs.xOpen = [](sqlite3_vfs*, const char* name, sqlite3_file* file, int flags, int* out) {
            if (flags & (SQLITE_OPEN_SUBJOURNAL | SQLITE_OPEN_TEMP_JOURNAL | SQLITE_OPEN_TEMP_DB | SQLITE_OPEN_TRANSIENT_DB))
                ++s_self->m_opened;
            return s_self->m_base->xOpen(s_self->m_base, name, file, flags, out);
        };
        sqlite3_vfs_register(&m_vfs, 1);
    }
    ~TempFileCounter() {
        sqlite3_vfs_unregister(&m_vfs);
        sqlite3_vfs_register(m_base, 1);
    }
    int opened() const { return m_opened; }

private:
    static inline TempFileCounter* s_self = nullptr;
    sqlite3_vfs* m_base;
    sqlite3_vfs m_vfs{};
    int m_opened = 0;
};

} // namespace

class TestStoreHotPath : public QObject {
    Q_OBJECT
private slots:
    // First: SQLite takes its process-wide settings only before anything initializes it, and a
    // later test registers a VFS, which does.
    void sqliteCountsNoAllocations() {
        QTemporaryDir dir;
        auto ws = Workspace::open(dir.filePath("w.db").toStdString()).value();
        for (int i = 0; i < 100; ++i)
            QVERIFY(putText(*ws.writer(), "text " + std::to_string(i)));
        // With the statistics on (SQLite's default), every allocation of every connection took
        // one process-wide mutex, in the call-log writer as in a task import.
        QCOMPARE(sqlite3_memory_used(), sqlite3_int64(0));
    }

    void aStreamingImportEnlargesTheCacheOnlyWhileItWrites() {
        QTemporaryDir dir;
        auto ws = Workspace::open(dir.filePath("w.db").toStdString()).value();
        SqliteDb& db = *ws.writer();
        const int64_t usual = db.queryInt("PRAGMA cache_size").value();
        QCOMPARE(usual, int64_t(-8192)); // the writer's 8 MiB
        TaskItem item;
        item.id = "a", item.category = "c", item.messages = {{"user", "p"}}, item.references = {"1"};
        for (bool keep : {true, false}) {
            auto writer = TaskSetWriter::begin(db, "s", GraderSpec{}, "f.jsonl", 1, WriterCache::Enlarged).value();
            QCOMPARE(db.queryInt("PRAGMA cache_size").value(), int64_t(-64 * 1024)); // KiB: 64 MiB
            QVERIFY(writer->add(item));
            if (keep)
                QVERIFY(writer->finish());
            else
                writer->abandon();
            QCOMPARE(db.queryInt("PRAGMA cache_size").value(), usual);
        }
    }

    void aSetSavedFromMemoryKeepsTheUsualCache() {
        // Its items take their size in memory already. The import's 64 MiB cache was 62 MB of the
        // 220 MB heap peak of a 1M-call run of 90k items, and raised its peak RSS from 214 to 278 MB.
        QTemporaryDir dir;
        auto ws = Workspace::open(dir.filePath("w.db").toStdString()).value();
        SqliteDb& db = *ws.writer();
        std::vector<std::string> cachePragmas;
        auto onStatement = [](unsigned, void* seen, void* statement, void*) {
            std::string_view sql = sqlite3_sql(static_cast<sqlite3_stmt*>(statement));
            if (sql.starts_with("PRAGMA cache_size")) static_cast<std::vector<std::string>*>(seen)->emplace_back(sql);
            return 0;
        };
        sqlite3_trace_v2(db.handle(), SQLITE_TRACE_STMT, onStatement, &cachePragmas);
        TaskSet set;
        set.name = "s";
        for (int i = 0; i < 3; ++i) {
            TaskItem item;
            item.id = std::to_string(i), item.category = "c", item.messages = {{"user", "p" + item.id}};
            item.references = {"1"};
            set.items.push_back(item);
        }
        QVERIFY(saveTaskSet(db, set, "f.jsonl", 1));
        QCOMPARE(cachePragmas, std::vector<std::string>{});
        // The trace sees the pragmas of a writer that enlarges the cache.
        QVERIFY(TaskSetWriter::begin(db, "t", GraderSpec{}, "g.jsonl", 2, WriterCache::Enlarged));
        sqlite3_trace_v2(db.handle(), 0, nullptr, nullptr);
        QVERIFY(!cachePragmas.empty());
    }

    void aNewItemIdIsNotLookedUpBeforeItsWritten() {
        QTemporaryDir dir;
        auto ws = Workspace::open(dir.filePath("w.db").toStdString()).value();
        SqliteDb& db = *ws.writer();
        auto writer = TaskSetWriter::begin(db, "s", GraderSpec{}, "f.jsonl", 1, WriterCache::Usual).value();
        auto item = [](const std::string& id) {
            TaskItem t;
            t.id = id, t.category = "c", t.messages = {{"user", "prompt " + id}}, t.references = {"1"};
            return t;
        };
        for (int i = 0; i < 3000; ++i) // past SeenIds' first table of 1,024 slots: it grows twice
            QCOMPARE(writer->add(item("q" + std::to_string(i))).value(), std::optional<int64_t>());
        // Before, each item first looked for an earlier one with its id: 3,000 lookups here.
        QVERIFY(runsOf(db, "SELECT position FROM items") <= 0);
        QCOMPARE(runsOf(db, "INSERT INTO items("), 3000);
        // Nor is its messages' text stored apart (schema 14): a text's row, its hash's index entry
        // and the item's reference to it made an import of 1M items 2.4x the bytes.
        QVERIFY(runsOf(db, "INSERT OR IGNORE INTO texts") <= 0);
        // A repeated id is still found, at the first one's position, and nothing of it is written.
        QCOMPARE(writer->add(item("q1234")).value(), std::optional<int64_t>(1234));
        QCOMPARE(runsOf(db, "SELECT position FROM items"), 1);
        QCOMPARE(runsOf(db, "INSERT INTO items("), 3000);
        QVERIFY(writer->finish());
        QCOMPARE(db.queryInt("SELECT COUNT(*) FROM items").value(), int64_t(3000));
        QCOMPARE(db.queryText("PRAGMA foreign_key_check").value(), std::string());
    }

    void seenIdsNeverMissesAnIdItRecorded() {
        SeenIds seen;
        for (int i = 0; i < 100000; ++i)
            QVERIFY(seen.insert("id" + std::to_string(i)));
        QCOMPARE(seen.size(), size_t(100000));
        int again = 0;
        for (int i = 0; i < 100000; ++i)
            again += seen.insert("id" + std::to_string(i)) ? 0 : 1;
        QCOMPARE(again, 100000); // every one recorded is "maybe seen"
        QVERIFY(seen.insert("")); // a new id, even the empty one, is new
        QVERIFY(!seen.insert(""));
    }

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

    void aSubmitDoesNotWakeAWriterGatheringAGroup() {
        // Every submit woke the writer (a context switch per logged row, on the cores the event
        // loop and the upstream need); now only a writer waiting for work is woken. A long group
        // interval keeps the writer gathering until it is destroyed, whatever the machine's speed.
        QTemporaryDir dir;
        auto ws = Workspace::open(dir.filePath("w.db").toStdString()).value();
        std::vector<std::future<Status>> pending;
        {
            StoreWriter writer(ws.takeWriter(), 512, std::chrono::minutes(1));
            QVERIFY(writer.submit([](SqliteDb&) -> Status { return {}; }).get()); // committed at once
            for (int i = 0; i < 50; ++i)
                pending.push_back(writer.submit([i](SqliteDb& db) -> Status {
                    auto h = putText(db, "text " + std::to_string(i));
                    return h ? Status{} : std::unexpected(h.error());
                }));
            QVERIFY2(writer.wakeCount() <= 2,
                     qPrintable(QString("%1 wake-ups for 51 submits").arg(writer.wakeCount())));
            QCOMPARE(writer.commitCount(), size_t(1));
        } // the writer commits what it gathered as it stops
        for (auto& f : pending)
            QVERIFY(f.get());
    }

    // Schema 14 copies every item in one INSERT ... SELECT inside its step's transaction; that
    // statement's journal was kept in memory (temp_store = MEMORY, as a writer is configured):
    // 174 MB of peak RSS to migrate a 1M-item workspace. It goes to a file now (28 MB).
    void aMigrationKeepsItsStatementJournalInAFile() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("w.db").toStdString();
        {
            auto ws = Workspace::open(path).value();
            SqliteDb& db = *ws.writer();
            QVERIFY(db.exec("PRAGMA foreign_keys = OFF") && db.exec(baton::test::kUndoSchema14) &&
                    db.exec("PRAGMA user_version = 13"));
            QVERIFY(db.exec("INSERT INTO task_sets (id, name, content_hash, source, default_grader, item_count, "
                            "imported_at_ms) VALUES (1, 's', 'h', 'test', '{}', 20000, 0)"));
            QVERIFY(db.exec("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000) "
                            "INSERT INTO texts (hash, body) SELECT printf('%064d', i), "
                            "'[{\"content\":\"question ' || i || '\",\"role\":\"user\"}]' FROM n"));
            QVERIFY(db.exec("INSERT INTO items (task_set_id, position, item_id, category, messages_hash, "
                            "references_json, metadata) SELECT 1, id - 1, 'q' || id, 'c', hash, '[]', '{}' FROM texts"));
        }
        TempFileCounter counter;
        auto ws = Workspace::open(path);
        QVERIFY2(ws, ws ? "" : ws.error().describe().c_str());
        QVERIFY2(counter.opened() > 0, "the migration's statement journal stayed in memory");
        SqliteDb& db = *ws->writer();
        QCOMPARE(db.queryInt("PRAGMA temp_store").value(), int64_t(2)); // MEMORY again for the writer's savepoints
        QCOMPARE(db.queryText("SELECT messages FROM items WHERE item_id = 'q20000'").value(),
                 std::string("[{\"content\":\"question 20000\",\"role\":\"user\"}]"));
    }

    void loggingOpensNoTemporaryFile() {
        QTemporaryDir dir;
        TempFileCounter counter;
        {
            auto ws = Workspace::open(dir.filePath("w.db").toStdString()).value();
            StoreWriter writer(ws.takeWriter());
            int64_t run = 0;
            QVERIFY(writer
                        .submit([&run](SqliteDb& db) -> Status {
                            auto id = insertRun(db, Run{});
                            return id ? (run = *id, Status{}) : std::unexpected(id.error());
                        })
                        .get());
            std::vector<std::future<Status>> pending;
            for (int i = 0; i < 3000; ++i) // as a run logs them: two texts and the call, each op in a savepoint
                pending.push_back(writer.submit([run, i](SqliteDb& db) -> Status {
                    auto request = putText(db, "request " + std::to_string(i) + std::string(300, 'q'));
                    auto response = putText(db, "response " + std::to_string(i) + std::string(300, 'r'));
                    if (!request || !response) return std::unexpected(!request ? request.error() : response.error());
                    return insertCall(db, makeCall(run, i));
                }));
            for (auto& f : pending)
                QVERIFY(f.get());
        }
        // Savepoint journals past 64 KiB went to a temporary file: one per batch before.
        QCOMPARE(counter.opened(), 0);
    }

    void durabilityIsWalWithSynchronousNormal() {
        QTemporaryDir dir;
        auto ws = Workspace::open(dir.filePath("w.db").toStdString()).value();
        QCOMPARE(ws.writer()->queryText("PRAGMA journal_mode").value(), std::string("wal"));
        QCOMPARE(ws.writer()->queryInt("PRAGMA synchronous").value(), int64_t(1)); // NORMAL (README)
        QCOMPARE(ws.writer()->queryInt("PRAGMA wal_autocheckpoint").value(), int64_t(16000));
    }

    // With synchronous = NORMAL only a checkpoint synced the WAL, so what a power loss could cost
    // grew with the pages between checkpoints. The writer now makes its first commit after each
    // sync interval a synced one (synchronous = FULL for that commit, NORMAL again after).
    void theWriterSyncsACommitEachInterval() {
        for (auto [interval, synced] : {std::pair{std::chrono::milliseconds(0), 3}, {std::chrono::hours(1), 1}}) {
            QTemporaryDir dir;
            auto ws = Workspace::open(dir.filePath("w.db").toStdString()).value();
            std::vector<std::string> pragmas;
            auto onStatement = [](unsigned, void* seen, void* statement, void*) {
                std::string_view sql = sqlite3_sql(static_cast<sqlite3_stmt*>(statement));
                if (sql.starts_with("PRAGMA synchronous")) static_cast<std::vector<std::string>*>(seen)->emplace_back(sql);
                return 0;
            };
            sqlite3_trace_v2(ws.writer()->handle(), SQLITE_TRACE_STMT, onStatement, &pragmas);
            {
                StoreWriter writer(ws.takeWriter(), 512, std::chrono::milliseconds(0), interval);
                for (int i = 0; i < 3; ++i) // three batches, three commits
                    QVERIFY(writer
                                .submit([i](SqliteDb& db) -> Status {
                                    auto hash = putText(db, "text " + std::to_string(i));
                                    return hash ? Status{} : std::unexpected(hash.error());
                                })
                                .get());
                QCOMPARE(writer.commitCount(), size_t(3));
            }
            QCOMPARE(std::count(pragmas.begin(), pragmas.end(), "PRAGMA synchronous = FULL"), std::ptrdiff_t(synced));
            QCOMPARE(std::count(pragmas.begin(), pragmas.end(), "PRAGMA synchronous = 1"), std::ptrdiff_t(synced));
        }
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
