// SPDX-License-Identifier: MIT
#include "tasks_page.h"
#include "io/task_import.h"
#include "list_texts.h"
#include "store/task_set_store.h"
#include "workbench_session.h"

#include <QDateTime>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>

namespace baton::ui {

TasksPage::TasksPage(WorkbenchSession& session, QWidget* parent)
    : QWidget(parent), m_session(session), m_import(new QPushButton(tr("&Import..."), this)),
      m_sets(new QTableWidget(this)), m_itemsView(new QTableView(this)), m_problems(new QListWidget(this)),
      m_skipBad(new QPushButton(tr("Import, skipping the bad lines"), this)), m_current(new QLabel(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("<h2>Tasks</h2>Task sets in this workspace. Import JSONL (one item per line: "
                                    "id, category, prompt, answer) or CSV with those columns."),
                                 this));
    m_sets->setColumnCount(5);
    m_sets->setHorizontalHeaderLabels({tr("Id"), tr("Name"), tr("Items"), tr("Categories"), tr("Imported")});
    m_sets->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_sets->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_sets->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_sets->horizontalHeader()->setSectionResizeMode(3, QHeaderView::Stretch);
    m_sets->setWordWrap(false);
    m_sets->verticalHeader()->hide();
    m_sets->setMaximumHeight(140);
    layout->addWidget(m_sets);

    auto* buttons = new QHBoxLayout;
    auto* use = new QPushButton(tr("&Use for runs"), this);
    buttons->addWidget(m_import);
    buttons->addWidget(use);
    buttons->addWidget(m_skipBad);
    buttons->addStretch();
    layout->addLayout(buttons);
    m_skipBad->setVisible(false);
    m_problems->setMaximumHeight(110);
    m_problems->setVisible(false);
    layout->addWidget(m_problems);
    layout->addWidget(m_current);
    m_itemsView->setModel(&m_items);
    m_itemsView->setWordWrap(false);
    m_itemsView->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_itemsView->horizontalHeader()->setSectionResizeMode(TaskItemsModel::Prompt, QHeaderView::Stretch);
    m_itemsView->setColumnWidth(TaskItemsModel::Id, 140);
    m_itemsView->setColumnWidth(TaskItemsModel::Category, 140);
    m_itemsView->setColumnWidth(TaskItemsModel::Answer, 160);
    m_itemsView->verticalHeader()->hide();
    layout->addWidget(m_itemsView, 1);

    connect(m_import, &QPushButton::clicked, this, [this] {
        QString path = QFileDialog::getOpenFileName(this, tr("Import tasks"), {},
                                                    tr("Task files (*.jsonl *.ndjson *.csv);;All files (*)"));
        if (!path.isEmpty()) importFile(path);
    });
    connect(use, &QPushButton::clicked, this, [this] {
        int row = m_sets->currentRow();
        if (row >= 0) useSet(m_sets->item(row, 0)->text().toLongLong());
    });
    connect(m_skipBad, &QPushButton::clicked, this, [this] { importFile(m_lastFailedImport, true); });
    connect(&session, &WorkbenchSession::tasksChanged, this, [this] {
        refreshSets();
        showCurrent();
    });
    refreshSets();
    showCurrent();
}

void TasksPage::refreshSets() {
    auto reader = m_session.reader();
    auto sets = reader ? core::listTaskSets(**reader) : std::unexpected(reader.error());
    m_sets->setRowCount(0);
    if (!sets) return showProblems({QString::fromStdString(sets.error().describe())});
    m_sets->setRowCount(int(sets->size()));
    for (int row = 0; row < int(sets->size()); ++row) {
        const auto& set = (*sets)[size_t(row)];
        QStringList categories;
        for (const auto& [name, n] : set.categories)
            categories << QStringLiteral("%1 %2").arg(QString::fromStdString(name)).arg(n);
        QStringList cells = {QString::number(set.id), QString::fromStdString(set.name), QString::number(set.itemCount),
                             categories.join(", "),
                             QDateTime::fromMSecsSinceEpoch(set.importedAtMs).toString(Qt::ISODate)};
        for (int column = 0; column < cells.size(); ++column)
            m_sets->setItem(row, column, new QTableWidgetItem(cells[column]));
    }
}

void TasksPage::showCurrent() {
    const core::TaskSet& tasks = m_session.tasks();
    m_current->setText(tr("Runs use <b>%1</b>: %2 items.")
                           .arg(QString::fromStdString(tasks.name).toHtmlEscaped())
                           .arg(tasks.items.size()));
    m_items.setTasks(tasks);
}

void TasksPage::showProblems(const QStringList& lines) {
    m_problems->clear();
    m_problems->addItems(lines);
    m_problems->setVisible(!lines.isEmpty());
}

QStringList TasksPage::problemLines() const {
    return listTexts(*m_problems);
}

int TasksPage::setCount() const {
    return m_sets->rowCount();
}

/// What an import came to, handed from its job to the GUI thread.
struct TasksPage::ImportResult {
    std::optional<core::TaskSet> set; ///< imported and saved
    QStringList problems;             ///< bad lines, or why nothing was imported
    QStringList skipped;              ///< lines left out on request
    bool canSkip = false;             ///< bad lines that could be skipped
};

TasksPage::~TasksPage() {
    m_importJob.cancel(); // its thread is joined by the runner: the import stops at its next item
    m_useJob.cancel();
}

std::shared_ptr<TasksPage::ImportResult> TasksPage::runImport(WorkbenchSession& session, const QString& path,
                                                              bool skipBadLines, std::stop_token stop) {
    auto result = std::make_shared<ImportResult>();
    core::ImportOptions options;
    options.skipBad = skipBadLines;
    auto imported = core::importTasks(path.toStdString(), options, stop);
    if (!imported) {
        for (const auto& p : imported.error().problems)
            result->problems << QString::fromStdString(p.toString());
        if (result->problems.isEmpty()) result->problems << QString::fromStdString(imported.error().describe());
        result->canSkip = imported.error().kind == core::ErrorKind::BadInput && !imported.error().problems.empty();
    } else if (stop.stop_requested()) {
        result->problems << tr("Cancelled; nothing was imported.");
    } else if (auto saved = session.saveTasks(imported->set, path.toStdString(), stop); !saved) {
        result->problems << QString::fromStdString(saved.error().describe());
    } else {
        for (const auto& p : imported->skipped)
            result->skipped << tr("skipped: %1").arg(QString::fromStdString(p.toString()));
        result->set = std::move(imported->set);
    }
    return result;
}

void TasksPage::importFile(const QString& path, bool skipBadLines) {
    m_import->setEnabled(false);
    m_skipBad->setVisible(false);
    showProblems({});
    m_current->setText(tr("Importing %1...").arg(path));
    using Imported = std::shared_ptr<ImportResult>;
    m_importJob.run<Imported>(
        [session = &m_session, path, skipBadLines](std::stop_token stop, const JobRunner::Progress&) {
            return runImport(*session, path, skipBadLines, stop);
        },
        [this, path](const Imported& result) {
            m_lastFailedImport = path;
            finishImport(*result);
        });
}

void TasksPage::finishImport(ImportResult& result) {
    m_import->setEnabled(true);
    m_skipBad->setVisible(result.canSkip);
    bool ok = result.set.has_value();
    showProblems(ok ? result.skipped : result.problems);
    if (ok)
        m_session.useSavedTasks(std::move(*result.set)); // refreshes the sets and the items
    else
        showCurrent();
    emit importFinished(ok);
}

bool TasksPage::useSet(qint64 id) {
    auto reader = m_session.reader();
    if (!reader) {
        showProblems({QString::fromStdString(reader.error().describe())});
        return false;
    }
    std::shared_ptr<core::SqliteDb> db(std::move(*reader));
    // A million-item set takes seconds to read: off the GUI thread. Already in the workspace, it
    // is not saved again.
    using Loaded = std::shared_ptr<core::Result<core::TaskSet>>;
    m_useJob.run<Loaded>(
        [db, id](std::stop_token stop, const JobRunner::Progress&) {
            return std::make_shared<core::Result<core::TaskSet>>(core::loadTaskSet(*db, std::to_string(id), stop));
        },
        [this](const Loaded& set) {
            if (!*set) return showProblems({QString::fromStdString(set->error().describe())});
            showProblems({});
            m_session.useSavedTasks(std::move(**set));
        });
    return true;
}

} // namespace baton::ui
