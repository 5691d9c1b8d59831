// SPDX-License-Identifier: MIT
#pragma once
// Starting a run from a Run page in a test: the page checks off the GUI thread, then asks and
// starts; this waits for its decision (and, with runAndWait, for the run's end).

#include "run_page.h"
#include "workbench_session.h"

#include <QSignalSpy>

namespace baton::test {

/// True when the run started; false when it was refused, declined, or no check could begin.
inline bool startAndWait(ui::RunPage& page, int timeoutMs = 120000) {
    QSignalSpy decided(&page, &ui::RunPage::startDecided);
    if (!page.startRun()) return false;
    if (decided.isEmpty() && !decided.wait(timeoutMs)) return false;
    return decided.first().first().toBool();
}

/// Runs `strategies` (and the baselines) on the session's pool, confirmed; the run's id, or 0
/// when it did not start or finish.
inline qint64 runAndWait(ui::WorkbenchSession& session, const QStringList& strategies) {
    ui::RunPage run(session);
    run.confirm = [](const QString&) { return true; };
    run.selectStrategies(strategies);
    QSignalSpy finished(&run, &ui::RunPage::runFinished);
    if (!startAndWait(run) || !finished.wait(120000)) return 0;
    return finished.last().first().toLongLong();
}

} // namespace baton::test
