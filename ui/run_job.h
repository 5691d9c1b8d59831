#pragma once
// RunJob: runs the engine off the GUI thread; progress and the result come back as queued
// signals on the GUI thread. Cancel asks the engine to stop cleanly.

#include "run/run_engine.h"

#include <QObject>
#include <stop_token>
#include <thread>

namespace baton::ui {

class RunJob : public QObject {
    Q_OBJECT
public:
    explicit RunJob(QObject* parent = nullptr) : QObject(parent) {}
    ~RunJob() override; ///< cancels and waits

    /// Starts a run; everything it needs must outlive the job. False if one is running.
    bool start(core::RunInputs inputs, const core::Pool& pool, const core::TaskSet& tasks, core::RunSettings settings,
               core::RunEnvironment env);
    void cancel();
    bool running() const { return m_thread.joinable() && !m_finished; }

signals:
    void progress(const baton::core::RunProgress& progress);
    void resultAvailable(const baton::core::RunSummary& summary);
    void failed(const QString& message);

private:
    std::jthread m_thread;
    std::stop_source m_stop;
    std::atomic<bool> m_finished{true};
};

} // namespace baton::ui

Q_DECLARE_METATYPE(baton::core::RunProgress)
Q_DECLARE_METATYPE(baton::core::RunSummary)
