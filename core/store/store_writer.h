// SPDX-License-Identifier: MIT
#pragma once
/// StoreWriter: the workspace's one writer. A background thread applies queued operations in
/// batches, one transaction per batch, each operation inside its own savepoint so that a failing
/// one is rolled back alone. A future resolves only after the operation's batch committed.
/// Commits are grouped: at most one per kGroupCommitInterval while operations keep coming.
/// A submit wakes the thread only when it waits for work (or a batch is full): one gathering a
/// group is not woken for every operation.

#include "store/sqlite_db.h"

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

    explicit StoreWriter(std::unique_ptr<SqliteDb> db, size_t maxBatch = 512,
                         std::chrono::milliseconds groupCommitInterval = kGroupCommitInterval);
    ~StoreWriter(); ///< commits everything queued, then stops
    StoreWriter(const StoreWriter&) = delete;
    StoreWriter& operator=(const StoreWriter&) = delete;

    /// Queues `op`; the future holds its own result once its batch is committed (or failed).
    std::future<Status> submit(Operation op);
    /// Waits until everything submitted before this call is committed; the first error, if any.
    Status flush();

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

    std::unique_ptr<SqliteDb> m_db;
    size_t m_maxBatch;
    std::chrono::milliseconds m_interval;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Pending> m_queue;
    bool m_stopping = false;
    bool m_idle = false; // waiting for work, not gathering a group
    size_t m_commits = 0;
    size_t m_wakes = 0;
    std::chrono::steady_clock::time_point m_lastCommit; // writer thread only
    std::thread m_thread;
};

} // namespace baton::core
