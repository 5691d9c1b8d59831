// SPDX-License-Identifier: MIT
// Where a report, chart, workbook or bundle is written (issue 16, hostile test i13, session 15).
// Every writer replaced its target through a temporary file and a rename, whatever the target
// was: `--out /dev/full` "wrote" and, as root, left a regular file where the device had been (so
// `--out /dev/null` would have replaced /dev/null for the whole machine); a FIFO or /dev/stdout
// became a file; a workbook aimed at a folder left NAME.part behind. The tests reach devices
// through symlinks in a temporary folder, so that the old code, which replaces the link, never
// touches /dev.

#include "bundle/zip_archive.h"
#include "io/xlsx_tables.h"
#include "util/file_io.h"
#include "util/temp_files.h"
#include "util/workspace_files.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>
#include <fcntl.h>
#include <thread>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace baton::core;

namespace {

bool isSymlink(const QString& path) {
    struct stat st {};
    return ::lstat(path.toLocal8Bit().constData(), &st) == 0 && S_ISLNK(st.st_mode);
}

} // namespace

class TestOutputPaths : public QObject {
    Q_OBJECT
private slots:
    void aFullDeviceIsAWriteErrorNotAReplacedFile() {
        if (!QFile::exists("/dev/full")) QSKIP("no /dev/full on this system");
        QTemporaryDir dir;
        QString link = dir.filePath("full");
        QVERIFY(QFile::link("/dev/full", link));
        auto written = writeFileAtomically(link.toStdString(), "a,b\n1,2\n");
        QVERIFY2(!written, "writing to /dev/full succeeded");
        QCOMPARE(written.error().kind, ErrorKind::Io);
        QVERIFY2(written.error().message.find("No space left on device") != std::string::npos,
                 written.error().message.c_str());
        QVERIFY(isSymlink(link)); // not replaced by a file
        QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::System | QDir::Hidden | QDir::NoDotAndDotDot),
                 QStringList{"full"}); // no temporary file either
    }

    void aPipeIsWrittenInPlace() {
        QTemporaryDir dir;
        QByteArray fifo = dir.filePath("pipe").toLocal8Bit();
        QCOMPARE(::mkfifo(fifo.constData(), 0600), 0);
        int reader = ::open(fifo.constData(), O_RDONLY | O_NONBLOCK); // so that the writer's open does not wait
        QVERIFY(reader >= 0);
        auto written = writeFileAtomically(fifo.toStdString(), "one,two\n");
        QVERIFY2(written.has_value(), written ? "" : written.error().message.c_str());
        char buffer[64] = {};
        ssize_t n = ::read(reader, buffer, sizeof buffer);
        ::close(reader);
        QCOMPARE(QByteArray(buffer, int(std::max<ssize_t>(n, 0))), QByteArray("one,two\n"));
        struct stat st {};
        QVERIFY(::stat(fifo.constData(), &st) == 0 && S_ISFIFO(st.st_mode)); // still the pipe
    }

    void aDeviceIsNoPlaceForAZipOrAWorkbook() {
        if (!QFile::exists("/dev/null")) QSKIP("no /dev/null on this system");
        QTemporaryDir dir;
        QString link = dir.filePath("null");
        QVERIFY(QFile::link("/dev/null", link));
        auto zipped = writeZip(link.toStdString(), {{"a.txt", "x"}});
        QVERIFY2(!zipped, "a zip was written over the link to /dev/null");
        QCOMPARE(zipped.error().kind, ErrorKind::BadInput);
        auto book = writeXlsx(link.toStdString(), {ReportTable{"t", "", "", {"a"}, {}}});
        QVERIFY2(!book, "a workbook was written over the link to /dev/null");
        QVERIFY2(book.error().message.find("device or pipe") != std::string::npos, book.error().message.c_str());
        QVERIFY(isSymlink(link));
        QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::System | QDir::Hidden | QDir::NoDotAndDotDot),
                 QStringList{"null"});
    }

    void aFolderIsSaidAndLeavesNoPartFile() {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkdir("taken"));
        std::string folder = dir.filePath("taken").toStdString();
        auto book = writeXlsx(folder, {ReportTable{"t", "", "", {"a"}, {}}});
        QVERIFY(!book);
        QVERIFY2(!QFile::exists(dir.filePath("taken.part")), "the temporary workbook was left behind");
        auto text = writeFileAtomically(folder, "x");
        QVERIFY(!text);
        QVERIFY2(text.error().message.find("is a folder") != std::string::npos, text.error().message.c_str());
        QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::System | QDir::Hidden | QDir::NoDotAndDotDot),
                 QStringList{"taken"});
    }

    // A zip aimed at a read-only folder was told "is the disk full?". As root (who may write
    // anywhere) the zip is written by a child that has become nobody, whom the folder refuses.
    void aReadOnlyFolderIsSaidNotADiskFull() {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkdir("ro"));
        QString zip = dir.filePath("ro/b.zip");
        QCOMPARE(::chmod(dir.path().toLocal8Bit().constData(), 0755), 0);
        QCOMPARE(::chmod(dir.filePath("ro").toLocal8Bit().constData(), 0555), 0);
        int fds[2];
        QCOMPARE(::pipe(fds), 0);
        pid_t child = ::fork();
        if (child == 0) {
            ::close(fds[0]);
            if (::geteuid() == 0 && (::setgid(65534) != 0 || ::setuid(65534) != 0)) ::_exit(3);
            auto zipped = writeZip(zip.toStdString(), {{"a.txt", "x"}});
            std::string said = zipped ? std::string("written") : zipped.error().message;
            (void)!::write(fds[1], said.data(), said.size());
            ::_exit(0);
        }
        ::close(fds[1]);
        QByteArray said;
        char buffer[512];
        for (ssize_t n; (n = ::read(fds[0], buffer, sizeof buffer)) > 0;)
            said.append(buffer, int(n));
        ::close(fds[0]);
        int status = 0;
        ::waitpid(child, &status, 0);
        QVERIFY2(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the child could not become nobody");
        QVERIFY2(said.contains("not writable") && !said.contains("disk full"), said.constData());
        QVERIFY(!QFile::exists(zip));
    }

    // The one check the CLI's output options and the workbench's save dialogs share.
    void theWorkspaceIsKnownByPathLinkOrLogName() {
        QTemporaryDir dir;
        std::string db = dir.filePath("w.db").toStdString();
        QFile f(dir.filePath("w.db"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        QVERIFY(QFile::link(dir.filePath("w.db"), dir.filePath("link.csv")));
        QCOMPARE(::link(db.c_str(), dir.filePath("hard.png").toLocal8Bit().constData()), 0);
        QCOMPARE(workspaceFileAt(db, db), db);
        QCOMPARE(workspaceFileAt(dir.filePath("./sub/../w.db").toStdString(), db), db); // sub need not exist
        QCOMPARE(workspaceFileAt(dir.filePath("link.csv").toStdString(), db), db);
        QCOMPARE(workspaceFileAt(dir.filePath("hard.png").toStdString(), db), db);
        QCOMPARE(workspaceFileAt(dir.filePath("w.db-wal").toStdString(), db), db + "-wal"); // not yet made
        QCOMPARE(workspaceFileAt(dir.filePath("w.db-journal").toStdString(), db), db + "-journal");
        QCOMPARE(workspaceFileAt(dir.filePath("w.db.csv").toStdString(), db), std::string());
        QCOMPARE(workspaceFileAt(dir.filePath("other.db").toStdString(), db), std::string());
        QCOMPARE(workspaceFileAt("", db), std::string());
        QCOMPARE(workspaceFileAt(db, ""), std::string());
    }

    // Session 16: SIGTERM (or Ctrl+C) while a report or table was written left its temporary
    // `.NAME.tmp-XXXXXX` in the user's folder. A child with the CLI's handlers writes 64 MB and
    // is sent SIGTERM from a thread as soon as the temporary file appears; it must die of the
    // signal with the folder empty. A write that finished before the signal proves nothing and is
    // tried again.
    void aSignalMidWriteLeavesNoTemporary() {
        QTemporaryDir dir;
        std::string target = dir.filePath("big.csv").toStdString();
        for (int attempt = 0; attempt < 5; ++attempt) {
            pid_t child = ::fork();
            if (child == 0) {
                removeTemporariesOnSignals();
                std::thread watcher([folder = dir.path()] {
                    for (;;)
                        if (!QDir(folder).entryList({".big.csv.tmp-*"}, QDir::Files | QDir::Hidden).isEmpty()) {
                            ::kill(::getpid(), SIGTERM);
                            return;
                        }
                });
                watcher.detach();
                auto written = writeFileAtomically(target, std::string(64 << 20, 'x'));
                ::_exit(written ? 0 : 1);
            }
            int status = 0;
            QCOMPARE(::waitpid(child, &status, 0), child);
            QVERIFY2(!WIFEXITED(status) || WEXITSTATUS(status) == 0, "the write failed");
            QStringList left = QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
            if (left == QStringList{"big.csv"}) { // the write finished first
                QVERIFY(QFile::remove(dir.filePath("big.csv")));
                continue;
            }
            QVERIFY(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM);
            QCOMPARE(left, QStringList());
            return;
        }
        QSKIP("each write finished before its signal arrived");
    }
};

QTEST_GUILESS_MAIN(TestOutputPaths)
#include "tst_output_paths.moc"
