#include "run_job.h"

#include <QMetaObject>
#include <QPointer>

namespace baton::ui {

RunJob::~RunJob() {
    m_stop.request_stop();
    if (m_thread.joinable()) m_thread.join();
}

bool RunJob::start(core::RunInputs inputs, core::Pool pool, core::TaskSet tasks, core::RunSettings settings,
                   core::RunEnvironment env) {
    return launch([inputs, pool = std::move(pool), tasks = std::move(tasks), settings,
                   env = std::move(env)](std::stop_token stop, core::ProgressFn progress) {
        return core::startRun(inputs, pool, tasks, settings, env, stop, std::move(progress));
    });
}

bool RunJob::resume(core::RunInputs inputs, qint64 runId, std::optional<core::Money> maxCost,
                    core::RunEnvironment env) {
    return launch([inputs, runId, maxCost, env = std::move(env)](std::stop_token stop, core::ProgressFn progress) {
        return core::resumeRun(inputs, runId, maxCost, env, stop, std::move(progress));
    });
}

bool RunJob::launch(Work work) {
    if (running()) return false;
    if (m_thread.joinable()) m_thread.join();
    m_stop = std::stop_source();
    m_finished = false;
    QPointer<RunJob> self(this);
    m_thread = std::jthread([this, self, work = std::move(work), stop = m_stop.get_token()] {
        auto onProgress = [self](const core::RunProgress& p) {
            QMetaObject::invokeMethod(
                self,
                [self, p] {
                    if (self) emit self->progress(p);
                },
                Qt::QueuedConnection);
        };
        auto summary = work(stop, onProgress);
        m_finished = true;
        QMetaObject::invokeMethod(
            self,
            [self, summary] {
                if (!self) return;
                if (summary)
                    emit self->resultAvailable(*summary);
                else
                    emit self->failed(QString::fromStdString(summary.error().describe()));
            },
            Qt::QueuedConnection);
    });
    return true;
}

void RunJob::cancel() {
    m_stop.request_stop();
}

} // namespace baton::ui
