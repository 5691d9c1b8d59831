// SPDX-License-Identifier: MIT
#include "runs_page.h"
#include "eval/run_pair.h"
#include "reprice_dialog.h"
#include "settings.h"
#include "table_copy.h"
#include "workbench_session.h"

#include <algorithm>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace baton::ui {

RunsPage::RunsPage(WorkbenchSession& session, QWidget* parent)
    : QWidget(parent), m_session(session), m_table(new QTableView(this)), m_pairTable(new QTableView(this)),
      m_open(new QPushButton(tr("&Open run"), this)), m_compare(new QPushButton(tr("Com&pare two runs"), this)),
      m_repriceButton(new QPushButton(tr("Reprice &with..."), this)), m_reprice(new RepriceDialog(session, this)),
      m_status(new QLabel(this)), m_pairTitle(new QLabel(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("<h2>Runs</h2>Every run of this workspace. Open one to see its results and "
                                    "items; select two and compare them."),
                                 this));
    auto* split = new QSplitter(Qt::Vertical, this);
    makeSortable(m_table, &m_history);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    split->addWidget(m_table);
    auto* lower = new QWidget(this);
    auto* lowerLayout = new QVBoxLayout(lower);
    lowerLayout->setContentsMargins(0, 0, 0, 0);
    m_pairTitle->setWordWrap(true);
    m_pairTitle->setTextFormat(Qt::PlainText); // pool names are not markup
    lowerLayout->addWidget(m_pairTitle);
    makeSortable(m_pairTable, &m_pair);
    m_pairTable->verticalHeader()->hide();
    lowerLayout->addWidget(m_pairTable, 1);
    split->addWidget(lower);
    split->setChildrenCollapsible(false);
    settings::rememberSplitter(split, "runs");
    layout->addWidget(split, 1);

    auto* buttons = new QHBoxLayout;
    auto* reload = new QPushButton(tr("Re&fresh"), this);
    buttons->addWidget(m_open);
    buttons->addWidget(m_compare);
    buttons->addWidget(m_repriceButton);
    buttons->addWidget(reload);
    m_status->setTextFormat(Qt::PlainText);
    buttons->addWidget(m_status, 1);
    layout->addLayout(buttons);
    m_open->setToolTip(tr("Shows the selected run on the Results and Inspector pages (or double-click it)"));
    m_compare->setToolTip(tr("Select two runs: the newer is compared with the older"));
    m_repriceButton->setToolTip(tr("What the selected run would cost with other prices (a price version stored in "
                                   "the workspace or a price list file) or with one vendor's prices raised; the run "
                                   "is not changed"));
    connect(m_repriceButton, &QPushButton::clicked, this, [this] {
        if (auto runs = selectedRuns(); runs.size() == 1) m_reprice->offer(runs.first());
    });

    connect(reload, &QPushButton::clicked, this, &RunsPage::refresh);
    connect(m_open, &QPushButton::clicked, this, [this] {
        if (auto runs = selectedRuns(); !runs.isEmpty()) emit openRequested(runs.first());
    });
    connect(m_table, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        emit openRequested(index.siblingAtColumn(RunHistoryModel::Id).data(Qt::UserRole).toLongLong());
    });
    connect(m_compare, &QPushButton::clicked, this, [this] {
        auto runs = selectedRuns();
        if (runs.size() == 2) compare(std::min(runs[0], runs[1]), std::max(runs[0], runs[1]));
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &RunsPage::updateButtons);
    connect(&session, &WorkbenchSession::runsChanged, this, &RunsPage::refresh);
    updateButtons();
    refresh();
}

QList<qint64> RunsPage::selectedRuns() const {
    QList<qint64> ids;
    for (const QModelIndex& row : m_table->selectionModel()->selectedRows(RunHistoryModel::Id))
        ids << row.data(Qt::UserRole).toLongLong();
    return ids;
}

void RunsPage::updateButtons() {
    int n = int(selectedRuns().size());
    m_open->setEnabled(n == 1);
    m_compare->setEnabled(n == 2);
    m_repriceButton->setEnabled(n == 1);
}

void RunsPage::repriceWith(qint64 runId, const QString& priceFile) {
    m_reprice->reprice(runId, priceFile);
    m_reprice->show();
    m_reprice->raise();
}

void RunsPage::refresh() {
    auto reader = m_session.reader();
    if (!reader) {
        m_status->setText(QString::fromStdString(reader.error().describe()));
        return;
    }
    std::shared_ptr<core::SqliteDb> db(std::move(*reader));
    m_status->setText(tr("Reading the runs..."));
    using History = core::Result<std::vector<core::RunListing>>;
    m_listJob.run<History>([db](std::stop_token, const JobRunner::Progress&) { return core::loadRunHistory(*db); },
                           [this](const History& runs) {
                               if (!runs) {
                                   m_status->setText(QString::fromStdString(runs.error().describe()));
                                   return;
                               }
                               m_history.setRuns(*runs);
                               m_table->resizeColumnsToContents();
                               m_status->setText(tr("%n run(s)", "", int(runs->size())));
                               updateButtons();
                               emit historyLoaded();
                           });
}

void RunsPage::compare(qint64 a, qint64 b) {
    auto reader = m_session.reader();
    if (!reader) {
        m_status->setText(QString::fromStdString(reader.error().describe()));
        return;
    }
    std::shared_ptr<core::SqliteDb> db(std::move(*reader));
    m_status->setText(tr("Comparing run %1 with run %2...").arg(b).arg(a));
    using Pair = core::Result<core::RunPair>;
    m_compareJob.run<Pair>(
        [db, a, b](std::stop_token stop, const JobRunner::Progress&) -> Pair {
            auto da = core::loadRunDetails(*db, a, stop);
            if (!da) return std::unexpected(da.error());
            auto dbb = core::loadRunDetails(*db, b, stop);
            if (!dbb) return std::unexpected(dbb.error());
            return core::pairRuns(*da, *dbb);
        },
        [this](const Pair& pair) {
            if (!pair) {
                m_status->setText(QString::fromStdString(pair.error().describe()));
                return;
            }
            m_pair.setPair(*pair);
            m_pairTable->resizeColumnsToContents();
            m_pairTitle->setText(pair->sameTaskSet
                                     ? tr("Run %1 against run %2 on the same items: Δ is run %1 minus run %2, paired "
                                          "per item (bootstrap 95% CI), p from the exact McNemar test.")
                                           .arg(pair->runB)
                                           .arg(pair->runA)
                                     : tr("Runs %1 and %2 used different task sets: side by side, not paired.")
                                           .arg(pair->runA)
                                           .arg(pair->runB));
            if (!pair->samePool) {
                int changed = int(std::count_if(pair->rows.begin(), pair->rows.end(),
                                                [](const core::RunPairRow& r) { return !r.configChange.empty(); }));
                m_pairTitle->setText(
                    m_pairTitle->text() + ' ' +
                    tr("The runs used different pools (%1, %2): rows of one name are paired, and %n of them are "
                       "configured differently (\"changed\"; hover for what differs).",
                       "", changed)
                        .arg(QString::fromStdString(pair->poolA), QString::fromStdString(pair->poolB)));
            }
            m_status->setText(tr("Compared run %1 with run %2.").arg(pair->runB).arg(pair->runA));
            emit compared();
        });
}

QString RunsPage::statusText() const {
    return m_status->text();
}

} // namespace baton::ui
