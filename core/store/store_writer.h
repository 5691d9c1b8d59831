// SPDX-License-Identifier: MIT
#pragma once
/// StoreWriter: the workspace's one writer. A background thread applies queued operations in
/// batches, one transaction per batch, each operation inside its own savepoint so that a failing
/// one is rolled back alone. A future resolves only after the operation's batch committed.
/// Commits are grouped: at most one per kGroupCommitInterval while operations keep coming.
/// A submit wakes the thread only when it waits for work (or a batch is full): one gathering a
/// group is not woken for every operation. The first commit after each kSyncInterval is synced to
/// disk (synchronous = FULL for that commit): in WAL mode with synchronous = NORMAL only a
/// checkpoint syncs, so what a power loss can cost is bounded by time, not by the WAL's size.

#include "store/sqlite_db.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <thread>

namespace baton::core {

class StoreWriter {
public:
    using Operation = std::function<Status(SqliteDb&)>;
    static constexpr std::chrono::milliseconds kGroupCommitInterval{2};
    /// How long a batch waits for another process's lock (a big `tasks import` is one
    /// transaction) before its operations fail; SQLite's busy timeout alone is 5 s.
    static constexpr std::chrono::minutes kMaxLockWait{10};
    /// How often a waiting batch tries the lock again (and sees giveUpWaitingForLock()).
    static constexpr std::chrono::milliseconds kLockRetry{200};
    /// At most this long between two commits synced to disk, while commits keep coming.
    static constexpr std::chrono::milliseconds kSyncInterval{1000};

    explicit StoreWriter(std::unique_ptr<SqliteDb> db, size_t maxBatch = 512,
                         std::chrono::milliseconds groupCommitInterval = kGroupCommitInterval,
                         std::chrono::milliseconds syncInterval = kSyncInterval);
    ~StoreWriter(); ///< commits everything queued, then stops
    StoreWriter(const StoreWriter&) = delete;
    StoreWriter& operator=(const StoreWriter&) = delete;

    /// Queues `op`; the future holds its own result once its batch is committed (or failed).
    std::future<Status> submit(Operation op);
    /// Waits until everything submitted before this call is committed; the first error, if any.
    Status flush();

    /// Called on the writer's thread each time a batch has waited one busy timeout for another
    /// process's lock and goes on waiting (up to kMaxLockWait): the CLI says so on stderr, once
    /// per wait (it said nothing for up to 10 minutes).
    void setLockWaitNotice(std::function<void()> notice);
    /// True while a batch waits for another process's lock past the busy timeout.
    bool waitingForLock() const { return m_waitingForLock; }
    /// From now on no batch waits for another process's lock: the one waiting, and any later one
    /// that finds the lock taken, fail within kLockRetry with lockWaitGivenUp(). For a stop the
    /// user asked for (Ctrl+C, the workbench closing); a wait could not be interrupted before.
    void giveUpWaitingForLock() { m_giveUpWaiting = true; }

    /// Commits done so far, for tests and progress.
    size_t commitCount() const;
    /// Times a submit woke the writer thread so far, for tests.
    size_t wakeCount() const;

private:
    struct Pending {
        Operation op;
        std::promise<Status> done;
    };
    void loop();
    void applyBatch(std::deque<Pending>& batch);
    bool applyInTransaction(std::deque<Pending>& batch); ///< whether it committed
    Status beginWaitingForOthers();
    bool syncDue() const;

    std::unique_ptr<SqliteDb> m_db;
    size_t m_maxBatch;
    std::chrono::milliseconds m_interval;
    std::chrono::milliseconds m_syncInterval;
    int64_t m_synchronous = 2; // the connection's level: FULL (2) or more syncs every commit already
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Pending> m_queue;
    bool m_stopping = false;
    bool m_idle = false; // waiting for work, not gathering a group
    size_t m_commits = 0;
    size_t m_wakes = 0;
    std::chrono::steady_clock::time_point m_lastCommit; // writer thread only
    std::chrono::steady_clock::time_point m_lastSync;   // writer thread only
    std::function<void()> m_lockWaitNotice;            // guarded by m_mutex
    std::atomic<bool> m_waitingForLock{false};
    std::atomic<bool> m_giveUpWaiting{false};
    std::thread m_thread;
};

/// The error of operations whose batch stopped waiting for another process's lock because
/// giveUpWaitingForLock() was called.
Error lockWaitGivenUp();
bool isLockWaitGivenUp(const Error& e);

} // namespace baton::core
