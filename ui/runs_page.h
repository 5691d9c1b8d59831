// SPDX-License-Identifier: MIT
#pragma once
// RunsPage: every run of the workspace (date, pool, task set, status, what ran, spend), read off
// the GUI thread; open any run (Results and Inspector then show it), compare two runs (same
// items: run B against run A, paired, per strategy and model; other task sets: side by side).

#include "job_runner.h"
#include "run_history_model.h"
#include "run_pair_model.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace baton::ui {

class RepriceDialog;
class WorkbenchSession;

class RunsPage : public QWidget {
    Q_OBJECT
public:
    explicit RunsPage(WorkbenchSession& session, QWidget* parent = nullptr);

    /// Reads the run list again (off the GUI thread); historyLoaded() follows.
    void refresh();
    /// Compares run `b` with run `a` (off the GUI thread); compared() follows.
    void compare(qint64 a, qint64 b);
    const RunHistoryModel& historyModel() const { return m_history; }
    const RunPairModel& pairModel() const { return m_pair; }
    QTableView* historyView() const { return m_table; }
    QString statusText() const;
    /// Re-prices run `runId` with the price list `priceFile` in the reprice dialog (shown).
    void repriceWith(qint64 runId, const QString& priceFile);
    /// The "Reprice with..." dialog: stored price versions or a file, and a vendor's raise.
    RepriceDialog* repriceDialog() const { return m_reprice; }

signals:
    void openRequested(qint64 runId);
    void historyLoaded();
    void compared();

private:
    QList<qint64> selectedRuns() const;
    void updateButtons();

    WorkbenchSession& m_session;
    JobRunner m_listJob, m_compareJob;
    RunHistoryModel m_history;
    RunPairModel m_pair;
    QTableView* m_table;
    QTableView* m_pairTable;
    QPushButton* m_open;
    QPushButton* m_compare;
    QPushButton* m_repriceButton;
    RepriceDialog* m_reprice;
    QLabel* m_status;
    QLabel* m_pairTitle;
};

} // namespace baton::ui
