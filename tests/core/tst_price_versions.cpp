// SPDX-License-Identifier: MIT
// Issue 17, prices that move: dated price-list versions kept in the workspace (schema v9), stored
// once per content, listed newest first, read back as the same price book, and an unknown
// version named with the versions there are.

#include "bundle/stored_prices.h"
#include "pricing/community_prices.h"
#include "store/price_versions.h"
#include "store/workspace.h"
#include "util/file_io.h"
#include "util/sha256.h"

#include <QTemporaryDir>
#include <QTest>

using namespace baton::core;

class TestPriceVersions : public QObject {
    Q_OBJECT

    static std::string sample() { return *readTextFile(BATON_TEST_DATA "/prices/community-sample/input/prices.json"); }

    static PriceVersion versionOf(const std::string& text, const std::string& asOf, int64_t at) {
        auto read = readCommunityPrices(text, "sample.json", asOf, "gateway list");
        if (!read) return {};
        return {0,
                at,
                asOf,
                "gateway list",
                sha256Hex(text),
                int64_t(read->book.entries().size()),
                read->book.toJsonText()};
    }

private slots:
    void storedOnceAndReadBackTheSame() {
        QTemporaryDir dir;
        auto ws = Workspace::open(dir.filePath("w.db").toStdString());
        QVERIFY(ws);
        SqliteDb& db = *ws->writer();
        PriceVersion first = versionOf(sample(), "2026-05-01", 1000);
        QVERIFY(!first.book.empty());
        auto saved = savePriceVersion(db, first);
        QVERIFY2(saved, saved ? "" : saved.error().describe().c_str());
        QVERIFY(saved->created);
        QVERIFY(saved->version.id > 0);
        QCOMPARE(saved->version.asOf, std::string("2026-05-01"));
        QCOMPARE(saved->version.modelCount, int64_t(4));

        // The same bytes again, even on another date: the same version, nothing added.
        auto again = savePriceVersion(db, versionOf(sample(), "2026-06-01", 2000));
        QVERIFY(again);
        QVERIFY(!again->created);
        QCOMPARE(again->version.id, saved->version.id);
        QCOMPARE(again->version.asOf, std::string("2026-05-01")); // the first date stays
        QCOMPARE(listPriceVersions(db)->size(), size_t(1));

        auto loaded = loadPriceVersion(db, saved->version.id);
        QVERIFY(loaded);
        QCOMPARE(loaded->book, first.book);
        QCOMPARE(loaded->sha256, sha256Hex(sample()));
        QCOMPARE(loaded->source, std::string("gateway list"));
        QCOMPARE(loaded->importedAtMs, int64_t(1000));
        auto book = loadPriceVersionBook(db, saved->version.id);
        QVERIFY(book);
        auto direct = readCommunityPrices(sample(), "sample.json", "2026-05-01", "gateway list");
        QCOMPARE(book->entries(), direct->book.entries());

        // Other content: a second version. Listed newest first by the date its prices were read.
        std::string older = sample();
        older.replace(older.find("2.5e-06"), 7, "2.0e-06");
        auto second = savePriceVersion(db, versionOf(older, "2025-12-01", 3000));
        QVERIFY(second && second->created);
        QVERIFY(second->version.id != saved->version.id);
        auto list = listPriceVersions(db);
        QVERIFY(list);
        QCOMPARE(list->size(), size_t(2));
        QCOMPARE(list->at(0).id, saved->version.id);
        QCOMPARE(list->at(1).id, second->version.id);
        QVERIFY(list->at(0).book.empty()); // listed without books
        QCOMPARE(loadPriceVersionBook(db, second->version.id)->find("openai/gpt-4o")->prices.input,
                 std::optional<double>(2.0));
    }

    void unknownVersionNamesTheVersionsThereAre() {
        QTemporaryDir dir;
        auto ws = Workspace::open(dir.filePath("w.db").toStdString());
        QVERIFY(ws);
        SqliteDb& db = *ws->writer();
        auto none = loadPriceVersion(db, 1);
        QVERIFY(!none);
        QCOMPARE(none.error().kind, ErrorKind::NotFound);
        QVERIFY2(none.error().message.find("prices import FILE --db") != std::string::npos,
                 none.error().message.c_str());
        auto saved = savePriceVersion(db, versionOf(sample(), "2026-05-01", 1000));
        QVERIFY(saved);
        auto unknown = loadPriceVersionBook(db, saved->version.id + 1);
        QVERIFY(!unknown);
        QCOMPARE(unknown.error().kind, ErrorKind::NotFound);
        std::string named = std::to_string(saved->version.id) + " (as of 2026-05-01)";
        QVERIFY2(unknown.error().message.find(named) != std::string::npos, unknown.error().message.c_str());
        QVERIFY(!savePriceVersion(db, PriceVersion{}).has_value()); // no content, no hash: refused
        QCOMPARE(listPriceVersions(db)->size(), size_t(1));
        // A file and a version at once: refused before anything is read.
        RepriceSource both;
        both.file = "prices.json";
        both.version = saved->version.id;
        auto r = repriceStoredRun(db, 1, both);
        QVERIFY(!r);
        QCOMPARE(r.error().kind, ErrorKind::BadInput);
    }
};

QTEST_GUILESS_MAIN(TestPriceVersions)
#include "tst_price_versions.moc"
