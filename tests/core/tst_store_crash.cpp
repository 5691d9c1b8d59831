// SPDX-License-Identifier: MIT
// SIGKILL during writes, 20 times over: no committed row is ever lost and the database reopens clean.

#include "store/workspace.h"

#include "core_printers.h"
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>

#include <QTest>

using namespace baton::core;

class TestStoreCrash : public QObject {
    Q_OBJECT
private slots:
    void killedWriterLosesNoCommittedRow() {
        QTemporaryDir dir;
        const QString path = dir.filePath("crash.db");
        QRandomGenerator rng(20261125);
        int64_t committedSoFar = -1;
        for (int round = 0; round < 20; ++round) {
            QProcess writer;
            writer.start(CRASH_WRITER, {path});
            QVERIFY(writer.waitForStarted());
            // Let it commit a random number of batches, then kill it mid-flight.
            int wanted = 1 + int(rng.bounded(6));
            int seen = 0;
            QByteArray out;
            while (seen < wanted && writer.state() == QProcess::Running) {
                if (!writer.waitForReadyRead(10000)) break;
                out += writer.readAllStandardOutput();
                seen = int(out.count("committed"));
            }
            QTest::qWait(int(rng.bounded(15)));
            writer.kill(); // SIGKILL
            QVERIFY(writer.waitForFinished());
            out += writer.readAllStandardOutput();
            QVERIFY2(seen >= wanted, writer.readAllStandardError().constData());

            int64_t lastCommitted = -1;
            for (const QByteArray& line : out.split('\n'))
                if (line.startsWith("committed ")) lastCommitted = line.mid(10).toLongLong();
            QVERIFY(lastCommitted > committedSoFar);
            committedSoFar = lastCommitted;

            auto ws = Workspace::open(path.toStdString(), false);
            QVERIFY2(ws, ws ? "" : ws.error().describe().c_str());
            auto info = ws->info();
            QCOMPARE(info->integrity, std::string("ok"));
            auto reader = ws->openReader();
            auto rows = (*reader)->queryInt("SELECT COUNT(*) FROM calls");
            auto maxCost = (*reader)->queryInt("SELECT MAX(cost_pico) FROM calls");
            QVERIFY(*rows >= lastCommitted + 1);
            // Rows are numbered 0..n-1 with no gap: nothing committed before a later row was lost.
            QCOMPARE(*maxCost, *rows - 1);
        }
    }
};

QTEST_GUILESS_MAIN(TestStoreCrash)
#include "tst_store_crash.moc"
