// SPDX-License-Identifier: MIT
#pragma once
/// Reading all of one run's rows of a big table (outcomes, calls) in one pass over their rowid
/// range instead of a look-up per row through the (run, ...) index: ten times faster for a run
/// written in one go, whose rows lie together. A resumed run's rows can lie far apart, with other
/// runs' rows between them; then the index is cheaper and is used.

#include "store/sqlite_db.h"

#include <string>
#include <string_view>

namespace baton::core {

/// The statements of one read, seeing the database as it was at their first read (in WAL mode):
/// a savepoint, a transaction of its own outside one and nested inside the writer's, released
/// when this goes out of scope. Without it a row rewritten between the range's read and the
/// rows' read (an outcome replaced by a resume) could land outside the range and be missed.
class ReadSnapshot {
public:
    explicit ReadSnapshot(SqliteDb& db) : m_db(db), m_begun(db.execCached("SAVEPOINT read_snapshot")) {}
    ~ReadSnapshot() {
        if (m_begun) (void)m_db.execCached("RELEASE read_snapshot");
    }
    ReadSnapshot(const ReadSnapshot&) = delete;
    ReadSnapshot& operator=(const ReadSnapshot&) = delete;
    const Status& begun() const { return m_begun; }

private:
    SqliteDb& m_db;
    Status m_begun;
};

/// Where a run's rows of `table` lie (the table's key column `key`: rowid or an INTEGER PRIMARY KEY).
struct RunRows {
    int64_t count = 0, first = 0, last = 0;
    /// At least half the range is the run's own rows: one pass over the range reads less than
    /// a look-up per row.
    bool together() const { return last - first + 1 <= 2 * count; }
    /// "TABLE ALIAS", with NOT INDEXED when the rows lie together: SQLite would otherwise take
    /// the (run, ...) index for the run_id condition.
    std::string table(std::string_view table, std::string_view alias) const;
    /// The condition selecting the run's rows, its one parameter the run's id: by the range
    /// when the rows lie together, else by the index.
    std::string where(std::string_view alias, std::string_view key) const;
};

/// Errors: SQLite's.
Result<RunRows> findRunRows(SqliteDb& db, std::string_view table, std::string_view key, int64_t runId);

} // namespace baton::core
