// SPDX-License-Identifier: MIT
#include "main_window.h"
#include "inspector_page.h"
#include "list_texts.h"
#include "placeholder_page.h"
#include "profiles_page.h"
#include "replay_lab_page.h"
#include "pools_page.h"
#include "results_page.h"
#include "run_page.h"
#include "store/call_log.h"
#include "store/run_store.h"
#include "store/task_set_store.h"
#include "store/text_store.h"
#include "tasks_page.h"
#include "workbench_session.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QStackedWidget>
#include <QStatusBar>

namespace baton::ui {

MainWindow::MainWindow(WorkbenchSession* session, QWidget* parent)
    : QMainWindow(parent), m_navigation(new QListWidget(this)), m_pages(new QStackedWidget(this)), m_session(session) {
    setWindowTitle(tr("Baton - LLM orchestration workbench"));
    resize(1200, 800);

    auto* central = new QWidget(this);
    auto* layout = new QHBoxLayout(central);
    m_navigation->setFixedWidth(160);
    layout->addWidget(m_navigation);
    layout->addWidget(m_pages, 1);
    setCentralWidget(central);

    if (session) {
        m_poolsPage = new PoolsPage(*session, this);
        m_tasksPage = new TasksPage(*session, this);
        m_runPage = new RunPage(*session, this);
        m_resultsPage = new ResultsPage(this);
        m_inspectorPage = new InspectorPage(this);
        addPage(tr("Pools"), m_poolsPage);
        addPage(tr("Tasks"), m_tasksPage);
        addPage(tr("Run"), m_runPage);
        addPage(tr("Results"), m_resultsPage);
        addPage(tr("Inspector"), m_inspectorPage);
        addPage(tr("Profiles"), new ProfilesPage(*session, this));
        addPage(tr("Replay lab"), new ReplayLabPage(*session, this));
        connect(m_runPage, &RunPage::runFinished, this, &MainWindow::showRun);
    } else {
        QString why = tr("The workspace could not be opened; see the message at start-up.");
        for (const QString& title : {tr("Pools"), tr("Tasks"), tr("Run"), tr("Results"), tr("Inspector"), tr("Profiles"),
                                     tr("Replay lab")})
            addPage(title, new PlaceholderPage(title, why, this));
    }

    connect(m_navigation, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);
    m_navigation->setCurrentRow(0);
    createMenus();
    statusBar()->showMessage(tr("Ready"));
}

void MainWindow::showRun(qint64 runId) {
    auto reader = m_session->reader();
    auto report =
        reader ? core::loadRunReport(**reader, runId) : core::Result<core::RunReport>(std::unexpected(reader.error()));
    if (!report) {
        QMessageBox::warning(this, tr("Report"), QString::fromStdString(report.error().describe()));
        return;
    }
    InspectorData data;
    data.runId = runId;
    data.outcomes = core::loadOutcomes(**reader, runId).value_or(std::vector<core::Outcome>{});
    for (const auto& m : report->strategies)
        if (m.baseline) data.baselines.push_back(m.name);
    auto run = core::loadRun(**reader, runId);
    auto tasks = run ? core::loadTaskSet(**reader, run->taskSetHash) : std::unexpected(run.error());
    for (const auto& item : tasks ? tasks->items : m_session->tasks().items)
        data.categoryOf[item.id] = item.category;

    // Calls and texts are read when they are shown, not all at once.
    std::shared_ptr<core::SqliteDb> db(std::move(*reader));
    auto calls = [db, runId](core::CallFilter filter) {
        return core::loadCalls(*db, runId, filter).value_or(std::vector<core::Call>{});
    };
    m_resultsPage->setReport(std::move(*report));
    m_resultsPage->setDetails(data.outcomes, [calls](const std::string& strategy) { return calls({strategy, {}}); });
    data.callsFor = [calls](const std::string& strategy, const std::string& item) { return calls({strategy, item}); };
    data.textFor = [db](const std::string& hash) {
        auto text = core::getText(*db, hash);
        return text && *text ? **text : std::string();
    };
    m_inspectorPage->setData(std::move(data));
    showPage(3);
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (m_closingAfterRun) { // already answered: the window closes itself once the run is written
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
        event->ignore();
        return;
    }
    m_answeredClose = false;
    event->accept();
}

void MainWindow::addPage(const QString& title, QWidget* page) {
    m_navigation->addItem(title);
    m_pages->addWidget(page);
}

void MainWindow::createMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* quit = file->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setShortcut(QKeySequence::Quit);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    for (int i = 0; i < m_navigation->count(); ++i) {
        QAction* go = view->addAction(m_navigation->item(i)->text(), this, [this, i] { showPage(i); });
        go->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
    }

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Baton"), this, [this] {
        QMessageBox::about(this, tr("About Baton"),
                           tr("Baton %1\nA workbench for LLM orchestration: pools, strategies, routing trees, "
                              "costs and honest comparisons.")
                               .arg(QApplication::applicationVersion()));
    });
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

} // namespace baton::ui
