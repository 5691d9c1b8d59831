// SPDX-License-Identifier: MIT
#include "store/store_writer.h"

#include <sqlite3.h>

namespace baton::core {

namespace {

bool lockedByAnother(const SqliteDb& db) {
    int rc = sqlite3_errcode(db.handle()) & 0xff;
    return rc == SQLITE_BUSY || rc == SQLITE_LOCKED;
}

} // namespace

Error lockWaitGivenUp() {
    Error e;
    e.kind = ErrorKind::Io;
    e.message = "cancelled while another process held the workspace; what was not yet stored was not written";
    return e;
}

bool isLockWaitGivenUp(const Error& e) {
    return e.kind == ErrorKind::Io && e.message == lockWaitGivenUp().message;
}

StoreWriter::StoreWriter(std::unique_ptr<SqliteDb> db, size_t maxBatch, std::chrono::milliseconds groupCommitInterval,
                         std::chrono::milliseconds syncInterval)
    : m_db(std::move(db)), m_maxBatch(maxBatch), m_interval(groupCommitInterval), m_syncInterval(syncInterval),
      m_synchronous(m_db->queryInt("PRAGMA synchronous").value_or(2)), m_thread([this] { loop(); }) {}

StoreWriter::~StoreWriter() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    m_thread.join();
}

std::future<Status> StoreWriter::submit(Operation op) {
    Pending pending{std::move(op), {}};
    auto future = pending.done.get_future();
    bool wake = false;
    {
        std::lock_guard lock(m_mutex);
        m_queue.push_back(std::move(pending));
        // Each wake-up of a writer that is gathering a group is a context switch (and often a
        // hand-off of this mutex) per call for nothing: on a busy machine that is CPU the event
        // loop and the upstream wait for.
        wake = m_idle || m_queue.size() == m_maxBatch;
        if (wake) m_idle = false, ++m_wakes;
    }
    if (wake) m_wake.notify_one();
    return future;
}

Status StoreWriter::flush() {
    auto marker = submit([](SqliteDb&) -> Status { return {}; });
    return marker.get();
}

void StoreWriter::setLockWaitNotice(std::function<void()> notice) {
    std::lock_guard lock(m_mutex);
    m_lockWaitNotice = std::move(notice);
}

size_t StoreWriter::commitCount() const {
    std::lock_guard lock(m_mutex);
    return m_commits;
}

size_t StoreWriter::wakeCount() const {
    std::lock_guard lock(m_mutex);
    return m_wakes;
}

void StoreWriter::loop() {
    for (;;) {
        std::deque<Pending> batch;
        {
            std::unique_lock lock(m_mutex);
            m_idle = true;
            m_wake.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
            m_idle = false;
            if (m_queue.empty()) return; // stopping, nothing left
            // Group commit: right after a commit, gather what arrives in the next interval into
            // one transaction; an operation after a quiet spell is committed at once.
            m_wake.wait_until(lock, m_lastCommit + m_interval,
                              [this] { return m_stopping || m_queue.size() >= m_maxBatch; });
            while (!m_queue.empty() && batch.size() < m_maxBatch) {
                batch.push_back(std::move(m_queue.front()));
                m_queue.pop_front();
            }
        }
        applyBatch(batch);
        m_lastCommit = std::chrono::steady_clock::now();
    }
}

Status StoreWriter::beginWaitingForOthers() {
    // Short tries instead of one busy timeout, so that a stop is seen within kLockRetry (the wait
    // went on for up to 10 minutes after Ctrl+C, or after the workbench was closed), and the wait
    // is said once it is longer than the busy timeout alone.
    sqlite3_busy_timeout(m_db->handle(), int(kLockRetry.count()));
    auto since = std::chrono::steady_clock::now();
    bool said = false;
    Status begun;
    for (;;) {
        begun = m_db->execCached("BEGIN IMMEDIATE");
        if (begun || !lockedByAnother(*m_db)) break;
        if (m_giveUpWaiting) {
            begun = std::unexpected(lockWaitGivenUp());
            break;
        }
        auto waited = std::chrono::steady_clock::now() - since;
        if (waited >= kMaxLockWait) break;
        if (!said && waited >= std::chrono::milliseconds(SqliteDb::kBusyTimeoutMs)) {
            said = true;
            m_waitingForLock = true;
            std::function<void()> notice;
            {
                std::lock_guard lock(m_mutex);
                notice = m_lockWaitNotice;
            }
            if (notice) notice();
        }
    }
    m_waitingForLock = false;
    sqlite3_busy_timeout(m_db->handle(), SqliteDb::kBusyTimeoutMs);
    return begun;
}

bool StoreWriter::syncDue() const {
    return m_synchronous < 2 && std::chrono::steady_clock::now() - m_lastSync >= m_syncInterval;
}

void StoreWriter::applyBatch(std::deque<Pending>& batch) {
    // This batch's commit syncs the WAL, and so every commit before it. Set outside the
    // transaction, put back after it.
    const bool sync = syncDue() && m_db->exec("PRAGMA synchronous = FULL");
    const bool committed = applyInTransaction(batch);
    if (!sync) return;
    (void)m_db->exec("PRAGMA synchronous = " + std::to_string(m_synchronous));
    if (committed) m_lastSync = std::chrono::steady_clock::now();
}

bool StoreWriter::applyInTransaction(std::deque<Pending>& batch) {
    // A batch holds rows of calls already paid for. When another process holds the write lock
    // past the busy timeout it waits again, up to kMaxLockWait, instead of failing: a `tasks
    // import` of 300,000 items started during a run stopped the run after 5 s with the rows of
    // its answered calls dropped, to be paid again on resume.
    auto begun = beginWaitingForOthers();
    if (!begun) {
        for (auto& p : batch)
            p.done.set_value(begun);
        return false;
    }
    std::vector<Status> results;
    results.reserve(batch.size());
    for (auto& p : batch) {
        Status result = m_db->execCached("SAVEPOINT op");
        if (result) result = p.op(*m_db);
        if (result)
            result = m_db->execCached("RELEASE op");
        else if (m_db->inTransaction())
            (void)m_db->execCached("ROLLBACK TO op"), (void)m_db->execCached("RELEASE op");
        else {
            // SQLite rolled the whole transaction back (disk full, I/O error): nothing of this
            // batch is stored, so every operation in it gets the error that caused it.
            for (auto& q : batch)
                q.done.set_value(result);
            return false;
        }
        results.push_back(std::move(result));
    }
    auto committed = m_db->execCached("COMMIT");
    if (!committed)
        (void)m_db->exec("ROLLBACK");
    else {
        std::lock_guard lock(m_mutex);
        ++m_commits;
    }
    for (size_t i = 0; i < batch.size(); ++i)
        batch[i].done.set_value(committed ? results[i] : committed);
    return bool(committed);
}

} // namespace baton::core
