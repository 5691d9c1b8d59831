// SPDX-License-Identifier: MIT
#include "store/sqlite_db.h"

#include <mutex>
#include <sqlite3.h>

namespace baton::core {
namespace {

Error err(ErrorKind kind, std::string message) {
    return Error{kind, std::move(message), {}};
}

/// SQLite counts every allocation under one process-wide mutex unless told not to; Baton never
/// reads those statistics. Must run before SQLite initializes, so before the first open.
void configureSqliteOnce() {
    static std::once_flag once;
    std::call_once(once, [] { (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

} // namespace

Result<std::unique_ptr<SqliteDb>> SqliteDb::open(const std::string& path, Mode mode) {
    configureSqliteOnce();
    int flags = SQLITE_OPEN_NOMUTEX;
    flags |= mode == Mode::ReadOnly    ? SQLITE_OPEN_READONLY
             : mode == Mode::Immutable ? SQLITE_OPEN_READONLY | SQLITE_OPEN_URI
             : mode == Mode::ReadWrite ? SQLITE_OPEN_READWRITE
                                       : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    std::string name = path;
    if (mode == Mode::Immutable) {
        name = "file:";
        for (char c : path) {
            if (c == '?' || c == '#' || c == '%') {
                static constexpr char kHex[] = "0123456789ABCDEF";
                name += '%', name += kHex[(unsigned char)c >> 4], name += kHex[c & 15];
            } else {
                name += c;
            }
        }
        name += "?immutable=1";
    }
    sqlite3* raw = nullptr;
    int rc = sqlite3_open_v2(name.c_str(), &raw, flags, nullptr);
    std::unique_ptr<SqliteDb> db(new SqliteDb(raw, path));
    if (rc != SQLITE_OK) return std::unexpected(db->errorFor(rc, "cannot open the database"));
    sqlite3_extended_result_codes(raw, 1);
    // Every connection waits for a lock instead of failing at once: a job's own read-only
    // connection can meet a lock held for a moment by the writer (a commit or a checkpoint),
    // and "database is locked" there lost a replay in CI once.
    sqlite3_busy_timeout(raw, kBusyTimeoutMs);
    return db;
}

SqliteDb::~SqliteDb() {
    m_cache.clear(); // finalized before the connection closes
    sqlite3_close_v2(m_db);
}

Error SqliteDb::errorFor(int rc, std::string_view what) const {
    std::string detail = m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(rc);
    std::string where = m_path + ": " + std::string(what) + " (" + detail + ")";
    switch (rc & 0xff) {
    case SQLITE_FULL:
        return err(ErrorKind::Io, where +
                                      "; the disk (or the database size limit) is full. Nothing from this write was "
                                      "saved and earlier data is intact; free some space and try again.");
    case SQLITE_READONLY:
        return err(ErrorKind::Io, where + "; the database is read-only. Check the file's and folder's permissions, or "
                                          "copy the workspace somewhere writable.");
    case SQLITE_CANTOPEN:
        return err(ErrorKind::Io, where + "; check that the folder exists and is writable.");
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
        return err(ErrorKind::BadInput, where +
                                            "; this is not a Baton workspace database or it is damaged. Open another "
                                            "file or restore a backup.");
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return err(ErrorKind::Io, where + "; another program holds the database locked. Close it and retry.");
    case SQLITE_IOERR:
        return err(ErrorKind::Io, where + "; the operating system reported an I/O error. Check the disk.");
    default:
        return err(ErrorKind::Internal, where);
    }
}

Status SqliteDb::exec(std::string_view sql) {
    std::string text(sql);
    char* message = nullptr;
    int rc = sqlite3_exec(m_db, text.c_str(), nullptr, nullptr, &message);
    sqlite3_free(message);
    if (rc != SQLITE_OK) return std::unexpected(errorFor(rc, "cannot run \"" + text.substr(0, 60) + "\""));
    return {};
}

Result<Statement> SqliteDb::prepare(std::string_view sql) {
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v2(m_db, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
    if (rc != SQLITE_OK)
        return std::unexpected(errorFor(rc, "cannot prepare \"" + std::string(sql.substr(0, 60)) + "\""));
    return Statement(this, stmt);
}

Result<Statement*> SqliteDb::cached(std::string_view sql) {
    auto it = m_cache.find(std::string(sql));
    if (it == m_cache.end()) {
        auto stmt = prepare(sql);
        if (!stmt) return std::unexpected(stmt.error());
        it = m_cache.emplace(std::string(sql), std::make_unique<Statement>(std::move(*stmt))).first;
    } else {
        it->second->reset();
    }
    return it->second.get();
}

Status SqliteDb::execCached(std::string_view sql) {
    auto stmt = cached(sql);
    if (!stmt) return std::unexpected(stmt.error());
    return (*stmt)->run();
}

Result<int64_t> SqliteDb::queryInt(std::string_view sql) {
    auto stmt = prepare(sql);
    if (!stmt) return std::unexpected(stmt.error());
    auto row = stmt->step();
    if (!row) return std::unexpected(row.error());
    return *row ? stmt->columnInt(0) : 0;
}

Result<std::string> SqliteDb::queryText(std::string_view sql) {
    auto stmt = prepare(sql);
    if (!stmt) return std::unexpected(stmt.error());
    auto row = stmt->step();
    if (!row) return std::unexpected(row.error());
    return *row ? stmt->columnText(0) : std::string();
}

int64_t SqliteDb::lastInsertId() const {
    return sqlite3_last_insert_rowid(m_db);
}

bool SqliteDb::inTransaction() const {
    return sqlite3_get_autocommit(m_db) == 0;
}

Statement::Statement(Statement&& other) noexcept : m_db(other.m_db), m_stmt(other.m_stmt) {
    other.m_stmt = nullptr;
}

Statement& Statement::operator=(Statement&& other) noexcept {
    std::swap(m_db, other.m_db);
    std::swap(m_stmt, other.m_stmt);
    return *this;
}

Statement::~Statement() {
    sqlite3_finalize(m_stmt);
}

Statement& Statement::bind(int index, int64_t value) {
    sqlite3_bind_int64(m_stmt, index, value);
    return *this;
}

Statement& Statement::bind(int index, double value) {
    sqlite3_bind_double(m_stmt, index, value);
    return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
    sqlite3_bind_text(m_stmt, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
    return *this;
}

Statement& Statement::bindBlob(int index, std::string_view bytes) {
    sqlite3_bind_blob(m_stmt, index, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
    return *this;
}

Statement& Statement::bindNull(int index) {
    sqlite3_bind_null(m_stmt, index);
    return *this;
}

Result<bool> Statement::step() {
    int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    sqlite3_reset(m_stmt);
    return std::unexpected(m_db->errorFor(rc, "cannot run a statement"));
}

Status Statement::run() {
    Result<bool> row;
    while ((row = step()) && *row) {
    }
    if (!row) return std::unexpected(row.error());
    reset();
    return {};
}

void Statement::reset() {
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

int64_t Statement::columnInt(int col) const {
    return sqlite3_column_int64(m_stmt, col);
}
double Statement::columnDouble(int col) const {
    return sqlite3_column_double(m_stmt, col);
}
bool Statement::columnIsNull(int col) const {
    return sqlite3_column_type(m_stmt, col) == SQLITE_NULL;
}

std::string Statement::columnText(int col) const {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, col));
    return text ? std::string(text, sqlite3_column_bytes(m_stmt, col)) : std::string();
}

std::string Statement::columnBlob(int col) const {
    const auto* bytes = static_cast<const char*>(sqlite3_column_blob(m_stmt, col));
    return bytes ? std::string(bytes, sqlite3_column_bytes(m_stmt, col)) : std::string();
}

std::optional<int64_t> Statement::columnOptInt(int col) const {
    return columnIsNull(col) ? std::nullopt : std::optional<int64_t>(columnInt(col));
}

std::optional<double> Statement::columnOptDouble(int col) const {
    return columnIsNull(col) ? std::nullopt : std::optional<double>(columnDouble(col));
}

} // namespace baton::core
