// SPDX-License-Identifier: MIT
// The texts table's two layouts (a rowid table since schema 12, keyed by hash before), `db
// compact`, which moves an older workspace's texts to the current one, and the items, which hold
// their messages since schema 14 (named a text by hash before).

#include "store/schema.h"
#include "store/schema_layout.h"
#include "store/task_set_store.h"
#include "store/text_store.h"
#include "store/workspace.h"
#include "store/workspace_compact.h"

#include "core_printers.h"
#include "older_schema.h"
#include <QTemporaryDir>

#include <QTest>

#include <filesystem>
#include <thread>

using namespace baton::core;

namespace {

// A workspace written by schema 11 (texts keyed by hash, WITHOUT ROWID) holding one text, "an
// older text", whose hash it returns: opened again, it keeps that layout.
std::string makeSchema11Texts(const std::string& path) {
    auto ws = Workspace::open(path);
    if (!ws) return {};
    SqliteDb& db = *ws->writer();
    bool made = db.exec("PRAGMA foreign_keys = OFF") && db.exec(baton::test::kUndoSchemas13And14) &&
                db.exec("DROP TABLE texts; CREATE TABLE texts (hash TEXT PRIMARY KEY, body TEXT NOT NULL) "
                        "WITHOUT ROWID; PRAGMA user_version = 11") &&
                db.exec("PRAGMA foreign_keys = ON");
    auto hash = putText(db, "an older text");
    return made && hash ? *hash : std::string();
}

// makeSchema11Texts, then the workspace opened again.
Result<Workspace> openSchema11Workspace(const std::string& path) {
    if (makeSchema11Texts(path).empty()) return fail(ErrorKind::Internal, "could not write " + path);
    return Workspace::open(path);
}

// SQL adding an item of task set `set`, which is not there: a row whose reference is broken.
std::string itemOfAMissingSet(int set) {
    return "INSERT INTO items (task_set_id, position, item_id, category, messages, references_json, metadata) "
           "VALUES (" + std::to_string(set) + ", 0, 'i', 'c', '[]', '[]', '{}')";
}

// Three items, one with a grader and one with metadata: what a schema-13 workspace stored.
TaskSet olderItems() {
    TaskSet set;
    set.name = "older";
    for (int i = 0; i < 3; ++i) {
        TaskItem item;
        item.id = "q" + std::to_string(i), item.category = "c" + std::to_string(i % 2);
        item.messages = {{"system", "be brief"}, {"user", "question " + std::to_string(i)}};
        item.references = {"answer " + std::to_string(i)};
        set.items.push_back(item);
    }
    set.items[1].grader = GraderSpec{};
    set.items[2].metadata = {{"source", "bench"}, {"level", 3}};
    return set;
}

// A workspace as schema 13 wrote it (items name their messages by hash in `texts`) holding
// olderItems() as set 1, or `broken` with the second item's text missing.
bool makeSchema13Items(const std::string& path, bool broken = false) {
    auto ws = Workspace::open(path);
    if (!ws) return false;
    SqliteDb& db = *ws->writer();
    if (!db.exec("PRAGMA foreign_keys = OFF") || !db.exec(baton::test::kUndoSchema14) ||
        !db.exec("PRAGMA user_version = 13") ||
        !db.exec("INSERT INTO task_sets (id, name, content_hash, source, default_grader, item_count, imported_at_ms) "
                 "VALUES (1, 'older', 'hash of older', 'test', '{}', 3, 0)"))
        return false;
    const TaskSet set = olderItems();
    for (size_t i = 0; i < set.items.size(); ++i) {
        TaskItemDump dump = dumpTaskItem(set.items[i]);
        auto hash = putText(db, dump.messages);
        if (!hash) return false;
        auto insert = db.prepare("INSERT INTO items (task_set_id, position, item_id, category, messages_hash, "
                                 "references_json, grader, metadata) VALUES (1, ?, ?, ?, ?, ?, ?, ?)");
        if (!insert) return false;
        insert->bind(1, int64_t(i)).bind(2, set.items[i].id).bind(3, set.items[i].category);
        insert->bind(4, broken && i == 1 ? std::string("no such text") : *hash).bind(5, dump.references);
        if (set.items[i].grader)
            insert->bind(6, dump.grader);
        else
            insert->bindNull(6);
        insert->bind(7, dump.metadata);
        if (!insert->run()) return false;
    }
    return bool(db.exec("PRAGMA foreign_keys = ON"));
}

std::string textsLayout(SqliteDb& db) {
    return db.queryText("SELECT sql FROM sqlite_master WHERE name = 'texts'").value();
}

} // namespace

class TestWorkspaceLayout : public QObject {
    Q_OBJECT
private slots:
    void aNewWorkspaceKeepsTextsInARowidTable() {
        // Bodies appended in the table, only their hashes in the (random) index.
        QTemporaryDir dir;
        auto ws = Workspace::open(dir.filePath("w.db").toStdString());
        QVERIFY(ws);
        SqliteDb& db = *ws->writer();
        const std::string table = db.queryText("SELECT sql FROM sqlite_master WHERE name = 'texts'").value();
        QVERIFY2(table.find("WITHOUT ROWID") == std::string::npos, table.c_str());
        QCOMPARE(db.queryInt("SELECT \"unique\" FROM pragma_index_list('texts') WHERE name = 'texts_by_hash'").value(),
                 int64_t(1));
        const std::string first = putText(db, "first").value();
        QCOMPARE(putText(db, "first").value(), first);
        QVERIFY(putText(db, "second"));
        QCOMPARE(db.queryText("SELECT group_concat(body) FROM (SELECT body FROM texts ORDER BY id)").value(),
                 std::string("first,second"));
        QCOMPARE(getText(db, first).value(), std::optional<std::string>("first"));
    }

    void anOlderWorkspaceWithTextsKeepsItsLayout() {
        // Schema 11 kept texts in a table keyed by hash; rebuilding a big one costs more than it
        // saves, so schema 12 leaves it, and it serves the same reads and writes.
        QTemporaryDir dir;
        const std::string path = dir.filePath("w.db").toStdString();
        const std::string hash = makeSchema11Texts(path);
        QVERIFY(!hash.empty());
        auto ws = Workspace::open(path);
        QVERIFY2(ws, ws ? "" : ws.error().describe().c_str());
        SqliteDb& db = *ws->writer();
        QCOMPARE(db.queryInt("PRAGMA user_version").value(), int64_t(latestSchemaVersion()));
        const std::string table = db.queryText("SELECT sql FROM sqlite_master WHERE name = 'texts'").value();
        QVERIFY2(table.find("WITHOUT ROWID") != std::string::npos, table.c_str());
        QCOMPARE(getText(db, hash).value(), std::optional<std::string>("an older text"));
        QCOMPARE(putText(db, "an older text").value(), hash);
        QVERIFY(putText(db, "a newer text"));
        QCOMPARE(db.queryInt("SELECT COUNT(*) FROM texts").value(), int64_t(2));
    }

    // db compact: the older layout's texts move to schema 12's, references and all, in one go.
    void compactGivesOlderTextsTheCurrentLayout() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("w.db").toStdString();
        auto ws = openSchema11Workspace(path);
        QVERIFY2(ws, ws ? "" : ws.error().describe().c_str());
        SqliteDb& db = *ws->writer();
        QVERIFY(textsLayout(db).find("WITHOUT ROWID") != std::string::npos);
        TaskSet set;
        set.name = "older";
        for (int i = 0; i < 30; ++i) {
            TaskItem item;
            item.id = "q" + std::to_string(i), item.category = "c", item.references = {"a"};
            item.messages = {{"user", "question " + std::to_string(i)}};
            set.items.push_back(item);
        }
        auto saved = saveTaskSet(db, set, "test", 0);
        QVERIFY2(saved, saved ? "" : saved.error().describe().c_str());
        std::vector<std::string> hashes;
        for (int i = 0; i < 45000; ++i) // more than one batch of the copy
            hashes.push_back(putText(db, "answer " + std::to_string(i)).value());
        QVERIFY(db.exec("INSERT INTO texts VALUES ('', 'a text whose hash sorts first')")); // not lost by the copy
        QVERIFY(db.exec("CREATE TABLE scratch AS SELECT zeroblob(4000000) AS b")); // 4 MB of pages to free
        QVERIFY(db.exec("DROP TABLE scratch"));

        const int64_t secureDelete = db.queryInt("PRAGMA secure_delete").value();
        std::vector<std::pair<std::string, double>> steps;
        auto report = compactWorkspace(db, [&](std::string_view step, double f) { steps.emplace_back(step, f); });
        QVERIFY2(report, report ? "" : report.error().describe().c_str());
        QVERIFY(report->textsRebuilt);
        QCOMPARE(report->texts, int64_t(45002));
        QVERIFY2(report->bytesAfter + 4000000 < report->bytesBefore + 200000,
                 (std::to_string(report->bytesBefore) + " -> " + std::to_string(report->bytesAfter)).c_str());
        // Progress: the copy's batches as fractions through the hashes, rising, then the vacuum.
        QVERIFY(steps.size() >= 4);
        QCOMPARE(steps.front().first, std::string("texts"));
        QVERIFY(steps[1].second > steps[0].second && steps[1].second < 1);
        QCOMPARE(steps.back(), (std::pair<std::string, double>("vacuum", 1)));

        QVERIFY(textsLayout(db).find("WITHOUT ROWID") == std::string::npos);
        QCOMPARE(db.queryInt("SELECT \"unique\" FROM pragma_index_list('texts') WHERE name = 'texts_by_hash'").value(),
                 int64_t(1));
        QCOMPARE(db.queryText("PRAGMA integrity_check").value(), std::string("ok"));
        QCOMPARE(db.queryInt("SELECT COUNT(*) FROM texts").value(), int64_t(45002));
        QCOMPARE(getText(db, "").value(), std::optional<std::string>("a text whose hash sorts first"));
        QCOMPARE(getText(db, hashes[12345]).value(), std::optional<std::string>("answer 12345"));
        QCOMPARE(putText(db, "answer 7").value(), hashes[7]);
        auto loaded = loadTaskSet(db, "older");
        QVERIFY(loaded);
        QCOMPARE(loaded->items, set.items);
        // The connection's settings are back.
        QCOMPARE(db.queryInt("PRAGMA foreign_keys").value(), int64_t(1));
        QCOMPARE(db.queryInt("PRAGMA temp_store").value(), int64_t(2)); // MEMORY, as Workspace::open sets it
        QCOMPARE(db.queryInt("PRAGMA secure_delete").value(), secureDelete);
        QVERIFY(!db.exec(itemOfAMissingSet(901)));

        auto again = compactWorkspace(db);
        QVERIFY(again);
        QVERIFY(!again->textsRebuilt);
        QCOMPARE(again->texts, int64_t(0));
    }

    // Found by a hostile test: a compact beside a run made the run fail ("database is locked"),
    // and a reader kept the WAL from being truncated (the file left at twice its size, exit 0).
    void compactRefusesAWorkspaceInUse() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("w.db").toStdString();
        auto ws = openSchema11Workspace(path);
        QVERIFY2(ws, ws ? "" : ws.error().describe().c_str());
        SqliteDb& db = *ws->writer();
        {
            auto other = ws->openReader();
            QVERIFY(other);
            QCOMPARE((*other)->queryInt("SELECT COUNT(*) FROM texts").value(), int64_t(1));
            auto report = compactWorkspace(db);
            QVERIFY(!report);
            QCOMPARE(report.error().kind, ErrorKind::Io);
            QVERIFY2(report.error().message.find("another process has the workspace open") != std::string::npos,
                     report.error().message.c_str());
            QVERIFY(textsLayout(db).find("WITHOUT ROWID") != std::string::npos);
            QCOMPARE(db.queryText("PRAGMA journal_mode").value(), std::string("wal"));
        }
        auto report = compactWorkspace(db); // alone now
        QVERIFY2(report, report ? "" : report.error().describe().c_str());
        QVERIFY(report->textsRebuilt);
        // Shared again, in WAL: another connection reads and writes beside this one.
        QCOMPARE(db.queryText("PRAGMA journal_mode").value(), std::string("wal"));
        auto other = ws->openReader();
        QVERIFY(other);
        QCOMPARE((*other)->queryInt("SELECT COUNT(*) FROM texts").value(), int64_t(1));
        QVERIFY(putText(db, "after the compact"));
        auto again = Workspace::open(path);
        QVERIFY2(again, again ? "" : again.error().describe().c_str());
        QCOMPARE(again->writer()->queryInt("SELECT COUNT(*) FROM texts").value(), int64_t(2));
    }

    void compactChangesNothingWhenAReferenceIsBroken() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("w.db").toStdString();
        auto ws = openSchema11Workspace(path);
        QVERIFY2(ws, ws ? "" : ws.error().describe().c_str());
        SqliteDb& db = *ws->writer();
        QVERIFY(putText(db, "kept"));
        QVERIFY(db.exec("PRAGMA foreign_keys = OFF"));
        QVERIFY(db.exec(itemOfAMissingSet(901)));
        QVERIFY(db.exec("PRAGMA foreign_keys = ON"));
        auto report = compactWorkspace(db);
        QVERIFY(!report);
        QCOMPARE(report.error().kind, ErrorKind::BadInput);
        QVERIFY2(report.error().message.find("items row") != std::string::npos &&
                     report.error().message.find("nothing was changed") != std::string::npos,
                 report.error().message.c_str());
        QVERIFY(textsLayout(db).find("WITHOUT ROWID") != std::string::npos);
        QCOMPARE(db.queryInt("SELECT COUNT(*) FROM sqlite_master WHERE name = 'texts_v12'").value(), int64_t(0));
        QCOMPARE(db.queryInt("PRAGMA foreign_keys").value(), int64_t(1));
        QCOMPARE(db.queryInt("SELECT COUNT(*) FROM texts").value(), int64_t(2));
    }

    // Schema 14: an older workspace's items are copied with their messages, read back the same,
    // and their texts stay where they were; a set imported after is stored the same way.
    void aSchema13WorkspacesItemsHoldTheirMessagesOnceMigrated() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("w.db").toStdString();
        QVERIFY(makeSchema13Items(path));
        auto ws = Workspace::open(path);
        QVERIFY2(ws, ws ? "" : ws.error().describe().c_str());
        SqliteDb& db = *ws->writer();
        QCOMPARE(db.queryInt("PRAGMA user_version").value(), int64_t(latestSchemaVersion()));
        QCOMPARE(db.queryText("SELECT group_concat(name) FROM pragma_table_info('items')").value(),
                 std::string("task_set_id,position,item_id,category,messages,references_json,grader,metadata"));
        QCOMPARE(db.queryText("PRAGMA integrity_check").value(), std::string("ok"));
        QCOMPARE(db.queryText("PRAGMA foreign_key_check").value(), std::string());
        QCOMPARE(db.queryText("SELECT group_concat(name) FROM (SELECT name FROM pragma_index_list('items') "
                              "ORDER BY name)").value(),
                 std::string("items_by_position,sqlite_autoindex_items_1"));
        QCOMPARE(db.queryInt("SELECT COUNT(*) FROM sqlite_master WHERE name LIKE '%v14%'").value(), int64_t(0));
        const TaskSet set = olderItems();
        auto loaded = loadTaskSet(db, "older");
        QVERIFY2(loaded, loaded ? "" : loaded.error().describe().c_str());
        QCOMPARE(loaded->items, set.items);
        QCOMPARE(loadTaskItem(db, "older", "q2").value(), std::optional<TaskItem>(set.items[2]));
        QCOMPARE(db.queryText("SELECT messages FROM items WHERE item_id = 'q0'").value(),
                 dumpTaskItem(set.items[0]).messages);
        QCOMPARE(db.queryInt("SELECT COUNT(*) FROM texts").value(), int64_t(3));

        TaskSet newer = set;
        newer.name = "newer";
        newer.items.pop_back();
        auto saved = saveTaskSet(db, newer, "test", 0);
        QVERIFY2(saved, saved ? "" : saved.error().describe().c_str());
        QCOMPARE(loadTaskSet(db, "newer").value().items, newer.items);
        QCOMPARE(db.queryInt("SELECT COUNT(*) FROM texts").value(), int64_t(3)); // nothing more in texts
    }

    // An item whose text is missing, or whose set is gone (a damaged workspace), stops the step:
    // nothing is lost, the error says it is damage (exit 1, not an internal error) and what to do,
    // and the workspace is still read as it is, so `db check` can say which row (a hostile test:
    // every command exited 3 and none could diagnose it).
    void aDamagedItemStopsTheMigrationAndIsReadAsItIs_data() {
        QTest::addColumn<QString>("damage");
        QTest::addColumn<QString>("reference");
        QTest::newRow("text gone") << "DELETE FROM texts WHERE body LIKE '%question 1%'" << "(to texts)";
        QTest::newRow("set gone") << "UPDATE items SET task_set_id = 99 WHERE item_id = 'q1'" << "(to task_sets)";
    }
    void aDamagedItemStopsTheMigrationAndIsReadAsItIs() {
        QFETCH(QString, damage);
        QFETCH(QString, reference);
        QTemporaryDir dir;
        const std::string path = dir.filePath("w.db").toStdString();
        QVERIFY(makeSchema13Items(path));
        {
            auto db = SqliteDb::open(path, SqliteDb::Mode::ReadWrite).value();
            QVERIFY(db->exec("PRAGMA foreign_keys = OFF") && db->exec(damage.toStdString()));
        }
        auto ws = Workspace::open(path);
        QVERIFY(!ws);
        QCOMPARE(ws.error().kind, ErrorKind::BadInput);
        QVERIFY2(ws.error().message.starts_with(path + ": could not migrate it to schema 14 (") &&
                     ws.error().message.find("a row of it is damaged, and nothing of that step was changed. "
                                             "`baton-cli db check --db " + path + "` says which") != std::string::npos,
                 ws.error().message.c_str());
        auto db = SqliteDb::open(path, SqliteDb::Mode::ReadOnly).value();
        QCOMPARE(db->queryInt("PRAGMA user_version").value(), int64_t(13));
        QCOMPARE(db->queryInt("SELECT COUNT(*) FROM items WHERE messages_hash IS NOT NULL").value(), int64_t(3));

        auto asItIs = Workspace::openForReading(path);
        QVERIFY2(asItIs, asItIs ? "" : asItIs.error().describe().c_str());
        QVERIFY(asItIs->readOnly());
        QVERIFY(asItIs->notMigrated());
        QCOMPARE(asItIs->notMigrated()->message, ws.error().message);
        auto reader = asItIs->openReader().value();
        QCOMPARE(loadTaskItem(*reader, "older", "q0").value(), std::optional<TaskItem>(olderItems().items[0]));
        if (reference == "(to texts)") { // the damaged item is not left out without a word
            auto set = loadTaskSet(*reader, "older");
            QVERIFY(!set);
            QCOMPARE(set.error().message, std::string("item \"q1\" has lost its messages (their text is not in the "
                                                      "workspace, which is damaged); `baton-cli db check` says more"));
        }
        auto checked = Workspace::checkReferences(*reader);
        QVERIFY(!checked);
        QVERIFY2(checked.error().message.find("the first items row 2 " + reference.toStdString()) != std::string::npos,
                 checked.error().message.c_str());
    }

    // Another process migrating a big workspace holds the lock longer than SQLite's busy timeout
    // (5 s): the second command waited 5 s, then failed, in 10 of 10 tries at 1M items.
    void aMigrationWaitsForAnotherOnesLongStep() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("w.db").toStdString();
        QVERIFY(makeSchema13Items(path));
        auto other = SqliteDb::open(path, SqliteDb::Mode::ReadWrite).value();
        QVERIFY(other->exec("BEGIN IMMEDIATE"));
        std::thread release([&other] {
            std::this_thread::sleep_for(std::chrono::milliseconds(SqliteDb::kBusyTimeoutMs + 1000));
            (void)other->exec("ROLLBACK");
        });
        auto ws = Workspace::open(path);
        release.join();
        QVERIFY2(ws, ws ? "" : ws.error().describe().c_str());
        QCOMPARE(ws->writer()->queryInt("PRAGMA user_version").value(), int64_t(latestSchemaVersion()));
    }

    // A step that fills the disk says where SQLite puts its temporary files too: the copy's
    // journal goes there, and "free some space" sent a user to the wrong disk.
    void aFullDiskNamesTheTemporaryFolder() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("w.db").toStdString();
        QVERIFY(makeSchema13Items(path));
        auto db = SqliteDb::open(path, SqliteDb::Mode::ReadWrite).value();
        QVERIFY(db->exec("WITH RECURSIVE n(i) AS (SELECT 3 UNION ALL SELECT i + 1 FROM n WHERE i < 3000) "
                         "INSERT INTO items (task_set_id, position, item_id, category, messages_hash, references_json, "
                         "metadata) SELECT 1, i, 'q' || i, 'c', messages_hash, '[]', '{}' FROM n, "
                         "(SELECT messages_hash FROM items WHERE item_id = 'q0')")); // more than the freed pages hold
        const int64_t pages = db->queryInt("PRAGMA page_count").value();
        QVERIFY(db->exec("PRAGMA max_page_count = " + std::to_string(pages))); // no room to grow
        auto migrated = migrate(*db);
        QVERIFY(!migrated);
        QCOMPARE(migrated.error().kind, ErrorKind::Io);
        QVERIFY2(migrated.error().message.find("free about the workspace's size on its disk and in SQLite's temporary "
                                               "folder (") != std::string::npos,
                 migrated.error().message.c_str());
        QCOMPARE(db->queryInt("PRAGMA user_version").value(), int64_t(13));
    }

    // A read-only copy of schema 13 is read as it is (issue 16, item 12): its items' messages
    // are found in `texts`.
    void aReadOnlySchema13CopyReadsItsItemsFromTexts() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("w.db").toStdString();
        QVERIFY(makeSchema13Items(path));
        QVERIFY(oldestSchemaReadAsItIs() <= 13);
        auto db = SqliteDb::open(path, SqliteDb::Mode::ReadOnly).value();
        QCOMPARE(hasColumn(*db, "items", "messages").value(), false);
        QCOMPARE(hasColumn(*db, "items", "messages_hash").value(), true);
        QCOMPARE(hasColumn(*db, "no_such_table", "messages").value(), false);
        QCOMPARE(hasTable(*db, "call_texts").value(), true);
        QCOMPARE(hasTable(*db, "items_v14").value(), false);
        auto loaded = loadTaskSet(*db, "older");
        QVERIFY2(loaded, loaded ? "" : loaded.error().describe().c_str());
        QCOMPARE(loaded->items, olderItems().items);
        QCOMPARE(loadTaskItem(*db, "older", "q1").value(), std::optional<TaskItem>(olderItems().items[1]));
    }
};

QTEST_GUILESS_MAIN(TestWorkspaceLayout)
#include "tst_workspace_layout.moc"
