// SPDX-License-Identifier: MIT
#pragma once
// A GUI test's demo workspace: settings in Qt's test location, cleared, and the demo opened at
// a path (one item per category).

#include "workbench_session.h"

#include <QSettings>
#include <QStandardPaths>

namespace baton::test {

/// Null when the demo workspace could not be opened.
inline std::unique_ptr<ui::WorkbenchSession> openTestDemo(const QString& path) {
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    auto session = ui::WorkbenchSession::openDemo(path, 1);
    return session ? std::move(*session) : nullptr;
}

} // namespace baton::test
