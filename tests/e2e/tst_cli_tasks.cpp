// SPDX-License-Identifier: MIT
// `tasks import` streaming into the workspace and `tasks show` reading only what it prints:
// a refused import leaves no row, the same file is recognised without being read, a changed
// file is not, and `tasks show --limit N` reads N items.

#include "cli_process.h"
#include "core_printers.h"
#include "store/sqlite_db.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include <QTest>
#include <csignal>
#include <pthread.h>
#include <sys/stat.h>

using baton::test::CliResult;
using baton::test::runCli;

namespace {

void write(const QString& path, const QByteArray& text) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(text);
}

QByteArray items(int n, const char* answer = "1") {
    QByteArray text;
    for (int i = 0; i < n; ++i)
        text += QByteArray("{\"id\":\"q") + QByteArray::number(i) + "\",\"prompt\":\"question " +
                QByteArray::number(i) + "\",\"answer\":\"" + answer + "\"}\n";
    return text;
}

int rows(const QString& db, const char* table) {
    auto info = runCli({"db", "info", "--db", db, "--json"});
    return info.json()["rows"].toObject()[table].toInt(-1);
}

} // namespace

class TestCliTasks : public QObject {
    Q_OBJECT
private slots:
    void refusedImportLeavesNoRow() {
        QTemporaryDir dir;
        QString db = dir.filePath("w.db"), file = dir.filePath("t.jsonl");
        write(file, items(3) + "{not json\n" + items(1)); // line 4 bad, line 5 repeats q0
        auto r = runCli({"tasks", "import", file, "--db", db});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("2 bad line(s), nothing imported"), r.err.constData());
        QVERIFY(r.err.contains("line 4: "));
        QVERIFY(r.err.contains("line 5: duplicate id \"q0\" (first on line 1)"));
        QCOMPARE(rows(db, "task_sets"), 0);
        QCOMPARE(rows(db, "items"), 0);
        QCOMPARE(rows(db, "texts"), 0);

        auto skipped = runCli({"tasks", "import", file, "--db", db, "--skip-bad", "--json"});
        QCOMPARE(skipped.exitCode, 0);
        QCOMPARE(skipped.json()["items"].toInt(), 3);
        QCOMPARE(skipped.json()["skipped"].toArray().size(), 2);
        QCOMPARE(rows(db, "items"), 3);
        // Skipped lines are listed again next time: such a file is read again, not taken as known.
        auto again = runCli({"tasks", "import", file, "--db", db, "--skip-bad", "--json"});
        QCOMPARE(again.json()["already_present"].toBool(), true);
        QCOMPARE(again.json()["same_file"].toBool(), false);
        QCOMPARE(again.json()["skipped"].toArray().size(), 2);
        QCOMPARE(runCli({"tasks", "import", file, "--db", db}).exitCode, 1);
    }

    void sameFileIsNotReadAgain() {
        QTemporaryDir dir;
        QString db = dir.filePath("w.db"), file = dir.filePath("t.jsonl");
        write(file, items(5));
        auto first = runCli({"tasks", "import", file, "--db", db, "--json"});
        QCOMPARE(first.exitCode, 0);
        QCOMPARE(first.json()["items_read"].toInt(), 5);
        QCOMPARE(first.json()["same_file"].toBool(), false);

        auto again = runCli({"tasks", "import", file, "--db", db, "--json"});
        QCOMPARE(again.exitCode, 0);
        QCOMPARE(again.json()["already_present"].toBool(), true);
        QCOMPARE(again.json()["same_file"].toBool(), true);
        QCOMPARE(again.json()["items_read"].toInt(), 0);
        QCOMPARE(again.json()["task_set_id"].toInt(), first.json()["task_set_id"].toInt());
        QCOMPARE(again.json()["content_hash"].toString(), first.json()["content_hash"].toString());
        QCOMPARE(again.json()["items"].toInt(), 5);
        auto text = runCli({"tasks", "import", file, "--db", db});
        QVERIFY2(text.out.startsWith("already imported as task set 1 \"t\": 5 items"), text.out.constData());

        // Options that shape the items are part of what is recognised.
        auto graded = runCli({"tasks", "import", file, "--db", db, "--grader", "exact", "--json"});
        QCOMPARE(graded.json()["same_file"].toBool(), false);
        QCOMPARE(graded.json()["already_present"].toBool(), false);

        // The same path, size and modification time, another content: read, and a new set.
        QDateTime modified = QFileInfo(file).lastModified();
        write(file, items(5, "2"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.setFileTime(modified, QFileDevice::FileModificationTime));
        f.close();
        auto changed = runCli({"tasks", "import", file, "--db", db, "--json"});
        QCOMPARE(changed.exitCode, 0);
        QCOMPARE(changed.json()["same_file"].toBool(), false);
        QCOMPARE(changed.json()["already_present"].toBool(), false);
        QCOMPARE(changed.json()["items_read"].toInt(), 5);
        QVERIFY(changed.json()["content_hash"].toString() != first.json()["content_hash"].toString());
    }

    void showReadsOnlyTheItemsItPrints() {
        QTemporaryDir dir;
        QString db = dir.filePath("w.db"), file = dir.filePath("t.jsonl");
        write(file, items(30));
        QCOMPARE(runCli({"tasks", "import", file, "--db", db}).exitCode, 0);
        {
            auto conn = baton::core::SqliteDb::open(db.toStdString(), baton::core::SqliteDb::Mode::ReadWrite);
            QVERIFY(conn);
            // The 26th item can no longer be read: showing 20 must not get to it.
            QVERIFY((*conn)->exec("UPDATE items SET metadata = '{' WHERE position = 25"));
        }
        auto shown = runCli({"tasks", "show", "--db", db, "t", "--limit", "20", "--json"});
        QVERIFY2(shown.exitCode == 0, shown.err.constData());
        QCOMPARE(shown.json()["items"].toArray().size(), 20);
        QCOMPARE(shown.json()["items_total"].toInt(), 30);
        auto text = runCli({"tasks", "show", "--db", db, "t"});
        QCOMPARE(text.exitCode, 0);
        QVERIFY(text.out.contains("t: 30 items"));
        QVERIFY(text.out.contains("... 10 more (--limit N)"));
    }

    // Session 16: `tasks show` printed a task file's ids, categories, prompts and answers raw:
    // an id "\u001b[2J" cleared the screen, a prompt set the terminal's title. Shown as \xNN now.
    void taskFieldsDoNotDriveTheTerminal() {
        QTemporaryDir dir;
        QString db = dir.filePath("w.db"), file = dir.filePath("esc.jsonl");
        write(file, "{\"id\":\"a\\u001b[2J\",\"category\":\"c\\u001b[31m\",\"prompt\":\"p\\u001b]0;t\\u0007\","
                    "\"answer\":\"\\u001b[5m1\"}\n");
        QCOMPARE(runCli({"tasks", "import", file, "--db", db}).exitCode, 0);
        for (const QStringList& args : {QStringList{"tasks", "show", "esc", "--db", db}, QStringList{"tasks", "show", "--db", db}}) {
            auto shown = runCli(args);
            QVERIFY2(shown.exitCode == 0, shown.err.constData());
            QVERIFY2(!shown.out.contains('\x1b') && !shown.out.contains('\x07'), shown.out.constData());
        }
        QVERIFY(runCli({"tasks", "show", "esc", "--db", db}).out.contains("a\\x1b[2J"));
    }

    // Session 16: output that could not be written (a full disk, a closed standard output) was
    // lost with exit 0. It is now an error naming the reason, exit 1.
    void outputThatCannotBeWrittenIsAnError() {
        if (!QFile::exists("/dev/full")) QSKIP("no /dev/full on this system");
        QTemporaryDir dir;
        QString db = dir.filePath("w.db"), file = dir.filePath("t.jsonl");
        write(file, items(30));
        QCOMPARE(runCli({"tasks", "import", file, "--db", db}).exitCode, 0);
        QProcess full;
        full.setStandardOutputFile("/dev/full");
        full.start(BATON_CLI, {"tasks", "show", "--db", db, "t"});
        QVERIFY(full.waitForFinished(60000));
        QByteArray err = full.readAllStandardError();
        QVERIFY2(full.exitCode() == 1 && err.contains("No space left on device"), err.constData());
        QProcess closed; // the shell's `>&-`
        closed.start("/bin/sh", {"-c", "exec \"$0\" tasks show --db \"$1\" t >&-", BATON_CLI, db});
        QVERIFY(closed.waitForFinished(60000));
        err = closed.readAllStandardError();
        QVERIFY2(closed.exitCode() == 1 && err.contains("Bad file descriptor"), err.constData());
        QCOMPARE(runCli({"db", "info", "--db", db, "--json"}).json()["integrity"].toString(), QString("ok"));
    }

    // Session 16: an import waiting for another process's lock on the workspace said nothing, and
    // Ctrl+C could not end the wait (up to 10 minutes). It says so, and Ctrl+C ends it: exit 4.
    void aWaitForAnotherProcessIsSaidAndCtrlCEndsIt() {
        QTemporaryDir dir;
        QString db = dir.filePath("w.db"), file = dir.filePath("t.jsonl");
        write(file, items(3));
        QCOMPARE(runCli({"tasks", "import", file, "--db", db}).exitCode, 0);
        write(file, items(5));
        auto other = baton::core::SqliteDb::open(db.toStdString(), baton::core::SqliteDb::Mode::ReadWrite);
        QVERIFY(other && (*other)->exec("BEGIN IMMEDIATE"));
        QProcess import;
        import.start(BATON_CLI, {"tasks", "import", file, "--db", db});
        QByteArray err;
        for (int i = 0; i < 600 && !err.contains("another process") && import.state() != QProcess::NotRunning; ++i) {
            import.waitForReadyRead(100);
            err += import.readAllStandardError();
        }
        QVERIFY2(err.contains("another process is writing to the workspace"), err.constData());
        ::kill(pid_t(import.processId()), SIGINT);
        QVERIFY2(import.waitForFinished(30000), "Ctrl+C did not end the wait");
        err += import.readAllStandardError();
        QVERIFY2(import.exitCode() == 4 && err.contains("cancelled"), err.constData());
        QVERIFY((*other)->exec("COMMIT"));
        QCOMPARE(rows(db, "task_sets"), 1);
    }

    // Hostile test i13, session 15: `cat tasks.jsonl | tasks import /dev/stdin` read the pipe for
    // the file's SHA-256, then found it empty: "no items to import" of 12 items (and a FIFO's
    // second open waited forever). A pipe is now named as one, with what to do.
    void aPipeIsRefusedSayingWhy() {
        QTemporaryDir dir;
        QString db = dir.filePath("w.db");
        QProcess p;
        p.start(BATON_CLI, {"tasks", "import", "/dev/stdin", "--format", "jsonl", "--db", db});
        QVERIFY(p.waitForStarted());
        p.write(items(12));
        p.closeWriteChannel();
        QVERIFY(p.waitForFinished(60000));
        QByteArray err = p.readAllStandardError();
        QCOMPARE(p.exitCode(), 1);
        QVERIFY2(err.contains("a pipe or device, not a file") && err.contains("Save it to a file first"),
                 err.constData());
    }

    // A workspace path that is a FIFO (or a device: /dev/null) was opened by SQLite, which said
    // "disk I/O error ... Check the disk" and, of a device, left PATH-journal beside it.
    void aWorkspaceThatIsAPipeIsNamedAsOne() {
        QTemporaryDir dir;
        QString fifo = dir.filePath("w.db");
        QCOMPARE(::mkfifo(fifo.toLocal8Bit().constData(), 0600), 0);
        auto r = runCli({"runs", "--db", fifo});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("a device or pipe, not a workspace database"), r.err.constData());
        QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::System | QDir::Hidden | QDir::NoDotAndDotDot),
                 QStringList{"w.db"});
    }
    // SIGTERM or Ctrl+C ended `tasks import` with no word (exit 143 or 130). The signal is sent
    // while the child has it blocked (its mask is inherited from this thread), so it is pending
    // from its first instruction whatever the machine's speed: the old import never took it and
    // imported the set (exit 0); the import now stops, says so and keeps nothing, exit 4 as a
    // run stopped by a signal.
    void aSignalledImportStopsAndKeepsNothing() {
        QTemporaryDir dir;
        QString db = dir.filePath("w.db"), file = dir.filePath("t.jsonl");
        write(file, items(500));
        sigset_t term, before;
        sigemptyset(&term);
        sigaddset(&term, SIGTERM);
        pthread_sigmask(SIG_BLOCK, &term, &before);
        QProcess p;
        p.start(BATON_CLI, {"tasks", "import", file, "--db", db});
        bool started = p.waitForStarted();
        if (started) ::kill(pid_t(p.processId()), SIGTERM);
        pthread_sigmask(SIG_SETMASK, &before, nullptr);
        QVERIFY(started);
        QVERIFY(p.waitForFinished(60000));
        QByteArray err = p.readAllStandardError();
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QVERIFY2(p.exitCode() == 4 && err.contains("cancelled; nothing was imported"), err.constData());
        QCOMPARE(rows(db, "task_sets"), 0);
        QCOMPARE(runCli({"tasks", "import", file, "--db", db}).exitCode, 0); // and imports when asked again
        QCOMPARE(rows(db, "task_sets"), 1);
    }
};

QTEST_GUILESS_MAIN(TestCliTasks)
#include "tst_cli_tasks.moc"
