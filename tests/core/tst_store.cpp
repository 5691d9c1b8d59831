// SPDX-License-Identifier: MIT
#include "io/task_import.h"
#include "store/call_log.h"
#include "store/schema.h"
#include "store/store_writer.h"
#include "store/task_set_sources.h"
#include "store/task_set_store.h"
#include "store/task_set_writer.h"
#include "store/text_store.h"
#include "store/workspace.h"
#include "util/file_io.h"

#include "call_fixture.h"
#include "core_printers.h"
#include <QTemporaryDir>

#include <QTest>
#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <stop_token>
#include <thread>

using namespace baton::core;
using baton::test::makeCall;

namespace {

/// While one lives, new connections use the default VFS with its xSleep counted; the first sleep
/// calls onFirstSleep (on the sleeping thread) before sleeping. forget() unregisters it once no
/// connection uses it any more.
struct SleepProbe {
    SleepProbe() {
        base = sqlite3_vfs_find(nullptr);
        vfs = *base;
        vfs.zName = "baton-sleep-probe";
        vfs.xSleep = [](sqlite3_vfs*, int us) {
            if (sleeps++ == 0 && onFirstSleep) onFirstSleep();
            return base->xSleep(base, us);
        };
        sqlite3_vfs_register(&vfs, 1);
    }
    ~SleepProbe() { sqlite3_vfs_register(base, 1); } // the default again
    static void forget() {
        sqlite3_vfs_unregister(&vfs);
        onFirstSleep = nullptr;
        sleeps = 0;
    }
    static inline sqlite3_vfs vfs{};
    static inline sqlite3_vfs* base = nullptr;
    static inline std::function<void()> onFirstSleep;
    static inline std::atomic<int> sleeps{0};
};

Result<int64_t> newRun(StoreWriter& writer) {
    int64_t id = 0;
    auto ok = writer
                  .submit([&](SqliteDb& db) -> Status {
                      auto r = insertRun(db, Run{});
                      if (!r) return std::unexpected(r.error());
                      id = *r;
                      return {};
                  })
                  .get();
    if (!ok) return std::unexpected(ok.error());
    return id;
}

} // namespace

class TestStore : public QObject {
    Q_OBJECT
private slots:
    void createsSchemaInWal() {
        QTemporaryDir dir;
        auto ws = Workspace::open(dir.filePath("w.db").toStdString());
        QVERIFY2(ws, ws ? "" : ws.error().describe().c_str());
        auto info = ws->info();
        QVERIFY(info);
        QCOMPARE(info->schemaVersion, latestSchemaVersion());
        QCOMPARE(info->journalMode, std::string("wal"));
        QCOMPARE(info->integrity, std::string("ok"));
        QCOMPARE(info->rowCounts.at("calls"), int64_t(0));
    }

    void refusesNewerSchemaWithoutChangingIt() {
        QTemporaryDir dir;
        std::string path = dir.filePath("w.db").toStdString();
        {
            auto ws = Workspace::open(path);
            QVERIFY(ws);
            QVERIFY(ws->writer()->exec("PRAGMA user_version = 99"));
        }
        auto again = Workspace::open(path);
        QVERIFY(!again);
        QCOMPARE(again.error().kind, ErrorKind::BadInput);
        QVERIFY(again.error().message.find("newer Baton (schema 99") != std::string::npos);
        auto raw = SqliteDb::open(path, SqliteDb::Mode::ReadOnly);
        QCOMPARE(raw.value()->queryInt("PRAGMA user_version").value(), int64_t(99));
    }

    // Found by a hostile test of db compact: any SQLite file was migrated into a workspace (Baton's
    // tables added, the journal switched to WAL), and one with a texts table of its own failed as an
    // internal error with SQL in the message, changed all the same.
    void anotherProgramsDatabaseIsRefusedUntouched() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("notes.db").toStdString();
        {
            auto db = SqliteDb::open(path, SqliteDb::Mode::ReadWriteCreate);
            QVERIFY(db);
            QVERIFY((*db)->exec("CREATE TABLE notes (body TEXT); CREATE TABLE texts (x); INSERT INTO notes VALUES ('mine')"));
        }
        const std::string before = readTextFile(path).value();
        for (bool create : {false, true}) {
            auto ws = Workspace::open(path, create);
            QVERIFY(!ws);
            QCOMPARE(ws.error().kind, ErrorKind::BadInput);
            QCOMPARE(ws.error().message, path + ": an SQLite database of another program (tables notes, texts), not a "
                                                "Baton workspace; nothing was changed. Give a workspace's path, or a "
                                                "new file's to create one.");
        }
        QVERIFY(!Workspace::openForReading(path));
        QCOMPARE(readTextFile(path).value(), before); // the journal mode is in the header: still rollback
        QVERIFY(!std::filesystem::exists(path + "-wal"));
    }

    // A path that names no workspace is refused before SQLite sees it, creating and changing nothing
    // (found checking db compact's messages): SQLite opened "" as a private temporary database (so
    // `tasks import --db ""` reported a set imported into a file that vanished at exit), said "check
    // that the folder exists" of a path that is a folder, and on create discarded a -wal left without
    // its database, which may hold the latest changes of a workspace moved without it.
    void pathsThatNameNoWorkspaceAreRefused_data() {
        QTest::addColumn<QString>("path");    // in the temporary folder; "." is the folder, "" empty
        QTest::addColumn<QString>("leftover"); // a file made beside it first
        QTest::addColumn<bool>("create");
        QTest::addColumn<int>("kind"); // -1: opens
        QTest::addColumn<QString>("message");
        const int bad = int(ErrorKind::BadInput), notFound = int(ErrorKind::NotFound);
        QTest::newRow("empty") << "" << "" << false << bad << "the workspace's path is empty; give the path of";
        QTest::newRow("empty, create") << "" << "" << true << bad << "the workspace's path is empty; give the path of";
        QTest::newRow("folder") << "." << "" << false << bad << ": a folder, not a workspace database; give the path";
        QTest::newRow("folder, create") << "." << "" << true << bad << ": a folder, not a workspace database;";
        QTest::newRow("-shm left") << "x.db" << "x.db-shm" << false << notFound
                                   << "x.db: no such workspace database; check the path, or create one by importing "
                                      "a task set into it. (" ;
        QTest::newRow("-shm left, create") << "x.db" << "x.db-shm" << true << -1 << "";
        QTest::newRow("-wal left") << "x.db" << "x.db-wal" << false << bad
                                   << "x.db: no such workspace database, but ";
        QTest::newRow("-wal left, create") << "x.db" << "x.db-wal" << true << bad
                                           << "may hold the latest changes of a workspace moved or deleted without it";
    }
    void pathsThatNameNoWorkspaceAreRefused() {
        QFETCH(QString, path);
        QFETCH(QString, leftover);
        QFETCH(bool, create);
        QFETCH(int, kind);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const std::string folder = dir.path().toStdString();
        const std::string target = path.isEmpty() ? "" : path == "." ? folder : folder + "/" + path.toStdString();
        if (!leftover.isEmpty()) std::ofstream(folder + "/" + leftover.toStdString()) << "left by an earlier process";
        auto listing = [&] {
            std::vector<std::string> names;
            for (const auto& e : std::filesystem::directory_iterator(folder))
                names.push_back(e.path().filename().string() + " " + std::to_string(e.file_size()));
            std::sort(names.begin(), names.end());
            return names;
        };
        const auto before = listing();
        auto ws = Workspace::open(target, create);
        QCOMPARE(bool(ws), kind < 0);
        if (ws) return;
        QCOMPARE(int(ws.error().kind), kind);
        QVERIFY2(ws.error().message.find(message.toStdString()) != std::string::npos, ws.error().message.c_str());
        if (!create) {
            auto reading = Workspace::openForReading(target);
            QVERIFY(!reading);
            QCOMPARE(reading.error().message, ws.error().message);
        }
        QCOMPARE(listing(), before);
    }

    void anEmptyFileIsNoWorkspaceUnlessCreated() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("empty.db").toStdString();
        std::ofstream(path).close();
        auto ws = Workspace::open(path, false);
        QVERIFY(!ws);
        QCOMPARE(ws.error().kind, ErrorKind::NotFound);
        QCOMPARE(std::filesystem::file_size(path), uintmax_t(0));
        QVERIFY(Workspace::open(path, true)); // a file made for it, e.g. by mktemp
    }

    void checkReferencesFindsARowWithoutItsParent() {
        QTemporaryDir dir;
        auto ws = Workspace::open(dir.filePath("w.db").toStdString());
        QVERIFY(ws);
        SqliteDb& db = *ws->writer();
        QVERIFY(Workspace::checkReferences(db));
        QVERIFY(db.exec("PRAGMA foreign_keys = OFF"));
        for (const char* item : {"'i1'", "'i2'"}) // of a task set that is not there
            QVERIFY(db.exec(std::string("INSERT INTO items (task_set_id, position, item_id, category, messages, "
                                        "references_json, metadata) VALUES (7, 0, ") + item + ", 'c', '[]', "
                                        "'[]', '{}')"));
        QVERIFY(db.exec("PRAGMA foreign_keys = ON"));
        QVERIFY(Workspace::checkIntegrity(db)); // SQLite's integrity check does not look at references
        auto checked = Workspace::checkReferences(db);
        QVERIFY(!checked);
        QCOMPARE(checked.error().kind, ErrorKind::BadInput);
        QVERIFY2(checked.error().message.find(": 2 row(s) refer to a row that is missing, the first items row") !=
                     std::string::npos,
                 checked.error().message.c_str());
    }

    void notADatabaseIsAClearError() {
        QTemporaryDir dir;
        std::string path = dir.filePath("notes.db").toStdString();
        std::ofstream(path) << "these are my notes, not a database, and they are long enough to matter\n";
        auto ws = Workspace::open(path);
        QVERIFY(!ws);
        QVERIFY2(ws.error().message.find("not a Baton workspace database") != std::string::npos,
                 ws.error().message.c_str());
    }

    void missingWorkspaceWithoutCreate() {
        auto ws = Workspace::open("/tmp/definitely-not-here-baton.db", false);
        QVERIFY(!ws);
        QCOMPARE(ws.error().kind, ErrorKind::NotFound);
    }

    void textIsContentAddressed() {
        QTemporaryDir dir;
        auto ws = Workspace::open(dir.filePath("w.db").toStdString());
        SqliteDb& db = *ws->writer();
        auto a = putText(db, "same prompt");
        auto b = putText(db, "same prompt");
        QCOMPARE(a.value(), b.value());
        QCOMPARE(db.queryInt("SELECT COUNT(*) FROM texts").value(), int64_t(1));
        QCOMPARE(getText(db, *a).value().value(), std::string("same prompt"));
        QVERIFY(!getText(db, "nope").value().has_value());
    }

    void taskSetRoundTripAndDedup() {
        QTemporaryDir dir;
        auto ws = Workspace::open(dir.filePath("w.db").toStdString());
        auto imported = importTasks(BATON_TEST_DATA "/tasks/good.jsonl", {});
        QVERIFY(imported);
        StoreWriter writer(ws->takeWriter());
        SavedTaskSet first, second;
        QVERIFY(writer
                    .submit([&](SqliteDb& db) -> Status {
                        first = saveTaskSet(db, imported->set, "good.jsonl", 1).value();
                        second = saveTaskSet(db, imported->set, "good.jsonl", 2).value();
                        return {};
                    })
                    .get());
        QVERIFY(!first.alreadyPresent);
        QVERIFY(second.alreadyPresent);
        QCOMPARE(first.id, second.id);

        auto reader = ws->openReader();
        auto loaded = loadTaskSet(**reader, "good");
        QVERIFY2(loaded, loaded ? "" : loaded.error().describe().c_str());
        QCOMPARE(loaded->contentHash(), imported->set.contentHash());
        QVERIFY(loaded->items == imported->set.items);
        QCOMPARE(loadTaskSet(**reader, imported->set.contentHash().substr(0, 8))->name, std::string("good"));
        QCOMPARE(loadTaskSet(**reader, "nope").error().kind, ErrorKind::NotFound);
        auto list = listTaskSets(**reader);
        QCOMPARE(list->front().categories.at("arithmetic"), int64_t(1));
    }

    // A window closing during a save or a read of a set stops it (the Tasks page's import and
    // Use for runs): the save keeps nothing, the read returns no half set.
    void aStoppedSaveOrReadOfASetKeepsNothing() {
        QTemporaryDir dir;
        auto ws = Workspace::open(dir.filePath("w.db").toStdString());
        auto imported = importTasks(BATON_TEST_DATA "/tasks/good.jsonl", {});
        QVERIFY(imported);
        StoreWriter writer(ws->takeWriter());
        std::stop_source stop;
        stop.request_stop();
        std::optional<Result<SavedTaskSet>> saved;
        QVERIFY(writer
                    .submit([&](SqliteDb& db) -> Status {
                        saved = saveTaskSet(db, imported->set, "good.jsonl", 1, stop.get_token());
                        return {};
                    })
                    .get());
        QVERIFY(saved && !*saved);
        QCOMPARE((*saved).error().message, std::string("stopped"));
        auto reader = ws->openReader();
        QCOMPARE(listTaskSets(**reader)->size(), size_t(0));
        QCOMPARE((*reader)->queryInt("SELECT COUNT(*) FROM items").value(), int64_t(0));

        QVERIFY(writer
                    .submit([&](SqliteDb& db) -> Status {
                        auto r = saveTaskSet(db, imported->set, "good.jsonl", 1);
                        return r ? Status{} : std::unexpected(r.error());
                    })
                    .get());
        QVERIFY(loadTaskSet(**reader, "good"));
        auto loaded = loadTaskSet(**reader, "good", stop.get_token());
        QVERIFY(!loaded);
        QCOMPARE(loaded.error().message, std::string("stopped"));
    }

    void taskSetWriterRollsBackAndFindsDuplicates() {
        QTemporaryDir dir;
        auto ws = Workspace::open(dir.filePath("w.db").toStdString());
        SqliteDb& db = *ws->writer();
        auto item = [](std::string id, std::string prompt) {
            TaskItem t;
            t.id = std::move(id), t.category = "c", t.messages = {{"user", std::move(prompt)}}, t.references = {"1"};
            return t;
        };
        auto rows = [&](const char* table) { return db.queryInt(std::string("SELECT COUNT(*) FROM ") + table).value(); };
        {
            auto w = TaskSetWriter::begin(db, "s", GraderSpec{}, "f.jsonl", 1, WriterCache::Usual).value();
            QCOMPARE(w->add(item("a", "pa")).value(), std::optional<int64_t>());
            QCOMPARE(w->add(item("b", "pb")).value(), std::optional<int64_t>());
            QCOMPARE(w->add(item("a", "again")).value(), std::optional<int64_t>(0)); // the first a's position
            QCOMPARE(rows("items"), int64_t(2));
            QCOMPARE(rows("texts"), int64_t(0)); // since schema 14 an item holds its messages
            QCOMPARE(db.queryInt("SELECT COUNT(*) FROM items WHERE messages LIKE '%again%'").value(),
                     int64_t(0)); // the repeated item's are not stored
            w->abandon();
        }
        QCOMPARE(rows("task_sets"), int64_t(0));
        QCOMPARE(rows("items"), int64_t(0));
        QCOMPARE(rows("texts"), int64_t(0));

        TaskSet set;
        set.items = {item("a", "pa"), item("b", "pb")};
        auto w = TaskSetWriter::begin(db, "s", GraderSpec{}, "f.jsonl", 1, WriterCache::Usual).value();
        for (const auto& i : set.items)
            QVERIFY(w->add(i).value() == std::nullopt);
        auto saved = w->finish().value();
        QVERIFY(!saved.alreadyPresent);
        QCOMPARE(w->contentHash(), set.contentHash());
        QCOMPARE(db.queryText("SELECT content_hash FROM task_sets").value(), set.contentHash());
        QCOMPARE(db.queryInt("SELECT item_count FROM task_sets").value(), int64_t(2));

        auto again = TaskSetWriter::begin(db, "other name", GraderSpec{}, "g.jsonl", 2, WriterCache::Usual).value();
        for (const auto& i : set.items)
            QVERIFY(again->add(i).value() == std::nullopt);
        auto present = again->finish().value();
        QVERIFY(present.alreadyPresent);
        QCOMPARE(present.id, saved.id);
        QCOMPARE(rows("task_sets"), int64_t(1));
        QCOMPARE(rows("items"), int64_t(2));

        QVERIFY(!findImportedSource(db, "key").value());
        QVERIFY(recordImportedSource(db, "key", "filehash", "{}", saved.id, 3));
        QCOMPARE(findImportedSource(db, "key").value()->taskSetId, saved.id);
        QCOMPARE(findImportedSource(db, "key").value()->itemCount, int64_t(2));
    }

    void headReadsOnlyTheFirstItems() {
        QTemporaryDir dir;
        auto ws = Workspace::open(dir.filePath("w.db").toStdString());
        SqliteDb& db = *ws->writer();
        TaskSet set;
        set.name = "thirty";
        for (int i = 0; i < 30; ++i)
            set.items.push_back(
                {"i" + std::to_string(i), "c", {{"user", "q" + std::to_string(i)}}, {"a"}, std::nullopt});
        auto saved = saveTaskSet(db, set, "t", 1).value();
        // Item 26 can no longer be read: a LIMIT 20 read never gets to it, a whole read fails.
        QVERIFY(db.exec("UPDATE items SET metadata = '{' WHERE position = 25"));
        auto head = loadTaskSetHead(db, "thirty", 20);
        QVERIFY2(head, head ? "" : head.error().describe().c_str());
        QCOMPARE(head->firstItems.items.size(), size_t(20));
        QCOMPARE(head->summary.id, saved.id);
        QCOMPARE(head->summary.itemCount, int64_t(30));
        QCOMPARE(head->summary.contentHash, set.contentHash());
        QVERIFY(head->firstItems.items[19] == set.items[19]);
        QCOMPARE(loadTaskSetHead(db, "thirty", 0)->firstItems.items.size(), size_t(0));
    }

    void callsRoundTripAndDuplicatesAreRefused() {
        QTemporaryDir dir;
        auto ws = Workspace::open(dir.filePath("w.db").toStdString());
        StoreWriter writer(ws->takeWriter());
        int64_t run = newRun(writer).value();
        Call call = makeCall(run, 1);
        call.usage = TokenUsage::fromOpenAi(100, 20, std::nullopt, 0);
        call.cost.reset(); // unknown must come back unknown, not 0
        call.reason = {"only model", 0.9, std::nullopt};
        call.httpStatus = 200;
        QVERIFY(writer.submit([&](SqliteDb& db) { return insertCall(db, call); }).get());
        auto duplicate = writer.submit([&](SqliteDb& db) { return insertCall(db, call); }).get();
        QVERIFY(!duplicate);
        // The failed operation rolled back alone; a later one in the same writer still lands.
        QVERIFY(writer.submit([&](SqliteDb& db) { return insertCall(db, makeCall(run, 2)); }).get());
        auto reader = ws->openReader();
        auto calls = loadCalls(**reader, run);
        QCOMPARE(calls->size(), size_t(2));
        QVERIFY(calls->at(0) == call);
        QVERIFY(!calls->at(0).cost.has_value());
    }

    void readersNeverBlockTheWriter() {
        QTemporaryDir dir;
        auto ws = Workspace::open(dir.filePath("w.db").toStdString());
        StoreWriter writer(ws->takeWriter(), 64);
        int64_t run = newRun(writer).value();
        std::atomic<bool> writing{true};
        std::atomic<int> reads{0}, readErrors{0};
        std::vector<int64_t> seenCounts;
        std::thread readerThread([&] {
            auto reader = ws->openReader();
            int64_t last = 0;
            while (writing) {
                auto n = (*reader)->queryInt("SELECT COUNT(*) FROM calls");
                if (!n)
                    ++readErrors;
                else {
                    if (*n < last) ++readErrors; // a reader must never see committed rows vanish
                    last = *n;
                    ++reads;
                }
            }
        });
        std::vector<std::future<Status>> pending;
        for (int i = 0; i < 3000; ++i)
            pending.push_back(writer.submit([run, i](SqliteDb& db) { return insertCall(db, makeCall(run, i)); }));
        int failures = 0;
        for (auto& f : pending)
            failures += f.get() ? 0 : 1;
        writing = false;
        readerThread.join();
        QCOMPARE(failures, 0);
        QCOMPARE(readErrors.load(), 0);
        QVERIFY(reads.load() > 0);
        QVERIFY2(writer.commitCount() < 3000, "operations are batched into fewer transactions");
        auto reader = ws->openReader();
        QCOMPARE((*reader)->queryInt("SELECT COUNT(*) FROM calls").value(), int64_t(3000));
    }

    void aReaderWaitsForALockHeldForAMoment() {
        // A job's own read-only connection once read "database is locked" in CI while the writer
        // held a lock for a moment; every connection now waits (SqliteDb::kBusyTimeoutMs). The
        // lock is released from the reader's own wait (the busy timeout's handler sleeps through
        // the VFS), so the reader must have waited, whatever the machine's speed.
        QTemporaryDir dir;
        std::string path = dir.filePath("w.db").toStdString();
        auto holder = SqliteDb::open(path, SqliteDb::Mode::ReadWriteCreate).value();
        QVERIFY(holder->exec("CREATE TABLE t(x); INSERT INTO t VALUES (7)"));
        QVERIFY(holder->exec("BEGIN EXCLUSIVE")); // rollback journal: an exclusive lock keeps readers out
        SleepProbe::onFirstSleep = [&holder] { (void)holder->exec("COMMIT"); };
        std::unique_ptr<SqliteDb> reader;
        {
            SleepProbe probe; // the connections opened meanwhile sleep through it
            reader = SqliteDb::open(path, SqliteDb::Mode::ReadOnly).value();
        }
        auto x = reader->queryInt("SELECT x FROM t");
        int sleeps = SleepProbe::sleeps;
        reader.reset();
        SleepProbe::forget();
        (void)holder->exec("COMMIT"); // when the reader did not wait, the lock is still held
        QVERIFY2(x, x ? "" : x.error().describe().c_str());
        QCOMPARE(*x, int64_t(7));
        QVERIFY(sleeps > 0);
    }

    void diskFullIsClearAndKeepsEarlierRows() {
        QTemporaryDir dir;
        auto ws = Workspace::open(dir.filePath("w.db").toStdString());
        StoreWriter writer(ws->takeWriter());
        int64_t run = newRun(writer).value();
        QVERIFY(writer.submit([&](SqliteDb& db) { return insertCall(db, makeCall(run, 0)); }).get());
        // Simulate a full disk: cap the database at its current size.
        QVERIFY(writer
                    .submit([](SqliteDb& db) -> Status {
                        auto pages = db.queryInt("PRAGMA page_count");
                        return db.exec("PRAGMA max_page_count = " + std::to_string(*pages));
                    })
                    .get());
        std::string big(200000, 'x');
        auto full = writer
                        .submit([&](SqliteDb& db) -> Status {
                            auto h = putText(db, big);
                            return h ? Status{} : std::unexpected(h.error());
                        })
                        .get();
        QVERIFY(!full);
        QVERIFY2(full.error().message.find("is full") != std::string::npos, full.error().message.c_str());
        auto reader = ws->openReader();
        QCOMPARE((*reader)->queryInt("SELECT COUNT(*) FROM calls").value(), int64_t(1));
        QCOMPARE((*reader)->queryText("PRAGMA integrity_check").value(), std::string("ok"));
    }

    void readOnlyDatabaseRefusesWritesClearly() {
        QTemporaryDir dir;
        std::string path = dir.filePath("w.db").toStdString();
        { QVERIFY(Workspace::open(path)); }
        auto ro = SqliteDb::open(path, SqliteDb::Mode::ReadOnly);
        auto write = (*ro)->exec("INSERT INTO texts (hash, body) VALUES ('h', 'b')");
        QVERIFY(!write);
        QVERIFY2(write.error().message.find("read-only") != std::string::npos, write.error().message.c_str());
    }
};

QTEST_GUILESS_MAIN(TestStore)
#include "tst_store.moc"
