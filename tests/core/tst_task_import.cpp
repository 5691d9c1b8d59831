// SPDX-License-Identifier: MIT
#include "io/task_export.h"
#include "io/read_ahead_items.h"
#include "io/task_import.h"
#include "model/task_set_hasher.h"
#include "sim/demo_tasks.h"
#include "util/file_io.h"
#include "util/sha256.h"

#include "core_printers.h"
#include "fifo_lines.h"

#include <QTemporaryDir>
#include <QTest>
#include <cstdlib>
#include <fstream>
#include <new>
#include <optional>
#include <stop_token>
#include <thread>

using namespace baton::core;

// This program's operator new and delete: malloc and free, as the library's, with the blocks
// each thread frees counted (readAheadFreesTheRecordsOnItsOwnThread).
namespace {
thread_local size_t t_freed = 0;
void* allocate(size_t size) {
    if (void* p = std::malloc(size ? size : 1)) return p;
    throw std::bad_alloc();
}
void release(void* p) noexcept {
    if (p) ++t_freed;
    std::free(p);
}
} // namespace
void* operator new(size_t size) {
    return allocate(size);
}
void* operator new[](size_t size) {
    return allocate(size);
}
void operator delete(void* p) noexcept {
    release(p);
}
void operator delete[](void* p) noexcept {
    release(p);
}
void operator delete(void* p, size_t) noexcept {
    release(p);
}
void operator delete[](void* p, size_t) noexcept {
    release(p);
}

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

/// The hash as every workspace stored it so far: one JSON tree of the whole set, dumped.
std::string treeHash(const TaskSet& set) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& item : set.items)
        items.push_back(toJson(item));
    nlohmann::json canonical = {{"default_grader", toJson(set.defaultGrader)}, {"items", items}};
    return sha256Hex(canonical.dump());
}

/// The golden task-import inputs with their options, as tst_golden reads them.
std::vector<std::pair<std::string, ImportOptions>> goldenInputs() {
    std::vector<std::pair<std::string, ImportOptions>> out;
    std::string root = BATON_TEST_DATA "/task_import/";
    for (const char* name : {"jsonl", "csv-mapped", "bad-lines-skipped"}) {
        ImportOptions options;
        std::string dir = root + name + "/input/";
        auto json = readTextFile(dir + "options.json");
        if (json) {
            auto o = nlohmann::json::parse(*json);
            for (const auto& m : o.value("map", nlohmann::json::array()))
                applyMapping(options.mapping, m.get<std::string>());
            options.skipBad = o.value("skip_bad", false);
        }
        std::string file = readTextFile(dir + "tasks.jsonl") ? dir + "tasks.jsonl" : dir + "tasks.csv";
        out.emplace_back(file, options);
    }
    return out;
}

} // namespace

class TestTaskImport : public QObject {
    Q_OBJECT
private slots:
    void contentHashIsStreamedAndUnchanged() {
        std::vector<TaskSet> sets = {generateDemoTasks(1, 5), generateDemoTasks(2, 1)};
        for (const auto& [file, options] : goldenInputs()) {
            auto imported = importTasks(file, options);
            QVERIFY2(imported, imported ? "" : imported.error().describe().c_str());
            sets.push_back(imported->set);
        }
        sets.push_back(TaskSet{}); // no items: {"default_grader":...,"items":[]}
        sets.back().defaultGrader.kind = GraderKind::Numeric;
        for (const auto& set : sets) {
            TaskSetHasher hasher(set.defaultGrader);
            for (const auto& item : set.items)
                hasher.add(item);
            std::string streamed = hasher.finish();
            QCOMPARE(streamed, treeHash(set));
            QCOMPARE(set.contentHash(), streamed);
        }
    }

    // A run holds its parsed set to the end: the vector's room to grow was 9 MB at 90k items.
    void aParsedSetHoldsNoSpareRoom() {
        std::string text;
        for (int i = 0; i < 1000; ++i)
            text += "{\"id\":\"q" + std::to_string(i) + "\",\"prompt\":\"p\",\"answer\":\"a\"}\n";
        auto imported = parseTasks(text, "t.jsonl", ImportOptions{});
        QVERIFY(imported);
        QCOMPARE(imported->set.items.size(), size_t(1000));
        QCOMPARE(imported->set.items.capacity(), size_t(1000)); // 1024 as it grew
    }

    void anItemsDumpIsItsJsonTreesDump() {
        TaskItem plain;
        plain.id = "q1";
        plain.category = "math";
        plain.messages = {{"user", "What is 2+2?"}};
        plain.references = {"4"};
        TaskItem odd = plain;
        odd.id = "id with \"quotes\", a \\ and a tab\t";
        odd.category = "caf\xc3\xa9 \xe2\x88\x92 \xf0\x9f\x98\x80"; // UTF-8, escaped by nothing
        odd.messages = {{"system", "Be brief.\n\u0001"}, {"user", "</script>"}, {"assistant", ""}, {"user", "again"}};
        odd.references = {};
        GraderSpec grader;
        grader.kind = GraderKind::Regex;
        grader.pattern = R"(answer is (\d+))";
        odd.grader = grader;
        std::vector<nlohmann::json> metadata = {nlohmann::json::object(), nullptr, nlohmann::json::array(),
                                                {{"z", 1}, {"a", {{"nested", true}}}}, "a string", 3.5,
                                                nlohmann::json::array({1, "two"})};
        for (const TaskItem& base : {plain, odd})
            for (const auto& meta : metadata) {
                TaskItem item = base;
                item.metadata = meta;
                TaskItemDump dump = dumpTaskItem(item);
                QCOMPARE(dump.whole, toJson(item).dump());
                nlohmann::json tree = toJson(item);
                QCOMPARE(dump.messages, tree["messages"].dump());
                QCOMPARE(dump.references, tree["references"].dump());
                QCOMPARE(dump.metadata, item.metadata.dump());
                QCOMPARE(dump.grader, item.grader ? tree["grader"].dump() : std::string());
            }
    }

    void fileAndTextReadersAgree() {
        for (const auto& [file, options] : goldenInputs()) {
            auto fromFile = importTasks(file, options);
            auto fromText = parseTasks(readTextFile(file).value(), file, options);
            QVERIFY(fromFile && fromText);
            QVERIFY(fromFile->set.items == fromText->set.items);
            QCOMPARE(fromFile->skipped.size(), fromText->skipped.size());
        }
    }

    void readAheadGivesTheReadersRecordsInOrder() {
        QTemporaryDir dir;
        std::string path = dir.filePath("t.jsonl").toStdString();
        {
            std::ofstream out(path);
            for (int i = 1; i <= 5000; ++i) // more batches than are read ahead, a bad line now and then
                out << (i % 97 == 0 ? std::string("{\"prompt\": 3}")
                                    : "{\"id\":\"q" + std::to_string(i) + "\",\"prompt\":\"p" + std::to_string(i) +
                                          "\",\"answer\":\"" + std::to_string(i) + "\"}")
                    << "\n";
        }
        auto plain = TaskItemReader::fromFile(path, TaskFormat::Auto, {}).value();
        ReadAheadItems ahead(TaskItemReader::fromFile(path, TaskFormat::Auto, {}).value());
        ReadItem expected;
        size_t records = 0, bad = 0;
        while (plain->next(expected).value()) {
            ReadAheadItem* got = ahead.next().value();
            QVERIFY(got);
            QCOMPARE(got->read.line, expected.line);
            QCOMPARE(got->read.problem, expected.problem);
            if (expected.problem.empty()) {
                QVERIFY(got->read.item == expected.item);
                QCOMPARE(got->dump.whole, dumpTaskItem(expected.item).whole);
                QCOMPARE(got->dump.messages, dumpTaskItem(expected.item).messages);
            } else {
                ++bad;
            }
            ++records;
        }
        QCOMPARE(records, size_t(5000));
        QCOMPARE(bad, size_t(51));
        QVERIFY(!ahead.next().value());
        QVERIFY(!ahead.next().value()); // and stays at the end

        // An error that stops the file comes after every record before it.
        std::string csv = "id,prompt,answer\na,p,1\nb,\"never closed,2\n";
        ReadAheadItems broken(TaskItemReader::fromText(csv, "t.csv", TaskFormat::Auto, {}).value());
        ReadAheadItem* first = broken.next().value();
        QVERIFY(first);
        QCOMPARE(first->read.item.id, std::string("a"));
        auto end = broken.next();
        QVERIFY(!end);
        QVERIFY2(end.error().message.find("t.csv:3") != std::string::npos, end.error().message.c_str());

        // Left early (an import that failed): the thread, blocked with its batches full (5,000
        // records are more than 8 batches of 256), ends.
        ReadAheadItems left(TaskItemReader::fromFile(path, TaskFormat::Auto, {}).value());
        QVERIFY(left.next().value());
    }

    void readAheadFreesTheRecordsOnItsOwnThread() {
        QTemporaryDir dir;
        std::string path = dir.filePath("t.jsonl").toStdString();
        {
            std::ofstream out(path);
            for (int i = 1; i <= 20000; ++i) // prompts past the short-string buffer: each on the heap
                out << "{\"id\":\"q" << i << "\",\"prompt\":\"What is " << i
                    << " times 7? Answer with the number only.\",\"answer\":\"" << 7 * i << "\"}\n";
        }
        ReadAheadItems ahead(TaskItemReader::fromFile(path, TaskFormat::Auto, {}).value());
        // The first 10,000 records: the reader cannot have finished (it keeps at most 8 batches
        // of 256 ahead), so every batch handed out goes back to its thread to be freed. Before,
        // each record was moved out and the one before it freed here: some 10 blocks a record.
        size_t freedBefore = t_freed, taken = 0;
        std::string ids;
        for (; taken < 10000; ++taken) {
            ReadAheadItem* got = ahead.next().value();
            if (!got) break;
            if (taken % 1000 == 0) ids += got->read.item.id + " "; // touched in place
        }
        size_t freedHere = t_freed - freedBefore;
        QCOMPARE(taken, size_t(10000));
        QCOMPARE(ids, std::string("q1 q1001 q2001 q3001 q4001 q5001 q6001 q7001 q8001 q9001 "));
        QVERIFY2(freedHere < 100, std::to_string(freedHere).c_str());
    }

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

    // An id or answer written as a JSON number is kept as written: one above INT64_MAX was read with
    // get<int64_t>() and wrapped ("18446744073709551615" became "-1", the reference a different number).
    void largeWholeNumbersKeepTheirDigits() {
        ImportOptions options;
        options.format = TaskFormat::Jsonl;
        auto parsed =
            parseTasks("{\"id\": 18446744073709551615, \"prompt\": \"p\", \"answer\": 12345678901234567890}\n"
                       "{\"id\": -9223372036854775808, \"prompt\": \"q\", \"answer\": [9223372036854775808, -7]}\n",
                       "big.jsonl", options);
        QVERIFY2(parsed, parsed ? "" : parsed.error().describe().c_str());
        const auto& items = parsed->set.items;
        QCOMPARE(items.size(), size_t(2));
        QCOMPARE(items[0].id, std::string("18446744073709551615"));
        QCOMPARE(items[0].references, std::vector<std::string>{"12345678901234567890"});
        QCOMPARE(items[1].id, std::string("-9223372036854775808"));
        QCOMPARE(items[1].references, (std::vector<std::string>{"9223372036854775808", "-7"}));
    }

    // A stop asked during an import ends it at the next item, with nothing imported: the file (a
    // pipe held after its first 100 lines until the stop is asked) is not read on to its end.
    void aStopEndsTheImportAtTheNextItem() {
        QTemporaryDir dir;
        baton::test::FifoLines fifo(dir.filePath("held.jsonl").toStdString(), 100, 200000);
        QVERIFY(fifo.made());
        std::stop_source stop;
        std::optional<Result<ImportedTasks>> imported;
        std::jthread importer([&] { imported = importTasks(fifo.path(), {}, stop.get_token()); });
        fifo.waitFirst();
        stop.request_stop();
        fifo.release();
        importer.join();
        fifo.wait();
        QVERIFY(imported && !*imported);
        QVERIFY2(isImportCancelled(imported->error()), imported->error().describe().c_str());
        QVERIFY(fifo.readerClosed());
        QVERIFY2(fifo.written() < fifo.limit(), std::to_string(fifo.written()).c_str());
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
