// SPDX-License-Identifier: MIT
// baton: the desktop workbench. Opens the built-in demo workspace (simulated pool, generated
// task set) with the simulator running in-process, so a first run needs no key; `--workspace
// PATH` opens another workspace database (File > Open workspace starts a window that way).

#include "application_setup.h"
#include "main_window.h"
#include "workbench_session.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QMessageBox>

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Baton"));
    QApplication::setOrganizationName(QStringLiteral("Baton"));
    QApplication::setApplicationVersion(QStringLiteral(BATON_VERSION));
    baton::ui::setUpApplication(app);

    QCommandLineParser parser;
    parser.setApplicationDescription(QObject::tr("Baton, the LLM orchestration workbench."));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption workspace(QStringList{"w", "workspace"},
                                 QObject::tr("Opens the workspace database PATH instead of the demo workspace."),
                                 QObject::tr("PATH"));
    parser.addOption(workspace);
    parser.process(app);

    QString path = parser.isSet(workspace) ? parser.value(workspace) : baton::ui::WorkbenchSession::defaultDemoPath();
    QDir().mkpath(QFileInfo(path).absolutePath());
    auto session = baton::ui::WorkbenchSession::openDemo(path);
    if (!session)
        QMessageBox::warning(nullptr, QObject::tr("Baton"),
                             QObject::tr("The workspace %1 could not be opened:\n%2")
                                 .arg(path, QString::fromStdString(session.error().describe())));
    baton::ui::MainWindow window(session ? session->get() : nullptr);
    window.show();
    return QApplication::exec();
}
