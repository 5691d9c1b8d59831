// SPDX-License-Identifier: MIT
#pragma once
// MonkeyDriver: the monkey test's session: the real main window on the demo workspace, seeded
// random input (or a replayed action log) at a steady pace with every action logged, a run kept
// in progress, the window reopened whenever the input closes it, a watchdog pinging the GUI
// thread, and at the end the workspace's integrity and the figures.

#include "monkey.h"
#include "watchdog.h"

#include <QElapsedTimer>
#include <QFile>
#include <QPointer>
#include <QStringList>
#include <QTimer>
#include <memory>

namespace baton::ui {
class MainWindow;
class WorkbenchSession;
} // namespace baton::ui

namespace baton::monkey {

struct MonkeyOptions {
    uint64_t seed = 1;
    double minutes = 1;      ///< stop after this long...
    int64_t maxActions = 0;  ///< ...or this many actions (0: no limit)
    int intervalMs = 50;     ///< between actions
    int hangSeconds = 10;    ///< a ping unanswered this long is a hang
    bool keepRunRunning = true;
    QString outDir;          ///< actions.log, summary.txt, backtraces
    QString replayLog;       ///< an actions.log to replay instead of random input
};

class MonkeyDriver : public QObject {
    Q_OBJECT
public:
    MonkeyDriver(ui::WorkbenchSession& session, MonkeyOptions options);
    ~MonkeyDriver() override;

    void start();
    /// After the event loop has ended: closes the window as a user does, checks the workspace,
    /// makes the figures.
    void wrapUp();
    /// The one-line figures; exit code 0 when the workspace is intact.
    QString summary() const { return m_summary; }
    int exitCode() const { return m_exitCode; }
    /// Logs a Qt warning (counted in the figures).
    void noteWarning(const QString& message);

private:
    void tick();
    void act();
    void openWindow();
    void startRun();
    void finish();
    void log(const QString& line);
    QString clock() const;

    ui::WorkbenchSession& m_session;
    MonkeyOptions m_options;
    Monkey m_monkey;
    QFile m_log;
    QStringList m_replay;
    QTimer m_timer;
    QElapsedTimer m_elapsed;
    std::unique_ptr<Watchdog> m_watchdog;
    QPointer<ui::MainWindow> m_window;
    bool m_autoConfirm = false;
    int64_t m_actions = 0, m_restarts = 0, m_runsStarted = 0, m_runsResumed = 0, m_warnings = 0;
    int64_t m_nextRunCheckMs = 0;
    bool m_done = false;
    QString m_summary;
    int m_exitCode = 0;
};

} // namespace baton::monkey
