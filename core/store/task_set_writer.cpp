// SPDX-License-Identifier: MIT
#include "store/task_set_writer.h"

namespace baton::core {
namespace {

/// The content hash of a set still being written; the column is UNIQUE and one writer at a
/// time holds the workspace, so a constant is enough, and finish() replaces it.
constexpr const char* kPendingHash = "(import in progress)";

/// The page cache while a set is written, in KiB. Items are appended at the end of their table,
/// but random ids land at random places of the index of ids (task_set_id, item_id): 1M items with
/// UUID-like ids took 8.0 s with the writer's usual 8 MiB, 2 s of it the kernel copying spilled
/// pages, and 6.3 s with 64 MiB (63 against 126 MB of peak RSS); ids in order cost the same with
/// both (README, "Workspace database", schema 14). SQLite fills the cache only as pages are
/// touched, so a small import stays small.
constexpr int64_t kImportCacheKiB = 64 * 1024;

} // namespace

Result<std::unique_ptr<TaskSetWriter>> TaskSetWriter::begin(SqliteDb& db, const std::string& name,
                                                            const GraderSpec& defaultGrader,
                                                            const std::string& source, int64_t nowMs,
                                                            WriterCache cache) {
    std::unique_ptr<TaskSetWriter> writer(new TaskSetWriter(db, defaultGrader));
    if (auto ok = db.exec("SAVEPOINT task_set_writer"); !ok) return std::unexpected(ok.error());
    writer->m_open = true;
    if (cache == WriterCache::Enlarged)
        if (auto ok = writer->enlargeCache(); !ok) return std::unexpected(ok.error());
    auto insertSet = db.prepare("INSERT INTO task_sets(name, content_hash, source, default_grader, item_count, "
                                "imported_at_ms) VALUES (?, ?, ?, ?, 0, ?)");
    if (!insertSet) return std::unexpected(insertSet.error());
    insertSet->bind(1, name).bind(2, std::string_view(kPendingHash)).bind(3, source);
    insertSet->bind(4, toJson(defaultGrader).dump()).bind(5, nowMs);
    if (auto ok = insertSet->run(); !ok) return std::unexpected(ok.error());
    writer->m_setId = db.lastInsertId();
    return writer;
}

TaskSetWriter::~TaskSetWriter() {
    abandon();
}

void TaskSetWriter::abandon() {
    if (!m_open) return;
    m_open = false;
    (void)m_db.exec("ROLLBACK TO task_set_writer");
    (void)m_db.exec("RELEASE task_set_writer");
    restoreCache();
}

Status TaskSetWriter::enlargeCache() {
    auto before = m_db.queryInt("PRAGMA cache_size"); // negative: KiB; positive: pages
    if (!before) return std::unexpected(before.error());
    int64_t beforeKiB = -*before;
    if (*before > 0) {
        auto pageSize = m_db.queryInt("PRAGMA page_size");
        if (!pageSize) return std::unexpected(pageSize.error());
        beforeKiB = *before * *pageSize / 1024;
    }
    if (beforeKiB >= kImportCacheKiB) return {};
    if (auto ok = m_db.exec("PRAGMA cache_size = " + std::to_string(-kImportCacheKiB)); !ok) return ok;
    m_cacheBefore = *before;
    return {};
}

void TaskSetWriter::restoreCache() {
    if (!m_cacheBefore) return;
    (void)m_db.exec("PRAGMA cache_size = " + std::to_string(*m_cacheBefore));
    m_cacheBefore.reset();
}

Result<std::optional<int64_t>> TaskSetWriter::add(const TaskItem& item) {
    return add(item, dumpTaskItem(item)); // dumped once: its parts are stored, the whole is hashed
}

Result<std::optional<int64_t>> TaskSetWriter::add(const TaskItem& item, const TaskItemDump& dump) {
    // A new id (the fingerprint never recorded, so certainly new) is written without looking
    // for it first: the lookup was a sixth of the statements an item cost.
    if (!m_seenIds.insert(item.id)) {
        auto earlier = earlierPosition(item.id);
        if (!earlier || *earlier) return earlier;
    }
    auto insert = m_db.cached("INSERT INTO items(task_set_id, position, item_id, category, messages, "
                              "references_json, grader, metadata) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    if (!insert) return std::unexpected(insert.error());
    Statement& s = **insert;
    s.bind(1, m_setId).bind(2, static_cast<int64_t>(m_hasher.items())).bind(3, item.id);
    s.bind(4, item.category).bind(5, dump.messages).bind(6, dump.references);
    if (item.grader)
        s.bind(7, dump.grader);
    else
        s.bindNull(7);
    s.bind(8, dump.metadata);
    if (auto ok = s.run(); !ok) return std::unexpected(ok.error());
    m_hasher.addDumped(dump.whole);
    return std::nullopt;
}

Result<std::optional<int64_t>> TaskSetWriter::earlierPosition(const std::string& id) {
    auto earlier = m_db.cached("SELECT position FROM items WHERE task_set_id = ? AND item_id = ?");
    if (!earlier) return std::unexpected(earlier.error());
    (*earlier)->bind(1, m_setId).bind(2, id);
    auto row = (*earlier)->step();
    std::optional<int64_t> position;
    if (row && *row) position = (*earlier)->columnInt(0);
    (*earlier)->reset();
    if (!row) return std::unexpected(row.error());
    return position;
}

Result<SavedTaskSet> TaskSetWriter::finish() {
    std::string hash = m_hasher.finish();
    auto existing = m_db.prepare("SELECT id FROM task_sets WHERE content_hash = ?");
    if (!existing) return abandon(), std::unexpected(existing.error());
    existing->bind(1, hash);
    auto row = existing->step();
    std::optional<int64_t> presentId;
    if (row && *row) presentId = existing->columnInt(0);
    existing->reset();
    if (!row) return abandon(), std::unexpected(row.error());
    if (presentId) {
        int64_t id = *presentId;
        abandon();
        m_hash = hash;
        return SavedTaskSet{id, true};
    }
    auto update = m_db.prepare("UPDATE task_sets SET content_hash = ?, item_count = ? WHERE id = ?");
    if (!update) return abandon(), std::unexpected(update.error());
    update->bind(1, hash).bind(2, static_cast<int64_t>(m_hasher.items())).bind(3, m_setId);
    if (auto ok = update->run(); !ok) return abandon(), std::unexpected(ok.error());
    if (auto ok = m_db.exec("RELEASE task_set_writer"); !ok) return abandon(), std::unexpected(ok.error());
    m_open = false;
    restoreCache();
    m_hash = hash;
    return SavedTaskSet{m_setId, false};
}

} // namespace baton::core
