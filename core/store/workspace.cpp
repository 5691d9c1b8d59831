// SPDX-License-Identifier: MIT
#include "store/workspace.h"
#include "store/call_texts.h"
#include "store/schema_layout.h"
#include "store/schema.h"

#include <filesystem>
#include <unistd.h>

namespace baton::core {
namespace {

Status configure(SqliteDb& db, bool writer) {
    if (auto ok = db.exec("PRAGMA foreign_keys = ON"); !ok) return ok; // the busy timeout is SqliteDb::open's
    if (!writer) return {};
    // NORMAL in WAL mode: no fsync per commit, only at checkpoints, and the StoreWriter's commit
    // each second (kSyncInterval). A crash of Baton (kill -9) loses no committed row; a power loss
    // or OS crash can lose the commits of the last second (README, "Workspace database"): those
    // calls are sent and paid again on resume.
    // Every operation of a batch runs in its own savepoint, whose journal SQLite spills to a
    // temporary file past 64 KiB: one file and ~15 writes per logged call. In memory it costs a
    // copy. A writer's cache of 8 MiB keeps the pages a batch touches (texts are found by
    // hash, so a batch touches pages all over their index) from being read back and spilled.
    // A checkpoint every 16,000 pages of WAL (64 MiB; SQLite's default is 1,000): a run's random
    // index pages are changed many times between two checkpoints and copied once each. 300k calls
    // logged: 41-43 us of CPU a call and 20,400-20,900 calls/s, against 50-53 us and 14,800-15,300
    // (README, "Workspace database").
    for (const char* pragma : {"PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL", "PRAGMA temp_store = MEMORY",
                               "PRAGMA cache_size = -8192", "PRAGMA wal_autocheckpoint = 16000"})
        if (auto ok = db.exec(pragma); !ok) return ok;
    return {};
}

// A database with tables but no schema version was not made by Baton: migrating it would add
// Baton's tables to someone else's file (and switch it to WAL). Refused before anything is written.
Status requireWorkspace(SqliteDb& db) {
    auto version = db.queryInt("PRAGMA user_version");
    if (!version) return std::unexpected(version.error());
    if (*version != 0) return {};
    auto tables = db.queryText("SELECT COALESCE(group_concat(name, ', '), '') FROM (SELECT name FROM sqlite_master "
                               "WHERE type = 'table' ORDER BY name LIMIT 3)");
    if (!tables) return std::unexpected(tables.error());
    if (tables->empty()) return {};
    return fail(ErrorKind::BadInput, db.path() + ": an SQLite database of another program (tables " + *tables +
                                         "), not a Baton workspace; nothing was changed. Give a workspace's path, or a "
                                         "new file's to create one.");
}

// What a path names, checked before SQLite sees it: SQLite opens "" as a private temporary database
// (`tasks import --db ""` reported a task set imported into a file that vanished at exit), says only
// "unable to open database file" of a folder, "disk I/O error" of a device or FIFO (and left
// PATH-journal beside it: /dev/null-journal as root), and discards a write-ahead log left without
// its database when it creates one at that path.
Status checkPath(const std::string& path, bool create) {
    if (path.empty())
        return fail(ErrorKind::BadInput, "the workspace's path is empty; give the path of its database file (for "
                                         "example lab.db)");
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        return fail(ErrorKind::BadInput, path + ": a folder, not a workspace database; give the path of the database "
                                                "file (one in that folder, or a new file's name to create one)");
    if (std::filesystem::exists(path, ec) && !std::filesystem::is_regular_file(path, ec))
        return fail(ErrorKind::BadInput, path + ": a device or pipe, not a workspace database; give the path of the "
                                                "database file (or a new file's name to create one)");
    if (std::filesystem::exists(path, ec)) return {};
    const std::string wal = path + "-wal", shm = path + "-shm";
    if (std::filesystem::file_size(wal, ec) > 0 && !ec)
        return fail(ErrorKind::BadInput, path + ": no such workspace database, but " + wal +
                                             " is beside it and may hold the latest changes of a workspace moved or "
                                             "deleted without it; put its database file back at " + path +
                                             ", or delete " + wal + " and " + shm + " if that workspace is gone");
    if (create) return {};
    std::string message = path + ": no such workspace database; check the path, or create one by importing a task "
                                 "set into it.";
    if (std::filesystem::exists(shm, ec))
        message += " (" + shm + " beside it is SQLite's index of a closed workspace's log, left behind; it holds no "
                                "data and can be deleted.)";
    return fail(ErrorKind::NotFound, message);
}

} // namespace

Status Workspace::checkIntegrity(SqliteDb& db) {
    auto integrity = db.queryText("PRAGMA integrity_check");
    if (!integrity) return std::unexpected(integrity.error());
    if (*integrity != "ok")
        return fail(ErrorKind::BadInput, db.path() + ": the integrity check failed (" + integrity->substr(0, 200) +
                                             "); restore a backup or export what is readable.");
    return {};
}

namespace {

// Cached answers whose text is in neither table. Since schema 13 an answer is named by hash only
// (no foreign key: its text is found by hashKey in call_texts), so foreign_key_check cannot see
// them; such a row is a miss that is never replaced, so every run pays again for its request.
Status checkCachedAnswers(SqliteDb& db, int64_t& broken, std::string& first) {
    auto layout = hasTable(db, "call_texts");
    if (!layout) return std::unexpected(layout.error());
    if (!*layout) return {}; // schema 12, read as it is: its foreign key covers the cache
    auto rows = db.prepare("SELECT c.id, c.response_hash FROM response_cache c "
                           "LEFT JOIN texts t ON t.hash = c.response_hash WHERE t.hash IS NULL ORDER BY c.id");
    if (!rows) return std::unexpected(rows.error());
    Result<bool> row;
    while ((row = rows->step()) && *row) {
        auto text = findCallText(db, rows->columnText(1));
        if (!text) return std::unexpected(text.error());
        if (*text) continue;
        if (broken++ == 0) first = "response_cache row " + rows->columnText(0) + " (to its answer's text)";
    }
    if (!row) return std::unexpected(row.error());
    return {};
}

} // namespace

Status Workspace::checkReferences(SqliteDb& db) {
    auto check = db.prepare("PRAGMA foreign_key_check");
    if (!check) return std::unexpected(check.error());
    std::string first;
    int64_t broken = 0;
    Result<bool> row;
    while ((row = check->step()) && *row)
        if (broken++ == 0)
            first = check->columnText(0) + " row " + check->columnText(1) + " (to " + check->columnText(2) + ")";
    if (!row) return std::unexpected(row.error());
    if (auto cached = checkCachedAnswers(db, broken, first); !cached) return cached;
    if (broken == 0) return {};
    return fail(ErrorKind::BadInput, db.path() + ": " + std::to_string(broken) +
                                         " row(s) refer to a row that is missing, the first " + first +
                                         "; restore a backup or export what is readable.");
}

Result<Workspace> Workspace::open(const std::string& path, bool create) {
    if (auto ok = checkPath(path, create); !ok) return std::unexpected(ok.error());
    std::error_code ec;
    // The last connection to close cleanly checkpoints and deletes the WAL; one left behind means
    // a crash (or another program has it open), and only then is the full check worth its time
    // (~3 s at 1M calls). Otherwise opening costs the same at any size.
    if (!create && std::filesystem::is_regular_file(path, ec) && std::filesystem::file_size(path, ec) == 0 && !ec)
        return fail(ErrorKind::NotFound, path + ": an empty file, not a workspace database yet; create one by "
                                                "importing a task set into it.");
    bool unclean = std::filesystem::file_size(path + "-wal", ec) > 0 && !ec;
    auto db = SqliteDb::open(path, create ? SqliteDb::Mode::ReadWriteCreate : SqliteDb::Mode::ReadWrite);
    if (!db) return std::unexpected(db.error());
    if (auto ok = requireWorkspace(**db); !ok) return std::unexpected(ok.error());
    if (auto ok = configure(**db, true); !ok) return std::unexpected(ok.error());
    if (unclean)
        if (auto ok = checkIntegrity(**db); !ok) return std::unexpected(ok.error());
    if (auto ok = migrate(**db); !ok) return std::unexpected(ok.error());
    Workspace ws;
    ws.m_checkedOnOpen = unclean;
    ws.m_path = path;
    ws.m_writer = std::move(*db);
    return ws;
}

Result<Workspace> Workspace::openForReading(const std::string& path) {
    if (auto ok = checkPath(path, false); !ok) return std::unexpected(ok.error());
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return open(path, false);
    auto folder = std::filesystem::absolute(path, ec).parent_path();
    // WAL needs to write -wal and -shm beside the file, so both must be writable.
    if (::access(path.c_str(), W_OK) != 0 || ::access(folder.c_str(), W_OK) != 0) return openAsItIs(path, true);
    auto ws = open(path, false);
    if (ws) return ws;
    // An older workspace this build cannot migrate (a damaged row, a full disk) is read as it is,
    // as the Baton that wrote it read it: one bad item locked every command out of it before.
    auto asItIs = openAsItIs(path, false);
    if (!asItIs || asItIs->schemaVersion() == latestSchemaVersion()) return ws;
    asItIs->m_notMigrated = ws.error();
    return asItIs;
}

Result<Workspace> Workspace::openAsItIs(const std::string& path, bool readOnlyFile) {
    // With a -wal beside it the newest rows are there: read it (SQLite reads a read-only WAL
    // when its -shm exists); without one the file is complete and is read immutable, lock-free.
    // A file that can be written may be written meanwhile: it is never read immutable.
    std::error_code ec;
    const bool immutable = readOnlyFile && !(std::filesystem::file_size(path + "-wal", ec) > 0 && !ec);
    auto db = SqliteDb::open(path, immutable ? SqliteDb::Mode::Immutable : SqliteDb::Mode::ReadOnly);
    if (!db) return std::unexpected(db.error());
    if (auto ok = requireWorkspace(**db); !ok) return std::unexpected(ok.error());
    auto integrity = (*db)->queryText("PRAGMA integrity_check");
    if (!integrity) return std::unexpected(integrity.error());
    if (*integrity != "ok")
        return fail(ErrorKind::BadInput, path + ": the integrity check failed (" + integrity->substr(0, 200) +
                                             "); restore a backup or export what is readable.");
    auto version = (*db)->queryInt("PRAGMA user_version");
    if (!version) return std::unexpected(version.error());
    if (*version < oldestSchemaReadAsItIs() || *version > latestSchemaVersion())
        return fail(ErrorKind::BadInput, path + ": read-only, and its schema is version " + std::to_string(*version) +
                                             " where this Baton reads " + std::to_string(oldestSchemaReadAsItIs()) +
                                             " to " + std::to_string(latestSchemaVersion()) +
                                             "; copy it somewhere writable so it can be migrated.");
    Workspace ws;
    ws.m_path = path;
    ws.m_readOnly = true;
    ws.m_immutable = immutable;
    ws.m_checkedOnOpen = true;
    ws.m_schemaVersion = static_cast<int>(*version);
    return ws;
}

Result<std::unique_ptr<SqliteDb>> Workspace::openReader() const {
    // A writable workspace's readers are read-write but query_only: a reader that closes last must
    // be able to checkpoint and remove the WAL, or every clean shutdown would look like a crash to
    // the next open. A read-only copy is read as it is.
    auto mode = m_immutable ? SqliteDb::Mode::Immutable : m_readOnly ? SqliteDb::Mode::ReadOnly : SqliteDb::Mode::ReadWrite;
    auto db = SqliteDb::open(m_path, mode);
    if (!db) return db;
    if (auto ok = configure(**db, false); !ok) return std::unexpected(ok.error());
    if (auto ok = (*db)->exec("PRAGMA query_only = ON"); !ok) return std::unexpected(ok.error());
    return db;
}

Result<WorkspaceInfo> Workspace::info() const {
    auto reader = openReader();
    if (!reader) return std::unexpected(reader.error());
    SqliteDb& db = **reader;
    WorkspaceInfo info;
    info.path = m_path;
    info.latestSchemaVersion = latestSchemaVersion();
    auto version = db.queryInt("PRAGMA user_version");
    auto mode = db.queryText("PRAGMA journal_mode");
    auto integrity = db.queryText("PRAGMA integrity_check");
    if (!version || !mode || !integrity)
        return std::unexpected(!version ? version.error() : !mode ? mode.error() : integrity.error());
    info.schemaVersion = static_cast<int>(*version);
    info.journalMode = *mode;
    info.integrity = *integrity;
    std::error_code ec;
    info.sizeBytes = static_cast<int64_t>(std::filesystem::file_size(m_path, ec));
    for (const char* table : {"task_sets", "items", "texts", "call_texts", "runs", "calls", "outcomes"}) {
        // A read-only copy of schema 12 is read as it is, without call texts.
        auto exists = hasTable(db, table);
        if (exists && !*exists) continue;
        auto count = db.queryInt(std::string("SELECT COUNT(*) FROM ") + table);
        if (!count) return std::unexpected(count.error());
        info.rowCounts[table] = *count;
    }
    return info;
}

} // namespace baton::core
