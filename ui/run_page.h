// SPDX-License-Identifier: MIT
#pragma once
// RunPage: choose baselines and strategies, a budget cap and concurrency, see the estimate,
// start a run off the GUI thread (checked before anything is spent, confirmed above a cost
// threshold), watch progress and live spend, cancel, and resume an interrupted run.

#include "engine/run_start_check.h"
#include "job_runner.h"
#include "run_job.h"

#include <QWidget>
#include <functional>
#include <map>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QGroupBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QVBoxLayout;

namespace baton::ui {

class WorkbenchSession;

class RunPage : public QWidget {
    Q_OBJECT
public:
    RunPage(WorkbenchSession& session, QWidget* parent = nullptr);

    /// Checks off the GUI thread, then asks when needed and starts; startDecided() says how it
    /// ended. False when no check could begin (a run or a check is already going, no workspace).
    bool startRun();
    bool resumeRun(qint64 runId);
    void cancelRun();
    bool running() const { return m_job.running(); }
    /// With a run in progress, asks whether to stop it so the window can close; false when the user says no.
    bool confirmStop();
    /// Asks the run in progress (if any) to stop and record `reason`; `stopped()` follows once it is written.
    void stopRun(const QString& reason);
    /// Blocks until the run has stopped and is written (for a caller with no event loop left).
    void waitForStop();
    /// The settings the controls describe.
    core::RunSettings settings() const;
    void selectStrategies(const QStringList& names); ///< for tests and saved sessions
    void setConfirmAbove(double usd);
    /// Runs that stopped before the end, newest first, as last listed (off the GUI thread, after
    /// the page opens and after each run; resumableListed() follows).
    QList<qint64> resumableRuns() const;
    QString statusText() const;
    /// The estimate shown (computed off the GUI thread after each change; estimateReady() follows).
    QString estimateText() const;
    const std::optional<core::RunEstimate>& lastEstimate() const { return m_lastEstimate; }

    /// How the page asks yes/no questions (replaced in tests).
    std::function<bool(const QString& question)> confirm;

signals:
    void runFinished(qint64 runId);
    void stopped(); ///< the run job has ended (finished, cancelled or failed) and its record is written
    void estimateReady();
    void startDecided(bool started); ///< after startRun(): the run started, or was refused or declined
    void resumableListed();          ///< resumableRuns() has been read again

private:
    void rebuildStrategies();
    void describeInputs();
    void showEstimate();
    void refreshResumable();
    /// Starts the checks of `s` off the GUI thread; decide() follows with their answer.
    bool check(const core::RunSettings& s, bool confirmed);
    /// Refuses, asks about the cost unless the run was `confirmed` already, or starts.
    void decide(const core::RunSettings& s, const core::RunStartCheck& c, bool confirmed);
    static QString describe(const core::RunEstimate& e);
    void setRunning(bool running);
    void onProgress(const core::RunProgress& p);
    void onFinished(const core::RunSummary& s);
    void onFailed(const QString& message);
    bool refuse(const QString& message); ///< says why nothing was started; false

    WorkbenchSession& m_session;
    RunJob m_job;
    JobRunner m_estimateJob;
    JobRunner m_startCheck;
    JobRunner m_resumableJob; ///< lists the runs that can be resumed
    std::optional<core::RunEstimate> m_lastEstimate;
    QString m_estimatedFor; ///< settingsKey() of m_lastEstimate
    static QString settingsKey(const core::RunSettings& s);
    std::optional<core::RunSettings> m_afterBaselines; ///< strategies waiting for their baseline run
    QLabel* m_inputs;
    QGroupBox* m_what;
    QVBoxLayout* m_whatLayout;
    QCheckBox* m_baselines;
    QCheckBox* m_stream; ///< streaming responses: time to first token is measured
    std::map<std::string, QCheckBox*> m_strategies;
    QDoubleSpinBox* m_budget;
    QDoubleSpinBox* m_confirmAbove;
    QSpinBox* m_concurrency;
    QLabel* m_estimate;
    QPushButton* m_run;
    QPushButton* m_cancel;
    QComboBox* m_resumable;
    QPushButton* m_resume;
    QProgressBar* m_bar;
    QLabel* m_status;
};

} // namespace baton::ui
