// SPDX-License-Identifier: MIT
#include "save_target.h"

#include "util/workspace_files.h"

#include <QCoreApplication>

namespace baton::ui {

QString workspaceClash(const QString& target, const QString& workspace) {
    std::string file = core::workspaceFileAt(target.toStdString(), workspace.toStdString());
    if (file.empty()) return {};
    return QCoreApplication::translate("baton::ui::SaveTarget",
                                       "%1 is the workspace %2 this window has open; writing there would destroy "
                                       "every run in it. Nothing was written; choose another file.")
        .arg(target, QString::fromStdString(file));
}

} // namespace baton::ui
