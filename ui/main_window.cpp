// SPDX-License-Identifier: MIT
#include "main_window.h"
#include "bundle_actions.h"
#include "inspector_page.h"
#include "list_texts.h"
#include "placeholder_page.h"
#include "pools_page.h"
#include "profiles_page.h"
#include "replay_lab_page.h"
#include "results_page.h"
#include "run_opener.h"
#include "run_page.h"
#include "runs_page.h"
#include "settings.h"
#include "tasks_page.h"
#include "theme.h"
#include "training_lab_page.h"
#include "workbench_session.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QProcess>
#include <QTimer>
#include <QStackedWidget>
#include <QStatusBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace baton::ui {

MainWindow::MainWindow(WorkbenchSession* session, QWidget* parent)
    : QMainWindow(parent), m_navigation(new QListWidget(this)), m_pages(new QStackedWidget(this)),
      m_hint(new QLabel(this)), m_session(session) {
    setWindowTitle(tr("Baton - LLM orchestration workbench"));
    resize(1200, 800);

    auto* central = new QWidget(this);
    auto* outer = new QVBoxLayout(central);
    m_hint->setObjectName("firstStartHint");
    m_hint->setWordWrap(true);
    m_hint->setStyleSheet(QStringLiteral("QLabel#firstStartHint { background: #fff6d5; color: #333; padding: 6px; "
                                         "border: 1px solid #e0c060; }"));
    m_hint->hide();
    outer->addWidget(m_hint);
    auto* layout = new QHBoxLayout;
    m_navigation->setFixedWidth(140);
    layout->addWidget(m_navigation);
    layout->addWidget(m_pages, 1);
    outer->addLayout(layout, 1);
    setCentralWidget(central);
    createMenus();
    connect(m_navigation, &QListWidget::currentRowChanged, this, [this](int row) {
        m_pages->setCurrentIndex(row);
        if (row >= 0) settings::lastPage.set(row);
    });

    if (session) {
        m_poolsPage = new PoolsPage(*session, this);
        m_tasksPage = new TasksPage(*session, this);
        m_runPage = new RunPage(*session, this);
        m_resultsPage = new ResultsPage(this);
        m_resultsPage->setWorkspacePath(session->path());
        m_inspectorPage = new InspectorPage(this);
        m_inspectorPage->setWorkspacePath(session->path());
        m_runsPage = new RunsPage(*session, this);
        m_opener = new RunOpener(*session, *m_resultsPage, *m_inspectorPage, this);
        connect(m_opener, &RunOpener::statusMessage, this,
                [this](const QString& text) { statusBar()->showMessage(text); });
        connect(m_inspectorPage, &InspectorPage::listFailed, this,
                [this](const QString& text) { statusBar()->showMessage(text); });
        connect(m_opener, &RunOpener::opened, this, [this](qint64 id) {
            m_shownRun = id;
            m_exportBundle->setEnabled(true);
            settings::lastRun.set(m_session->path(), id);
            if (m_showOpenedResults) showPage(m_resultsPage);
            emit runOpened(id);
        });
        connect(m_opener, &RunOpener::shown, this, &MainWindow::runShown);
        connect(m_opener, &RunOpener::costsShown, this, &MainWindow::runCostsShown);
        addPage(tr("Pools"), m_poolsPage);
        addPage(tr("Tasks"), m_tasksPage);
        addPage(tr("Run"), m_runPage);
        addPage(tr("Results"), m_resultsPage);
        addPage(tr("Inspector"), m_inspectorPage);
        addPage(tr("Runs"), m_runsPage);
        addPage(tr("Profiles"), new ProfilesPage(*session, this));
        auto* replayLab = new ReplayLabPage(*session, this);
        replayLab->setPoolDocument(&m_poolsPage->document());
        addPage(tr("Replay lab"), replayLab);
        auto* trainingLab = new TrainingLabPage(*session, this);
        trainingLab->setPoolDocument(&m_poolsPage->document());
        addPage(tr("Training lab"), trainingLab);
        m_bundles = new BundleActions(*session, this);
        connect(m_bundles, &BundleActions::statusMessage, this,
                [this](const QString& text) { statusBar()->showMessage(text); });
        // A run just imported or finished is read anew even while an older read of it goes on (a
        // resume's end during the start-up's reading of the same run): that read has old grades.
        connect(m_bundles, &BundleActions::imported, this, [this](qint64 id) { openRun(id, true, true); });
        connect(m_resultsPage, &ResultsPage::statusMessage, this,
                [this](const QString& text) { statusBar()->showMessage(text); });
        connect(m_runPage, &RunPage::runFinished, this, [this](qint64 id) { openRun(id, true, true); });
        connect(m_runsPage, &RunsPage::openRequested, this, [this](qint64 id) { openRun(id); });
        // The run shown last (or the newest) opens again: Results is never empty while runs exist.
        connect(m_runsPage, &RunsPage::historyLoaded, this, [this] {
            if (m_shownRun || m_opener->readingRun() || m_runsPage->historyModel().runs().empty()) return;
            qint64 last = settings::lastRun.get(m_session->path());
            const auto& runs = m_runsPage->historyModel().runs();
            openRun(m_runsPage->historyModel().rowOf(last) >= 0 ? last : runs.front().id, false);
        });
    } else {
        QString why = tr("The workspace could not be opened; see the message at start-up.");
        for (const QString& title : {tr("Pools"), tr("Tasks"), tr("Run"), tr("Results"), tr("Inspector"), tr("Runs"),
                                     tr("Profiles"), tr("Replay lab"), tr("Training lab")})
            addPage(title, new PlaceholderPage(title, why, this));
    }

    if (QByteArray geometry = settings::windowGeometry.get(); !geometry.isEmpty()) restoreGeometry(geometry);
    if (!settings::onboarded.get() && m_runPage) {
        // First start: straight to Run, with what to do in one line.
        m_hint->setText(tr("New here? Press <b>Run</b> (Ctrl+R) to run the simulated demo pool on the demo task set "
                           "(no key needed); Results, Inspector and Runs then show what happened. Help > Getting "
                           "started says more."));
        m_hint->show();
        settings::onboarded.set(true);
        m_navigation->setCurrentRow(pageIndex(m_runPage));
    } else {
        int page = settings::lastPage.get();
        m_navigation->setCurrentRow(page >= 0 && page < m_navigation->count() ? page : 0);
    }
    statusBar()->showMessage(session ? tr("Workspace %1").arg(session->path()) : tr("No workspace"));
}

QString MainWindow::hintText() const {
    return m_hint->isVisible() || !m_hint->isHidden() ? m_hint->text() : QString();
}

void MainWindow::openRun(qint64 runId, bool showResults) {
    openRun(runId, showResults, false);
}

void MainWindow::openRun(qint64 runId, bool showResults, bool anew) {
    if (!m_opener) return;
    if (!anew && m_opener->busyWith(runId)) { // no second read: the one under way shows it
        if (m_opener->readingRun() == runId)
            m_showOpenedResults = m_showOpenedResults || showResults;
        else if (showResults)
            showPage(m_resultsPage); // already opened, its report on the way
        return;
    }
    m_showOpenedResults = showResults;
    m_opener->open(runId, anew ? RunOpener::Read::Anew : RunOpener::Read::IfNeeded);
}

quint64 MainWindow::runReads() const {
    return m_opener ? m_opener->reads() : 0;
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (m_closingAfterRun) { // already answered: the window closes itself once the run is written
        // Asked again while the run's answered calls wait for another process holding the
        // workspace (a `baton-cli tasks import`): the window stayed for up to 10 minutes. It goes
        // now, without them; a resume pays for them again.
        if (m_session && m_session->writer().waitingForLock()) {
            m_session->writer().giveUpWaitingForLock();
            statusBar()->showMessage(tr("Closing without the calls not yet stored..."));
        }
        event->ignore();
        return;
    }
    // A modal dialog (a file dialog, a question) runs a nested event loop on this window's stack:
    // closing the window under it destroyed the dialog twice (found by the monkey test). The
    // dialog is closed first; the window closes when asked again.
    if (QWidget* modal = QApplication::activeModalWidget(); modal && modal != this) {
        modal->close();
        event->ignore();
        return;
    }
    // Every question first; nothing is stopped or dropped unless all are answered yes.
    if (!m_answeredClose &&
        ((m_runPage && !m_runPage->confirmStop()) || (m_poolsPage && !m_poolsPage->confirmDiscard()))) {
        event->ignore();
        return;
    }
    if (m_runPage && m_runPage->running()) {
        m_answeredClose = true; // not asked again when the window closes itself
        // Stopped off the GUI thread (in-flight items finish grading; that can take seconds), with
        // the window answering meanwhile; it closes, before any page is destroyed, when the run's
        // record (saying why it stopped) is written.
        m_closingAfterRun = true;
        connect(m_runPage, &RunPage::stopped, this, [this] {
            m_closingAfterRun = false;
            close();
        }, Qt::SingleShotConnection);
        m_runPage->stopRun(tr("the workbench was closed during the run"));
        statusBar()->showMessage(tr("Stopping the run; the window closes once it is recorded..."));
        // Said when another process holds the workspace, so that the wait is not a mystery.
        auto* watch = new QTimer(this);
        connect(watch, &QTimer::timeout, this, [this, watch] {
            if (!m_closingAfterRun) return watch->deleteLater();
            if (m_session && m_session->writer().waitingForLock())
                statusBar()->showMessage(tr("Another process holds the workspace (a task import?): the run's answered "
                                            "calls wait to be stored, up to 10 minutes. Close again to quit without "
                                            "them (a resume pays for them again)."));
        });
        watch->start(500);
        event->ignore();
        return;
    }
    m_answeredClose = false;
    settings::windowGeometry.set(saveGeometry());
    if (m_opener) m_opener->cancel();
    if (m_bundles) m_bundles->cancel();
    event->accept();
}

int MainWindow::addPage(const QString& title, QWidget* page) {
    m_navigation->addItem(title);
    int index = m_pages->addWidget(page);
    if (m_viewMenu) {
        QAction* go = m_viewMenu->addAction(title, this, [this, page] { showPage(page); });
        if (index < 9) go->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + index)));
    }
    return index;
}

void MainWindow::onPoolsPage(void (PoolsPage::*action)()) {
    if (!m_poolsPage) return;
    showPage(m_poolsPage);
    (m_poolsPage->*action)();
}

void MainWindow::createMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    // One plain lambda per action: a lambda returned from a generic lambda, both capturing
    // `this`, read its captures from a dead stack frame in GCC 12's ASan build (CI monkey, seed 1919).
    file->addAction(tr("&New pool"), this, [this] { onPoolsPage(&PoolsPage::newPool); });
    file->addAction(tr("&Open pool..."), this, [this] { onPoolsPage(&PoolsPage::chooseAndOpen); });
    m_recent = file->addMenu(tr("Open &recent pool"));
    connect(m_recent, &QMenu::aboutToShow, this, &MainWindow::rebuildRecent);
    rebuildRecent();
    file->addAction(tr("&Save pool"), this, [this] {
        if (m_poolsPage) m_poolsPage->save();
    });
    file->addAction(tr("Save pool &as..."), this, [this] {
        if (m_poolsPage) m_poolsPage->chooseAndSaveAs();
    });
    file->addSeparator();
    // The run shown on Results and Inspector; disabled until one is shown.
    m_exportBundle = file->addAction(tr("&Export run bundle..."), this, [this] {
        if (m_bundles && m_shownRun) m_bundles->exportRun(m_shownRun);
    });
    m_exportBundle->setEnabled(false);
    QAction* openBundle = file->addAction(tr("Open &bundle..."), this, [this] {
        if (m_bundles) m_bundles->openBundle();
    });
    openBundle->setEnabled(m_session != nullptr);
    file->addSeparator();
    file->addAction(tr("Open &workspace..."), this, &MainWindow::openWorkspace);
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setShortcut(QKeySequence::Quit);

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    QMenu* theme = m_viewMenu->addMenu(tr("&Theme"));
    auto* themes = new QActionGroup(theme);
    for (ThemeChoice choice : {ThemeChoice::Desktop, ThemeChoice::Light, ThemeChoice::Dark}) {
        QAction* a = theme->addAction(Theme::name(choice), this, [choice] { Theme::choose(choice); });
        a->setCheckable(true);
        a->setChecked(Theme::chosen() == choice);
        themes->addAction(a);
    }
    m_viewMenu->addSeparator();

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Getting started"), this, &MainWindow::showGettingStarted);
    QAction* keys = help->addAction(tr("&Keyboard shortcuts"), this, &MainWindow::showShortcuts);
    keys->setShortcut(QKeySequence::HelpContents);
    help->addAction(tr("&About Baton"), this, [this] {
        QMessageBox::about(this, tr("About Baton"),
                           tr("Baton %1\nA workbench for LLM orchestration: pools, strategies, routing trees, "
                              "costs and honest comparisons.")
                               .arg(QApplication::applicationVersion()));
    });
}

void MainWindow::rebuildRecent() {
    m_recent->clear();
    const QStringList recent = settings::recentPools.get();
    for (const QString& path : recent)
        m_recent->addAction(QFileInfo(path).fileName() + "  (" + QFileInfo(path).absolutePath() + ")", this,
                            [this, path] {
                                if (!m_poolsPage || !m_poolsPage->confirmDiscard()) return;
                                showPage(m_poolsPage);
                                m_poolsPage->openFile(path);
                            });
    m_recent->setEnabled(!recent.isEmpty());
}

void MainWindow::openWorkspace() {
    QString path = QFileDialog::getOpenFileName(this, tr("Open workspace"), QString(),
                                                tr("Baton workspaces (*.db *.sqlite);;All files (*)"));
    if (path.isEmpty()) return;
    // One workspace per window: the other opens in a window of its own, this one stays as it is.
    if (!QProcess::startDetached(QApplication::applicationFilePath(), {"--workspace", path}))
        QMessageBox::warning(this, tr("Open workspace"), tr("Could not start a window for %1.").arg(path));
    else
        statusBar()->showMessage(tr("Opening %1 in a new window...").arg(path));
}

void MainWindow::showGettingStarted() {
    QMessageBox::information(
        this, tr("Getting started"),
        tr("<p><b>The loop</b>: Pools (models, prices, strategies) &rarr; Tasks (import a task set) &rarr; Run "
           "(estimate, budget cap, progress) &rarr; Results (each strategy against every baseline, charts) &rarr; "
           "Inspector (why an item went wrong: its routing tree, calls, prompts and answers) &rarr; Runs (open or "
           "compare any past run).</p>"
           "<p>The demo pool is <b>simulated</b> by the built-in simulator: no key, no cost. Real endpoints need a "
           "key reference (env:NAME or keychain:NAME) set on the Pools page.</p>"
           "<p>Every table sorts by its headers and copies its selection with Ctrl+C; charts export with Ctrl+E. "
           "The README (installed with the package) describes every page and the command line.</p>"));
}

void MainWindow::showShortcuts() {
    QStringList lines;
    for (QAction* action : findChildren<QAction*>())
        if (!action->shortcut().isEmpty() && !action->text().isEmpty())
            lines << QStringLiteral("%1\t%2")
                         .arg(action->shortcut().toString(QKeySequence::NativeText), action->text().remove('&'));
    lines.removeDuplicates();
    lines.sort();
    QMessageBox::information(this, tr("Keyboard shortcuts"), lines.join('\n'));
}

QStringList MainWindow::pageTitles() const {
    return listTexts(*m_navigation);
}

int MainWindow::currentPage() const {
    return m_pages->currentIndex();
}

void MainWindow::showPage(int index) {
    m_navigation->setCurrentRow(index);
}

void MainWindow::showPage(QWidget* page) {
    if (int index = pageIndex(page); index >= 0) showPage(index);
}

int MainWindow::pageIndex(const QWidget* page) const {
    return m_pages->indexOf(const_cast<QWidget*>(page));
}

} // namespace baton::ui
