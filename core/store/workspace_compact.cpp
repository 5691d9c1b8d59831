// SPDX-License-Identifier: MIT
#include "store/workspace_compact.h"
#include "store/sqlite_temp_dir.h"
#include "store/workspace.h"

#include <cstdlib>
#include <filesystem>
#include <sys/stat.h>
#include <vector>

namespace baton::core {
namespace {

namespace fs = std::filesystem;

int64_t fileBytes(const std::string& path) {
    std::error_code ec;
    int64_t total = 0;
    for (const char* suffix : {"", "-wal"})
        if (auto size = fs::file_size(path + suffix, ec); !ec) total += int64_t(size);
    return total;
}

std::string mib(int64_t bytes) {
    return std::to_string((bytes + (1 << 20) - 1) >> 20) + " MiB";
}

// Room for the rebuilt texts and the VACUUM's journal beside the workspace (up to its size each),
// and for VACUUM's copy where temporary files go (up to its size): Nothing when there is.
Status requireRoom(const std::string& path, int64_t bytes) {
    std::error_code ec;
    const fs::path folder = fs::canonical(path, ec).parent_path(), temp = sqliteTempDir();
    if (ec) return {};
    struct Need {
        fs::path where;
        int64_t bytes;
    };
    std::vector<Need> needs = {{folder, 2 * bytes}, {temp, bytes}};
    struct stat a{}, b{};
    if (::stat(folder.c_str(), &a) == 0 && ::stat(temp.c_str(), &b) == 0 && a.st_dev == b.st_dev)
        needs = {{folder, 3 * bytes}}; // one file system holds both
    for (const Need& need : needs) {
        auto space = fs::space(need.where, ec);
        if (!ec && int64_t(space.available) < need.bytes)
            return fail(ErrorKind::Io, path + ": compacting needs " + mib(need.bytes) + " free in " +
                                           need.where.string() + " (" + mib(int64_t(space.available)) +
                                           " are; VACUUM's copy goes to SQLITE_TMPDIR or TMPDIR when set); free "
                                           "some space and try again. Nothing was changed.");
    }
    return {};
}

// No other connection may have the workspace open: leaving WAL needs every other one closed,
// so that is the test; then the locks are kept (EXCLUSIVE) until the compact ends, so none opens
// it meanwhile (it waits, then says the workspace is locked). WAL is restored at the end.
Status takeWorkspace(SqliteDb& db) {
    auto mode = db.queryText("PRAGMA journal_mode = DELETE");
    if (mode && *mode == "delete") return db.exec("PRAGMA locking_mode = EXCLUSIVE");
    return fail(ErrorKind::Io, db.path() + ": another process has the workspace open (a run, the workbench, a "
                                           "report...); close it and try again. Nothing was changed.");
}

// How far through the hashes `hash` is: they are uniform hex, so their first 8 digits say it.
double hashFraction(const std::string& hash) {
    if (hash.size() < 8) return 0;
    try {
        return double(std::stoull(hash.substr(0, 8), nullptr, 16)) / 4294967296.0;
    } catch (const std::exception&) {
        return 0;
    }
}

// Schema 12's texts: appended in hash order under their unique index, which so grows at its end
// (built afterwards, the index would be a sort of every hash). One transaction: all or nothing.
Result<int64_t> rebuildTexts(SqliteDb& db, const CompactProgress& progress) {
    constexpr int kBatch = 20000;
    int64_t copied = 0;
    auto ok = db.exec("CREATE TABLE texts_v12 (id INTEGER PRIMARY KEY, hash TEXT NOT NULL, body TEXT NOT NULL);"
                      "CREATE UNIQUE INDEX texts_by_hash ON texts_v12(hash)");
    if (!ok) return std::unexpected(ok.error());
    const std::string batch = "ORDER BY hash LIMIT " + std::to_string(kBatch);
    auto first = db.prepare("INSERT INTO texts_v12 (hash, body) SELECT hash, body FROM texts " + batch);
    auto next = db.prepare("INSERT INTO texts_v12 (hash, body) SELECT hash, body FROM texts WHERE hash > ? " + batch);
    if (!first || !next) return std::unexpected(!first ? first.error() : next.error());
    for (std::string last;;) {
        // The first batch has no lower bound: a text whose hash is '' (or sorts before any text) is copied too.
        if (copied > 0) next->bind(1, std::string_view(last));
        if (auto ran = copied > 0 ? next->run() : first->run(); !ran) return std::unexpected(ran.error());
        auto added = db.queryInt("SELECT changes()");
        if (!added) return std::unexpected(added.error());
        if (*added == 0) break;
        copied += *added;
        auto newest = db.queryText("SELECT MAX(hash) FROM texts_v12");
        if (!newest) return std::unexpected(newest.error());
        last = *newest;
        if (progress) progress("texts", hashFraction(last));
    }
    auto all = db.queryInt("SELECT COUNT(*) FROM texts");
    if (!all) return std::unexpected(all.error());
    if (*all != copied)
        return fail(ErrorKind::Internal, db.path() + ": " + std::to_string(copied) + " of " + std::to_string(*all) +
                                             " texts were copied; the workspace was not compacted (nothing was changed).");
    // The references to texts(hash) name the table, not its layout: they hold across the rename.
    if (auto swapped = db.exec("DROP TABLE texts; ALTER TABLE texts_v12 RENAME TO texts"); !swapped)
        return std::unexpected(swapped.error());
    if (auto references = Workspace::checkReferences(db); !references)
        return fail(ErrorKind::BadInput, "not compacted, nothing was changed: " + references.error().message);
    return copied;
}

// Runs `work` with the connection's pragmas set to `during`, then sets them to `after`, whatever
// `work` returned. (These pragmas are no-ops inside a transaction, so they go around it.)
Status withPragmas(SqliteDb& db, const std::string& during, const std::string& after,
                   const std::function<Status()>& work) {
    if (auto ok = db.exec(during); !ok) return ok;
    Status done = work();
    Status restored = db.exec(after);
    return done ? restored : done;
}

// What the compact switches off. Foreign keys: the old table is dropped before its successor
// takes its name (they are checked before the commit). Debian builds SQLite with secure_delete on,
// which zeroes every page a DROP frees: 2 GB of the 1M-call workspace written twice more, and
// kept in memory as the statement's journal (a workspace's temporary files are in memory). The
// VACUUM that follows leaves no free page behind. Its copy is a temporary database, made on disk.
constexpr const char* kDuringCompact = "PRAGMA foreign_keys = OFF; PRAGMA secure_delete = OFF; PRAGMA temp_store = FILE";
// The workspace's settings (Workspace::open), and secure_delete as the connection had it.
std::string afterCompact(bool secureDelete) {
    return std::string("PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY; PRAGMA secure_delete = ") +
           (secureDelete ? "ON" : "OFF");
}

} // namespace

Result<CompactReport> compactWorkspace(SqliteDb& db, const CompactProgress& progress) {
    CompactReport report;
    report.bytesBefore = fileBytes(db.path());
    if (auto room = requireRoom(db.path(), report.bytesBefore); !room) return std::unexpected(room.error());
    auto secureDelete = db.queryInt("PRAGMA secure_delete");
    if (!secureDelete) return std::unexpected(secureDelete.error());
    if (auto taken = takeWorkspace(db); !taken) return std::unexpected(taken.error());
    auto compacted = withPragmas(db, kDuringCompact, afterCompact(*secureDelete != 0), [&]() -> Status {
        if (auto ok = db.exec("BEGIN IMMEDIATE"); !ok) return ok;
        auto newLayout = db.queryInt("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = 'texts_by_hash'");
        Result<int64_t> copied = newLayout && *newLayout == 0 ? rebuildTexts(db, progress) : Result<int64_t>(0);
        Status ok = !newLayout ? Status(std::unexpected(newLayout.error()))
                    : copied   ? db.exec("COMMIT")
                               : Status(std::unexpected(copied.error()));
        if (!ok) {
            (void)db.exec("ROLLBACK");
            return ok;
        }
        report.textsRebuilt = *newLayout == 0, report.texts = *copied;
        if (progress) progress("vacuum", 0);
        if (auto vacuumed = db.exec("VACUUM"); !vacuumed) {
            if (!report.textsRebuilt) return vacuumed;
            return fail(vacuumed.error().kind, "the texts were moved to the current layout (that is saved), then VACUUM "
                                               "failed, so the file keeps its free pages: " + vacuumed.error().message);
        }
        return {};
    });
    // Back to WAL, with the workspace's usual locking (NORMAL first: one cannot leave EXCLUSIVE
    // locking after entering WAL in it). If another process got in meanwhile, the next open does it.
    Status shared = db.exec("PRAGMA locking_mode = NORMAL");
    if (shared) shared = db.exec("PRAGMA journal_mode = WAL");
    if (!compacted) return std::unexpected(compacted.error());
    if (!shared) return std::unexpected(shared.error());
    if (progress) progress("vacuum", 1);
    report.bytesAfter = fileBytes(db.path());
    return report;
}

} // namespace baton::core
