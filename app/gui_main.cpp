// SPDX-License-Identifier: MIT
// baton: the desktop workbench. Opens the built-in demo workspace (simulated pool, generated
// task set) with the simulator running in-process, so a first run needs no key.

#include "file_dialog_icons.h"
#include "main_window.h"
#include "workbench_session.h"

#include <QApplication>
#include <QDir>
#include <QMessageBox>
#include <QStandardPaths>

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Baton"));
    QApplication::setOrganizationName(QStringLiteral("Baton"));
    QApplication::setApplicationVersion(QStringLiteral(BATON_VERSION));
    baton::ui::FileDialogIcons::install(app);

    QString folder = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
    QDir().mkpath(folder);
    auto demo = baton::ui::WorkbenchSession::openDemo(folder + "/demo.db");
    if (!demo)
        QMessageBox::warning(nullptr, QObject::tr("Baton"),
                             QObject::tr("The demo workspace could not be opened:\n%1")
                                 .arg(QString::fromStdString(demo.error().describe())));
    baton::ui::MainWindow window(demo ? demo->get() : nullptr);
    window.show();
    return QApplication::exec();
}
