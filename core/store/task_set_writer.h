// SPDX-License-Identifier: MIT
#pragma once
/// TaskSetWriter: writes a task set into the workspace item by item, never holding the set:
/// its content hash is computed as the items go by (TaskSetHasher), and everything it wrote
/// sits in one savepoint, rolled back when the set is abandoned or its content is already there.

#include "model/task_set_hasher.h"
#include "store/sqlite_db.h"
#include "store/seen_ids.h"
#include "store/task_set_store.h"

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace baton::core {

/// The page cache while a set is written. A streaming import, whose items are not in memory,
/// enlarges it (kImportCacheKiB in task_set_writer.cpp). A set saved from memory keeps the
/// connection's: its items already take their size in memory, and the enlarged cache raised the
/// peak RSS of a 1M-call run of 90k items from 214 to 278 MB.
enum class WriterCache { Usual, Enlarged };

class TaskSetWriter {
public:
    /// Opens the savepoint and the set's row. Inside a transaction or not (a savepoint outside
    /// one is a transaction of its own). Errors: the SQLite error.
    static Result<std::unique_ptr<TaskSetWriter>> begin(SqliteDb& db, const std::string& name,
                                                        const GraderSpec& defaultGrader, const std::string& source,
                                                        int64_t nowMs, WriterCache cache);
    ~TaskSetWriter(); ///< abandon() unless finished
    TaskSetWriter(const TaskSetWriter&) = delete;
    TaskSetWriter& operator=(const TaskSetWriter&) = delete;

    /// Writes `item` at the next position, or returns the position (0-based) of the earlier
    /// item with the same id and writes nothing.
    Result<std::optional<int64_t>> add(const TaskItem& item);
    /// The same with the item's dump made by the caller (ReadAheadItems makes it on its own
    /// thread): `dump` must be dumpTaskItem(item).
    Result<std::optional<int64_t>> add(const TaskItem& item, const TaskItemDump& dump);
    /// Ends the set: its hash and item count are written and the savepoint released. When a set
    /// with the same content exists, everything written is rolled back and that set returned
    /// (alreadyPresent). Errors: the SQLite error (then everything is rolled back).
    Result<SavedTaskSet> finish();
    /// Rolls back everything written since begin().
    void abandon();

    size_t items() const { return m_hasher.items(); }
    /// The content hash, once finish() has succeeded.
    const std::string& contentHash() const { return m_hash; }

private:
    TaskSetWriter(SqliteDb& db, const GraderSpec& defaultGrader) : m_db(db), m_hasher(defaultGrader) {}
    Status enlargeCache();
    void restoreCache();
    /// The position of an earlier item with this id, found in the workspace; only asked when
    /// m_seenIds says the id may have been written.
    Result<std::optional<int64_t>> earlierPosition(const std::string& id);

    SqliteDb& m_db;
    TaskSetHasher m_hasher;
    SeenIds m_seenIds; ///< fingerprints of the ids written, so that a new id costs no lookup
    int64_t m_setId = 0;
    bool m_open = false;
    std::optional<int64_t> m_cacheBefore; ///< the connection's cache_size, while the import's is in place
    std::string m_hash;
};

} // namespace baton::core
