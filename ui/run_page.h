#pragma once
// RunPage: choose baselines and strategies, a budget cap and concurrency, see the estimate,
// start a run off the GUI thread, watch progress and live spend, cancel.

#include "run_job.h"

#include <QWidget>
#include <map>

class QCheckBox;
class QDoubleSpinBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace baton::ui {

class DemoWorkspace;

class RunPage : public QWidget {
    Q_OBJECT
public:
    RunPage(DemoWorkspace& workspace, QWidget* parent = nullptr);

    void startRun();
    void cancelRun();
    /// The settings the controls describe.
    core::RunSettings settings() const;
    void selectStrategies(const QStringList& names); ///< for tests and saved sessions

signals:
    void runFinished(qint64 runId);

private:
    void showEstimate();
    void onProgress(const core::RunProgress& p);
    void onFinished(const core::RunSummary& s);
    void onFailed(const QString& message);

    DemoWorkspace& m_workspace;
    RunJob m_job;
    QCheckBox* m_baselines;
    std::map<std::string, QCheckBox*> m_strategies;
    QDoubleSpinBox* m_budget;
    QSpinBox* m_concurrency;
    QLabel* m_estimate;
    QPushButton* m_run;
    QPushButton* m_cancel;
    QProgressBar* m_bar;
    QLabel* m_status;
};

} // namespace baton::ui
