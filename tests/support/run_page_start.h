// SPDX-License-Identifier: MIT
#pragma once
// Starting a run from a Run page in a test: the page checks off the GUI thread, then asks and
// starts; this waits for its decision.

#include "run_page.h"

#include <QSignalSpy>

namespace baton::test {

/// True when the run started; false when it was refused, declined, or no check could begin.
inline bool startAndWait(ui::RunPage& page, int timeoutMs = 120000) {
    QSignalSpy decided(&page, &ui::RunPage::startDecided);
    if (!page.startRun()) return false;
    if (decided.isEmpty() && !decided.wait(timeoutMs)) return false;
    return decided.first().first().toBool();
}

} // namespace baton::test
