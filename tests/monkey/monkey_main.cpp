// SPDX-License-Identifier: MIT
// baton-monkey: seeded random input against the real workbench window on the demo workspace,
// every action logged (OUT/actions.log) for replay, the GUI thread pinged for liveness, a
// backtrace saved on a crash or hang. Run under a window manager by tools/monkey.sh.
//
//   baton-monkey --out DIR [--seed N] [--minutes M] [--actions N] [--interval-ms MS]
//                [--hang-seconds S] [--no-run] [--replay DIR/actions.log] [--items-per-category N]

#include "file_dialog_fence.h"
#include "file_dialog_icons.h"
#include "monkey_driver.h"
#include "workbench_session.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <cstdio>

namespace {

baton::monkey::MonkeyDriver* g_driver = nullptr;

void onMessage(QtMsgType type, const QMessageLogContext&, const QString& message) {
    std::fprintf(stderr, "%s\n", qPrintable(message));
    if (type != QtDebugMsg && type != QtInfoMsg && g_driver) g_driver->noteWarning(message);
}

} // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Baton monkey"));
    baton::ui::FileDialogIcons::install(app); // as the workbench does (app/gui_main.cpp)
    QApplication::setQuitOnLastWindowClosed(false); // the driver reopens the window the input closed
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Random input against the Baton workbench."));
    parser.addHelpOption();
    QCommandLineOption out("out", "folder for actions.log, summary.txt and backtraces", "DIR");
    QCommandLineOption seed("seed", "random seed", "N", "1");
    QCommandLineOption minutes("minutes", "how long", "M", "1");
    QCommandLineOption actions("actions", "stop after N actions (0: no limit)", "N", "0");
    QCommandLineOption interval("interval-ms", "pause between actions", "MS", "50");
    QCommandLineOption hang("hang-seconds", "a ping unanswered this long is a hang", "S", "10");
    QCommandLineOption noRun("no-run", "do not keep a run in progress");
    QCommandLineOption replay("replay", "replay an actions.log instead of random input", "FILE");
    QCommandLineOption items("items-per-category", "demo task set size (6 categories)", "N", "50");
    parser.addOptions({out, seed, minutes, actions, interval, hang, noRun, replay, items});
    parser.process(app);
    if (!parser.isSet(out)) {
        std::fprintf(stderr, "baton-monkey: --out DIR is needed (the action log goes there)\n");
        return 2;
    }

    baton::monkey::MonkeyOptions options;
    options.outDir = parser.value(out);
    options.seed = parser.value(seed).toULongLong();
    options.minutes = parser.value(minutes).toDouble();
    options.maxActions = parser.value(actions).toLongLong();
    options.intervalMs = parser.value(interval).toInt();
    options.hangSeconds = parser.value(hang).toInt();
    options.keepRunRunning = !parser.isSet(noRun);
    options.replayLog = parser.value(replay);
    QDir().mkpath(options.outDir);
    // Random clicks in a file dialog reach the whole file system: keep them in the output folder.
    baton::monkey::FileDialogFence::install(app, options.outDir);

    auto session = baton::ui::WorkbenchSession::openDemo(QDir(options.outDir).filePath("workspace.db"),
                                                         parser.value(items).toInt());
    if (!session) {
        std::fprintf(stderr, "baton-monkey: %s\n", session.error().describe().c_str());
        return 1;
    }
    int code = 0;
    {
        baton::monkey::MonkeyDriver driver(**session, options);
        g_driver = &driver;
        qInstallMessageHandler(onMessage);
        driver.start();
        QApplication::exec();
        driver.wrapUp();
        g_driver = nullptr;
        std::printf("%s\n", qPrintable(driver.summary()));
        QFile summary(QDir(options.outDir).filePath("summary.txt"));
        if (summary.open(QIODevice::WriteOnly | QIODevice::Text)) summary.write((driver.summary() + "\n").toUtf8());
        code = driver.exitCode();
    }
    return code;
}
