// SPDX-License-Identifier: MIT
#include "monkey_driver.h"
#include "crash_report.h"
#include "main_window.h"
#include "pools_page.h"
#include "run_page.h"
#include "workbench_session.h"

#include <QApplication>
#include <QDir>
#include <QMessageBox>
#include <csignal>
#include <cstdio>
#include <utility>

namespace baton::monkey {

MonkeyDriver::MonkeyDriver(ui::WorkbenchSession& session, MonkeyOptions options)
    : m_session(session), m_options(std::move(options)), m_monkey(m_options.seed) {
    QDir().mkpath(m_options.outDir);
    m_log.setFileName(QDir(m_options.outDir).filePath("actions.log"));
    if (!m_log.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text | QIODevice::Unbuffered))
        std::fprintf(stderr, "monkey: cannot write %s\n", qPrintable(m_log.fileName()));
    if (!m_options.replayLog.isEmpty()) {
        QFile replay(m_options.replayLog);
        if (replay.open(QIODevice::ReadOnly | QIODevice::Text))
            for (const QString& line : QString::fromUtf8(replay.readAll()).split(QLatin1Char('\n')))
                if (line.count(QLatin1Char('\t')) >= 3) m_replay << line.section(QLatin1Char('\t'), 3);
    }
    installCrashHandler(QDir(m_options.outDir).filePath("crash-backtrace.txt").toStdString(), m_log.handle());
    m_timer.setInterval(m_options.intervalMs);
    connect(&m_timer, &QTimer::timeout, this, &MonkeyDriver::tick);
}

MonkeyDriver::~MonkeyDriver() {
    m_watchdog.reset();
    delete m_window;
}

QString MonkeyDriver::clock() const {
    return QString::number(m_elapsed.elapsed());
}

void MonkeyDriver::log(const QString& line) {
    m_log.write((line + QLatin1Char('\n')).toUtf8());
}

void MonkeyDriver::noteWarning(const QString& message) {
    ++m_warnings;
    log(QStringLiteral("#\t%1\twarning\t%2").arg(clock(), QString(message).replace(QLatin1Char('\n'), QLatin1Char(' '))));
}

void MonkeyDriver::start() {
    m_elapsed.start();
    log(QStringLiteral("#\t0\tseed\t%1 (replay: %2)").arg(m_options.seed).arg(m_options.replayLog));
    QString hangFile = QDir(m_options.outDir).filePath("hang-backtrace.txt");
    m_watchdog = std::make_unique<Watchdog>(
        this, std::chrono::milliseconds(100), std::chrono::seconds(m_options.hangSeconds),
        [this](double ms) {
            log(QStringLiteral("#\t%1\tslow-ping\t%2 ms after action %3").arg(clock()).arg(ms, 0, 'f', 1).arg(m_actions));
        },
        [this, hangFile](std::chrono::milliseconds waited) {
            std::signal(SIGABRT, SIG_DFL); // one backtrace: the hang's
            std::string line = "hang: the GUI thread did not answer a ping for " + std::to_string(waited.count()) +
                               " ms; backtrace in " + hangFile.toStdString() + "\n";
            (void)!::write(m_log.handle(), line.data(), line.size());
            std::fputs(line.c_str(), stderr);
            saveBacktrace(hangFile.toStdString());
        });
    openWindow();
    m_timer.start();
}

void MonkeyDriver::openWindow() {
    if (m_window) {
        ++m_restarts;
        log(QStringLiteral("#\t%1\trestart\tthe window was closed").arg(clock()));
        m_window->deleteLater();
    }
    m_autoConfirm = false; // a start the old window was checking ended with it
    m_window = new ui::MainWindow(&m_session);
    m_window->setAttribute(Qt::WA_DeleteOnClose, false);
    ui::RunPage* page = m_window->runPage();
    // The page's own question, unless the driver is starting a run it wants running.
    page->confirm = [this, page](const QString& question) {
        return m_autoConfirm || QMessageBox::question(page, QObject::tr("Run"), question) == QMessageBox::Yes;
    };
    // The page decides after its checks, off the GUI thread: the driver's "yes" lasts until then.
    QObject::connect(page, &ui::RunPage::startDecided, m_window, [this](bool started) {
        if (!std::exchange(m_autoConfirm, false)) return;
        if (started) ++m_runsStarted;
    });
    m_window->show();
}

void MonkeyDriver::startRun() {
    ui::RunPage* page = m_window ? m_window->runPage() : nullptr;
    if (!page || page->running()) return;
    if (m_autoConfirm) return; // a start of the driver's is still being checked
    QList<qint64> interrupted = page->resumableRuns();
    if (!interrupted.isEmpty() && (m_runsStarted + m_runsResumed) % 2 == 1) {
        if (page->resumeRun(interrupted.first())) ++m_runsResumed;
    } else {
        page->selectStrategies({"by-category", "cheap-first", "mixture", "nearest"});
        m_autoConfirm = page->startRun();
    }
}

void MonkeyDriver::tick() {
    if (m_done) return;
    bool timeUp = m_elapsed.elapsed() > qint64(m_options.minutes * 60'000);
    bool enough = m_options.maxActions > 0 && m_actions >= m_options.maxActions;
    bool replayed = !m_options.replayLog.isEmpty() && m_actions >= m_replay.size();
    if (timeUp || enough || replayed) return finish();
    // Performed from the event loop, not inside this timer's event: a dialog the action opens runs
    // its own loop, in which the next ticks keep acting on the dialog.
    QMetaObject::invokeMethod(this, &MonkeyDriver::act, Qt::QueuedConnection);
}

void MonkeyDriver::act() {
    if (m_done) return;
    if (!m_window || !m_window->isVisible()) openWindow();
    QWidget* target = Monkey::target(m_window);
    MonkeyAction action;
    if (!m_options.replayLog.isEmpty()) {
        action = MonkeyAction::fromLine(m_replay.value(int(m_actions))).value_or(MonkeyAction{});
    } else if (m_options.keepRunRunning && target == m_window && m_elapsed.elapsed() >= m_nextRunCheckMs &&
               !m_window->runPage()->running()) {
        action.kind = MonkeyAction::Kind::StartRun;
        m_nextRunCheckMs = m_elapsed.elapsed() + 5000; // a few seconds to look at the last one
    } else {
        action = m_monkey.next(*target, target == m_window);
    }
    ++m_actions;
    log(QStringLiteral("%1\t%2\t%3\t%4")
            .arg(m_actions)
            .arg(clock(), QString::fromLatin1(target->metaObject()->className()), action.toLine()));
    if (action.kind == MonkeyAction::Kind::StartRun)
        startRun();
    else
        Monkey::perform(action, *target);
}

void MonkeyDriver::finish() {
    // Every event loop ends (a dialog's too, returning to its caller); nothing is deleted under
    // a dialog still on the stack.
    m_done = true;
    m_timer.stop();
    QCoreApplication::exit(0);
}

void MonkeyDriver::wrapUp() {
    // No event loop runs from here on: the watchdog's figures are final.
    int64_t pings = m_watchdog->pings();
    double maxMs = m_watchdog->maxLatencyMs();
    int64_t slow = m_watchdog->slowPings();
    m_watchdog.reset();
    // Close the way a user does; any run stops and records why.
    if (m_window) {
        m_window->runPage()->stopRun(QStringLiteral("the monkey test ended"));
        m_window->runPage()->waitForStop(); // no event loop runs any more
        m_window->runPage()->confirm = [](const QString&) { return true; };
        m_window->poolsPage()->ask = [](const QString&) { return QMessageBox::Discard; };
        m_window->close();
    }
    delete m_window;

    QString integrity = QStringLiteral("not checked");
    if (auto reader = m_session.reader())
        integrity = QString::fromStdString((*reader)->queryText("PRAGMA integrity_check").value_or("unreadable"));
    m_exitCode = integrity == QLatin1String("ok") ? 0 : 1;
    m_summary = QStringLiteral("monkey: seed %1, %2 actions in %3 s (%4 runs started, %5 resumed, %6 window "
                               "restarts); %7 pings, max latency %8 ms, %9 over 100 ms; 0 hangs; %10 Qt warnings; "
                               "workspace integrity %11")
                    .arg(m_options.seed)
                    .arg(m_actions)
                    .arg(m_elapsed.elapsed() / 1000)
                    .arg(m_runsStarted)
                    .arg(m_runsResumed)
                    .arg(m_restarts)
                    .arg(pings)
                    .arg(maxMs, 0, 'f', 1)
                    .arg(slow)
                    .arg(m_warnings)
                    .arg(integrity);
    log(QStringLiteral("#\t%1\tsummary\t%2").arg(clock(), m_summary));
}

} // namespace baton::monkey
