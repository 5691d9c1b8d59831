// SPDX-License-Identifier: MIT
#include "run_job.h"
#include "store/run_store.h"

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
    }, inputs.writer);
}

bool RunJob::resume(core::RunInputs inputs, qint64 runId, std::optional<core::Money> maxCost,
                    core::RunEnvironment env) {
    return launch([inputs, runId, maxCost, env = std::move(env)](std::stop_token stop, core::ProgressFn progress) {
        return core::resumeRun(inputs, runId, maxCost, env, stop, std::move(progress));
    }, inputs.writer);
}

bool RunJob::launch(Work work, core::StoreWriter& writer) {
    if (running()) return false;
    if (m_thread.joinable()) m_thread.join();
    m_stop = std::stop_source();
    {
        std::lock_guard lock(m_mutex);
        m_stopReason.clear();
    }
    m_finished = false;
    QPointer<RunJob> self(this);
    m_thread = std::jthread([this, self, &writer, work = std::move(work), stop = m_stop.get_token()] {
        auto onProgress = [self](const core::RunProgress& p) {
            QMetaObject::invokeMethod(
                self,
                [self, p] {
                    if (self) emit self->progress(p);
                },
                Qt::QueuedConnection);
        };
        auto summary = work(stop, onProgress);
        if (std::string why = stopReason(); summary && summary->status == "cancelled" && !why.empty()) {
            summary->stopReason = "cancelled: " + why;
            auto recorded = writer.submit([id = summary->runId, reason = summary->stopReason](core::SqliteDb& db) {
                return core::recordStopReason(db, id, reason);
            });
            (void)recorded.get(); // written before anyone is told (or the application exits)
        }
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

void RunJob::cancel(const QString& reason) {
    {
        std::lock_guard lock(m_mutex);
        m_stopReason = reason.toStdString();
    }
    m_stop.request_stop();
}

void RunJob::wait() {
    if (m_thread.joinable()) m_thread.join();
}

std::string RunJob::stopReason() const {
    std::lock_guard lock(m_mutex);
    return m_stopReason;
}

} // namespace baton::ui
