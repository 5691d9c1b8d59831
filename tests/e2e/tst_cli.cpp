// SPDX-License-Identifier: MIT
// baton-cli as a user runs it: exit codes, --help, --json, and the messages of bad input.

#include "cli_process.h"
#include "core_printers.h"
#include "http_test_client.h"
#include "io/text_table.h"
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <QProcessEnvironment>
#include <QTest>

using baton::test::CliResult;
using baton::test::runCli;

namespace {

const QString kData = QStringLiteral(BATON_TEST_DATA);

} // namespace

class TestCli : public QObject {
    Q_OBJECT
private slots:
    void helpOnEveryCommand_data() {
        QTest::addColumn<QStringList>("command");
        for (const char* c : {"pool validate", "pool show", "tasks import", "tasks show", "db info", "prices show",
                              "sim serve", "demo tasks", "coordinator train", "coordinator eval", "coordinator show"})
            QTest::newRow(c) << QString(c).split(' ');
    }
    void helpOnEveryCommand() {
        QFETCH(QStringList, command);
        auto r = runCli(command + QStringList{"--help"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.startsWith("Usage: baton-cli " + command.join(' ').toUtf8()));
    }

    // The overview (and so baton-cli.1, help2man's copy of it) lists every exit code, as the
    // README does; 4 (a run that did not finish) was missing.
    void overviewListsEveryExitCode() {
        auto r = runCli({"--help"});
        QCOMPARE(r.exitCode, 0);
        QString text = QString::fromUtf8(r.out).simplified();
        for (const char* code : {"0 ok", "1 bad input", "2 usage", "3 internal error",
                                 "4 a run that did not finish (stopped by the budget or call cap, cancelled, or every "
                                 "job failed) or a tasks import or bundle export stopped by Ctrl+C or SIGTERM"})
            QVERIFY2(text.contains(code), qPrintable(code + (" not in: " + text)));
    }

    // A command's usage lines name every option its help lists on a line of its own, or say
    // "[options]" ("format options" for matrix import's per-format lists); --json goes without
    // saying. sim serve's lacked --host, matrix import's --category-column and --exclude-prompts.
    void usageLinesNameTheListedOptions() {
        static const QRegularExpression commandLine("^  (\\S+(?: \\S+)?) +\\S"); // the longest name has one space
        static const QRegularExpression optionLine("^\\s+(--[a-z0-9-]+)");
        int commands = 0;
        for (const QString& line : QString::fromUtf8(runCli({"--help"}).out).split('\n')) {
            auto command = commandLine.match(line);
            if (!command.hasMatch()) continue;
            ++commands;
            QString help = QString::fromUtf8(runCli(command.captured(1).split(' ') + QStringList{"--help"}).out);
            QString usage = help.section("\n\n", 0, 0);
            if (usage.contains("options]")) continue;
            for (const QString& rest : help.mid(usage.size()).split('\n')) {
                QString option = optionLine.match(rest).captured(1);
                QVERIFY2(option.isEmpty() || option == "--json" || usage.contains(option + ' ') ||
                             usage.contains(option + ']'),
                         qPrintable(command.captured(1) + ": " + option + " is not in " + usage));
            }
        }
        QVERIFY2(commands >= 35, qPrintable(QString::number(commands)));
    }

    void usageErrorsExitTwo() {
        QCOMPARE(runCli({}).exitCode, 2);
        QCOMPARE(runCli({"frobnicate"}).exitCode, 2);
        auto r = runCli({"pool", "validate", "--colour", "x.json"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("unknown option --colour"));
        QCOMPARE(runCli({"tasks", "import", "x.jsonl"}).exitCode, 2); // no --db
        // A lambda list with an empty entry, one given twice, a sweep with --out: usage errors
        // before anything is opened or spent (a trailing comma was read as one lambda).
        QStringList train{"coordinator", "train", "--pool",        "demo",       "--tasks",
                          "demo",        "--db",  "/nowhere/w.db", "--max-cost", "1"};
        for (const char* lambdas : {"0.05,", ",0.05", "0.05,,0.1", "0.1,0.1", "x"}) {
            auto bad = runCli(train + QStringList{"--lambda", lambdas});
            QCOMPARE(bad.exitCode, 2);
            QVERIFY2(bad.err.contains("--lambda"), qPrintable(bad.err));
        }
        // Two lambdas whose policies would share a name (lambdaText shows 6 digits): refused as the
        // Training lab refuses them (sw-lambda0.1@1 and @2 were saved).
        auto sameName = runCli(train + QStringList{"--lambda", "0.1,0.1000001"});
        QCOMPARE(sameName.exitCode, 2);
        QVERIFY2(sameName.err.contains("--lambda: the lambdas 0.1 and 0.1000001 would name the same policy"),
                 qPrintable(sameName.err));
        auto sweepOut = runCli(train + QStringList{"--lambda", "0.05,0.1", "--out", "/nowhere/p.json"});
        QCOMPARE(sweepOut.exitCode, 2);
        QVERIFY2(sweepOut.err.contains("--out writes one policy"), qPrintable(sweepOut.err));
        QCOMPARE(runCli(train + QStringList{"--per-model", "0"}).exitCode, 2);
        // The recursion depth limit is 2: a third level of plans is refused before anything is opened.
        auto deep = runCli(train + QStringList{"--max-depth", "3"});
        QCOMPARE(deep.exitCode, 2);
        QVERIFY2(deep.err.contains("--max-depth must be a whole number from 1 to 2"), qPrintable(deep.err));
        // Feature sets 1 (the state before the turn) and 2 (with it) are known; 3 is not.
        auto unknownSet = runCli(train + QStringList{"--feature-set", "3"});
        QCOMPARE(unknownSet.exitCode, 2);
        QVERIFY2(unknownSet.err.contains("--feature-set must be a whole number from 1 to 2"),
                 qPrintable(unknownSet.err));
    }

    // Training opens the CMA-ES module at first use; when it cannot, the error names it and where
    // it was looked for, and nothing is trained or spent.
    void aMissingSearchModuleIsNamed() {
        QTemporaryDir dir;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        QString missing = dir.filePath("libbaton_cmaes.so");
        env.insert("BATON_CMAES_MODULE", missing);
        auto r = runCli({"coordinator", "train", "--pool", "demo", "--tasks", "demo", "--db", dir.filePath("w.db"),
                         "--max-cost", "1", "--generations", "1"},
                        env);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("CMA-ES module") && r.err.contains(missing.toUtf8()) &&
                     r.err.contains("BATON_CMAES_MODULE"),
                 r.err.constData());
        QVERIFY2(!r.out.contains("generation"), r.out.constData());
    }

    // `coordinator eval --strategy NAME...` (its help says repeatable): both strategies are
    // evaluated, and only they (without --strategy the pool's by-category would run too). The
    // option was declared once-only, so a second --strategy was a usage error.
    void coordinatorEvalTakesSeveralStrategies() {
        QTemporaryDir dir;
        QString tasks = dir.filePath("t.jsonl"), db = dir.filePath("w.db");
        QCOMPARE(runCli({"demo", "tasks", "--per-category", "4", "--out", tasks}).exitCode, 0);
        auto trained = runCli({"coordinator", "train", "--pool", "demo", "--tasks", tasks, "--db", db, "--max-cost",
                               "1", "--generations", "1", "--population", "5", "--name", "p"});
        QVERIFY2(trained.exitCode == 0, trained.err.constData());
        auto eval = runCli({"coordinator", "eval", "p", "--pool", "demo", "--tasks", tasks, "--db", db, "--max-cost",
                            "1", "--strategy", "cheap-first", "--strategy", "mixture", "--json"});
        QVERIFY2(eval.exitCode == 0, eval.err.constData());
        QStringList names;
        for (const auto& s : eval.json()["strategies"].toArray())
            names << s.toObject()["name"].toString();
        QVERIFY2(names.contains("cheap-first") && names.contains("mixture") && names.contains("p") &&
                     !names.contains("by-category"),
                 qPrintable(names.join(", ")));
    }

    void poolValidate() {
        auto ok = runCli({"pool", "validate", kData + "/pools/valid.json"});
        QCOMPARE(ok.exitCode, 0);
        QVERIFY2(ok.out.contains("ok (3 models, 1 strategies, 1 warnings)"), ok.out.constData());
        QVERIFY2((ok.out + ok.err).contains("(claude-sonnet-4-5)"), ok.err.constData()); // flagged as deprecated

        auto bad = runCli({"pool", "validate", kData + "/pools/many_problems.json", "--json"});
        QCOMPARE(bad.exitCode, 1);
        QCOMPARE(bad.json()["ok"].toBool(), false);
        QCOMPARE(bad.json()["problems"].toArray().size(), 13);
        QVERIFY(bad.err.contains("/models/0/price/output: expected a number, got \"abc\""));

        auto missing = runCli({"pool", "validate", "/nowhere/pool.json"});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY(missing.err.contains("/nowhere/pool.json: no such file"));
    }

    void secretNeverPrinted() {
        auto r = runCli({"pool", "validate", kData + "/pools/with_secret.json", "--json"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(!r.out.contains("CANARY") && !r.err.contains("CANARY"));
        QVERIFY(!r.out.contains("hunter2") && !r.err.contains("hunter2"));
    }

    void poolShowJson() {
        auto r = runCli({"pool", "show", kData + "/pools/valid.json", "--json"});
        QCOMPARE(r.exitCode, 0);
        QJsonObject summary = r.json()["summary"].toObject();
        QCOMPARE(summary["weights"].toObject()["closed"].toInt(), 2);
        QCOMPARE(summary["weights"].toObject()["open"].toInt(), 1);
        QCOMPARE(summary["vendors"].toObject().size(), 3);
        QCOMPARE(r.json()["pool"].toObject()["models"].toArray().size(), 3);
    }

    void importShowInfo() {
        QTemporaryDir dir;
        QString db = dir.filePath("w.db");
        auto imported = runCli({"tasks", "import", kData + "/tasks/good.jsonl", "--db", db, "--json"});
        QCOMPARE(imported.exitCode, 0);
        QCOMPARE(imported.json()["items"].toInt(), 3);
        QCOMPARE(imported.json()["already_present"].toBool(), false);
        auto again = runCli({"tasks", "import", kData + "/tasks/good.jsonl", "--db", db, "--json"});
        QCOMPARE(again.json()["already_present"].toBool(), true);

        auto csv = runCli({"tasks", "import", kData + "/tasks/mapped.csv", "--db", db, "--map", "id=qid", "--map",
                           "category=subject", "--map", "prompt=question", "--map", "answer=gold"});
        QCOMPARE(csv.exitCode, 0);
        QVERIFY(csv.out.contains("imported task set 2 \"mapped\": 3 items"));

        auto bad = runCli({"tasks", "import", kData + "/tasks/bad_lines.jsonl", "--db", db});
        QCOMPARE(bad.exitCode, 1);
        QVERIFY(bad.err.contains("bad_lines.jsonl: line 2: not valid JSON"));
        auto skipped =
            runCli({"tasks", "import", kData + "/tasks/bad_lines.jsonl", "--db", db, "--skip-bad", "--json"});
        QCOMPARE(skipped.exitCode, 0);
        QCOMPARE(skipped.json()["skipped"].toArray().size(), 5);

        auto list = runCli({"tasks", "show", "--db", db, "--json"});
        QCOMPARE(list.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(list.out).array().size(), 3);
        auto items = runCli({"tasks", "show", "--db", db, "mapped", "--json"});
        QCOMPARE(items.json()["items"].toArray()[1].toObject()["category"].toString(), QString("math"));

        auto info = runCli({"db", "info", "--db", db, "--json"});
        QCOMPARE(info.exitCode, 0);
        QCOMPARE(info.json()["integrity"].toString(), QString("ok"));
        QCOMPARE(info.json()["rows"].toObject()["items"].toInt(), 3 + 3 + 2);
        // As text, every table's count in one column ("call_texts" ran into its count).
        auto text = runCli({"db", "info", "--db", db});
        QCOMPARE(text.exitCode, 0);
        QVERIFY2(text.out.contains("\n  call_texts  0\n") && text.out.contains("\n  items       8\n"), text.out);
    }

    void demoTasksImportAsGenerated() {
        QTemporaryDir dir;
        QString file = dir.filePath("demo.jsonl");
        QCOMPARE(runCli({"demo", "tasks", "--out", file}).exitCode, 0);
        auto imported = runCli({"tasks", "import", file, "--db", dir.filePath("w.db"), "--json"});
        QCOMPARE(imported.exitCode, 0);
        QCOMPARE(imported.json()["items"].toInt(), 300);
        QCOMPARE(runCli({"demo", "tasks", "--per-category", "0"}).exitCode, 2);
    }

    void simServeAnswersOverHttpAndStopsOnSigterm() {
        QProcess sim;
        sim.start(BATON_CLI, {"sim", "serve", "--json", "--time-scale", "0"});
        QVERIFY(sim.waitForStarted());
        QByteArray out;
        while (!out.contains("\n}") && sim.waitForReadyRead(10000))
            out += sim.readAllStandardOutput();
        QJsonObject banner = QJsonDocument::fromJson(out).object();
        QString base = banner["base_url"].toString();
        QVERIFY2(base.startsWith("http://127.0.0.1:"), out.constData());
        QCOMPARE(banner["simulated"].toBool(), true);
        QCOMPARE(banner["models"].toArray().size(), 6);
        auto models = httpGet(base.toStdString() + "/models");
        QCOMPARE(models.status, 200L);
        sim.terminate(); // SIGTERM
        QVERIFY(sim.waitForFinished(10000));
        QCOMPARE(sim.exitCode(), 0);
        QVERIFY(sim.readAllStandardError().contains("simulator stopped after 1 requests"));
    }

    void simServeBadInput() {
        auto badProfile = runCli({"sim", "serve", "--profile", kData + "/pools/valid.json"});
        QCOMPARE(badProfile.exitCode, 1);
        QVERIFY(badProfile.err.contains("valid.json: /models/0/skill: required field is missing"));
        auto publicHost = runCli({"sim", "serve", "--host", "0.0.0.0"});
        QCOMPARE(publicHost.exitCode, 1);
        QVERIFY(publicHost.err.contains("only listens on loopback"));
        QCOMPARE(runCli({"sim", "serve", "--port", "99999"}).exitCode, 2);
    }

    // Issue 16: one checked parser for every number; malformed or out of range is exit 2.
    void numbersAreChecked_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QStringList run = {"run", "--pool", "demo", "--tasks", "demo", "--db", "/nonexistent/w.db"};
        QTest::newRow("concurrency 0") << (run + QStringList{"--concurrency", "0"})
                                       << "--concurrency must be a whole number from 1 to 4096, got \"0\"";
        QTest::newRow("concurrency -5") << (run + QStringList{"--concurrency", "-5"}) << "--concurrency";
        QTest::newRow("per-model 0") << (run + QStringList{"--per-model", "0"}) << "--per-model";
        QTest::newRow("max-calls 0") << (run + QStringList{"--max-calls", "0"}) << "--max-calls";
        QTest::newRow("max-calls -1") << (run + QStringList{"--max-calls", "-1"}) << "--max-calls";
        QTest::newRow("max-calls 3x") << (run + QStringList{"--max-calls", "3x"}) << "--max-calls";
        QTest::newRow("max-cost hex") << (run + QStringList{"--max-cost", "0x10"})
                                      << "--max-cost must be a number from 0 to 1000000, got \"0x10\"";
        QTest::newRow("max-cost 1e15") << (run + QStringList{"--max-cost", "1e15"}) << "--max-cost";
        QTest::newRow("max-cost inf") << (run + QStringList{"--max-cost", "inf"}) << "--max-cost";
        QTest::newRow("max-cost nan") << (run + QStringList{"--max-cost", "nan"}) << "--max-cost";
        QTest::newRow("seed junk") << (run + QStringList{"--seed", "1.5"}) << "--seed";
        QTest::newRow("resume abc") << QStringList{"run", "--resume", "abc", "--db", "/nonexistent/w.db"}
                                    << "--resume must be a whole number";
        QTest::newRow("report abc") << QStringList{"report", "abc", "--db", "/nonexistent/w.db"} << "RUN must be";
        QTest::newRow("report json and csv")
            << QStringList{"report", "1", "--db", "/nonexistent/w.db", "--json", "--csv"}
            << "--json or --csv, not both";
        QTest::newRow("time-scale nan") << QStringList{"sim", "serve", "--time-scale", "nan"} << "--time-scale";
        QTest::newRow("port junk") << QStringList{"sim", "serve", "--port", "80x"} << "--port";
        QTest::newRow("limit -1") << QStringList{"tasks", "show", "s", "--db", "/nonexistent/w.db", "--limit", "-1"}
                                  << "--limit";
        QTest::newRow("per-category hex") << QStringList{"demo", "tasks", "--per-category", "0x10"} << "--per-category";
        QStringList replay = {"replay", "m", "--db", "/nonexistent/w.db"};
        QTest::newRow("replay test-share 2") << (replay + QStringList{"--test-share", "2"}) << "--test-share";
        QTest::newRow("replay seed junk") << (replay + QStringList{"--seed", "x"}) << "--seed";
        QTest::newRow("replay k 0") << (replay + QStringList{"--k", "0"}) << "--k";
        // Dates (hostile test i13, session 15): a pattern check let 2026-02-30 and 2026-13-01 be
        // stored as a price version's date, and reprice took any text.
        QStringList prices = {"prices", "import", "/nonexistent/p.json", "--db", "/nonexistent/w.db", "--as-of"};
        QTest::newRow("as-of 30 February")
            << (prices + QStringList{"2026-02-30"}) << "--as-of must be a date YYYY-MM-DD from 1970 to 9999";
        QTest::newRow("as-of month 13") << (prices + QStringList{"2026-13-01"}) << "--as-of must be a date";
        QTest::newRow("as-of year 0") << (prices + QStringList{"0000-01-01"}) << "--as-of must be a date";
        QTest::newRow("reprice as-of junk")
            << QStringList{"reprice", "1",     "--db", "/nonexistent/w.db", "--prices", "/nonexistent/p.json",
                           "--as-of", "banana"}
            << "--as-of must be a date";
        QTest::newRow("drift alpha junk")
            << QStringList{"drift", "a", "b", "--db", "/nonexistent/w.db", "--alpha", "x"} << "--alpha";
    }
    void numbersAreChecked() {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        auto r = runCli(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message.toUtf8()), r.err.constData());
    }

    void poolShowEscapesTerminalControls() {
        QTemporaryDir dir;
        QFile f(dir.filePath("pool.json"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"schema\": 1, \"name\": \"evil\\u001b[2J\", \"description\": \"\\u009b31m\", "
                "\"models\": [{\"name\": \"m\\u001b]0;t\\u0007\", \"provider\": \"openai\", "
                "\"base_url\": \"https://api.example.com/v1\", \"model\": \"x\", "
                "\"tags\": {\"vendor\": \"v\\u001b[1m\"}}]}");
        f.close();
        auto r = runCli({"pool", "show", f.fileName()});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(!r.out.contains('\x1b') && !r.out.contains('\x07') && !r.out.contains("\xc2\x9b"), r.out.constData());
        QVERIFY(r.out.contains("Pool evil\\x1b[2J"));
        QVERIFY(r.out.contains("m\\x1b]0;t\\x07"));
    }

    void badEncodingAndHugeNumbersAreBadInput() {
        QTemporaryDir dir;
        QString db = dir.filePath("w.db");
        QFile csv(dir.filePath("latin1.csv"));
        QVERIFY(csv.open(QIODevice::WriteOnly));
        csv.write("id,prompt,answer\na,caf\xe9,1\n");
        csv.close();
        for (QStringList extra : {QStringList{}, QStringList{"--skip-bad"}}) {
            auto r = runCli(QStringList{"tasks", "import", csv.fileName(), "--db", db} + extra);
            QCOMPARE(r.exitCode, 1); // was: terminate, rc 134
            QVERIFY2(r.err.contains("is not UTF-8 text"), r.err.constData());
        }
        QFile jsonl(dir.filePath("huge.jsonl"));
        QVERIFY(jsonl.open(QIODevice::WriteOnly));
        jsonl.write("{\"id\": \"a\", \"prompt\": \"p\", \"answer\": 1e400}\n");
        jsonl.close();
        auto huge = runCli({"tasks", "import", jsonl.fileName(), "--db", db});
        QCOMPARE(huge.exitCode, 1); // was: internal error, rc 3
        QVERIFY2(huge.err.contains("line 1: a number is too large"), huge.err.constData());
    }

    // An assumed cost is a checked number for a model of the matrix, never strtod's 0 for junk.
    void assumedCostsAreChecked() {
        QTemporaryDir dir;
        QString db = dir.filePath("w.db");
        auto imported = runCli({"matrix", "import", kData + "/matrix/long_csv/input/outcomes.csv", "--format", "long",
                                "--db", db, "--name", "m"});
        QVERIFY2(imported.exitCode == 0, imported.err.constData());
        auto junk = runCli({"replay", "m", "--db", db, "--assume-cost", "small=abc"});
        QCOMPARE(junk.exitCode, 2);
        QVERIFY2(junk.err.contains("--assume-cost small=abc must be a number"), junk.err.constData());
        auto stranger = runCli({"replay", "m", "--db", db, "--assume-cost", "nobody=0.1"});
        QCOMPARE(stranger.exitCode, 2);
        QVERIFY2(stranger.err.contains("\"nobody\" is not a model of the matrix"), stranger.err.constData());
        auto run = runCli({"replay", "run:abc", "--db", db});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("run:N names run N"), run.err.constData());
    }

    // Session 16: a matrix's name, models and categories come from the imported file and were
    // printed raw by `matrix show`, `matrix list` and `replay` (a model "\u001b[2J" cleared the screen).
    void matrixNamesDoNotDriveTheTerminal() {
        QTemporaryDir dir;
        QString db = dir.filePath("w.db"), csv = dir.filePath("esc.csv");
        QFile f(csv);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("item,model,grade,cost_usd,category\n");
        for (int i = 0; i < 20; ++i) {
            QByteArray item = "q" + QByteArray::number(i), category = i % 2 ? "geo\x1b]0;t\x07" : "math";
            f.write(item + ",small\x1b[2J," + QByteArray::number(i % 3 ? 1 : 0) + ",0.001," + category + "\n");
            f.write(item + ",large,1,0.01," + category + "\n");
        }
        f.close();
        auto imported = runCli({"matrix", "import", csv, "--format", "long", "--db", db, "--name", "m\x1b[5m"});
        QVERIFY2(imported.exitCode == 0, imported.err.constData());
        for (const QStringList& args : {QStringList{"matrix", "show", "m\x1b[5m", "--db", db},
                                        QStringList{"matrix", "list", "--db", db},
                                        QStringList{"replay", "m\x1b[5m", "--db", db}}) {
            auto shown = runCli(args);
            QVERIFY2(shown.exitCode == 0, (args.join(' ') + ": " + shown.err).toUtf8().constData());
            QVERIFY2(!shown.out.contains('\x1b') && !shown.out.contains('\x07'), shown.out.constData());
        }
        QVERIFY(imported.out.contains("m\\x1b[5m"));
    }

    // A category comes from the task file: `coordinator train` and `coordinator show` printed it raw
    // in the learned behaviour and the policy's categories (a category "\u001b[2J" cleared the screen).
    void coordinatorCategoriesDoNotDriveTheTerminal() {
        QTemporaryDir dir;
        QString tasks = dir.filePath("t.jsonl"), db = dir.filePath("w.db");
        QCOMPARE(runCli({"demo", "tasks", "--per-category", "4", "--out", tasks}).exitCode, 0);
        QFile f(tasks);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QByteArray text = f.readAll().replace("\"category\":\"arithmetic\"", "\"category\":\"arith\\u001b[2J\"");
        f.close();
        QVERIFY(text.contains("\\u001b[2J"));
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(text);
        f.close();
        auto trained = runCli({"coordinator", "train", "--pool", "demo", "--tasks", tasks, "--db", db, "--max-cost",
                               "1", "--generations", "1", "--population", "5", "--name", "p"});
        QVERIFY2(trained.exitCode == 0, trained.err.constData());
        auto shown = runCli({"coordinator", "show", "p", "--db", db});
        QVERIFY2(shown.exitCode == 0, shown.err.constData());
        for (const auto* out : {&trained.out, &shown.out})
            QVERIFY2(!out->contains('\x1b') && out->contains("arith\\x1b[2J"), out->constData());
    }

    // profile --csv through core::toCsv: a quote in a name is doubled and a long name kept whole
    // (it was printed "m"q" and cut at 512 bytes a line).
    void profileCsvEscapesNames() {
        QTemporaryDir dir;
        QString db = dir.filePath("w.db"), category(600, 'c');
        QFile csv(dir.filePath("quoted.csv"));
        QVERIFY(csv.open(QIODevice::WriteOnly));
        QString header = "item,model,grade,cost_usd,category\n";
        csv.write((header + "q1,\"m\"\"q\",1,0.001," + category + "\nq2,\"m\"\"q\",0,0.003," + category + "\n").toUtf8());
        csv.close();
        auto imported =
            runCli({"matrix", "import", csv.fileName(), "--format", "long", "--db", db, "--name", "quoted"});
        QVERIFY2(imported.exitCode == 0, imported.err.constData());
        auto r = runCli({"profile", "quoted", "--db", db, "--csv"});
        QCOMPARE(r.exitCode, 0);
        auto table = baton::core::parseCsvTable(r.out.toStdString());
        QCOMPARE(table.rows.size(), size_t(1));
        QCOMPARE(table.rows[0].size(), size_t(8));
        QCOMPARE(QString::fromStdString(table.rows[0][0]), QString("m\"q"));
        QCOMPARE(QString::fromStdString(table.rows[0][1]), category);
        QCOMPARE(QString::fromStdString(table.rows[0][2]), QString("2"));
        QCOMPARE(QString::fromStdString(table.rows[0][6]), QString("0.00200000"));
    }

    void unusableDatabases() {
        QTemporaryDir dir;
        auto missing = runCli({"db", "info", "--db", dir.filePath("absent.db")});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY(missing.err.contains("no such workspace database"));
        QFile notes(dir.filePath("notes.db"));
        QVERIFY(notes.open(QIODevice::WriteOnly));
        notes.write(QByteArray(4096, 'n'));
        notes.close();
        auto garbage = runCli({"db", "info", "--db", notes.fileName()});
        QCOMPARE(garbage.exitCode, 1);
        QVERIFY(garbage.err.contains("not a Baton workspace database"));
    }

    // db compact (and every command) on a path that names no workspace: what is wrong, where, what to
    // do, exit 1, nothing created. `--db ""` was an SQLite temporary database: `tasks import` said it
    // imported the set (exit 0) into a file that vanished; a folder was "check that the folder exists".
    void workspacePathsThatNameNoWorkspace_data() {
        QTest::addColumn<QStringList>("command");
        QTest::addColumn<QString>("db");       // "." is the temporary folder itself
        QTest::addColumn<QString>("leftover"); // made beside it first
        QTest::addColumn<QString>("message");
        const QStringList compact = {"db", "compact"};
        QTest::newRow("compact, empty") << compact << "" << ""
                                        << "baton-cli: error: the workspace's path is empty; give the path of its "
                                           "database file (for example lab.db)\n";
        QTest::newRow("compact, folder") << compact << "." << "" << ": a folder, not a workspace database; give the path";
        QTest::newRow("compact, -shm left") << compact << "x.db" << "x.db-shm"
                                            << "x.db: no such workspace database; check the path, or create one by "
                                               "importing a task set into it. (";
        QTest::newRow("compact, -wal left") << compact << "x.db" << "x.db-wal" << "x.db: no such workspace database, but ";
        QTest::newRow("tasks import, empty")
            << QStringList{"tasks", "import", BATON_TEST_DATA "/tasks/good.jsonl"} << "" << ""
            << "the workspace's path is empty";
        QTest::newRow("tasks import, folder")
            << QStringList{"tasks", "import", BATON_TEST_DATA "/tasks/good.jsonl"} << "." << ""
            << ": a folder, not a workspace database";
    }
    void workspacePathsThatNameNoWorkspace() {
        QFETCH(QStringList, command);
        QFETCH(QString, db);
        QFETCH(QString, leftover);
        QFETCH(QString, message);
        QTemporaryDir dir;
        if (!leftover.isEmpty()) {
            QFile file(dir.filePath(leftover));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("left by an earlier process");
        }
        const QStringList before = QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
        const QString path = db.isEmpty() ? "" : db == "." ? dir.path() : dir.filePath(db);
        auto result = runCli(command + QStringList{"--db", path});
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains(message.toUtf8()), result.err.constData());
        QVERIFY2(result.out.isEmpty(), result.out.constData());
        QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden), before);
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
