// SPDX-License-Identifier: MIT
#include "io/task_import.h"

#include "core_printers.h"

#include <QTest>

using namespace baton::core;

namespace {

std::string fixture(const char* name) {
    return std::string(BATON_TEST_DATA "/tasks/") + name;
}

std::vector<std::string> locations(const std::vector<Diagnostic>& ds) {
    std::vector<std::string> out;
    for (const auto& d : ds)
        out.push_back(d.location);
    return out;
}

} // namespace

class TestTaskImport : public QObject {
    Q_OBJECT
private slots:
    void jsonlFieldsMessagesAndMetadata() {
        auto imported = importTasks(fixture("good.jsonl"), {});
        QVERIFY2(imported, imported ? "" : imported.error().describe().c_str());
        const auto& items = imported->set.items;
        QCOMPARE(items.size(), size_t(3));
        QCOMPARE(imported->set.name, std::string("good"));
        QCOMPARE(items[0].references, std::vector<std::string>{"42"});
        QVERIFY(items[0].grader->kind == GraderKind::Numeric);
        QCOMPARE(items[1].messages.size(), size_t(2));
        QCOMPARE(items[1].prompt(), std::string("Capital of France? (A) Rome (B) Paris"));
        QCOMPARE(items[1].metadata["source"].get<std::string>(), std::string("hand"));
        QCOMPARE(items[2].id, std::string("3"));
        QCOMPARE(items[2].category, std::string("general"));
        QCOMPARE(items[2].references.size(), size_t(2));
    }

    void everyBadLineIsReportedAndNothingImported() {
        auto imported = importTasks(fixture("bad_lines.jsonl"), {});
        QVERIFY(!imported);
        QCOMPARE(imported.error().kind, ErrorKind::BadInput);
        QCOMPARE(locations(imported.error().problems),
                 (std::vector<std::string>{"line 2", "line 3", "line 4", "line 5", "line 6"}));
        QVERIFY(imported.error().message.find("--skip-bad") != std::string::npos);
        QVERIFY(imported.error().problems[2].message.find("duplicate id \"a\" (first on line 1)") != std::string::npos);
        QVERIFY(imported.error().problems[4].message.find("unknown grader \"telepathy\"") != std::string::npos);
    }

    void skipBadKeepsTheGoodLines() {
        ImportOptions options;
        options.skipBad = true;
        auto imported = importTasks(fixture("bad_lines.jsonl"), options);
        QVERIFY(imported);
        QCOMPARE(imported->set.items.size(), size_t(2));
        QCOMPARE(imported->set.items[0].id, std::string("a"));
        QCOMPARE(imported->set.items[1].id, std::string("g"));
        QCOMPARE(imported->skipped.size(), size_t(5));
        QCOMPARE(imported->skipped[0].severity, Severity::Warning);
    }

    void csvWithMappingQuotesAndNewlines() {
        ImportOptions options;
        for (const char* m : {"id=qid", "category=subject", "prompt=question", "answer=gold"})
            QVERIFY(applyMapping(options.mapping, m));
        auto imported = importTasks(fixture("mapped.csv"), options);
        QVERIFY2(imported, imported ? "" : imported.error().describe().c_str());
        const auto& items = imported->set.items;
        QCOMPARE(items.size(), size_t(3));
        QCOMPARE(items[0].prompt(), std::string("Capital of Italy, in one word?"));
        QCOMPARE(items[1].prompt(), std::string("Compute:\n2 + 2"));
        QCOMPARE(items[1].metadata["notes"].get<std::string>(), std::string("multi\nline"));
        QCOMPARE(items[2].id, std::string("3"));
        QCOMPARE(items[2].category, std::string("geo"));
    }

    void csvBadRowsCarryTheirLine() {
        auto imported = importTasks(fixture("bad_columns.csv"), {});
        QVERIFY(!imported);
        QCOMPARE(locations(imported.error().problems), std::vector<std::string>{"line 3"});
        QVERIFY(imported.error().problems[0].message.find("expected 3 columns, found 4") != std::string::npos);
    }

    void csvMissingMappedColumn() {
        auto imported = importTasks(fixture("mapped.csv"), {});
        QVERIFY(!imported);
        QVERIFY(imported.error().message.find("no column \"prompt\" (columns: qid, subject, question, gold, notes)") !=
                std::string::npos);
    }

    void csvUnterminatedQuoteNamesItsLine() {
        auto imported = parseTasks("id,prompt,answer\n1,a,b\n2,\"open,c\n3,d,e\n", "t.csv", {});
        QVERIFY(!imported);
        QVERIFY2(imported.error().message.find("t.csv:3: a quoted field is never closed") != std::string::npos,
                 imported.error().message.c_str());
    }

    void unknownExtensionAsksForFormat() {
        auto imported = parseTasks("x", "tasks.txt", {});
        QVERIFY(!imported);
        QVERIFY(imported.error().message.find("--format") != std::string::npos);
    }

    void contentHashIgnoresNameButNotContent() {
        auto a = importTasks(fixture("good.jsonl"), {});
        ImportOptions renamed;
        renamed.name = "other";
        auto b = importTasks(fixture("good.jsonl"), renamed);
        QCOMPARE(a->set.contentHash(), b->set.contentHash());
        b->set.items[0].references = {"43"};
        QVERIFY(a->set.contentHash() != b->set.contentHash());
    }
};

QTEST_GUILESS_MAIN(TestTaskImport)
#include "tst_task_import.moc"
