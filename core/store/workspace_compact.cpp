// SPDX-License-Identifier: MIT
#include "store/workspace_compact.h"

#include <filesystem>

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

// How far through the hashes `hash` is: they are uniform hex, so their first 8 digits say it.
double hashFraction(const std::string& hash) {
    if (hash.size() < 8) return 0;
    try {
        return double(std::stoull(hash.substr(0, 8), nullptr, 16)) / 4294967296.0;
    } catch (const std::exception&) {
        return 0;
    }
}

// Rows the schema's foreign keys find no parent for, as "table rowid" of the first.
Result<std::string> firstBrokenReference(SqliteDb& db) {
    auto check = db.prepare("PRAGMA foreign_key_check");
    if (!check) return std::unexpected(check.error());
    auto row = check->step();
    if (!row) return std::unexpected(row.error());
    return *row ? check->columnText(0) + " row " + check->columnText(1) : std::string();
}

// Schema 12's texts: appended in hash order under their unique index, which so grows at its end
// (built afterwards, the index would be a sort of every hash). One transaction: all or nothing.
Result<int64_t> rebuildTexts(SqliteDb& db, const CompactProgress& progress) {
    constexpr int kBatch = 20000;
    int64_t copied = 0;
    auto ok = db.exec("CREATE TABLE texts_v12 (id INTEGER PRIMARY KEY, hash TEXT NOT NULL, body TEXT NOT NULL);"
                      "CREATE UNIQUE INDEX texts_by_hash ON texts_v12(hash)");
    auto copy = ok ? db.prepare("INSERT INTO texts_v12 (hash, body) SELECT hash, body FROM texts WHERE hash > ? "
                                "ORDER BY hash LIMIT " + std::to_string(kBatch))
                   : Result<Statement>(std::unexpected(ok.error()));
    if (!copy) return std::unexpected(copy.error());
    for (std::string last;;) {
        copy->bind(1, std::string_view(last));
        if (auto ran = copy->run(); !ran) return std::unexpected(ran.error());
        auto added = db.queryInt("SELECT changes()");
        if (!added) return std::unexpected(added.error());
        if (*added == 0) break;
        copied += *added;
        auto newest = db.queryText("SELECT MAX(hash) FROM texts_v12");
        if (!newest) return std::unexpected(newest.error());
        last = *newest;
        if (progress) progress("texts", hashFraction(last));
    }
    // The references to texts(hash) name the table, not its layout: they hold across the rename.
    if (auto swapped = db.exec("DROP TABLE texts; ALTER TABLE texts_v12 RENAME TO texts"); !swapped)
        return std::unexpected(swapped.error());
    auto broken = firstBrokenReference(db);
    if (!broken) return std::unexpected(broken.error());
    if (!broken->empty())
        return fail(ErrorKind::BadInput, db.path() + ": " + *broken +
                                             " refers to a row that is missing, so the workspace was not compacted "
                                             "(nothing was changed); run db check, or restore a backup.");
    return copied;
}

Status withoutForeignKeys(SqliteDb& db, const std::function<Status()>& work) {
    // The pragma is a no-op inside a transaction, so it is switched around the whole of it.
    if (auto ok = db.exec("PRAGMA foreign_keys = OFF"); !ok) return ok;
    Status done = work();
    Status on = db.exec("PRAGMA foreign_keys = ON");
    return done ? on : done;
}

} // namespace

Result<CompactReport> compactWorkspace(SqliteDb& db, const CompactProgress& progress) {
    CompactReport report;
    report.bytesBefore = fileBytes(db.path());
    std::error_code ec;
    auto space = fs::space(fs::absolute(db.path(), ec).parent_path(), ec);
    if (!ec && int64_t(space.available) < 2 * report.bytesBefore)
        return fail(ErrorKind::Io, db.path() + ": compacting needs twice the workspace's " +
                                       std::to_string(report.bytesBefore / (1 << 20)) + " MiB free beside it (" +
                                       std::to_string(space.available >> 20) +
                                       " MiB are); free some space and try again. Nothing was changed.");
    auto newLayout = db.queryInt("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = 'texts_by_hash'");
    if (!newLayout) return std::unexpected(newLayout.error());
    if (*newLayout == 0) {
        auto rebuilt = withoutForeignKeys(db, [&]() -> Status {
            if (auto ok = db.exec("BEGIN IMMEDIATE"); !ok) return ok;
            auto copied = rebuildTexts(db, progress);
            Status ok = copied ? db.exec("COMMIT") : Status(std::unexpected(copied.error()));
            if (!ok) {
                (void)db.exec("ROLLBACK");
                return ok;
            }
            report.texts = *copied;
            return {};
        });
        if (!rebuilt) return std::unexpected(rebuilt.error());
        report.textsRebuilt = true;
    }
    // VACUUM builds its copy as a temporary database: in memory (the workspace's temp_store), a
    // copy of a 2.7 GB workspace took its size in RAM. On disk, beside the other temporary files.
    if (progress) progress("vacuum", 0);
    Status vacuumed = db.exec("PRAGMA temp_store = FILE");
    if (vacuumed) vacuumed = db.exec("VACUUM");
    if (vacuumed) vacuumed = db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    Status restored = db.exec("PRAGMA temp_store = MEMORY");
    if (!vacuumed || !restored) return std::unexpected(!vacuumed ? vacuumed.error() : restored.error());
    if (progress) progress("vacuum", 1);
    report.bytesAfter = fileBytes(db.path());
    return report;
}

} // namespace baton::core
