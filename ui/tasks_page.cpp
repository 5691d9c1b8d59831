#include "tasks_page.h"
#include "io/task_import.h"
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
    : QWidget(parent), m_session(session), m_sets(new QTableWidget(this)), m_itemsView(new QTableView(this)),
      m_problems(new QListWidget(this)), m_skipBad(new QPushButton(tr("Import, skipping the bad lines"), this)),
      m_current(new QLabel(this)) {
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
    auto* import = new QPushButton(tr("&Import..."), this);
    auto* use = new QPushButton(tr("&Use for runs"), this);
    buttons->addWidget(import);
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

    connect(import, &QPushButton::clicked, this, [this] {
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
    QStringList lines;
    for (int i = 0; i < m_problems->count(); ++i)
        lines << m_problems->item(i)->text();
    return lines;
}

int TasksPage::setCount() const {
    return m_sets->rowCount();
}

bool TasksPage::importFile(const QString& path, bool skipBadLines) {
    core::ImportOptions options;
    options.skipBad = skipBadLines;
    auto imported = core::importTasks(path.toStdString(), options);
    m_skipBad->setVisible(false);
    if (!imported) {
        QStringList lines;
        for (const auto& p : imported.error().problems)
            lines << QString::fromStdString(p.toString());
        if (lines.isEmpty()) lines << QString::fromStdString(imported.error().describe());
        m_lastFailedImport = path;
        m_skipBad->setVisible(imported.error().kind == core::ErrorKind::BadInput && !imported.error().problems.empty());
        showProblems(lines);
        return false;
    }
    QStringList skipped;
    for (const auto& p : imported->skipped)
        skipped << tr("skipped: %1").arg(QString::fromStdString(p.toString()));
    showProblems(skipped);
    if (auto used = m_session.useTasks(std::move(imported->set), path.toStdString()); !used) {
        showProblems({QString::fromStdString(used.error().describe())});
        return false;
    }
    return true;
}

bool TasksPage::useSet(qint64 id) {
    auto reader = m_session.reader();
    auto set = reader ? core::loadTaskSet(**reader, std::to_string(id)) : std::unexpected(reader.error());
    if (!set) {
        showProblems({QString::fromStdString(set.error().describe())});
        return false;
    }
    auto used = m_session.useTasks(std::move(*set), "workspace");
    if (!used) showProblems({QString::fromStdString(used.error().describe())});
    return bool(used);
}

} // namespace baton::ui
