// SPDX-License-Identifier: MIT
#pragma once
/// SqliteDb and Statement: RAII over one SQLite connection, with SQLite codes translated into
/// Errors that name the database file and say what to do.

#include "util/result.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

struct sqlite3;
struct sqlite3_stmt;

namespace baton::core {

class Statement;

class SqliteDb {
public:
    /// Immutable: read-only with no locks and no -wal/-shm files, for a copy on read-only media.
    enum class Mode { ReadWriteCreate, ReadWrite, ReadOnly, Immutable };

    /// How long any connection waits for another's lock before reporting the database locked.
    static constexpr int kBusyTimeoutMs = 5000;

    /// Errors: Io (cannot open), BadInput (not a database).
    static Result<std::unique_ptr<SqliteDb>> open(const std::string& path, Mode mode);
    ~SqliteDb();
    SqliteDb(const SqliteDb&) = delete;
    SqliteDb& operator=(const SqliteDb&) = delete;

    Status exec(std::string_view sql);
    Result<Statement> prepare(std::string_view sql);
    /// The connection's own prepared statement for `sql`, prepared once and reset for each use
    /// (hot paths: one call row costs no sqlite3_prepare_v2). Valid while this SqliteDb lives;
    /// not re-entrant for the same text. Errors: as prepare().
    Result<Statement*> cached(std::string_view sql);
    /// exec() through cached(), for statements without results (SAVEPOINT, RELEASE, COMMIT).
    Status execCached(std::string_view sql);
    size_t cachedStatements() const { return m_cache.size(); }
    /// Runs a query that yields one integer (PRAGMA user_version, COUNT(*)...).
    Result<int64_t> queryInt(std::string_view sql);
    Result<std::string> queryText(std::string_view sql);

    /// An Error for SQLite code `rc`, with `what` saying which operation failed.
    Error errorFor(int rc, std::string_view what) const;
    const std::string& path() const { return m_path; }
    sqlite3* handle() const { return m_db; }
    int64_t lastInsertId() const;
    /// False once SQLite has rolled a transaction back by itself (disk full, I/O error).
    bool inTransaction() const;

private:
    SqliteDb(sqlite3* db, std::string path) : m_db(db), m_path(std::move(path)) {}
    sqlite3* m_db;
    std::string m_path;
    std::unordered_map<std::string, std::unique_ptr<Statement>> m_cache;
};

class Statement {
public:
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    ~Statement();

    Statement& bind(int index, int64_t value);
    Statement& bind(int index, double value);
    Statement& bind(int index, std::string_view text);
    Statement& bindNull(int index);
    Statement& bindBlob(int index, std::string_view bytes);
    template <class T> Statement& bind(int index, const std::optional<T>& value) {
        return value ? bind(index, *value) : bindNull(index);
    }

    /// true: a row is ready; false: done. Errors are translated.
    Result<bool> step();
    Status run(); ///< step() to completion, then reset for reuse
    void reset();

    int64_t columnInt(int col) const;
    double columnDouble(int col) const;
    std::string columnText(int col) const;
    std::string columnBlob(int col) const;
    bool columnIsNull(int col) const;
    std::optional<int64_t> columnOptInt(int col) const;
    std::optional<double> columnOptDouble(int col) const;

private:
    friend class SqliteDb;
    Statement(const SqliteDb* db, sqlite3_stmt* stmt) : m_db(db), m_stmt(stmt) {}
    const SqliteDb* m_db;
    sqlite3_stmt* m_stmt;
};

} // namespace baton::core
