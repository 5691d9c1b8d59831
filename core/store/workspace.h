// SPDX-License-Identifier: MIT
#pragma once
/// Workspace: one SQLite database per workspace, opened in WAL mode with synchronous=NORMAL and
/// migrated forward on open; the full integrity_check runs on open only after an unclean
/// shutdown (a WAL file left behind), else on demand (checkIntegrity, info).

#include "store/sqlite_db.h"

#include <map>
#include <memory>
#include <optional>
#include <string>

namespace baton::core {

struct WorkspaceInfo {
    std::string path;
    int schemaVersion = 0;
    int latestSchemaVersion = 0;
    std::string journalMode;
    std::string integrity;
    int64_t sizeBytes = 0;
    std::map<std::string, int64_t> rowCounts; ///< table -> rows
};

class Workspace {
public:
    /// Opens (creating when `create`) and migrates. Errors: NotFound when absent and !create;
    /// Io for permissions or a full disk; BadInput for a damaged or newer-schema database, an empty
    /// path, a folder, or a -wal file left without its database (nothing is created or changed).
    static Result<Workspace> open(const std::string& path, bool create = true);
    /// For commands that only read (report, runs, db info): like open(path, false) when the
    /// file can be written, else read-only (a copy on read-only media): no writer, no migration
    /// (an older schema is refused with advice), readers open the file immutable.
    /// An older workspace that cannot be migrated (a damaged row, a full disk) is read as it is
    /// too; notMigrated() says why.
    static Result<Workspace> openForReading(const std::string& path);

    /// The connection for writes; hand it to exactly one StoreWriter.
    std::unique_ptr<SqliteDb> takeWriter() { return std::move(m_writer); }
    SqliteDb* writer() const { return m_writer.get(); }
    /// A new reading connection (query_only); in WAL mode it never blocks the writer nor is
    /// blocked by it.
    Result<std::unique_ptr<SqliteDb>> openReader() const;
    Result<WorkspaceInfo> info() const;
    const std::string& path() const { return m_path; }
    /// True when the full integrity check ran on open: after an unclean shutdown, or for a
    /// workspace read as it is.
    bool checkedOnOpen() const { return m_checkedOnOpen; }
    /// PRAGMA integrity_check. Errors: BadInput naming the first problems when it is not "ok".
    static Status checkIntegrity(SqliteDb& db);
    /// PRAGMA foreign_key_check: every reference finds its row (integrity_check does not look).
    /// Errors: BadInput counting the rows that refer to a missing one and naming the first.
    static Status checkReferences(SqliteDb& db);
    bool readOnly() const { return m_readOnly; }
    /// Why a workspace read as it is was not migrated (openForReading), if it could not be.
    const std::optional<Error>& notMigrated() const { return m_notMigrated; }

private:
    /// Read-only, no migration, schemas oldestSchemaReadAsItIs() to the latest; immutable when
    /// `readOnlyFile` and no WAL lies beside it.
    static Result<Workspace> openAsItIs(const std::string& path, bool readOnlyFile);
    int schemaVersion() const { return m_schemaVersion; }

    std::string m_path;
    std::unique_ptr<SqliteDb> m_writer;
    bool m_checkedOnOpen = false;
    bool m_readOnly = false;
    bool m_immutable = false;
    int m_schemaVersion = 0; // as read by openAsItIs
    std::optional<Error> m_notMigrated;
};

} // namespace baton::core
