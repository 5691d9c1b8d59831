// SPDX-License-Identifier: MIT
#pragma once
/// StoreWriter: the workspace's one writer. A background thread applies queued operations in
/// batches, one transaction per batch, each operation inside its own savepoint so that a failing
/// one is rolled back alone. A future resolves only after the operation's batch committed.
/// Commits are grouped: at most one per kGroupCommitInterval while operations keep coming.

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

    explicit StoreWriter(std::unique_ptr<SqliteDb> db, size_t maxBatch = 512);
    ~StoreWriter(); ///< commits everything queued, then stops
    StoreWriter(const StoreWriter&) = delete;
    StoreWriter& operator=(const StoreWriter&) = delete;

    /// Queues `op`; the future holds its own result once its batch is committed (or failed).
    std::future<Status> submit(Operation op);
    /// Waits until everything submitted before this call is committed; the first error, if any.
    Status flush();

    /// Commits done so far, for tests and progress.
    size_t commitCount() const;

private:
    struct Pending {
        Operation op;
        std::promise<Status> done;
    };
    void loop();
    void applyBatch(std::deque<Pending>& batch);

    std::unique_ptr<SqliteDb> m_db;
    size_t m_maxBatch;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Pending> m_queue;
    bool m_stopping = false;
    size_t m_commits = 0;
    std::chrono::steady_clock::time_point m_lastCommit; // writer thread only
    std::thread m_thread;
};

} // namespace baton::core
