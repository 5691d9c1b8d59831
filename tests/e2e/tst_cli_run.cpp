// SPDX-License-Identifier: MIT
// baton-cli run and report as a user runs them: a canary key never leaks, a run killed with
// SIGKILL resumes without re-sending finished calls, and reports export.

#include "cli_process.h"
#include "bundle/zip_archive.h"
#include "core_printers.h"
#include "io/task_export.h"
#include "sim/demo_tasks.h"
#include "store/sqlite_db.h"
#include "store/workspace.h"
#include "util/redact.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QScopeGuard>
#include <QStandardPaths>
#include <csignal>
#include <unistd.h>
#include <fstream>

using namespace baton::core;

using baton::test::CliResult;
using baton::test::runCli;

namespace {

const char* const kCanary = "sk-canary-7Qx2Lm9Pz4Rt8Vb1Nc6Yd3Wk5Hs0Jf";
const char* const kHeaderCanary = "gw-canary-Hq3Zt8Lw2Pn6Xv4Rk9Bm1Cs7Dy5"; // a gateway token sent as a header

void writeFile(const QString& path, const std::string& text) {
    std::ofstream(path.toStdString()) << text;
}

/// A fixture from tests/data/e2e with @NAME@ placeholders filled in.
std::string fixture(const char* name, const std::map<std::string, std::string>& fill = {}) {
    QFile f(QString(BATON_TEST_DATA "/e2e/") + name);
    if (!f.open(QIODevice::ReadOnly)) qFatal("missing fixture %s", name);
    std::string text = f.readAll().toStdString();
    for (const auto& [key, value] : fill)
        text.replace(text.find("@" + key + "@"), key.size() + 2, value);
    return text;
}

/// Starts `baton-cli sim serve` and returns its base URL.
QString startSim(QProcess& sim, const QStringList& args) {
    sim.start(BATON_CLI, QStringList{"sim", "serve", "--json"} + args);
    sim.waitForStarted();
    QByteArray out;
    while (!out.contains("\n}") && sim.waitForReadyRead(10000))
        out += sim.readAllStandardOutput();
    return QJsonDocument::fromJson(out).object()["base_url"].toString();
}

/// A read-only look at a database another process may be writing (and creating): no migration,
/// and -1 while its tables do not exist yet.
int64_t query(const QString& db, const std::string& sql) {
    auto reader = SqliteDb::open(db.toStdString(), SqliteDb::Mode::ReadOnly);
    if (!reader) return -1;
    (void)(*reader)->exec("PRAGMA busy_timeout = 5000");
    auto value = (*reader)->queryInt(sql);
    return value ? *value : -1;
}

} // namespace

class TestCliRun : public QObject {
    Q_OBJECT
private slots:
    void runAndReport() {
        QTemporaryDir dir;
        writeFile(dir.filePath("tasks.jsonl"), taskSetToJsonl(generateDemoTasks(9, 2)));
        QString db = dir.filePath("w.db");
        auto refused = runCli({"run", "--pool", "demo", "--tasks", dir.filePath("tasks.jsonl"), "--db", db});
        QCOMPARE(refused.exitCode, 0); // the demo pool carries its own $5 cap, so no --max-cost is needed
        QVERIFY2(refused.out.contains("Run 1 completed: 72 answered"), refused.out.constData());
        auto report = runCli({"report", "1", "--db", db, "--json"});
        QCOMPARE(report.exitCode, 0);
        QCOMPARE(report.json()["strategies"].toArray().size(), 6);
        QCOMPARE(report.json()["best_single"].toString().isEmpty(), false);
        auto csv = runCli({"report", "1", "--db", db, "--csv", "--out", dir.filePath("r.csv")});
        QCOMPARE(csv.exitCode, 0);
        QFile file(dir.filePath("r.csv"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll().count('\n'), 7);
        QCOMPARE(runCli({"report", "99", "--db", db}).exitCode, 1);
        auto cascade = runCli({"cascade", "optimise", "1", "--db", db, "--budget", "0.01", "--json"});
        QCOMPARE(cascade.exitCode, 0);
        QCOMPARE(cascade.json()["held_out_items"].toInt(), 6); // 12 items: even ones train, odd ones check
        QVERIFY(!cascade.json()["choice"].toObject()["chain"].toArray().isEmpty());
        QVERIFY(cascade.json()["choice"].toObject()["mean_cost_usd"].toDouble() <= 0.01);
        QCOMPARE(runCli({"cascade", "optimise", "1", "--db", db, "--budget", "0.0000001"}).exitCode, 1);
        auto runs = runCli({"runs", "--db", db, "--json"});
        QCOMPARE(QJsonDocument::fromJson(runs.out).array().size(), 1);

        // A run without baselines is compared with run 1's, named as such (its report listed
        // no baseline at all before).
        auto strategyOnly = runCli({"run", "--pool", "demo", "--tasks", dir.filePath("tasks.jsonl"), "--db", db,
                                    "--no-baselines", "--strategy", "cheap-first"});
        QCOMPARE(strategyOnly.exitCode, 0);
        auto borrowed = runCli({"report", "2", "--db", db, "--json"});
        QCOMPARE(borrowed.exitCode, 0);
        int models = 0; // run 1's baselines: one per model of the demo pool
        for (const auto& s : report.json()["strategies"].toArray())
            models += s.toObject()["baseline"].toBool();
        QVERIFY(models > 1);
        const QJsonArray named = borrowed.json()["borrowed_baselines"].toArray();
        QCOMPARE(named.size(), models);
        for (const auto& b : named)
            QCOMPARE(b.toObject()["from_run"].toInt(), 1);
        QStringList against;
        for (const auto& c : borrowed.json()["comparisons"].toArray())
            if (c.toObject()["strategy"].toString() == "cheap-first") against << c.toObject()["against"].toString();
        QCOMPARE(against.size(), models);
        QVERIFY2(against.contains("sim/pro (run 1)"), qPrintable(against.join(", ")));
        QVERIFY(runCli({"report", "2", "--db", db}).out.contains("made without baselines"));
    }

    void streamFlagStreamsEveryRequest() {
        QTemporaryDir dir;
        writeFile(dir.filePath("tasks.jsonl"), taskSetToJsonl(generateDemoTasks(9, 1)));
        QString db = dir.filePath("w.db");
        auto r = runCli({"run", "--pool", "demo", "--tasks", dir.filePath("tasks.jsonl"), "--db", db, "--stream"});
        QCOMPARE(r.exitCode, 0);
        int64_t calls = query(db, "SELECT COUNT(*) FROM calls WHERE status = 'ok' AND cache_hit = 0");
        QVERIFY(calls >= 36);
        // The request each call sent (logged without its key) asked for a stream with usage...
        QCOMPARE(query(db, "SELECT COUNT(*) FROM calls c JOIN call_texts t ON t.hash = c.request_hash WHERE c.status = "
                           "'ok' AND c.cache_hit = 0 AND t.body LIKE '%\"stream\":true%' AND t.body LIKE "
                           "'%\"include_usage\":true%'"),
                 calls);
        // ...and each has its time to first token, no later than its whole latency.
        QCOMPARE(query(db, "SELECT COUNT(*) FROM calls WHERE status = 'ok' AND cache_hit = 0 AND ttft_ms IS NOT NULL "
                           "AND ttft_ms <= latency_ms + 1"),
                 calls);
        QCOMPARE(query(db, "SELECT COUNT(*) FROM calls WHERE status = 'ok' AND finish_reason != ''"), calls);
    }

    // Issue 16, defect 6: the cap belongs to the run. Before, three resumes without --max-cost
    // spent $0.180 against a $0.05 cap. Also: a stopped run exits 4, and --max-calls end to end.
    void capHoldsAcrossResumes() {
        QTemporaryDir dir;
        writeFile(dir.filePath("tasks.jsonl"), taskSetToJsonl(generateDemoTasks(9, 4)));
        QString db = dir.filePath("w.db");
        // One call at a time, so that each pass reserves one worst case and spends close to what the
        // cap leaves (the whole run costs about $0.26): a resume that forgot what earlier passes spent
        // spent another ~$0.027 each time ($0.111 after three; mutant resume-forgets-spend).
        auto first = runCli({"run", "--pool", "demo", "--tasks", dir.filePath("tasks.jsonl"), "--db", db,
                             "--max-cost", "0.05", "--no-cache", "--concurrency", "1", "--json"});
        QCOMPARE(first.exitCode, 4); // stopped by the cap: not a finished run
        QCOMPARE(first.json()["stop_reason"].toString(), QString("the budget cap was reached"));
        const int64_t cap = 50000000000; // $0.05 in pico-dollars
        for (int i = 0; i < 3; ++i) {
            auto resumed = runCli({"run", "--resume", "1", "--db", db, "--json"});
            QCOMPARE(resumed.exitCode, 4);
            QVERIFY2(resumed.err.contains("cap of $0.050000 holds across resumes"), resumed.err.constData());
        }
        int64_t spent = query(db, "SELECT SUM(cost_pico) FROM calls WHERE run_id = 1");
        QVERIFY2(spent > cap / 2 && spent <= cap, qPrintable(QString::number(spent)));
        // Raising it is explicit, said, and stored with the run.
        auto raised = runCli({"run", "--resume", "1", "--db", db, "--max-cost", "0.5", "--json"});
        QVERIFY2(raised.err.contains("cap changes from $0.050000 to $0.500000"), raised.err.constData());
        auto again = runCli({"run", "--resume", "1", "--db", db, "--json"});
        QVERIFY2(again.err.contains("cap of $0.500000 holds"), again.err.constData());
        spent = query(db, "SELECT SUM(cost_pico) FROM calls WHERE run_id = 1");
        QVERIFY2(spent > cap && spent <= 500000000000, qPrintable(QString::number(spent)));
    }

    void callCapEndToEnd() {
        QTemporaryDir dir;
        writeFile(dir.filePath("tasks.jsonl"), taskSetToJsonl(generateDemoTasks(9, 4)));
        QString db = dir.filePath("w.db");
        auto r = runCli({"run", "--pool", "demo", "--tasks", dir.filePath("tasks.jsonl"), "--db", db, "--max-calls",
                         "7", "--no-cache", "--json"});
        QCOMPARE(r.exitCode, 4);
        QCOMPARE(r.json()["http_requests"].toInt(), 7);
        QCOMPARE(query(db, "SELECT COUNT(*) FROM calls WHERE run_id = 1"), int64_t(7)); // every attempt is a row
        QCOMPARE(r.json()["stop_reason"].toString(), QString("the call cap (--max-calls) was reached"));
        auto resumed = runCli({"run", "--resume", "1", "--db", db, "--json"});
        QCOMPARE(resumed.exitCode, 4);
        QCOMPARE(resumed.json()["stop_reason"].toString(), QString("the call cap (--max-calls) was reached"));
    }

    // Issue 16, defect 12: a read-only copy of a workspace can be reported on.
    void readOnlyCopyCanBeReported() {
        QTemporaryDir dir;
        writeFile(dir.filePath("tasks.jsonl"), taskSetToJsonl(generateDemoTasks(9, 1)));
        QDir(dir.path()).mkdir("ro");
        QString db = dir.filePath("ro/w.db");
        QCOMPARE(runCli({"run", "--pool", "demo", "--tasks", dir.filePath("tasks.jsonl"), "--db", db}).exitCode, 0);
        QFile::setPermissions(db, QFileDevice::ReadOwner | QFileDevice::ReadGroup);
        QFile::setPermissions(dir.filePath("ro"), QFileDevice::ReadOwner | QFileDevice::ExeOwner);
        auto restore = qScopeGuard([&] {
            QFile::setPermissions(dir.filePath("ro"), QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                                          QFileDevice::ExeOwner);
        });
        // root writes a read-only file anyway: then the CLI runs as nobody (setpriv), as a user would.
        auto readOnlyCli = [](const QStringList& args) {
            if (::geteuid() != 0) return runCli(args);
            QProcess p;
            p.start("setpriv", QStringList{"--reuid=65534", "--regid=65534", "--clear-groups", BATON_CLI} + args);
            p.waitForFinished(300000);
            return CliResult{p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
        };
        if (::geteuid() == 0) {
            if (QStandardPaths::findExecutable("setpriv").isEmpty()) QSKIP("running as root without setpriv");
            QFile::setPermissions(dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner |
                                                  QFileDevice::ReadOther | QFileDevice::ExeOther);
            QFile::setPermissions(dir.filePath("ro"), QFileDevice::ReadOwner | QFileDevice::ExeOwner |
                                                          QFileDevice::ReadOther | QFileDevice::ExeOther);
            QFile::setPermissions(db, QFileDevice::ReadOwner | QFileDevice::ReadOther);
        }
        auto report = readOnlyCli({"report", "1", "--db", db, "--json"});
        QVERIFY2(report.exitCode == 0, report.err.constData()); // was: "database is read-only", exit 1
        QCOMPARE(report.json()["strategies"].toArray().size(), 6);
        QCOMPARE(readOnlyCli({"runs", "--db", db}).exitCode, 0);
        auto info = readOnlyCli({"db", "info", "--db", db, "--json"});
        QCOMPARE(info.json()["integrity"].toString(), QString("ok"));
        // db check too, which damage messages send users to (it opened the file to write: exit 1).
        auto check = readOnlyCli({"db", "check", "--db", db, "--json"});
        QVERIFY2(check.exitCode == 0, check.err.constData());
        QCOMPARE(check.json()["references"].toString(), QString("ok"));
    }

    void bigWorstCaseNeedsACapOrYes() {
        QTemporaryDir dir;
        QString pool = QString(BATON_TEST_DATA "/e2e/big_worst_case_pool.json");
        auto r = runCli({"run", "--pool", pool, "--tasks", "demo", "--db", dir.filePath("w.db")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("set a cap with --max-cost USD, or pass --yes"));
    }

    void missingKeyIsReportedBeforeTheRun() {
        QTemporaryDir dir;
        QString pool = QString(BATON_TEST_DATA "/e2e/missing_key_pool.json");
        auto r = runCli({"run", "--pool", pool, "--tasks", "demo", "--db", dir.filePath("w.db"), "--max-cost", "1"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("model \"gpt\": no key found at env:BATON_TEST_NO_SUCH_KEY"), r.err.constData());
    }

    void canaryKeyNeverLeaks() {
        QTemporaryDir dir;
        TaskSet tasks = generateDemoTasks(11, 4);
        writeFile(dir.filePath("tasks.jsonl"), taskSetToJsonl(tasks));
        QProcess sim;
        QString base = startSim(
            sim, {"--profile", BATON_TEST_DATA "/e2e/hostile_profile.json", "--tasks", dir.filePath("tasks.jsonl")});
        QVERIFY(!base.isEmpty());
        writeFile(dir.filePath("pool.json"), fixture("canary_pool.json", {{"BASE_URL", base.toStdString()}}));
        auto env = QProcessEnvironment::systemEnvironment();
        env.insert("BATON_CANARY_KEY", kCanary);
        env.insert("BATON_CANARY_HEADER", kHeaderCanary);
        QString db = dir.filePath("w.db");
        std::vector<CliResult> outputs;
        outputs.push_back(runCli({"run", "--pool", dir.filePath("pool.json"), "--tasks", dir.filePath("tasks.jsonl"),
                                  "--db", db, "--max-cost", "1", "--json"},
                                 env));
        QCOMPARE(outputs.back().exitCode, 0);
        outputs.push_back(runCli({"report", "1", "--db", db, "--json", "--out", dir.filePath("report.json")}, env));
        outputs.push_back(runCli({"report", "1", "--db", db, "--csv", "--out", dir.filePath("report.csv")}, env));
        outputs.push_back(runCli({"report", "1", "--db", db}, env));
        outputs.push_back(runCli({"bundle", "export", "1", "--db", db, "--out", dir.filePath("bundle.zip")}, env));
        QCOMPARE(outputs.back().exitCode, 0);
        sim.terminate();
        sim.waitForFinished();

        // The hostile upstream did send the key back: the logged errors show where it was cut out.
        QVERIFY(query(db, "SELECT COUNT(*) FROM calls WHERE error LIKE '%[REDACTED]%'") > 0);
        // ... and so did the pool's key_ref header (sent, quoted back, cut out) next to its inline one.
        QVERIFY(query(db, "SELECT COUNT(*) FROM calls WHERE error LIKE '%X-Gateway-Token: [REDACTED]%'") > 0);
        QVERIFY(query(db, "SELECT COUNT(*) FROM calls WHERE error LIKE '%X-Route: hostile%'") > 0);
        QByteArray everything;
        for (const auto& o : outputs)
            everything += o.out + o.err;
        everything += sim.readAllStandardOutput() + sim.readAllStandardError();
        for (const QString& name : QDir(dir.path()).entryList(QDir::Files)) {
            QFile f(dir.filePath(name));
            QVERIFY(f.open(QIODevice::ReadOnly));
            everything += f.readAll(); // the database, its -wal and -shm if present, exports
        }
        // The bundle's files as they are inside the zip (compressed, they would hide a key).
        auto bundle = readZip(dir.filePath("bundle.zip").toStdString());
        QVERIFY(bundle.has_value() && bundle->count("calls.jsonl") == 1);
        for (const auto& [name, bytes] : *bundle)
            everything += QByteArray::fromStdString(bytes);
        int hits = 0;
        for (const char* canary : {kCanary, kHeaderCanary})
            for (const auto& form : secretForms(canary))
                hits += everything.count(QByteArray::fromStdString(form));
        QCOMPARE(hits, 0);
    }

    void killedRunResumesWithoutResending() {
        QTemporaryDir dir;
        writeFile(dir.filePath("tasks.jsonl"), taskSetToJsonl(generateDemoTasks(12, 5)));
        writeFile(dir.filePath("slow.json"), fixture("resume_profile.json", {{"TIME_SCALE", "1"}}));
        writeFile(dir.filePath("fast.json"), fixture("resume_profile.json", {{"TIME_SCALE", "0"}}));
        writeFile(dir.filePath("pool.json"), fixture("resume_pool.json"));
        QString db = dir.filePath("w.db");
        const int jobs = 3 * 30;

        QProcess run;
        run.start(BATON_CLI,
                  {"run", "--pool", dir.filePath("pool.json"), "--tasks", dir.filePath("tasks.jsonl"), "--db", db,
                   "--max-cost", "5", "--sim-profile", dir.filePath("slow.json"), "--concurrency", "6"});
        QVERIFY(run.waitForStarted());
        for (int i = 0; i < 600 && (!QFile::exists(db) || query(db, "SELECT COUNT(*) FROM outcomes") < 20); ++i)
            QTest::qWait(50);
        run.kill(); // SIGKILL
        QVERIFY(run.waitForFinished());
        int64_t finished = query(db, "SELECT COUNT(*) FROM outcomes");
        QVERIFY2(finished >= 20 && finished < jobs, qPrintable(QString::number(finished)));
        int64_t answeredCalls =
            query(db, "SELECT COUNT(DISTINCT item_id || '|' || strategy) FROM calls WHERE status = 'ok'");

        auto resumed =
            runCli({"run", "--resume", "1", "--db", db, "--sim-profile", dir.filePath("fast.json"), "--json"});
        QCOMPARE(resumed.exitCode, 0);
        QJsonObject s = resumed.json();
        QCOMPARE(s["status"].toString(), QString("completed"));
        QCOMPARE(s["skipped"].toInt(), int(finished));
        QCOMPARE(s["http_requests"].toInt(), int(jobs - answeredCalls)); // only calls without a terminal row
        QCOMPARE(query(db, "SELECT COUNT(*) FROM outcomes"), int64_t(jobs));
        QCOMPARE(
            query(db,
                  "SELECT COUNT(*) FROM (SELECT 1 FROM calls WHERE status = 'ok' GROUP BY item_id, strategy, node_id "
                  "HAVING COUNT(*) > 1)"),
            int64_t(0));
        QCOMPARE(runCli({"db", "info", "--db", db, "--json"}).json()["integrity"].toString(), QString("ok"));
    }

    // Session 16: a run whose writer waits for another process's lock (a long `tasks import`)
    // said nothing for up to 10 minutes, and Ctrl+C could not end the wait. Before any call the
    // wait is said and Ctrl+C ends it at once, exit 4 as a cancelled run.
    void aWaitBeforeTheRunIsSaidAndCtrlCEndsIt() {
        QTemporaryDir dir;
        writeFile(dir.filePath("tasks.jsonl"), taskSetToJsonl(generateDemoTasks(6, 2)));
        QString db = dir.filePath("w.db");
        QVERIFY(Workspace::open(db.toStdString())); // made, then closed
        auto other = SqliteDb::open(db.toStdString(), SqliteDb::Mode::ReadWrite);
        QVERIFY(other && (*other)->exec("BEGIN IMMEDIATE"));
        QProcess run;
        run.start(BATON_CLI, {"run", "--pool", "demo", "--tasks", dir.filePath("tasks.jsonl"), "--db", db});
        QByteArray err;
        QVERIFY2(waitForError(run, err, "another process is writing to the workspace"), err.constData());
        ::kill(pid_t(run.processId()), SIGINT);
        QVERIFY2(run.waitForFinished(30000), "Ctrl+C did not end the wait");
        err += run.readAllStandardError();
        QVERIFY(run.exitStatus() == QProcess::NormalExit);
        QVERIFY2(run.exitCode() == 4 && err.contains("cancelled"), err.constData());
        QVERIFY((*other)->exec("COMMIT"));
        QCOMPARE(query(db, "SELECT COUNT(*) FROM calls"), int64_t(0)); // nothing was paid
    }

    // During the run: the first Ctrl+C stops it (nothing more is paid) and says that the answered
    // calls wait to be stored; a second gives them up, exit 4, the workspace whole.
    void aWaitDuringTheRunIsSaidAndTwoCtrlCEndIt() {
        QTemporaryDir dir;
        writeFile(dir.filePath("tasks.jsonl"), taskSetToJsonl(generateDemoTasks(12, 5)));
        writeFile(dir.filePath("slow.json"), fixture("resume_profile.json", {{"TIME_SCALE", "1"}}));
        writeFile(dir.filePath("pool.json"), fixture("resume_pool.json"));
        QString db = dir.filePath("w.db");
        QProcess run;
        run.start(BATON_CLI,
                  {"run", "--pool", dir.filePath("pool.json"), "--tasks", dir.filePath("tasks.jsonl"), "--db", db,
                   "--max-cost", "5", "--sim-profile", dir.filePath("slow.json"), "--concurrency", "6"});
        QVERIFY(run.waitForStarted());
        for (int i = 0; i < 600 && (!QFile::exists(db) || query(db, "SELECT COUNT(*) FROM outcomes") < 5); ++i)
            QTest::qWait(50);
        auto other = SqliteDb::open(db.toStdString(), SqliteDb::Mode::ReadWrite);
        QVERIFY(other && (*other)->exec("BEGIN IMMEDIATE"));
        auto release = qScopeGuard([&] { (void)(*other)->exec("COMMIT"); });
        QByteArray err;
        QVERIFY2(waitForError(run, err, "another process is writing to the workspace"), err.constData());
        ::kill(pid_t(run.processId()), SIGINT);
        QVERIFY2(waitForError(run, err, "Ctrl+C again"), err.constData());
        QCOMPARE(run.state(), QProcess::Running); // still waiting to store what was paid
        ::kill(pid_t(run.processId()), SIGINT);
        QVERIFY2(run.waitForFinished(30000), "a second Ctrl+C did not end the wait");
        err += run.readAllStandardError();
        QVERIFY2(run.exitCode() == 4 && err.contains("cancelled"), err.constData());
        QVERIFY((*other)->exec("COMMIT"));
        QCOMPARE(runCli({"db", "info", "--db", db, "--json"}).json()["integrity"].toString(), QString("ok"));
    }

    // Session 16: under `ulimit -n 64`, `--concurrency 256` stopped the run with "25 items in a row
    // failed with: connection failed (... Couldn't connect to server)" and no word of the limit
    // (nothing was lost: integrity ok, the resume goes on). The run now warns before it starts;
    // the default settings, which fit in 64 files, are not warned about.
    void fewOpenFilesAreWarnedAbout() {
        QTemporaryDir dir;
        auto runUnderLimit = [&](const QString& db, const QString& options) {
            QProcess p;
            p.start("/bin/sh", {"-c", "ulimit -n 64 && exec \"$0\" run --pool demo --tasks demo --db \"$1\" "
                                      "--max-calls 1 " + options, BATON_CLI, db});
            p.waitForFinished(300000);
            return p.readAllStandardError();
        };
        QByteArray warned = runUnderLimit(dir.filePath("a.db"), "--concurrency 256 --per-model 64");
        QVERIFY2(warned.contains("ulimit -n") && warned.contains("may open 64"), warned.constData());
        QByteArray quiet = runUnderLimit(dir.filePath("b.db"), "");
        QVERIFY2(!quiet.contains("ulimit -n") && quiet.contains("Estimate"), quiet.constData());
    }

private:
    /// Reads the process's stderr into `err` until it holds `text` (or a minute has passed).
    static bool waitForError(QProcess& p, QByteArray& err, const char* text) {
        for (int i = 0; i < 600 && !err.contains(text) && p.state() != QProcess::NotRunning; ++i) {
            p.waitForReadyRead(100);
            err += p.readAllStandardError();
        }
        err += p.readAllStandardError();
        return err.contains(text);
    }
};

QTEST_GUILESS_MAIN(TestCliRun)
#include "tst_cli_run.moc"
