// SPDX-License-Identifier: MIT
#pragma once
// RepriceDialog: "what would this run cost with other prices?" A past run's recorded tokens priced
// again with a price version stored in the workspace or a price list file (Baton's book or the
// community model_prices_and_context_window.json), and/or with one vendor's prices raised by x%,
// off the GUI thread, shown per strategy and per model beside the recorded cost. Nothing is called
// and the recorded run is not changed.

#include "job_runner.h"
#include "reprice_choice_box.h"
#include "reprice_model.h"

#include <QDialog>
#include <functional>

class QLabel;
class QPushButton;

namespace baton::ui {

class WorkbenchSession;

class RepriceDialog : public QDialog {
    Q_OBJECT
public:
    explicit RepriceDialog(WorkbenchSession& session, QWidget* parent = nullptr);

    /// Shows the dialog for run `runId` and reads its choices (stored versions, the run's vendors)
    /// off the GUI thread; choicesLoaded() or failed() follows. Nothing is re-priced yet.
    void offer(qint64 runId);
    /// Re-prices the offered run with what the choice box says (asks for the file when a file is
    /// chosen); repriced() or failed() follows.
    void repriceWithChoice();
    /// Reads `priceFile` and re-prices run `runId` with it; repriced() or failed() follows.
    void reprice(qint64 runId, const QString& priceFile);
    void reprice(qint64 runId, const core::RepriceSource& source);
    /// "Import price list...": asks for a community price list (model_prices_and_context_window.json)
    /// and keeps it in the workspace as a price version dated today, as `baton-cli prices import
    /// --db` does; the file is read off the GUI thread and stored through the session's writer.
    void importPriceList();
    /// Reads and stores `path`; priceListImported() or failed() follows, then the choices are read
    /// again with that version selected.
    void importPriceList(const QString& path);

    RepriceChoiceBox* choices() const { return m_choices; }
    QPushButton* repriceButton() const { return m_go; }
    QPushButton* importButton() const { return m_import; }
    const RepriceModel& strategyModel() const { return m_strategies; }
    const RepriceModel& modelModel() const { return m_models; }
    QString statusText() const;

    /// How a price list file is chosen, to reprice with or to import (replaced in tests): the start folder.
    std::function<QString(const QString& start)> choosePriceFile;

signals:
    void choicesLoaded();
    void repriced();
    /// A price list was stored as version `versionId` (`created` false: the same bytes already were).
    void priceListImported(qint64 versionId, bool created);
    void failed(const QString& message);

private:
    QString sourceText(const core::RepriceSource& source) const;
    void showFailure(const QString& message);
    /// Reads the run's choices again; `then` runs once they are shown.
    void loadChoices(qint64 runId, std::function<void(const core::RepriceChoices&)> then);

    WorkbenchSession& m_session;
    JobRunner m_choicesJob, m_job;
    qint64 m_runId = 0;
    RepriceModel m_strategies{RepriceModel::Rows::ByStrategy};
    RepriceModel m_models{RepriceModel::Rows::ByModel};
    RepriceChoiceBox* m_choices;
    QPushButton* m_go;
    QPushButton* m_import;
    QLabel* m_status;
};

} // namespace baton::ui
