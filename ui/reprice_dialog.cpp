// SPDX-License-Identifier: MIT
#include "reprice_dialog.h"
#include "pricing/price_list_file.h"
#include "store/call_log.h"
#include "store/run_store.h"
#include "workbench_session.h"

#include <QDate>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace baton::ui {

RepriceDialog::RepriceDialog(WorkbenchSession& session, QWidget* parent)
    : QDialog(parent), m_session(session), m_status(new QLabel(this)) {
    setWindowTitle(tr("Reprice run"));
    resize(760, 520);
    auto* layout = new QVBoxLayout(this);
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    layout->addWidget(m_status);
    for (RepriceModel* model : {&m_strategies, &m_models}) {
        auto* table = new QTableView(this);
        table->setModel(model); // unsorted: the whole run stays the last row
        table->verticalHeader()->hide();
        table->horizontalHeader()->setStretchLastSection(true);
        layout->addWidget(table, model == &m_strategies ? 3 : 2);
        connect(model, &QAbstractItemModel::modelReset, table, &QTableView::resizeColumnsToContents);
    }
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

QString RepriceDialog::statusText() const {
    return m_status->text();
}

void RepriceDialog::reprice(qint64 runId, const QString& priceFile) {
    auto reader = m_session.reader();
    if (!reader) {
        m_status->setText(QString::fromStdString(reader.error().describe()));
        emit failed(m_status->text());
        return;
    }
    std::shared_ptr<core::SqliteDb> db(std::move(*reader));
    setWindowTitle(tr("Reprice run %1 with %2").arg(runId).arg(QFileInfo(priceFile).fileName()));
    m_status->setText(tr("Re-pricing run %1 with %2...").arg(runId).arg(priceFile));
    m_strategies.setRepricing({});
    m_models.setRepricing({});
    using Repriced = core::Result<core::RunRepricing>;
    std::string today = QDate::currentDate().toString(Qt::ISODate).toStdString();
    m_job.run<Repriced>(
        [db, runId, file = priceFile.toStdString(), today](std::stop_token, const JobRunner::Progress&) -> Repriced {
            auto book = core::readPriceListFile(file, today);
            if (!book) return std::unexpected(book.error());
            auto run = core::loadRun(*db, runId);
            if (!run) return std::unexpected(run.error());
            auto calls = core::loadCalls(*db, runId);
            if (!calls) return std::unexpected(calls.error());
            core::RepriceOptions options;
            options.book = &*book;
            return core::repriceRun(*run, *calls, options);
        },
        [this, runId, priceFile](const Repriced& r) {
            if (!r) {
                m_status->setText(tr("Run %1 was not re-priced with %2: %3\nChoose a price book (Baton's own, or the "
                                     "community model_prices_and_context_window.json).")
                                      .arg(runId)
                                      .arg(priceFile, QString::fromStdString(r.error().describe())));
                emit failed(m_status->text());
                return;
            }
            m_strategies.setRepricing(*r);
            m_models.setRepricing(*r);
            auto usd = [](const std::optional<core::Money>& m) {
                return m ? QStringLiteral("$%1").arg(m->usd(), 0, 'f', 6) : tr("unknown");
            };
            m_status->setText(tr("Run %1 re-priced with %2 from the tokens it recorded (no call made; the run "
                                 "itself is unchanged): %3 recorded, %4 with these prices. Models whose pool names "
                                 "a price id found in the list get its prices; the pool's own inline prices stay.")
                                  .arg(runId)
                                  .arg(priceFile, usd(r->recordedTotal), usd(r->repricedTotal)));
            emit repriced();
        });
}

} // namespace baton::ui
