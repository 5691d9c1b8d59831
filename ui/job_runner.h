// SPDX-License-Identifier: MIT
#pragma once
// JobRunner: runs core work off the GUI thread, one job at a time per runner. Starting a job
// cancels the previous one (std::stop_source) and bumps a generation id, so a stale result that
// arrives late is dropped (hotspot's JobTracker). Progress and results are delivered on the
// runner's thread through queued calls; never processEvents(). finish() asks a job to stop early
// and still delivers what it returns (work that keeps its best so far, e.g. a training).

#include <QObject>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <stop_token>
#include <thread>
#include <vector>

namespace baton::ui {

class JobRunner : public QObject {
    Q_OBJECT
public:
    using Progress = std::function<void(int done, int total)>;

    explicit JobRunner(QObject* parent = nullptr) : QObject(parent) {}
    /// Cancels the running job and waits for its thread: the work must watch its stop token.
    ~JobRunner() override;

    /// Runs `work(stop, progress)` on a new thread; `done(result)` runs on this object's thread
    /// unless a newer job started or cancel() was called first. Returns the job's generation.
    template <class T>
    quint64 run(std::function<T(std::stop_token, const Progress&)> work, std::function<void(const T&)> done);

    /// Asks the running job to stop; its result, if any, is dropped.
    void cancel();
    /// Asks the running job to stop early (its stop token is signalled) but delivers its result.
    void finish();
    bool isBusy() const { return m_busy; }
    quint64 generation() const { return m_generation; }
    /// Threads not joined yet: the running job's and any cancelled one still winding down.
    size_t threadsKept() const { return m_workers.size(); }

signals:
    void progress(int done, int total);
    void busyChanged(bool busy);
    void cancelled();

private:
    /// `body(cancelled, stop)`: `stop` is signalled by cancel() and by finish(), `cancelled` by cancel() only.
    void startThread(std::function<void(std::stop_token, std::stop_token)> body);
    void deliver(quint64 generation, std::function<void()> apply);
    void reportProgress(quint64 generation, int done, int total);

    quint64 m_generation = 0;
    bool m_busy = false;
    std::stop_source m_stop;
    std::stop_source m_finish;
    struct Worker {
        std::shared_ptr<std::atomic<bool>> done; ///< set by the thread as its last step
        std::jthread thread;
    };
    std::vector<Worker> m_workers;
};

template <class T>
quint64 JobRunner::run(std::function<T(std::stop_token, const Progress&)> work, std::function<void(const T&)> done) {
    cancel();
    quint64 generation = ++m_generation;
    m_stop = std::stop_source();
    m_finish = std::stop_source();
    if (!m_busy) emit busyChanged(m_busy = true);
    startThread([this, generation, work = std::move(work), done = std::move(done)](std::stop_token cancelled,
                                                                                   std::stop_token stop) {
        Progress progress = [this, generation](int d, int t) { reportProgress(generation, d, t); };
        auto result = std::make_shared<T>(work(stop, progress));
        if (cancelled.stop_requested()) return;
        deliver(generation, [done, result] { done(*result); });
    });
    return generation;
}

} // namespace baton::ui
