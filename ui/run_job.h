// SPDX-License-Identifier: MIT
#pragma once
// RunJob: runs the engine off the GUI thread; progress and the result come back as queued
// signals on the GUI thread. Cancel asks the engine to stop cleanly.

#include "engine/run_engine.h"

#include <QObject>
#include <functional>
#include <mutex>
#include <stop_token>
#include <thread>

namespace baton::ui {

class RunJob : public QObject {
    Q_OBJECT
public:
    explicit RunJob(QObject* parent = nullptr) : QObject(parent) {}
    ~RunJob() override; ///< cancels and waits

    /// Starts a run (pool and tasks are copied; the inputs must outlive the job). False if one is running.
    bool start(core::RunInputs inputs, core::Pool pool, core::TaskSet tasks, core::RunSettings settings,
               core::RunEnvironment env);
    /// Continues an interrupted run. False if one is running.
    bool resume(core::RunInputs inputs, qint64 runId, std::optional<core::Money> maxCost, core::RunEnvironment env);
    /// Asks the run to stop; `reason` (e.g. "the workbench was closed during the run") is recorded
    /// with the run, after "cancelled: ".
    void cancel(const QString& reason = {});
    /// Blocks until the run has stopped and its record (status, why it stopped) is written.
    void wait();
    bool running() const { return m_thread.joinable() && !m_finished; }

signals:
    void progress(const baton::core::RunProgress& progress);
    void resultAvailable(const baton::core::RunSummary& summary);
    void failed(const QString& message);

private:
    using Work = std::function<core::Result<core::RunSummary>(std::stop_token, core::ProgressFn)>;
    bool launch(Work work, core::StoreWriter& writer);
    std::string stopReason() const;

    std::jthread m_thread;
    std::stop_source m_stop;
    mutable std::mutex m_mutex;
    std::string m_stopReason; ///< guarded by m_mutex
    std::atomic<bool> m_finished{true};
};

} // namespace baton::ui

Q_DECLARE_METATYPE(baton::core::RunProgress)
Q_DECLARE_METATYPE(baton::core::RunSummary)
