// SPDX-License-Identifier: MIT
// The texts table's two layouts (a rowid table since schema 12, keyed by hash before) and
// `db compact`, which moves an older workspace's texts to the current one.

#include "store/schema.h"
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
    bool made = db.exec("PRAGMA foreign_keys = OFF") && db.exec(baton::test::kUndoSchema13) &&
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

// SQL adding an item whose messages are the text `hash`: items(messages_hash) refers to texts(hash).
std::string itemWithMessages(int set, const std::string& hash) {
    const std::string id = std::to_string(set);
    return "INSERT INTO task_sets (id, name, content_hash, source, default_grader, item_count, imported_at_ms) "
           "VALUES (" + id + ", 's', 'set " + id + "', 'test', '{}', 1, 0); "
           "INSERT INTO items (task_set_id, position, item_id, category, messages_hash, references_json, metadata) "
           "VALUES (" + id + ", 0, 'i', 'c', '" + hash + "', '[]', '{}')";
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
        // The index is the parent key of the references to texts(hash).
        QVERIFY(!db.exec("SAVEPOINT s; " + itemWithMessages(901, "no such text")));
        QVERIFY(db.exec("ROLLBACK TO s; RELEASE s"));
        QVERIFY(db.exec(itemWithMessages(902, first)));
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
        QCOMPARE(report->texts, int64_t(45032));
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
        QCOMPARE(db.queryInt("SELECT COUNT(*) FROM texts").value(), int64_t(45032));
        QCOMPARE(getText(db, "").value(), std::optional<std::string>("a text whose hash sorts first"));
        QCOMPARE(getText(db, hashes[12345]).value(), std::optional<std::string>("answer 12345"));
        QCOMPARE(putText(db, "answer 7").value(), hashes[7]);
        auto loaded = loadTaskSet(db, "older");
        QVERIFY(loaded);
        QCOMPARE(loaded->items, set.items);
        // The connection's settings are back, and texts(hash) is still the references' parent key.
        QCOMPARE(db.queryInt("PRAGMA foreign_keys").value(), int64_t(1));
        QCOMPARE(db.queryInt("PRAGMA temp_store").value(), int64_t(2)); // MEMORY, as Workspace::open sets it
        QCOMPARE(db.queryInt("PRAGMA secure_delete").value(), secureDelete);
        QVERIFY(!db.exec("SAVEPOINT s; " + itemWithMessages(901, "no such text")));
        QVERIFY(db.exec("ROLLBACK TO s; RELEASE s"));

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
        QVERIFY(db.exec(itemWithMessages(901, "no such text")));
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

};

QTEST_GUILESS_MAIN(TestWorkspaceLayout)
#include "tst_workspace_layout.moc"
