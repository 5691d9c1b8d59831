// SPDX-License-Identifier: MIT
#include "job_runner.h"

#include <QMetaObject>

namespace baton::ui {

JobRunner::~JobRunner() {
    m_stop.request_stop();
    for (auto& w : m_workers) // jthread also requests stop on its own token
        if (w.thread.joinable()) w.thread.join();
}

void JobRunner::cancel() {
    if (!m_busy) return;
    m_stop.request_stop();
    ++m_generation; // whatever the cancelled job still delivers is stale
    emit busyChanged(m_busy = false);
    emit cancelled();
}

void JobRunner::finish() {
    if (m_busy) m_finish.request_stop();
}

void JobRunner::startThread(std::function<void(std::stop_token, std::stop_token)> body) {
    // Threads of finished jobs are joined here, on the owner's thread (at once: they have
    // returned), so that a long session does not keep one thread per job it ever ran.
    std::erase_if(m_workers, [](Worker& w) {
        if (!w.done->load()) return false;
        w.thread.join();
        return true;
    });
    std::stop_token cancelled = m_stop.get_token(), finish = m_finish.get_token();
    auto done = std::make_shared<std::atomic<bool>>(false);
    m_workers.push_back({done, std::jthread([body = std::move(body), cancelled, finish, done] {
                             {
                                 std::stop_source either; // what the work watches: a cancel or a finish
                                 std::stop_callback onCancel(cancelled, [&either] { either.request_stop(); });
                                 std::stop_callback onFinish(finish, [&either] { either.request_stop(); });
                                 body(cancelled, either.get_token());
                             }
                             done->store(true);
                         })});
}

void JobRunner::deliver(quint64 generation, std::function<void()> apply) {
    QMetaObject::invokeMethod(
        this,
        [this, generation, apply = std::move(apply)] {
            if (generation != m_generation) return; // stale: a newer job or a cancel came first
            emit busyChanged(m_busy = false);
            apply();
        },
        Qt::QueuedConnection);
}

void JobRunner::reportProgress(quint64 generation, int done, int total) {
    QMetaObject::invokeMethod(
        this,
        [this, generation, done, total] {
            if (generation == m_generation) emit progress(done, total);
        },
        Qt::QueuedConnection);
}

} // namespace baton::ui
