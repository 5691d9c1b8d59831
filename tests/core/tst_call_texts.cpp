// SPDX-License-Identifier: MIT
// The call log's texts and the response cache, found by 8-byte keys since schema 13 (issue 15: the
// writer's cost per call grew with the run, as every call's two texts and its cache entry went to
// random places of indexes of 64-character hex keys). What a workspace of schema 12 holds is read
// as before, and its cache is carried over.

#include "run/call_logger.h"
#include "store/call_log.h"
#include "store/call_texts.h"
#include "store/hash_key.h"
#include "store/prior_calls.h"
#include "store/response_cache_table.h"
#include "store/schema.h"
#include "store/store_writer.h"
#include "store/text_store.h"
#include "store/workspace.h"
#include "util/sha256.h"

#include "core_printers.h"
#include "older_schema.h"

#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <future>
#include <sqlite3.h>
#include <thread>

using namespace baton::core;

namespace {

Call okCall(int64_t run, const std::string& item) {
    Call c;
    c.runId = run;
    c.itemId = item;
    c.strategy = "single";
    c.nodeId = "0";
    c.model = "sim/mini";
    c.status = CallStatus::Ok;
    c.cost = Money{1000};
    c.usage = TokenUsage::fromOpenAi(12, 0, 4, 0);
    return c;
}

int64_t count(SqliteDb& db, const std::string& table) {
    return db.queryInt("SELECT COUNT(*) FROM " + table).value_or(-1);
}

// A workspace as schema 12 left it.
const std::string kSchema12 = baton::test::kUndoSchemas13And14 + "; PRAGMA user_version = 12";

} // namespace

class TestCallTexts : public QObject {
    Q_OBJECT
private slots:
    void hashKeyIsTheFirst16HexDigits_data() {
        QTest::addColumn<QString>("hash");
        QTest::addColumn<qint64>("key");
        QTest::newRow("one") << "0000000000000001ffff" << qint64(1);
        QTest::newRow("the 17th digit is not read") << "00000000000000107" << qint64(16);
        QTest::newRow("all ones") << "ffffffffffffffff00" << qint64(-1);
        QTest::newRow("upper case") << "FFFFFFFFFFFFFFFE" << qint64(-2);
        QTest::newRow("the sign bit") << "8000000000000000" << qint64(INT64_MIN);
        QTest::newRow("largest") << "7fffffffffffffff" << qint64(INT64_MAX);
        QTest::newRow("short") << "1" << qint64(0x1000000000000000);
        QTest::newRow("not hex") << "zz00000000000001" << qint64(1);
        QTest::newRow("empty") << "" << qint64(0);
    }
    void hashKeyIsTheFirst16HexDigits() {
        QFETCH(QString, hash);
        QFETCH(qint64, key);
        QCOMPARE(hashKey(hash.toStdString()), int64_t(key));
    }

    // A run's texts go to the call texts, none to `texts`; they are read back by their hashes.
    void aRunsTextsAreCallTexts() {
        QTemporaryDir dir;
        auto ws = Workspace::open(dir.filePath("w.db").toStdString());
        QVERIFY2(ws, ws ? "" : ws.error().describe().c_str());
        {
            StoreWriter writer(ws->takeWriter());
            CallLogger logger(writer);
            int64_t run = insertRun(writer, Run{}).value();
            logger.log(okCall(run, "a"), "the request of a", "the response of a");
            logger.log(okCall(run, "b"), "the request of b", "the response of a"); // the same answer
            QVERIFY(logger.flush());
        }
        auto reader = ws->openReader().value();
        QCOMPARE(count(*reader, "texts"), int64_t(0));
        QCOMPARE(count(*reader, "call_texts"), int64_t(3));
        auto calls = loadCalls(*reader, 1).value();
        QCOMPARE(calls.size(), size_t(2));
        QCOMPARE(calls[0].requestHash, sha256Hex("the request of a"));
        QCOMPARE(calls[1].responseHash, sha256Hex("the response of a"));
        QCOMPARE(getText(*reader, calls[1].requestHash).value(), std::optional<std::string>("the request of b"));
        QCOMPARE(getText(*reader, calls[0].responseHash).value(), std::optional<std::string>("the response of a"));
        QCOMPARE(getText(*reader, sha256Hex("never logged")).value(), std::optional<std::string>());
        auto prior = loadPriorCalls(*reader, 1).value();
        QCOMPARE(prior.finished.size(), size_t(2));
        QCOMPARE(prior.finished.at(nodeKey("b", "single", "0")).text, std::string("the response of a"));
        auto info = ws->info().value(); // db info counts them
        QCOMPARE(info.rowCounts.at("call_texts"), int64_t(3));
        QCOMPARE(info.rowCounts.at("texts"), int64_t(0));
    }

    // Two texts whose hashes share their first 8 bytes are two texts: the whole hash decides.
    void aSharedKeyIsNotTheSameText() {
        QTemporaryDir dir;
        auto ws = Workspace::open(dir.filePath("w.db").toStdString());
        QVERIFY(ws);
        SqliteDb& db = *ws->writer();
        const std::string hash = sha256Hex("the real text");
        const std::string twin = hash.substr(0, 16) + std::string(48, '0'); // same key, another hash
        QVERIFY(db.exec("INSERT INTO call_texts (key, hash, body) VALUES (" + std::to_string(hashKey(hash)) + ", '" +
                        twin + "', 'the twin')"));
        QCOMPARE(putCallText(db, "the real text").value(), hash);
        QCOMPARE(count(db, "call_texts"), int64_t(2));
        QCOMPARE(findCallText(db, hash).value(), std::optional<std::string>("the real text"));
        QCOMPARE(findCallText(db, twin).value(), std::optional<std::string>("the twin"));
        QCOMPARE(putCallText(db, "the real text").value(), hash); // stored once
        QCOMPARE(count(db, "call_texts"), int64_t(2));
    }

    // The cache keeps the first answer of a key; another key with the same first 8 bytes is a miss.
    void theCacheIsFoundByItsWholeKey() {
        QTemporaryDir dir;
        auto ws = Workspace::open(dir.filePath("w.db").toStdString());
        QVERIFY(ws);
        SqliteDb& db = *ws->writer();
        const std::string key = sha256Hex("a request");
        const std::string twin = key.substr(0, 16) + std::string(48, 'f');
        CachedResponse first{"first answer", TokenUsage::fromOpenAi(3, 0, 2, 0), "stop", 12.5, 3.0};
        CachedResponse second{"second answer", TokenUsage::fromOpenAi(3, 0, 2, 0), "stop", 1.0, 1.0};
        QVERIFY(insertCachedResponse(db, key, first, 1));
        QVERIFY(insertCachedResponse(db, key, second, 2));
        auto found = findCachedResponse(db, key);
        QVERIFY(found);
        QCOMPARE(found->text, std::string("first answer"));
        QCOMPARE(found->latencyMs, std::optional<double>(12.5));
        QCOMPARE(bool(findCachedResponse(db, twin)), false);
        QCOMPARE(count(db, "response_cache"), int64_t(1));
        QCOMPARE(count(db, "texts"), int64_t(0)); // the answers are call texts (a run logs them with the calls)
        QCOMPARE(count(db, "call_texts"), int64_t(2));
    }

    // db check finds a cached answer whose text is gone (found by a hostile test: schema 12's
    // foreign key from the cache to texts(hash) found it; schema 13 has none, and db check said
    // every reference finds its row while bundle export failed on that text).
    void aCachedAnswerWithoutItsTextIsFound() {
        QTemporaryDir dir;
        auto ws = Workspace::open(dir.filePath("w.db").toStdString());
        QVERIFY(ws);
        SqliteDb& db = *ws->writer();
        CachedResponse answer{"kept answer", TokenUsage::fromOpenAi(3, 0, 2, 0), "stop", 1.0, 1.0};
        QVERIFY(insertCachedResponse(db, sha256Hex("first request"), answer, 1));
        answer.text = "lost answer";
        QVERIFY(insertCachedResponse(db, sha256Hex("second request"), answer, 2));
        QVERIFY(Workspace::checkReferences(db));
        QVERIFY(db.exec("DELETE FROM call_texts WHERE body = 'lost answer'"));
        auto checked = Workspace::checkReferences(db);
        QVERIFY(!checked);
        QVERIFY2(checked.error().message.find(": 1 row(s) refer to a row that is missing, the first response_cache "
                                              "row 2 (to its answer's text)") != std::string::npos,
                 checked.error().message.c_str());
    }

    // A cached answer that cannot answer (its text gone) is a miss; the next answer of its key
    // takes its place. Before, the first row was kept whatever it held, so every run paid for that
    // request again.
    void aCachedAnswerWithoutItsTextIsReplaced() {
        QTemporaryDir dir;
        auto ws = Workspace::open(dir.filePath("w.db").toStdString());
        QVERIFY(ws);
        SqliteDb& db = *ws->writer();
        const std::string key = sha256Hex("a request");
        CachedResponse lost{"lost answer", TokenUsage::fromOpenAi(3, 0, 2, 0), "stop", 1.0, 1.0};
        QVERIFY(insertCachedResponse(db, key, lost, 1));
        QVERIFY(db.exec("DELETE FROM call_texts WHERE body = 'lost answer'"));
        QCOMPARE(bool(findCachedResponse(db, key)), false);
        CachedResponse again{"answer again", TokenUsage::fromOpenAi(4, 0, 5, 0), "length", 7.0, 2.0};
        QVERIFY(insertCachedResponse(db, key, again, 2));
        auto found = findCachedResponse(db, key);
        QVERIFY(found);
        QCOMPARE(found->text, std::string("answer again"));
        QCOMPARE(found->usage.output, std::optional<int64_t>(5));
        QCOMPARE(found->finishReason, std::string("length"));
        QCOMPARE(found->latencyMs, std::optional<double>(7.0));
        QCOMPARE(count(db, "response_cache"), int64_t(1));
        QVERIFY(Workspace::checkReferences(db));
    }

    // A workspace of schema 12 opened by this build: its calls' texts stay in `texts` and are read
    // from there (its resume finds its answered calls), its cache is carried over and still answers,
    // and what is logged after goes to the call texts.
    void aSchema12WorkspaceIsMigratedWithItsTextsAndCache() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("w.db").toStdString();
        const std::string key = sha256Hex("an older request");
        {
            auto ws = Workspace::open(path);
            QVERIFY(ws);
            SqliteDb& db = *ws->writer();
            QVERIFY(db.exec("PRAGMA foreign_keys = OFF") && db.exec(kSchema12) && db.exec("PRAGMA foreign_keys = ON"));
            int64_t run = insertRun(db, Run{}).value();
            Call c = okCall(run, "old");
            c.requestHash = putText(db, "an older request").value();
            c.responseHash = putText(db, "an older answer").value();
            QVERIFY(insertCall(db, c));
            QVERIFY(db.exec("INSERT INTO response_cache (key, response_hash, usage, finish_reason, created_at_ms, "
                            "latency_ms) VALUES ('" + key + "', '" + c.responseHash +
                            "', '{\"input\":5,\"output\":7}', 'stop', 1, 40.0)"));
        }
        auto ws = Workspace::open(path);
        QVERIFY2(ws, ws ? "" : ws.error().describe().c_str());
        SqliteDb& db = *ws->writer();
        QCOMPARE(db.queryInt("PRAGMA user_version").value(), int64_t(latestSchemaVersion()));
        QCOMPARE(db.queryText("PRAGMA foreign_key_check").value(), std::string());
        auto cached = findCachedResponse(db, key);
        QVERIFY(cached);
        QCOMPARE(cached->text, std::string("an older answer"));
        QCOMPARE(cached->usage.output, std::optional<int64_t>(7));
        QCOMPARE(cached->latencyMs, std::optional<double>(40.0));
        {
            StoreWriter writer(ws->takeWriter());
            CallLogger logger(writer);
            logger.log(okCall(1, "new"), "a newer request", "a newer answer");
            QVERIFY(logger.flush());
        }
        auto reader = ws->openReader().value();
        QCOMPARE(count(*reader, "texts"), int64_t(2));
        QCOMPARE(count(*reader, "call_texts"), int64_t(2));
        auto prior = loadPriorCalls(*reader, 1).value();
        QCOMPARE(prior.finished.size(), size_t(2));
        QCOMPARE(prior.finished.at(nodeKey("old", "single", "0")).text, std::string("an older answer"));
        QCOMPARE(prior.finished.at(nodeKey("new", "single", "0")).text, std::string("a newer answer"));
    }

    // Two processes opening a workspace of schema 12 at once (found by a hostile test: 6 times in
    // 10): the second read schema 12, waited for the lock while the first migrated, then ran the
    // migration again and failed ("table call_texts already exists", exit 3).
    void aMigrationDoneWhileWaitingIsNotRunAgain() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("w.db").toStdString();
        {
            auto ws = Workspace::open(path);
            QVERIFY(ws);
            QVERIFY(ws->writer()->exec("PRAGMA foreign_keys = OFF") && ws->writer()->exec(kSchema12));
        }
        auto first = SqliteDb::open(path, SqliteDb::Mode::ReadWrite).value();
        auto second = SqliteDb::open(path, SqliteDb::Mode::ReadWrite).value();
        QVERIFY(first->exec("BEGIN IMMEDIATE"));
        struct Gate {
            std::atomic<bool> waiting{false}, open{false};
        } gate;
        // The second waits for the lock until the test lets it try again.
        sqlite3_busy_handler(
            second->handle(),
            [](void* g, int) -> int {
                auto* gate = static_cast<Gate*>(g);
                gate->waiting = true;
                while (!gate->open)
                    std::this_thread::sleep_for(std::chrono::milliseconds(1));
                return 1;
            },
            &gate);
        auto migrated = std::async(std::launch::async, [&] { return migrate(*second); });
        while (!gate.waiting)
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        QVERIFY(first->exec("ROLLBACK"));
        auto byFirst = migrate(*first);
        QVERIFY2(byFirst, byFirst ? "" : byFirst.error().describe().c_str());
        gate.open = true;
        auto bySecond = migrated.get();
        QVERIFY2(bySecond, bySecond ? "" : bySecond.error().describe().c_str());
        QCOMPARE(second->queryInt("PRAGMA user_version").value(), int64_t(latestSchemaVersion()));
    }

    // A failed step says which schema it was going to and SQLite's reason, not a piece of its SQL.
    void aFailedMigrationSaysWhichStep() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("w.db").toStdString();
        {
            auto ws = Workspace::open(path);
            QVERIFY(ws);
            QVERIFY(ws->writer()->exec("PRAGMA foreign_keys = OFF") && ws->writer()->exec(kSchema12));
            QVERIFY(ws->writer()->exec("CREATE TABLE call_texts (x)")); // in the way of schema 13
        }
        auto db = SqliteDb::open(path, SqliteDb::Mode::ReadWrite).value();
        auto migrated = migrate(*db);
        QVERIFY(!migrated);
        QCOMPARE(migrated.error().message, path + ": could not migrate it to schema 13 (table call_texts already "
                                                  "exists); nothing of that step was changed.");
        QCOMPARE(db->queryInt("PRAGMA user_version").value(), int64_t(12));
    }

    // A read-only workspace of schema 12 is read without migrating: a text it lacks is not there,
    // not an error about a table it does not have.
    void aSchema12ConnectionHasNoCallTexts() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("w.db").toStdString();
        {
            auto ws = Workspace::open(path);
            QVERIFY(ws);
            SqliteDb& db = *ws->writer();
            QVERIFY(db.exec("PRAGMA foreign_keys = OFF") && db.exec(kSchema12));
            QVERIFY(putText(db, "kept"));
        }
        auto db = SqliteDb::open(path, SqliteDb::Mode::ReadOnly);
        QVERIFY(db);
        QCOMPARE(getText(**db, sha256Hex("kept")).value(), std::optional<std::string>("kept"));
        auto missing = getText(**db, sha256Hex("not kept"));
        QVERIFY2(missing, missing ? "" : missing.error().describe().c_str());
        QCOMPARE(*missing, std::optional<std::string>());
        QVERIFY(oldestSchemaReadAsItIs() <= 12);
    }
};

QTEST_GUILESS_MAIN(TestCallTexts)
#include "tst_call_texts.moc"
