// SPDX-License-Identifier: MIT
// Golden tests of every outcome-matrix importer: tests/data/matrix/<case>/{input,expected}.
// Regenerate an expected file (then check it by hand!) with BATON_REGENERATE_GOLDEN=1.

#include "matrix/matrix_import.h"
#include "matrix/matrix_json.h"
#include "matrix/matrix_store.h"
#include "store/workspace.h"
#include "util/file_io.h"
#include "util/sha256.h"

#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <filesystem>
#include <regex>

using namespace baton::core;
namespace fs = std::filesystem;

namespace {

std::string caseDir(const QString& name) {
    return std::string(BATON_TEST_DATA) + "/matrix/" + name.toStdString();
}

// The input files of a case (the contaminated-prompt list is an option, not an input).
std::vector<std::string> inputs(const std::string& dir) {
    std::vector<std::string> files;
    for (const auto& e : fs::directory_iterator(dir + "/input"))
        if (e.path().filename() != "contaminated_prompts.jsonl") files.push_back(e.path().string());
    std::sort(files.begin(), files.end());
    return files;
}

std::string relative(std::string text, const std::string& dir) {
    for (size_t at; (at = text.find(dir + "/input/")) != std::string::npos;)
        text.erase(at, dir.size() + 7);
    return text;
}

// Numbers compare within 1e-6 (grades and scores are stored as float).
bool sameJson(const nlohmann::json& a, const nlohmann::json& b, std::string path, std::string& where) {
    if (a.is_number() && b.is_number()) {
        if (std::fabs(a.get<double>() - b.get<double>()) <= 1e-6 * std::max(1.0, std::fabs(b.get<double>()))) return true;
    } else if (a.type() == b.type() && (a.is_array() || a.is_object()) && a.size() == b.size()) {
        if (a.is_array()) {
            for (size_t i = 0; i < a.size(); ++i)
                if (!sameJson(a[i], b[i], path + "/" + std::to_string(i), where)) return false;
            return true;
        }
        for (const auto& [key, value] : b.items())
            if (!a.contains(key) || !sameJson(a[key], value, path + "/" + key, where)) return false;
        return true;
    } else if (a == b) {
        return true;
    }
    where = path + ": got " + a.dump() + ", expected " + b.dump();
    return false;
}


// Little-endian fields of a zip header.
void put(std::string& out, uint64_t value, int bytes) {
    for (int i = 0; i < bytes; ++i)
        out += char((value >> (8 * i)) & 0xff);
}

uint32_t crc32Of(const std::string& data) {
    uint32_t crc = 0xffffffff;
    for (unsigned char c : data) {
        crc ^= c;
        for (int k = 0; k < 8; ++k)
            crc = (crc >> 1) ^ (0xedb88320 & (0 - (crc & 1)));
    }
    return ~crc;
}

// A zip of one stored entry, r.json, holding `data`, whose central directory states `stated`
// bytes for it (in a zip64 field from 4 GiB - 1 up), as a damaged or crafted file would; libzip
// reports that size and reads the true bytes.
std::string craftedZip(const std::string& data, uint64_t stated) {
    const std::string name = "r.json";
    bool zip64 = stated >= 0xffffffff;
    std::string zip;
    put(zip, 0x04034b50, 4); // local header: the truth
    put(zip, 45, 2), put(zip, 0, 2), put(zip, 0, 2), put(zip, 0, 2), put(zip, 0x21, 2);
    put(zip, crc32Of(data), 4), put(zip, data.size(), 4), put(zip, data.size(), 4);
    put(zip, name.size(), 2), put(zip, 0, 2);
    zip += name + data;
    std::string directory;
    put(directory, 0x02014b50, 4);
    put(directory, 45, 2), put(directory, 45, 2), put(directory, 0, 2), put(directory, 0, 2), put(directory, 0, 2);
    put(directory, 0x21, 2), put(directory, crc32Of(data), 4);
    put(directory, zip64 ? 0xffffffff : data.size(), 4), put(directory, zip64 ? 0xffffffff : stated, 4);
    put(directory, name.size(), 2), put(directory, zip64 ? 20 : 0, 2), put(directory, 0, 2);
    put(directory, 0, 2), put(directory, 0, 2), put(directory, 0, 4), put(directory, 0, 4);
    directory += name;
    if (zip64) put(directory, 1, 2), put(directory, 16, 2), put(directory, stated, 8), put(directory, data.size(), 8);
    size_t directoryAt = zip.size();
    zip += directory;
    put(zip, 0x06054b50, 4), put(zip, 0, 2), put(zip, 0, 2), put(zip, 1, 2), put(zip, 1, 2);
    put(zip, directory.size(), 4), put(zip, directoryAt, 4), put(zip, 0, 2);
    return zip;
}

} // namespace

class TestMatrixImport : public QObject {
    Q_OBJECT
private slots:
    void golden_data() {
        QTest::addColumn<QString>("format");
        QTest::newRow("long_csv") << "long";
        QTest::newRow("long_jsonl") << "long";
        QTest::newRow("wide_csv") << "wide";
        QTest::newRow("routellm") << "routellm";
        QTest::newRow("zeroeval") << "zeroeval";
        QTest::newRow("mmlu_pro") << "mmlu-pro";
        QTest::newRow("frugalgpt") << "frugalgpt";
    }
    void golden() {
        QFETCH(QString, format);
        std::string dir = caseDir(QTest::currentDataTag());
        MatrixImportOptions o;
        o.format = format.toStdString();
        if (fs::exists(dir + "/input/contaminated_prompts.jsonl"))
            o.excludePromptsFile = dir + "/input/contaminated_prompts.jsonl";
        auto files = inputs(dir);
        auto m = importMatrix(files, o);
        QVERIFY2(m.has_value(), m ? "" : m.error().describe().c_str());
        auto got = nlohmann::json::parse(relative(matrixToJson(*m).dump(), dir));
        if (qEnvironmentVariableIsSet("BATON_REGENERATE_GOLDEN"))
            QVERIFY(writeFileAtomically(dir + "/expected/matrix.json", got.dump(2) + "\n").has_value());
        auto expected = readTextFile(dir + "/expected/matrix.json");
        QVERIFY(expected.has_value());
        std::string where;
        QVERIFY2(sameJson(got, nlohmann::json::parse(*expected), "", where), where.c_str());
        // Provenance: the source's SHA-256, the importer and its version, a date.
        QCOMPARE(m->provenance.format, o.format);
        QCOMPARE(m->provenance.importerVersion, std::string(kMatrixImporterVersion));
        QCOMPARE(m->provenance.importedAt.size(), size_t(20));
        if (files.size() == 1) QCOMPARE(m->provenance.sourceSha256, sha256Hex(*readTextFile(files[0])));
    }

    void badLinesListedByNumber() {
        std::string dir = caseDir("long_bad");
        MatrixImportOptions o;
        o.format = "long";
        auto m = importMatrix(inputs(dir), o);
        QVERIFY(!m.has_value());
        QCOMPARE(m.error().kind, ErrorKind::BadInput);
        std::string got;
        for (const auto& p : m.error().problems)
            got += relative(p.toString(), dir) + "\n";
        got = std::regex_replace(got, std::regex(dir + "/input/"), "");
        QCOMPARE(got, *readTextFile(dir + "/expected/errors.txt"));
    }

    // Found by fuzz_matrix_import: a Latin-1 model name in a wide header was imported, then the
    // matrix could not be written as JSON (nlohmann threw type_error 316 and the process ended).
    void latin1IsRefusedWithItsLines() {
        auto wide = importWideCsv("sample_id,prompt,gpt-4,caf\xe9\n1,q,1,0\n", "w.csv", WideColumns{});
        QVERIFY(!wide.has_value());
        QCOMPARE(wide.error().kind, ErrorKind::BadInput);
        QCOMPARE(wide.error().problems.size(), size_t(1));
        QCOMPARE(wide.error().problems[0].toString(), std::string("w.csv: line 1: byte 27 is not UTF-8 text"));
        QVERIFY(wide.error().message.find("iconv -f latin1 -t utf-8") != std::string::npos);

        // Every such line is named once, however many bad bytes it has; good lines are not.
        std::string text = "item,model,grade,response\na,m,1,ok\nb,m,0,na\xefve r\xe9sum\xe9\nc,m,1,ok\nd,m,1,\xff\n";
        auto longCsv = importLongCsv(text, "l.csv", LongColumns{});
        QVERIFY(!longCsv.has_value());
        std::vector<std::string> where;
        for (const auto& p : longCsv.error().problems)
            where.push_back(p.location);
        QCOMPARE(where, (std::vector<std::string>{"line 3", "line 5"}));
        // The count is of those lines (it said "0 line(s)": the list was moved before it was counted).
        QVERIFY2(longCsv.error().message.find("l.csv: 2 line(s) are not UTF-8 text") == 0,
                 longCsv.error().message.c_str());
        auto jsonl = importLongJsonl("{\"item\":\"a\",\"model\":\"m\",\"grade\":1}\n{\"item\":\"b\xe9\"}\n", "l.jsonl",
                                     LongColumns{});
        QVERIFY(!jsonl.has_value());
        QCOMPARE(jsonl.error().problems.at(0).location, std::string("line 2"));

        // UTF-8 passes as before.
        QVERIFY(importLongCsv("item,model,grade\ncaf\xc3\xa9,m,1\n", "u.csv", LongColumns{}).has_value());
    }

    void gradesOutsideUnitIntervalRefused_data() {
        QTest::addColumn<QString>("grade");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("1") << "1" << true;
        QTest::newRow("0.5") << "0.5" << true;
        QTest::newRow("True") << "True" << true;
        QTest::newRow("-0.1") << "-0.1" << false;
        QTest::newRow("1.01") << "1.01" << false;
        QTest::newRow("7") << "7" << false;
    }
    void gradesOutsideUnitIntervalRefused() {
        QFETCH(QString, grade);
        QFETCH(bool, accepted);
        auto m = importLongCsv("item,model,grade\na,m," + grade.toStdString() + "\n", "g.csv", LongColumns{});
        QCOMPARE(m.has_value(), accepted);
    }

    // Found by fuzz_matrix_import: an input_tokens cell of 1.02e25 was converted to int64_t, which
    // is undefined (UBSan: "outside the range of representable values"); 3e9 wrapped to a negative
    // count, read as "unknown". Every number a cell keeps must fit what keeps it, or the line is refused.
    void numbersBeyondWhatACellHoldsAreRefused_data() {
        QTest::addColumn<QString>("column");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("problem"); // empty: accepted
        QTest::newRow("tokens") << "input_tokens" << "120" << "";
        QTest::newRow("tokens written as a float") << "output_tokens" << "120.0" << "";
        QTest::newRow("tokens, the most a cell keeps") << "input_tokens" << "2147483647" << "";
        QTest::newRow("tokens 1e25") << "input_tokens" << "1.02222e25"
                                     << "input_tokens 1.02222e+25 is not a token count (a whole number from 0 to 2147483647)";
        QTest::newRow("tokens 3e9") << "output_tokens" << "3000000000"
                                    << "output_tokens 3e+09 is not a token count (a whole number from 0 to 2147483647)";
        QTest::newRow("tokens negative") << "input_tokens" << "-3"
                                         << "input_tokens -3 is not a token count (a whole number from 0 to 2147483647)";
        QTest::newRow("tokens fractional") << "input_tokens" << "2.5"
                                           << "input_tokens 2.5 is not a token count (a whole number from 0 to 2147483647)";
        QTest::newRow("tokens infinite") << "input_tokens" << "inf"
                                         << "input_tokens inf is not a token count (a whole number from 0 to 2147483647)";
        QTest::newRow("latency") << "latency_ms" << "812.5" << "";
        QTest::newRow("latency beyond a float") << "latency_ms" << "1e39"
                                                << "latency 1e+39 ms is not a duration; latencies are >= 0 ms";
        QTest::newRow("latency negative") << "latency_ms" << "-1" << "latency -1 ms is not a duration; latencies are >= 0 ms";
        QTest::newRow("cost infinite") << "cost_usd" << "inf" << "infinite cost; costs are in USD";
        QTest::newRow("score") << "score:judge" << "0.75" << "";
        QTest::newRow("score beyond a float") << "score:judge" << "-1e39" << "score judge -1e+39 is out of range";
    }
    void numbersBeyondWhatACellHoldsAreRefused() {
        QFETCH(QString, column);
        QFETCH(QString, value);
        QFETCH(QString, problem);
        std::string text = "item,model,grade," + column.toStdString() + "\na,m,1," + value.toStdString() + "\n";
        auto m = importLongCsv(text, "n.csv", LongColumns{});
        QCOMPARE(m.has_value(), problem.isEmpty());
        if (m) return;
        QCOMPARE(m.error().kind, ErrorKind::BadInput);
        QCOMPARE(m.error().problems.size(), size_t(1));
        QCOMPARE(m.error().problems[0].toString(), "n.csv: line 2: " + problem.toStdString());
    }

    // A FrugalGPT summary's Test_size was read with atoll: 99999999999999999999 is undefined behaviour
    // (LLONG_MAX with glibc), "abc" and "-5" were accepted as 0 and -5 test items.
    void frugalGptTestSizeMustBeAWholeNumber_data() {
        QTest::addColumn<QString>("size");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("5000") << "5000" << true;
        QTest::newRow("empty") << "" << true;
        QTest::newRow("past int64") << "99999999999999999999" << false;
        QTest::newRow("negative") << "-5" << false;
        QTest::newRow("text") << "abc" << false;
        QTest::newRow("fraction") << "50.5" << false;
    }
    void frugalGptTestSizeMustBeAWholeNumber() {
        QFETCH(QString, size);
        QFETCH(bool, accepted);
        QTemporaryDir dir;
        std::string path = dir.filePath("summary_TOY_e8_full_2024.csv").toStdString();
        QVERIFY(writeFileAtomically(path, ",Test_acc,Test_cost,Test_size,Method,Provider\n0,0.8,0.0002," +
                                              size.toStdString() + ",GPT-4,OpenAI\n")
                    .has_value());
        MatrixImportOptions o;
        o.format = "frugalgpt";
        auto m = importMatrix({path}, o);
        QCOMPARE(m.has_value(), accepted);
        if (accepted) {
            QCOMPARE(m->points.size(), size_t(1));
            QCOMPARE(m->points[0].n, int64_t(size.isEmpty() ? 0 : 5000));
        } else {
            QCOMPARE(m.error().problems.size(), size_t(1));
            QVERIFY2(m.error().problems[0].message.find("Test_size must be a whole number of test items") !=
                         std::string::npos,
                     m.error().problems[0].message.c_str());
        }
    }

    // readFirstZipEntry allocated the size an MMLU-Pro zip's header states before reading a byte:
    // a 191-byte zip stating 16 EiB threw std::length_error, one stating 50 GB std::bad_alloc (or
    // took 50 GB where the system overcommits). The stated size is now refused past 4 GiB (the
    // bundle reader's bound, kZipEntryMaxBytes) and must match what the entry holds.
    void mmluProZipStatingMoreThanItHoldsIsRefused_data() {
        QTest::addColumn<qulonglong>("stated");
        QTest::addColumn<QString>("problem"); // empty: accepted
        QTest::newRow("true size") << qulonglong(0) << "";
        QTest::newRow("16 EiB") << qulonglong(UINT64_MAX)
                                << "states 18446744073709551615 bytes, more than the 4 GiB Baton reads of one entry";
        QTest::newRow("50 GB") << qulonglong(50000000000ULL)
                               << "states 50000000000 bytes, more than the 4 GiB Baton reads of one entry";
        QTest::newRow("4 GiB + 1") << qulonglong((1ULL << 32) + 1)
                                   << "states 4294967297 bytes, more than the 4 GiB Baton reads of one entry";
        QTest::newRow("4 GiB - 16") << qulonglong((1ULL << 32) - 16) << "is damaged: reading it failed after";
        QTest::newRow("more than it holds") << qulonglong(1000) << "is damaged: reading it failed after";
        QTest::newRow("less than it holds") << qulonglong(10) << "is damaged: it states 10 bytes and holds more";
    }
    void mmluProZipStatingMoreThanItHoldsIsRefused() {
        QFETCH(qulonglong, stated);
        QFETCH(QString, problem);
        const std::string records = R"([{"question_id":7,"category":"math","answer":"A","pred":"A"}])";
        QTemporaryDir dir;
        std::string path = dir.filePath("model_outputs_toy_5shots.zip").toStdString();
        QVERIFY(writeFileAtomically(path, craftedZip(records, stated ? stated : records.size())).has_value());
        MatrixImportOptions o;
        o.format = "mmlu-pro";
        auto m = importMatrix({path}, o);
        QCOMPARE(m.has_value(), problem.isEmpty());
        if (m) {
            QCOMPARE(m->cellCount(), size_t(1));
            QCOMPARE(m->grade[0], 1.0f);
            return;
        }
        QCOMPARE(m.error().kind, ErrorKind::BadInput);
        std::string message = m.error().describe();
        QVERIFY2(message.find(path + ": \"r.json\" inside the zip " + problem.toStdString()) != std::string::npos,
                 message.c_str());
        QVERIFY2(message.find("check the file is an MMLU-Pro results zip") != std::string::npos, message.c_str());
    }

    void missingStaysMissing() {
        auto m = importLongCsv("item,model,grade,cost_usd\na,x,1,\nb,y,0,0.5\n", "m.csv", LongColumns{});
        QVERIFY(m.has_value());
        QCOMPARE(m->cellCount(), size_t(4));
        QVERIFY(std::isnan(m->grade[m->cell(1, 0)])); // b,x never given: missing, not 0
        QVERIFY(std::isnan(m->costUsd[m->cell(0, 0)])); // empty cost: unknown, not 0
        QCOMPARE(m->costUsd[m->cell(1, 1)], 0.5);
        QCOMPARE(m->presentCells(), size_t(2));
    }

    void storeRoundTrip() {
        QTemporaryDir tmp;
        std::string dir = caseDir("long_csv");
        MatrixImportOptions o;
        o.format = "long";
        auto m = importMatrix(inputs(dir), o);
        QVERIFY(m.has_value());
        auto ws = Workspace::open(tmp.filePath("w.db").toStdString());
        QVERIFY(ws.has_value());
        auto saved = saveMatrix(*ws->writer(), *m, "mine");
        QVERIFY2(saved.has_value(), saved ? "" : saved.error().describe().c_str());
        auto again = saveMatrix(*ws->writer(), *m, "mine");
        QVERIFY(!again.has_value()); // a name is taken once
        auto loaded = loadMatrix(*ws->writer(), "mine");
        QVERIFY2(loaded.has_value(), loaded ? "" : loaded.error().describe().c_str());
        QCOMPARE(matrixToJson(*loaded).dump(), matrixToJson(*m).dump());
        QCOMPARE(loaded->provenance.sourceSha256, m->provenance.sourceSha256);
        QCOMPARE(loaded->provenance.importedAt, m->provenance.importedAt);
        QVERIFY(!loadMatrix(*ws->writer(), "other").has_value());
        QVERIFY(m->bytesPerCell() <= 64);
    }

    // A damaged row of `matrices` (its meta edited outside Baton, or a bad disk) is a BadInput that
    // names the matrix, the workspace and the JSON path; loadMatrix read the meta with get<>(), so
    // it threw nlohmann's type_error (into the Replay lab's and Profiles page's jobs).
    void aDamagedStoredMatrixIsAnError_data() {
        QTest::addColumn<QString>("pointer"); // JSON pointer into the meta; empty: the meta is `value`
        QTest::addColumn<QString>("value");   // JSON text; "remove" removes the member
        QTest::addColumn<QString>("message");
        QTest::newRow("a model not a string") << "/models/0" << "3" << "meta /models/0: expected a string, got 3";
        QTest::newRow("items missing") << "/items" << "remove" << "meta /items: required field is missing";
        QTest::newRow("items an object") << "/items" << "{}" << "meta /items: expected an array";
        QTest::newRow("a category index negative") << "/item_category/0" << "-1"
                                                   << "meta /item_category/0: expected a whole number from 0, got -1";
        QTest::newRow("a category index out of range") << "/item_category/0" << "99"
                                                       << "meta /item_category/0: category 99 of 2";
        QTest::newRow("a category per item missing") << "/item_category/0" << "remove"
                                                     << "meta /item_category: 1 categories for 2 items";
        QTest::newRow("a point not an object") << "/points" << "[\"x\"]"
                                               << "meta /points/0: expected an object, got \"x\"";
        QTest::newRow("a point's n as text")
            << "/points" << "[{\"model\": \"a\", \"category\": \"c\", \"accuracy\": 0.5, \"n\": \"many\"}]"
            << "meta /points/0/n: expected a whole number, got \"many\"";
        QTest::newRow("version as text") << "/version" << "\"1\"" << "meta /version: expected a whole number";
        QTest::newRow("version 0") << "/version" << "0" << "meta /version: expected 1, got 0";
        QTest::newRow("an array") << "" << "[]" << "its meta is an array, not an object";
        QTest::newRow("not JSON") << "" << "{\"models\": [" << "is damaged: its meta";
        QTest::newRow("a newer Baton") << "/version" << "2" << "was saved by a newer Baton; upgrade";
    }
    void aDamagedStoredMatrixIsAnError() {
        QFETCH(QString, pointer);
        QFETCH(QString, value);
        QFETCH(QString, message);
        QTemporaryDir tmp;
        MatrixImportOptions o;
        o.format = "long";
        auto m = importMatrix(inputs(caseDir("long_csv")), o);
        QVERIFY(m.has_value());
        QCOMPARE(m->itemCount(), size_t(2)); // the rows' messages count on it
        auto ws = Workspace::open(tmp.filePath("w.db").toStdString());
        QVERIFY(ws.has_value());
        SqliteDb& db = *ws->writer();
        QVERIFY(saveMatrix(db, *m, "mine").has_value());
        std::string meta = value.toStdString();
        if (!pointer.isEmpty()) {
            auto j = nlohmann::json::parse(db.queryText("SELECT meta FROM matrices WHERE name = 'mine'").value());
            nlohmann::json::json_pointer at(pointer.toStdString());
            if (value == "remove")
                j.at(at.parent_pointer()).erase(j.at(at.parent_pointer()).is_array()
                                                    ? j.at(at.parent_pointer()).begin() + std::stoi(at.back())
                                                    : j.at(at.parent_pointer()).find(at.back()));
            else
                j[at] = nlohmann::json::parse(meta);
            meta = j.dump();
        }
        auto update = db.prepare("UPDATE matrices SET meta = ? WHERE name = 'mine'");
        QVERIFY(update.has_value());
        QVERIFY(update->bind(1, meta).run().has_value());
        auto loaded = loadMatrix(db, "mine");
        QVERIFY(!loaded.has_value());
        QCOMPARE(loaded.error().kind, ErrorKind::BadInput);
        const std::string& text = loaded.error().message;
        QVERIFY2(text.find(message.toStdString()) != std::string::npos, text.c_str());
        QVERIFY2(text.find("the stored matrix \"mine\" (id 1 in " + db.path() + ")") == 0, text.c_str());
    }

    // A cell column of the wrong length would be read out of bounds by every replay: refused.
    void aStoredCellColumnOfAnotherLengthIsAnError() {
        QTemporaryDir tmp;
        MatrixImportOptions o;
        o.format = "long";
        auto m = importMatrix(inputs(caseDir("long_csv")), o);
        QVERIFY(m.has_value());
        auto ws = Workspace::open(tmp.filePath("w.db").toStdString());
        QVERIFY(ws.has_value());
        SqliteDb& db = *ws->writer();
        QVERIFY(saveMatrix(db, *m, "mine").has_value());
        for (int column = 0; column < 3; ++column) {
            OutcomeMatrix damaged = *m;
            if (column == 0) damaged.latencyMs.pop_back();
            if (column == 1) damaged.outputTokens.push_back(7);
            if (column == 2) damaged.responseEnd.back() = damaged.responseText.size() + 1;
            auto update = db.prepare("UPDATE matrices SET cells = ? WHERE name = 'mine'");
            QVERIFY(update.has_value());
            QVERIFY(update->bindBlob(1, encodeMatrixCells(damaged)).run().has_value());
            auto loaded = loadMatrix(db, "mine");
            QVERIFY2(!loaded.has_value(), qPrintable(QString::number(column)));
            QVERIFY2(loaded.error().message.find("is damaged; import it again") != std::string::npos,
                     loaded.error().message.c_str());
        }
    }
};

QTEST_GUILESS_MAIN(TestMatrixImport)
#include "tst_matrix_import.moc"
