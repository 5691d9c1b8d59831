#include "main_window.h"
#include "demo_workspace.h"
#include "inspector_page.h"
#include "placeholder_page.h"
#include "results_page.h"
#include "run_page.h"
#include "store/call_log.h"
#include "store/run_store.h"
#include "store/text_store.h"

#include <QAction>
#include <QApplication>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QStackedWidget>
#include <QStatusBar>

namespace baton::ui {

MainWindow::MainWindow(DemoWorkspace* workspace, QWidget* parent)
    : QMainWindow(parent), m_navigation(new QListWidget(this)), m_pages(new QStackedWidget(this)),
      m_workspace(workspace) {
    setWindowTitle(tr("Baton - LLM orchestration workbench"));
    resize(1200, 800);

    auto* central = new QWidget(this);
    auto* layout = new QHBoxLayout(central);
    m_navigation->setFixedWidth(160);
    layout->addWidget(m_navigation);
    layout->addWidget(m_pages, 1);
    setCentralWidget(central);

    addPage(tr("Pools"), new PlaceholderPage(tr("Pools"),
                                             tr("Edit the models of a pool, their prices, tags and key "
                                                "references, strategies and constraints."),
                                             this));
    addPage(tr("Tasks"),
            new PlaceholderPage(tr("Tasks"), tr("Import task sets from JSONL or CSV and browse them."), this));
    if (workspace) {
        m_runPage = new RunPage(*workspace, this);
        m_resultsPage = new ResultsPage(this);
        addPage(tr("Run"), m_runPage);
        addPage(tr("Results"), m_resultsPage);
        connect(m_runPage, &RunPage::runFinished, this, &MainWindow::showRun);
    } else {
        QString why = tr("The demo workspace could not be opened; see the message at start-up.");
        addPage(tr("Run"), new PlaceholderPage(tr("Run"), why, this));
        addPage(tr("Results"), new PlaceholderPage(tr("Results"), why, this));
    }
    if (workspace) {
        m_inspectorPage = new InspectorPage(this);
        addPage(tr("Inspector"), m_inspectorPage);
    } else {
        addPage(tr("Inspector"),
                new PlaceholderPage(tr("Inspector"), tr("The routing tree and calls of each item."), this));
    }

    connect(m_navigation, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);
    m_navigation->setCurrentRow(0);
    createMenus();
    statusBar()->showMessage(tr("Ready"));
}

void MainWindow::showRun(qint64 runId) {
    auto reader = m_workspace->reader();
    auto report =
        reader ? core::loadRunReport(**reader, runId) : core::Result<core::RunReport>(std::unexpected(reader.error()));
    if (!report) {
        QMessageBox::warning(this, tr("Report"), QString::fromStdString(report.error().describe()));
        return;
    }
    std::vector<std::string> baselines;
    for (const auto& m : report->strategies)
        if (m.baseline) baselines.push_back(m.name);
    m_resultsPage->setReport(std::move(*report));

    InspectorData data;
    data.runId = runId;
    data.outcomes = core::loadOutcomes(**reader, runId).value_or(std::vector<core::Outcome>{});
    data.calls = core::loadCalls(**reader, runId).value_or(std::vector<core::Call>{});
    for (const auto& item : m_workspace->tasks().items)
        data.categoryOf[item.id] = item.category;
    data.baselines = std::move(baselines);
    std::shared_ptr<core::SqliteDb> texts(std::move(*reader));
    data.textFor = [texts](const std::string& hash) {
        auto text = core::getText(*texts, hash);
        return text && *text ? **text : std::string();
    };
    m_inspectorPage->setData(std::move(data));
    showPage(3);
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
    QStringList titles;
    for (int i = 0; i < m_navigation->count(); ++i)
        titles << m_navigation->item(i)->text();
    return titles;
}

int MainWindow::currentPage() const {
    return m_pages->currentIndex();
}

void MainWindow::showPage(int index) {
    m_navigation->setCurrentRow(index);
}

} // namespace baton::ui
