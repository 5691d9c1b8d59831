// SPDX-License-Identifier: MIT
#include "job_runner.h"

#include <QMetaObject>

namespace baton::ui {

JobRunner::~JobRunner() {
    m_stop.request_stop();
    for (auto& t : m_threads) // jthread also requests stop on its own token
        if (t.joinable()) t.join();
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
    // Threads of finished jobs are joined here, on the owner's thread, so none is left behind.
    std::erase_if(m_threads, [](std::jthread& t) { return !t.joinable(); });
    std::stop_token cancelled = m_stop.get_token(), finish = m_finish.get_token();
    m_threads.emplace_back([body = std::move(body), cancelled, finish] {
        std::stop_source either; // what the work watches: a cancel or a finish
        std::stop_callback onCancel(cancelled, [&either] { either.request_stop(); });
        std::stop_callback onFinish(finish, [&either] { either.request_stop(); });
        body(cancelled, either.get_token());
    });
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
