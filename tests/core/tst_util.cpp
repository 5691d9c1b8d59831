// SPDX-License-Identifier: MIT
#include "io/csv_reader.h"
#include "io/text_table.h"
#include "util/calendar_date.h"
#include "util/file_io.h"
#include "util/fingerprint_counts.h"
#include "util/nice_scale.h"
#include "util/secrets.h"
#include "util/sha256.h"
#include "util/url.h"
#include "util/whole_number.h"

#include "core_printers.h"
#include <QTemporaryDir>

#include <QTest>
#include <limits>
#include <malloc.h>

using namespace baton::core;

class TestUtil : public QObject {
    Q_OBJECT
private slots:
    void csvRecords_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("records"); // fields joined by '|', records by '/', each "line:" first
        QTest::newRow("plain") << QByteArray("a,b\nc,d\n") << QString("1:a|b/2:c|d");
        QTest::newRow("crlf, no final newline") << QByteArray("a,b\r\nc,d") << QString("1:a|b/2:c|d");
        QTest::newRow("quoted comma, quote and newline")
            << QByteArray("id,text\n1,\"x, \"\"y\"\"\nz\"\n2,w\n") << QString("1:id|text/2:1|x, \"y\"\nz/4:2|w");
        QTest::newRow("crlf inside quotes is kept") << QByteArray("\"a\r\nb\",c\r\n") << QString("1:a\r\nb|c");
        QTest::newRow("blank lines skipped") << QByteArray("a\n\n\nb\n") << QString("1:a/4:b");
        QTest::newRow("empty fields and trailing comma") << QByteArray(",x,\n") << QString("1:|x|");
        QTest::newRow("byte-order mark") << QByteArray("\xEF\xBB\xBF" "a,b\n") << QString("1:a|b");
        QTest::newRow("quote inside an unquoted field is text") << QByteArray("a\"b,c\n") << QString("1:a\"b|c");
        QTest::newRow("fewer fields after more") << QByteArray("a,b,c\nd\n") << QString("1:a|b|c/2:d");
    }
    void csvRecords() {
        QFETCH(QByteArray, text);
        QFETCH(QString, records);
        auto parsed = parseCsv(text.toStdString(), "t.csv");
        QVERIFY(parsed.has_value());
        QStringList got;
        for (const auto& r : *parsed) {
            QStringList fields;
            for (const auto& f : r.fields) fields << QString::fromStdString(f);
            got << QString::number(r.line) + ":" + fields.join('|');
        }
        QCOMPARE(got.join('/'), records);
    }
    void csvUnterminatedQuoteNamesItsLine() {
        auto parsed = parseCsv("a,b\nc,\"open\nmore\n", "t.csv");
        QVERIFY(!parsed);
        QCOMPARE(parsed.error().message, std::string("t.csv:2: a quoted field is never closed; add the missing \""));
    }

    void sha256_data() {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QString>("digest");
        QTest::newRow("empty") << QByteArray() << "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        QTest::newRow("abc") << QByteArray("abc") << "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        QTest::newRow("two blocks") << QByteArray("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                                    << "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1";
        QTest::newRow("million a") << QByteArray(1000000, 'a')
                                   << "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";
    }
    void sha256() {
        QFETCH(QByteArray, input);
        QFETCH(QString, digest);
        QCOMPARE(QString::fromStdString(sha256Hex(std::string_view(input.constData(), input.size()))), digest);
    }

    void sha256InPieces() {
        std::string text;
        for (int i = 0; i < 300; ++i)
            text += char('a' + i * 7 % 26);
        for (size_t piece : {size_t(1), size_t(7), size_t(63), size_t(64), size_t(65), size_t(130)})
            for (size_t first = 0; first < 140; first += 13) {
                Sha256 h;
                h.update(std::string_view(text).substr(0, first));
                for (size_t at = first; at < text.size(); at += piece)
                    h.update(std::string_view(text).substr(at, piece));
                QCOMPARE(h.hexDigest(), sha256Hex(text));
            }
        Sha256 empty;
        QCOMPARE(empty.hexDigest(), std::string("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    }

    void secrets_data() {
        QTest::addColumn<QString>("value");
        QTest::addColumn<bool>("secret");
        QTest::newRow("openai") << "sk-proj-abcdefghijklmnopqrstuvwxyz012345" << true;
        QTest::newRow("anthropic") << "sk-ant-api03-abcdefghijklmnopqrstuv" << true;
        QTest::newRow("gemini") << "AIzaSyA1234567890abcdefghijklmnopqrstu" << true;
        QTest::newRow("bearer") << "Bearer abcdefghijk123" << true;
        QTest::newRow("random key") << "Xk29fLq8ZpW3mN7vB4cR6tY1uI0oP5aS" << true;
        QTest::newRow("env ref") << "env:OPENAI_API_KEY" << false;
        QTest::newRow("model id") << "meta-llama/Llama-3.3-70B-Instruct-Turbo" << false;
        QTest::newRow("url") << "https://api.openai.com/v1" << false;
        QTest::newRow("short sk") << "sk-1" << false;
    }
    void secrets() {
        QFETCH(QString, value);
        QFETCH(bool, secret);
        QCOMPARE(looksLikeSecret(value.toStdString()), secret);
    }

    void urls_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("origin");
        QTest::addColumn<bool>("loopback");
        QTest::newRow("https") << "https://api.openai.com/v1" << true << "https://api.openai.com:443" << false;
        QTest::newRow("loopback port") << "http://127.0.0.1:8080/v1" << true << "http://127.0.0.1:8080" << true;
        QTest::newRow("ipv6") << "http://[::1]:9/v1" << true << "http://[::1]:9" << true;
        QTest::newRow("fake loopback") << "http://127.example.com/v1" << true << "http://127.example.com:80" << false;
        QTest::newRow("file") << "file:///etc/passwd" << false << "" << false;
        QTest::newRow("userinfo") << "https://user:pw@host/v1" << false << "" << false;
        QTest::newRow("bad port") << "https://host:99999/" << false << "" << false;
    }
    void urls() {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QFETCH(QString, origin);
        QFETCH(bool, loopback);
        auto url = parseUrl(text.toStdString());
        QCOMPARE(url.has_value(), valid);
        if (!url) return;
        QCOMPARE(QString::fromStdString(url->origin()), origin);
        QCOMPARE(isLoopbackHost(url->host), loopback);
    }

    void atomicWriteReplacesAndLeavesNoTemp() {
        QTemporaryDir dir;
        std::string path = dir.filePath("pool.json").toStdString();
        QVERIFY(writeFileAtomically(path, "first").has_value());
        QVERIFY(writeFileAtomically(path, "second").has_value());
        QCOMPARE(readTextFile(path).value(), std::string("second"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 1);
    }

    void atomicWriteIntoMissingFolderFailsClearly() {
        auto result = writeFileAtomically("/nonexistent-folder/pool.json", "x");
        QVERIFY(!result);
        QVERIFY(result.error().message.find("/nonexistent-folder/pool.json") != std::string::npos);
    }

    void readMissingFileNamesIt() {
        auto result = readTextFile("/no/such/file.json");
        QVERIFY(!result);
        QCOMPARE(result.error().kind, ErrorKind::NotFound);
        QVERIFY(result.error().message.find("/no/such/file.json") != std::string::npos);
    }

    // The one check of a token count read from outside (CSV cells of a matrix, replay records):
    // whole, within inclusive bounds, and refused before a conversion that would be undefined.
    void wholeNumberIn_data() {
        QTest::addColumn<double>("value");
        QTest::addColumn<qlonglong>("expected"); // -1: refused
        QTest::newRow("0") << 0.0 << 0LL;
        QTest::newRow("-0") << -0.0 << 0LL;
        QTest::newRow("written as a float") << 120.0 << 120LL;
        QTest::newRow("the high bound") << 2147483647.0 << 2147483647LL;
        QTest::newRow("one past it") << 2147483648.0 << -1LL;
        QTest::newRow("below the low bound") << -1.0 << -1LL;
        QTest::newRow("a fraction") << 2.5 << -1LL;
        QTest::newRow("1e25") << 1e25 << -1LL;
        QTest::newRow("infinite") << std::numeric_limits<double>::infinity() << -1LL;
        QTest::newRow("NaN") << std::numeric_limits<double>::quiet_NaN() << -1LL;
    }
    void wholeNumberIn() {
        QFETCH(double, value);
        QFETCH(qlonglong, expected);
        auto got = baton::core::wholeNumberIn(value, 0, 2147483647);
        QCOMPARE(got.value_or(-1), int64_t(expected));
    }

    // Axis ticks an analyst reads at a glance (issue 14, finding 11: 39/78/117 became 0/50/100/150).
    void niceScales_data() {
        QTest::addColumn<double>("low");
        QTest::addColumn<double>("high");
        QTest::addColumn<double>("step");
        QTest::addColumn<double>("max");
        QTest::newRow("117 items") << 0.0 << 117.0 << 50.0 << 150.0;
        QTest::newRow("one item") << 0.0 << 1.0 << 0.2 << 1.0;
        QTest::newRow("dollars") << 0.0 << 0.0093 << 0.002 << 0.01;
        QTest::newRow("offset") << 3.0 << 47.0 << 10.0 << 50.0;
    }
    void niceScales() {
        QFETCH(double, low);
        QFETCH(double, high);
        QFETCH(double, step);
        QFETCH(double, max);
        baton::core::NiceScale s = baton::core::niceScale(low, high, 5);
        QVERIFY(qAbs(s.step - step) < 1e-12);
        QVERIFY(qAbs(s.max - max) < 1e-12);
        QVERIFY(s.min <= low && s.max >= high && s.ticks() <= 6);
    }

    // A table exported as shown reads back cell for cell, quotes and commas included.
    void fingerprintCountsCountEachFingerprint() {
        // The simulator's count of the bodies it has seen (a retry draws anew) and the import's
        // ids seen: each fingerprint's count, through the table's growth, in few bytes each.
        FingerprintCounts counts;
        auto fingerprint = [](uint64_t i) { return i * 0x9e3779b97f4a7c15ULL; }; // distinct top bits
        for (uint64_t i = 0; i < 200'000; ++i)
            QCOMPARE(counts.add(fingerprint(i)), 0u);
        QCOMPARE(counts.size(), size_t(200'000));
        for (uint64_t i = 0; i < 200'000; i += 3)
            QCOMPARE(counts.add(fingerprint(i)), 1u);
        QCOMPARE(counts.add(fingerprint(3)), 2u);
        QCOMPARE(counts.add(fingerprint(4)), 1u);
        QCOMPARE(counts.size(), size_t(200'000));
        // Fingerprints differing only in the low 16 bits are one; 0 is a fingerprint like any other.
        QCOMPARE(counts.add(fingerprint(7) ^ 0xffff), 1u);
        QCOMPARE(counts.add(fingerprint(0)), 2u); // fingerprint(0) is 0, counted twice above
        // A count stops at its largest value instead of wrapping to "new".
        FingerprintCounts one;
        for (uint32_t i = 0; i < FingerprintCounts::kMaxCount + 10; ++i)
            QCOMPARE(one.add(42ull << 40), std::min(i, FingerprintCounts::kMaxCount));
#if !(defined(__SANITIZE_ADDRESS__) || defined(__has_feature) && __has_feature(address_sanitizer))
        // 8 bytes a slot, at most three quarters full: at most 21 bytes a fingerprint after growing
        // (a std::unordered_map<uint64_t, uint32_t> took 40).
        size_t before = mallinfo2().uordblks;
        FingerprintCounts many;
        for (uint64_t i = 0; i < 100'000; ++i)
            many.add(fingerprint(i));
        double bytes = double(mallinfo2().uordblks - before) / 100'000;
        QVERIFY2(bytes <= 21.5, std::to_string(bytes).c_str());
#endif
    }

    // The one "today" (CLI, Pools page, pool validation): a UTC calendar date, zero-padded.
    void isoDates() {
        using namespace std::chrono;
        QCOMPARE(isoDate(sys_days{1970y / January / 1}), std::string("1970-01-01"));
        QCOMPARE(isoDate(sys_days{2026y / March / 9}), std::string("2026-03-09"));
        QCOMPARE(isoDate(sys_days{2026y / November / 27} + days(35)), std::string("2027-01-01"));
        std::string t = todayIso();
        QCOMPARE(t.size(), size_t(10));
        QVERIFY(t >= "2026-01-01" && t[4] == '-' && t[7] == '-');
    }

    void csvTablesRoundTrip() {
        baton::core::TextTable t{{"Strategy", "Δ vs sim/pro [95% CI]", "W/T/L"},
                                 {{"cheap-first", "+0.043 [+0.013, +0.077]", "12/80/3"}, {"say \"hi\"", "", "a\nb"}}};
        std::string csv = baton::core::toCsv(t);
        QVERIFY(csv.find("\"+0.043 [+0.013, +0.077]\"") != std::string::npos);
        baton::core::TextTable back = baton::core::parseCsvTable(csv);
        QVERIFY(back.header == t.header);
        QVERIFY(back.rows == t.rows);
    }
};

QTEST_GUILESS_MAIN(TestUtil)
#include "tst_util.moc"
