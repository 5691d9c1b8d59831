// SPDX-License-Identifier: MIT
#include "reprice_dialog.h"
#include "bundle/price_version_import.h"
#include "settings.h"
#include "util/calendar_date.h"
#include "workbench_session.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace baton::ui {

RepriceDialog::RepriceDialog(WorkbenchSession& session, QWidget* parent)
    : QDialog(parent), m_session(session), m_choices(new RepriceChoiceBox(this)),
      m_go(new QPushButton(tr("&Reprice"), this)), m_import(new QPushButton(tr("&Import price list..."), this)),
      m_status(new QLabel(this)) {
    choosePriceFile = [this](const QString& start) {
        return QFileDialog::getOpenFileName(this, tr("Choose a price list"), start,
                                            tr("Price lists (*.json);;All files (*)"));
    };
    setWindowTitle(tr("Reprice run"));
    resize(820, 640);
    auto* layout = new QVBoxLayout(this);
    auto* choose = new QHBoxLayout;
    choose->addWidget(m_choices, 1);
    auto* actions = new QVBoxLayout;
    actions->addStretch(1);
    actions->addWidget(m_import);
    actions->addWidget(m_go);
    choose->addLayout(actions);
    layout->addLayout(choose);
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum); // never squeezed by the tables
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
    connect(m_go, &QPushButton::clicked, this, &RepriceDialog::repriceWithChoice);
    m_go->setEnabled(false);
    m_import->setToolTip(tr("Keep a price list in the community format (model_prices_and_context_window.json, as "
                            "gateways share it) in this workspace as a price version dated today, as `baton-cli "
                            "prices import FILE --db` does; the same file imported again is the same version."));
    connect(m_import, &QPushButton::clicked, this, [this] { importPriceList(); });
    m_import->setEnabled(false);
}

QString RepriceDialog::statusText() const {
    return m_status->text();
}

void RepriceDialog::showFailure(const QString& message) {
    m_status->setText(message);
    emit failed(message);
}

void RepriceDialog::offer(qint64 runId) {
    m_runId = runId;
    m_go->setEnabled(false);
    m_import->setEnabled(false);
    setWindowTitle(tr("Reprice run %1").arg(runId));
    m_strategies.setRepricing({});
    m_models.setRepricing({});
    show();
    raise();
    loadChoices(runId, [this, runId](const core::RepriceChoices& c) {
        m_status->setText(tr("Run %1 was %2. Choose other prices (a stored version, newest first, or a price list "
                             "file) and/or a vendor whose prices rise, then Reprice.")
                              .arg(runId)
                              .arg(QString::fromStdString(core::describeRecordedPrices(c.recordedAsOf))));
    });
}

void RepriceDialog::loadChoices(qint64 runId, std::function<void(const core::RepriceChoices&)> then) {
    auto reader = m_session.reader();
    if (!reader) return showFailure(QString::fromStdString(reader.error().describe()));
    std::shared_ptr<core::SqliteDb> db(std::move(*reader));
    m_status->setText(tr("Reading the stored price versions..."));
    using Choices = core::Result<core::RepriceChoices>;
    m_choicesJob.run<Choices>(
        [db, runId](std::stop_token, const JobRunner::Progress&) { return core::repriceChoices(*db, runId); },
        [this, then](const Choices& c) {
            if (!c) return showFailure(QString::fromStdString(c.error().describe()));
            m_choices->setChoices(*c);
            m_go->setEnabled(true);
            m_import->setEnabled(true);
            then(*c);
            emit choicesLoaded();
        });
}

void RepriceDialog::importPriceList() {
    if (m_runId <= 0) return;
    QString path = choosePriceFile(settings::priceFolder.get());
    if (path.isEmpty()) return;
    settings::priceFolder.set(QFileInfo(path).absolutePath());
    importPriceList(path);
}

void RepriceDialog::importPriceList(const QString& path) {
    if (m_runId <= 0) return;
    core::StoreWriter* writer = &m_session.writer();
    std::string asOf = core::todayIso();
    m_go->setEnabled(false);
    m_import->setEnabled(false);
    m_status->setText(tr("Reading %1...").arg(path));
    using Saved = core::Result<core::SavedPriceVersion>;
    m_job.run<Saved>(
        [writer, file = path.toStdString(), asOf](std::stop_token, const JobRunner::Progress&) -> Saved {
            auto list = core::readCommunityPriceFile(file, asOf); // off the writer: it only stores
            if (!list) return std::unexpected(list.error());
            std::optional<core::SavedPriceVersion> saved;
            auto done = writer->submit([&saved, &list](core::SqliteDb& conn) -> core::Status {
                auto stored = core::storePriceList(conn, *list);
                if (!stored) return std::unexpected(stored.error());
                saved = *stored;
                return {};
            });
            if (auto ok = done.get(); !ok) return std::unexpected(ok.error());
            return *saved;
        },
        [this, path](const Saved& saved) {
            if (!saved) {
                m_go->setEnabled(true);
                m_import->setEnabled(true);
                return showFailure(tr("%1 was not stored as a price version: %2\nChoose a price list in the community "
                                      "format (model_prices_and_context_window.json, as gateways share it); nothing "
                                      "was stored.")
                                       .arg(path, QString::fromStdString(saved.error().describe())));
            }
            const auto& v = saved->version;
            QString text =
                saved->created
                    ? tr("Stored %1 as price version %2 dated %3 (%n model(s)).", "", int(v.modelCount))
                          .arg(path)
                          .arg(v.id)
                          .arg(QString::fromStdString(v.asOf))
                    : tr("%1 is already stored as price version %2 (dated %3): the same content; nothing added.")
                          .arg(path)
                          .arg(v.id)
                          .arg(QString::fromStdString(v.asOf));
            qint64 id = v.id;
            bool created = saved->created;
            loadChoices(m_runId, [this, text, id](const core::RepriceChoices&) {
                m_choices->selectVersion(id);
                m_status->setText(text + ' ' + tr("It is selected: Reprice to see what the run costs with it."));
            });
            emit priceListImported(id, created);
        });
}

void RepriceDialog::repriceWithChoice() {
    if (m_runId <= 0) return;
    core::RepriceSource source;
    if (m_choices->fileChosen()) {
        QString path = choosePriceFile(settings::priceFolder.get());
        if (path.isEmpty()) return;
        settings::priceFolder.set(QFileInfo(path).absolutePath());
        source.file = path.toStdString();
    }
    source.version = m_choices->version();
    source.raisePercent = m_choices->raisePercent();
    reprice(m_runId, source);
}

void RepriceDialog::reprice(qint64 runId, const QString& priceFile) {
    core::RepriceSource source;
    source.file = priceFile.toStdString();
    reprice(runId, source);
}

QString RepriceDialog::sourceText(const core::RepriceSource& source) const {
    QString text = !source.file.empty() ? QString::fromStdString(source.file)
                   : source.version     ? tr("price version %1").arg(*source.version)
                                        : tr("the prices it recorded");
    for (const auto& [vendor, percent] : source.raisePercent)
        text += tr(", vendor %1's prices raised by %2%").arg(QString::fromStdString(vendor)).arg(percent);
    return text;
}

void RepriceDialog::reprice(qint64 runId, const core::RepriceSource& requested) {
    m_runId = runId;
    auto reader = m_session.reader();
    if (!reader) return showFailure(QString::fromStdString(reader.error().describe()));
    std::shared_ptr<core::SqliteDb> db(std::move(*reader));
    core::RepriceSource source = requested;
    source.fileAsOf = core::todayIso(); // as the import
    QString what = sourceText(source);
    setWindowTitle(tr("Reprice run %1 with %2").arg(runId).arg(what));
    m_status->setText(tr("Re-pricing run %1 with %2...").arg(runId).arg(what));
    m_strategies.setRepricing({});
    m_models.setRepricing({});
    m_import->setEnabled(false); // the import shares the job runner: starting it would drop this result
    using Repriced = core::Result<core::RunRepricing>;
    m_job.run<Repriced>(
        [db, runId, source](std::stop_token, const JobRunner::Progress&) {
            return core::repriceStoredRun(*db, runId, source);
        },
        [this, runId, what](const Repriced& r) {
            m_import->setEnabled(true);
            if (!r)
                return showFailure(tr("Run %1 was not re-priced with %2: %3\nChoose a stored price version or a price "
                                      "book (Baton's own, or the community model_prices_and_context_window.json).")
                                       .arg(runId)
                                       .arg(what, QString::fromStdString(r.error().describe())));
            m_strategies.setRepricing(*r);
            m_models.setRepricing(*r);
            auto usd = [](const std::optional<core::Money>& m) {
                return m ? QStringLiteral("$%1").arg(m->usd(), 0, 'f', 6) : tr("unknown");
            };
            m_status->setText(tr("Run %1 (%2) re-priced with %3 from the tokens it recorded (no call made; the run "
                                 "itself is unchanged): %4 recorded, %5 with these prices. Models whose pool names "
                                 "a price id found in the list get its prices; the pool's own inline prices stay.")
                                  .arg(runId)
                                  .arg(QString::fromStdString(core::describeRecordedPrices(r->recordedAsOf)), what,
                                       usd(r->recordedTotal), usd(r->repricedTotal)));
            emit repriced();
        });
}

} // namespace baton::ui
