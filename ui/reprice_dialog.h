// SPDX-License-Identifier: MIT
#pragma once
// RepriceDialog: "what would this run cost with that price book?" A past run's recorded tokens
// priced again with a price list file (Baton's book or the community
// model_prices_and_context_window.json), off the GUI thread, shown per strategy and per model
// beside the recorded cost. Nothing is called and the recorded run is not changed.

#include "job_runner.h"
#include "reprice_model.h"

#include <QDialog>

class QLabel;

namespace baton::ui {

class WorkbenchSession;

class RepriceDialog : public QDialog {
    Q_OBJECT
public:
    explicit RepriceDialog(WorkbenchSession& session, QWidget* parent = nullptr);

    /// Reads `priceFile` and re-prices run `runId` with it; repriced() or failed() follows.
    void reprice(qint64 runId, const QString& priceFile);
    const RepriceModel& strategyModel() const { return m_strategies; }
    const RepriceModel& modelModel() const { return m_models; }
    QString statusText() const;

signals:
    void repriced();
    void failed(const QString& message);

private:
    WorkbenchSession& m_session;
    JobRunner m_job;
    RepriceModel m_strategies{RepriceModel::Rows::ByStrategy};
    RepriceModel m_models{RepriceModel::Rows::ByModel};
    QLabel* m_status;
};

} // namespace baton::ui
