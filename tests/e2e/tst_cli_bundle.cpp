// SPDX-License-Identifier: MIT
// Run bundles as a user moves them between machines: exported, copied to a fresh folder and
// verified with no difference; one changed byte of a call named; imported into another workspace
// with the same report.

#include "bundle_tamper.h"
#include "cli_process.h"
#include "bundle/zip_archive.h"
#include "io/task_export.h"
#include "sim/demo_tasks.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <pthread.h>
#include <signal.h>

using namespace baton::core;

using baton::test::CliResult;
using baton::test::runCli;

namespace {

QStringList differences(const CliResult& r) {
    QStringList out;
    for (const auto& d : r.json()["differences"].toArray())
        out << d.toString();
    return out;
}

bool anyContains(const QStringList& list, const QString& a, const QString& b = {}) {
    for (const auto& s : list)
        if (s.contains(a) && s.contains(b)) return true;
    return false;
}

} // namespace

class TestCliBundle : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_zip;
    QJsonObject m_report;
    int m_calls = 0;

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        std::ofstream(m_dir.filePath("tasks.jsonl").toStdString()) << taskSetToJsonl(generateDemoTasks(9, 2));
        QString db = m_dir.filePath("w.db");
        auto run = runCli({"run", "--pool", "demo", "--tasks", m_dir.filePath("tasks.jsonl"), "--db", db, "--strategy",
                           "by-category", "--strategy", "mixture", "--json"});
        QCOMPARE(run.exitCode, 0);
        auto report = runCli({"report", "1", "--db", db, "--json"});
        QCOMPARE(report.exitCode, 0);
        m_report = report.json();
        m_zip = m_dir.filePath("run1.zip");
        auto exported = runCli({"bundle", "export", "1", "--db", db, "--out", m_zip, "--json"});
        QVERIFY2(exported.exitCode == 0, exported.err.constData());
        auto files = readZip(m_zip.toStdString());
        QVERIFY(files.has_value());
        for (const char* name : {"manifest.json", "run.json", "pool.json", "prices.json", "task_set.json", "tasks.jsonl",
                                 "calls.jsonl", "outcomes.jsonl", "report.json", "report.txt",
                                 "charts/cost_accuracy.svg", "charts/accuracy_by_category.svg"})
            QVERIFY2(files->count(name) == 1, name);
        m_calls = int(std::count(files->at("calls.jsonl").begin(), files->at("calls.jsonl").end(), '\n'));
        QVERIFY(m_calls >= 12 * 6); // 12 items x 6 baselines, plus the strategies' own calls
    }

    void verifiesInAFreshFolderWithNoDifference() {
        QTemporaryDir elsewhere;
        QString copy = elsewhere.filePath("moved.zip");
        QVERIFY(QFile::copy(m_zip, copy));
        auto r = runCli({"bundle", "verify", copy, "--json"});
        QVERIFY2(r.exitCode == 0, r.out.constData());
        QCOMPARE(differences(r), QStringList());
        QCOMPARE(r.json()["calls_checked"].toInt(), m_calls);
        QCOMPARE(r.json()["outcomes_checked"].toInt(), 12 * 8); // 6 baselines + 2 strategies
        QCOMPARE(r.json()["charts_checked"].toInt(), 2);
        QVERIFY(r.json()["figures_checked"].toInt() > 100);
        auto text = runCli({"bundle", "verify", copy});
        QVERIFY2(text.out.contains(": 0 differences"), text.out.constData());
    }

    void oneChangedByteOfACallIsNamed() {
        auto files = readZip(m_zip.toStdString());
        QVERIFY(files.has_value());
        QVERIFY(baton::test::tamperCallResponse(*files, 3)); // the call on line 3: one letter changed
        QTemporaryDir elsewhere;
        QString tampered = elsewhere.filePath("tampered.zip");
        QVERIFY(writeZip(tampered.toStdString(), *files).has_value());
        auto r = runCli({"bundle", "verify", tampered, "--json"});
        QCOMPARE(r.exitCode, 1);
        auto found = differences(r);
        QVERIFY2(anyContains(found, "calls.jsonl: its SHA-256 differs"), qPrintable(found.join("\n")));
        QVERIFY2(anyContains(found, "call on line 3 of calls.jsonl", "response text differs"), qPrintable(found.join("\n")));
        // Nothing else was touched, so nothing else is named.
        QCOMPARE(found.size(), 2);
        auto refused = runCli({"bundle", "import", tampered, "--db", elsewhere.filePath("x.db")});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains("does not verify"), refused.err.constData());
    }

    // A forger who also rewrites the manifest still cannot change a figure: the cost of one call
    // is raised and the manifest re-hashed; verify recomputes the outcome and the report from the
    // calls and names them.
    void aForgedCostIsCaughtByRecomputation() {
        auto files = readZip(m_zip.toStdString());
        QVERIFY(files.has_value());
        std::string& calls = files->at("calls.jsonl");
        size_t key = calls.find("\"cost_pico\":");
        QVERIFY(key != std::string::npos);
        calls.insert(key + 12, "9"); // ten times the cost, and more
        baton::test::rehashInManifest(*files, "calls.jsonl");
        QTemporaryDir elsewhere;
        QString forged = elsewhere.filePath("forged.zip");
        QVERIFY(writeZip(forged.toStdString(), *files).has_value());
        auto r = runCli({"bundle", "verify", forged, "--json"});
        QCOMPARE(r.exitCode, 1);
        auto found = differences(r);
        QVERIFY2(!anyContains(found, "SHA-256 differs"), qPrintable(found.join("\n")));
        QVERIFY2(anyContains(found, "outcome of item", "as the sum of its calls"), qPrintable(found.join("\n")));
        // Both costs in the one money text (formatUsd), as the rest of the product writes money.
        QVERIFY2(!found.filter(QRegularExpression(R"(cost \$[0-9]+\.[0-9]+ recorded, \$[0-9]+\.[0-9]+ as the sum)"))
                      .isEmpty(),
                 qPrintable(found.join("\n")));
        QVERIFY2(anyContains(found, "report.json/strategies/", "cost"), qPrintable(found.join("\n")));
        QVERIFY2(anyContains(found, "charts/cost_accuracy.svg"), qPrintable(found.join("\n")));
    }

    void importedRunHasTheSameReport() {
        QTemporaryDir elsewhere;
        QString db = elsewhere.filePath("other.db");
        auto imported = runCli({"bundle", "import", m_zip, "--db", db, "--json"});
        QVERIFY2(imported.exitCode == 0, imported.err.constData());
        QCOMPARE(imported.json()["run"].toInt(), 1);
        auto report = runCli({"report", "1", "--db", db, "--json"});
        QCOMPARE(report.exitCode, 0);
        QCOMPARE(report.json(), m_report);
        // And the imported run exports to a bundle that verifies too.
        auto again = runCli({"bundle", "export", "1", "--db", db, "--out", elsewhere.filePath("again.zip")});
        QCOMPARE(again.exitCode, 0);
        QCOMPARE(runCli({"bundle", "verify", elsewhere.filePath("again.zip")}).exitCode, 0);
    }

    // Hostile test i13: the same bundle imported twice made two copies of one run. It is now
    // recognised by its manifest: the second import names the first run and adds nothing.
    void theSameBundleImportedTwiceIsOneRun() {
        QTemporaryDir elsewhere;
        QString db = elsewhere.filePath("twice.db");
        QCOMPARE(runCli({"bundle", "import", m_zip, "--db", db}).exitCode, 0);
        auto again = runCli({"bundle", "import", m_zip, "--db", db});
        QVERIFY2(again.exitCode == 0, again.err.constData());
        QVERIFY2(again.out.contains("was imported before, as run 1; nothing was added"), again.out.constData());
        auto json = runCli({"bundle", "import", m_zip, "--db", db, "--json"});
        QCOMPARE(json.json()["run"].toInt(), 1);
        QCOMPARE(json.json()["already_imported"].toBool(), true);
        auto runs = runCli({"runs", "--db", db, "--json"});
        QCOMPARE(runs.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(runs.out).array().size(), 1);
        // Another bundle (the imported run exported again has another manifest) is a new run.
        QCOMPARE(runCli({"bundle", "export", "1", "--db", db, "--out", elsewhere.filePath("b.zip")}).exitCode, 0);
        auto other = runCli({"bundle", "import", elsewhere.filePath("b.zip"), "--db", db, "--json"});
        QVERIFY2(other.exitCode == 0, other.err.constData());
        QCOMPARE(other.json()["already_imported"].toBool(), false);
    }

    // Hostile test i13, session 15: an output named like the workspace replaced it, every run and
    // call in it, with the page or the zip (exit 0); now a usage error before anything is written.
    void anOutputOverTheWorkspaceIsRefused_data() {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("report --html") << QStringList{"report", "1", "--html", "DB"};
        QTest::newRow("report --csv --out") << QStringList{"report", "1", "--csv", "--out", "DB"};
        QTest::newRow("report --xlsx via ./") << QStringList{"report", "1", "--xlsx", "./DB"};
        QTest::newRow("bundle export") << QStringList{"bundle", "export", "1", "--out", "DB"};
        QTest::newRow("its -wal") << QStringList{"report", "1", "--csv", "--out", "DB-wal"};
    }
    void anOutputOverTheWorkspaceIsRefused() {
        QFETCH(QStringList, args);
        QTemporaryDir elsewhere;
        QString db = elsewhere.filePath("w.db");
        QVERIFY(QFile::copy(m_dir.filePath("w.db"), db));
        QProcess p;
        p.setWorkingDirectory(elsewhere.path());
        p.start(BATON_CLI, args.replaceInStrings("DB", "w.db") + QStringList{"--db", "w.db"});
        QVERIFY(p.waitForFinished(300000));
        QByteArray err = p.readAllStandardError();
        QCOMPARE(p.exitCode(), 2);
        QVERIFY2(err.contains("is the workspace") && err.contains("Name another file"), err.constData());
        auto runs = runCli({"runs", "--db", db, "--json"});
        QCOMPARE(runs.exitCode, 0);
        QVERIFY2(runs.out.contains("\"run\": 1"), runs.out.constData());
    }

    // Hostile test i13, session 15: SIGTERM or Ctrl+C during `bundle export` killed the process
    // and left OUT.part.XXXXXX (libzip's temporary) beside the target. The signal is sent while the
    // child has it blocked (its mask is inherited from this thread), so it is pending from its first
    // instruction whatever the machine's speed: the old export never took it and wrote the zip; the
    // export now takes it as a stop, says so and leaves nothing.
    void aSignalledExportStopsAndLeavesNothing() {
        QTemporaryDir elsewhere;
        QString zip = elsewhere.filePath("stopped.zip");
        sigset_t term, before;
        sigemptyset(&term);
        sigaddset(&term, SIGTERM);
        pthread_sigmask(SIG_BLOCK, &term, &before);
        QProcess p;
        p.start(BATON_CLI, {"bundle", "export", "1", "--db", m_dir.filePath("w.db"), "--out", zip});
        bool started = p.waitForStarted();
        if (started) ::kill(pid_t(p.processId()), SIGTERM);
        pthread_sigmask(SIG_SETMASK, &before, nullptr);
        QVERIFY(started);
        QVERIFY(p.waitForFinished(300000));
        QByteArray err = p.readAllStandardError();
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QVERIFY2(p.exitCode() == 4 && err.contains("cancelled; nothing was written"), err.constData());
        QCOMPARE(QDir(elsewhere.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
                 QStringList());
    }

    // Hostile test i13: a bundle's pool is whatever its author wrote (run.json's pool is not among
    // the recomputed figures), so resuming an imported run sent this user's keys to the endpoints the
    // bundle named. An imported run is not resumed; its report, export and verify are unchanged.
    void anImportedRunIsNotResumed() {
        QTemporaryDir elsewhere;
        QString db = elsewhere.filePath("stopped.db");
        runCli({"run", "--pool", "demo", "--tasks", m_dir.filePath("tasks.jsonl"), "--db", db, "--max-calls", "5"});
        auto runs = runCli({"runs", "--db", db});
        QVERIFY2(runs.out.contains("stopped"), runs.out.constData());
        QString zip = elsewhere.filePath("stopped.zip");
        QCOMPARE(runCli({"bundle", "export", "1", "--db", db, "--out", zip}).exitCode, 0);
        QString other = elsewhere.filePath("other.db");
        QCOMPARE(runCli({"bundle", "import", zip, "--db", other}).exitCode, 0);
        auto resumed = runCli({"run", "--resume", "1", "--db", other, "--json"});
        QVERIFY2(resumed.exitCode == 1, (resumed.out + resumed.err).constData());
        QVERIFY2(resumed.err.contains("was imported from a bundle"), resumed.err.constData());
        auto report = runCli({"report", "1", "--db", other, "--json"});
        QCOMPARE(report.exitCode, 0);
        QCOMPARE(report.json(), runCli({"report", "1", "--db", db, "--json"}).json());
    }

    // Issue 17, reports people share: one self-contained page and a workbook.
    void htmlAndXlsxReports() {
        QString db = m_dir.filePath("w.db");
        auto r = runCli({"report", "1", "--db", db, "--html", m_dir.filePath("r.html"), "--xlsx", m_dir.filePath("r.xlsx")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QFile html(m_dir.filePath("r.html"));
        QVERIFY(html.open(QIODevice::ReadOnly));
        QString page = QString::fromUtf8(html.readAll());
        QCOMPARE(page.count("<svg "), 2);
        for (const auto& s : m_report["strategies"].toArray())
            QVERIFY2(page.contains("<td>" + s.toObject()["name"].toString() + "</td>"), qPrintable(s.toObject()["name"].toString()));
        QVERIFY(page.contains("Pool makeup and price sources"));
        QVERIFY(page.contains("simulated")); // the demo's price source
        // Nothing outside the file: no script, no link, no source, no URL but the SVG namespace.
        for (const char* outside : {"<script", "<link", "src=", "url(", "@import"})
            QVERIFY2(!page.contains(outside), outside);
        QCOMPARE(page.count("http"), page.count("http://www.w3.org/2000/svg"));
        auto book = readZip(m_dir.filePath("r.xlsx").toStdString());
        QVERIFY(book.has_value());
        QCOMPARE(int(book->count("xl/worksheets/sheet5.xml")), 1); // strategies, comparisons, categories, roles, pool
        QVERIFY(book->at("xl/sharedStrings.xml").find("by-category") != std::string::npos);
        // The accuracy of the first strategy (column F; rows: title, note, blank, header, data) is a
        // number in the sheet, not text.
        const std::string& sheet = book->at("xl/worksheets/sheet1.xml");
        size_t cell = sheet.find("<c r=\"F5\"");
        QVERIFY(cell != std::string::npos);
        std::string xml = sheet.substr(cell, sheet.find("</c>", cell) - cell);
        QVERIFY2(xml.find("t=\"s\"") == std::string::npos, xml.c_str());
        size_t v = xml.find("<v>");
        QVERIFY(v != std::string::npos);
        double accuracy = m_report["strategies"].toArray()[0].toObject()["accuracy"].toDouble();
        QVERIFY2(std::fabs(std::stod(xml.substr(v + 3)) - accuracy) < 1e-12, xml.c_str());
        QCOMPARE(runCli({"report", "1", "--db", db, "--html", m_dir.filePath("x.html"), "--csv"}).exitCode, 2);
    }

    // Issue 17, prices that move: the lock-in cost of a vendor doubling its prices, from the run's
    // recorded tokens, with no call.
    void repriceWithAVendorRaise() {
        auto r = runCli({"reprice", "1", "--db", m_dir.filePath("w.db"), "--raise", "sim-c=100", "--json"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        double recordedRaised = 0, recordedOther = 0;
        int raised = 0;
        for (const auto& v : r.json()["models"].toArray()) {
            auto m = v.toObject();
            double recorded = m["recorded_usd"].toDouble(), repriced = m["repriced_usd"].toDouble();
            QVERIFY(recorded > 0);
            if (m["vendor"].toString() == "sim-c") {
                ++raised;
                recordedRaised += recorded;
                QVERIFY2(std::fabs(repriced - 2 * recorded) < 1e-9, qPrintable(m["model"].toString()));
            } else {
                recordedOther += recorded;
                QVERIFY2(std::fabs(repriced - recorded) < 1e-9, qPrintable(m["model"].toString()));
            }
        }
        QCOMPARE(raised, 2); // sim/flash and sim/frontier
        QVERIFY(std::fabs(r.json()["repriced_usd"].toDouble() - (2 * recordedRaised + recordedOther)) < 1e-9);
        QCOMPARE(runCli({"reprice", "1", "--db", m_dir.filePath("w.db"), "--raise", "sim-c"}).exitCode, 2);
        auto text = runCli({"reprice", "1", "--db", m_dir.filePath("w.db"), "--raise", "sim-c=100"});
        QVERIFY2(text.out.contains("raised 100"), text.out.constData());
    }

    // Hostile test i13: a manifest of the wrong shape was an internal error (exit 3) or, for a
    // version of 1e300 or 0.5, read as version 1 and verified.
    void aManifestOfTheWrongShapeIsBadInput_data() {
        QTest::addColumn<QString>("pointer");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("said");
        QTest::newRow("sha256 entry a number") << "/files/calls.jsonl"
                                               << "5"
                                               << "calls.jsonl: the manifest gives no SHA-256";
        QTest::newRow("sha256 a number") << "/files/run.json/sha256"
                                         << "7"
                                         << "run.json: the manifest gives no SHA-256";
        QTest::newRow("version a string") << "/version"
                                          << "\"2\""
                                          << "is not a bundle format version";
        QTest::newRow("version 1e300") << "/version"
                                       << "1e300"
                                       << "newer than this Baton reads";
        QTest::newRow("version 0.5") << "/version"
                                     << "0.5"
                                     << "is not a bundle format version";
    }
    void aManifestOfTheWrongShapeIsBadInput() {
        QFETCH(QString, pointer);
        QFETCH(QString, value);
        QFETCH(QString, said);
        auto files = readZip(m_zip.toStdString());
        QVERIFY(files.has_value());
        auto manifest = nlohmann::json::parse(files->at("manifest.json"));
        manifest[nlohmann::json::json_pointer(pointer.toStdString())] = nlohmann::json::parse(value.toStdString());
        files->at("manifest.json") = manifest.dump(2);
        QTemporaryDir elsewhere;
        QString odd = elsewhere.filePath("odd.zip");
        QVERIFY(writeZip(odd.toStdString(), *files).has_value());
        auto r = runCli({"bundle", "verify", odd});
        QVERIFY2(r.exitCode == 1, (r.out + r.err).constData());
        QVERIFY2((r.out + r.err).contains(said.toUtf8()), (r.out + r.err).constData());
        auto imported = runCli({"bundle", "import", odd, "--db", elsewhere.filePath("x.db")});
        QVERIFY2(imported.exitCode == 1, (imported.out + imported.err).constData());
    }

    // Session 15: pool.json and prices.json are the run's snapshots written out; a bundle whose
    // pool.json names another endpoint than run.json does (the manifest re-hashed) verified with 0
    // differences, so a reader could not tell which pool the calls used.
    void aPoolThatDiffersFromTheRunsIsNamed_data() {
        QTest::addColumn<QString>("file");
        QTest::newRow("pool") << "pool.json";
        QTest::newRow("prices") << "prices.json";
    }
    void aPoolThatDiffersFromTheRunsIsNamed() {
        QFETCH(QString, file);
        auto files = readZip(m_zip.toStdString());
        QVERIFY(files.has_value());
        const std::string name = file.toStdString();
        auto changed = nlohmann::json::parse(files->at(name));
        changed["changed_after_export"] = true;
        files->at(name) = changed.dump(2);
        baton::test::rehashInManifest(*files, name);
        QTemporaryDir elsewhere;
        QString odd = elsewhere.filePath("odd.zip");
        QVERIFY(writeZip(odd.toStdString(), *files).has_value());
        auto r = runCli({"bundle", "verify", odd, "--json"});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(differences(r), QStringList{file + ": differs from the run's own snapshot in run.json"});
    }

    void badInputIsSaidClearly() {
        QTemporaryDir elsewhere;
        QString notZip = elsewhere.filePath("not.zip");
        std::ofstream(notZip.toStdString()) << "hello";
        auto r = runCli({"bundle", "verify", notZip});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("not a readable zip"), r.err.constData());
        QVERIFY(writeZip(elsewhere.filePath("empty.zip").toStdString(), {{"a.txt", "x"}}).has_value());
        r = runCli({"bundle", "verify", elsewhere.filePath("empty.zip")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("no manifest.json"), r.err.constData());
        QCOMPARE(runCli({"bundle", "export", "1", "--db", m_dir.filePath("w.db")}).exitCode, 2); // no --out
        QCOMPARE(runCli({"bundle", "export", "7", "--db", m_dir.filePath("w.db"), "--out", elsewhere.filePath("7.zip")})
                     .exitCode,
                 1);
        QVERIFY(runCli({"bundle", "verify", "--help"}).out.contains("no API call"));
    }
};

QTEST_GUILESS_MAIN(TestCliBundle)
#include "tst_cli_bundle.moc"
