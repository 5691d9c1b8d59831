// SPDX-License-Identifier: MIT
#include "store/task_set_store.h"
#include "store/schema_layout.h"
#include "store/task_set_writer.h"

#include <algorithm>

namespace baton::core {
namespace {

/// A read or write stopped by its stop token (a window closing meanwhile), as forEachCallCost says it.
Error stopped() {
    return Error{ErrorKind::Internal, "stopped", {}};
}

/// The sets' rows only: no item is read (the categories of listTaskSets scan every item).
Result<std::vector<TaskSetSummary>> setRows(SqliteDb& db) {
    auto stmt =
        db.prepare("SELECT id, name, content_hash, source, item_count, imported_at_ms FROM task_sets ORDER BY id");
    if (!stmt) return std::unexpected(stmt.error());
    std::vector<TaskSetSummary> out;
    Result<bool> row;
    while ((row = stmt->step()) && *row)
        out.push_back({stmt->columnInt(0),
                       stmt->columnText(1),
                       stmt->columnText(2),
                       stmt->columnText(3),
                       stmt->columnInt(4),
                       stmt->columnInt(5),
                       {}});
    if (!row) return std::unexpected(row.error());
    return out;
}

Result<TaskSetSummary> resolve(SqliteDb& db, const std::string& selector) {
    auto sets = setRows(db);
    if (!sets) return std::unexpected(sets.error());
    std::vector<TaskSetSummary> matches;
    for (const auto& s : *sets) {
        bool byId = std::to_string(s.id) == selector;
        bool byHash = selector.size() >= 6 && s.contentHash.rfind(selector, 0) == 0;
        if (byId || byHash || s.name == selector) matches.push_back(s);
    }
    if (matches.empty())
        return fail(ErrorKind::NotFound, "no task set \"" + selector + "\" in " + db.path() +
                                             "; list them with `baton-cli tasks show --db " + db.path() + "`");
    if (matches.size() > 1)
        return fail(ErrorKind::BadInput, "\"" + selector + "\" names " + std::to_string(matches.size()) +
                                             " task sets; use the id or the content hash instead");
    return matches.front();
}

} // namespace

Result<SavedTaskSet> saveTaskSet(SqliteDb& db, const TaskSet& set, const std::string& source, int64_t nowMs,
                                 std::stop_token stop) {
    auto existing = db.prepare("SELECT id FROM task_sets WHERE content_hash = ?");
    if (!existing) return std::unexpected(existing.error());
    existing->bind(1, set.contentHash());
    auto row = existing->step();
    if (!row) return std::unexpected(row.error());
    if (*row) return SavedTaskSet{existing->columnInt(0), true};
    existing->reset();

    auto writer = TaskSetWriter::begin(db, set.name, set.defaultGrader, source, nowMs, WriterCache::Usual);
    if (!writer) return std::unexpected(writer.error());
    for (const auto& item : set.items) {
        if (stop.stop_requested()) return std::unexpected(stopped()); // the writer rolls back
        auto earlier = (*writer)->add(item);
        if (!earlier) return std::unexpected(earlier.error());
        if (*earlier)
            return fail(ErrorKind::BadInput, "task set \"" + set.name + "\": the id \"" + item.id +
                                                 "\" is used twice (items " + std::to_string(**earlier + 1) +
                                                 " and " + std::to_string((*writer)->items() + 1) + ")");
    }
    if (stop.stop_requested()) return std::unexpected(stopped());
    return (*writer)->finish();
}

Result<std::vector<TaskSetSummary>> listTaskSets(SqliteDb& db) {
    auto sets = setRows(db);
    if (!sets) return std::unexpected(sets.error());
    auto& out = *sets;
    Result<bool> row;
    auto cats =
        db.prepare("SELECT category, COUNT(*) FROM items WHERE task_set_id = ? GROUP BY category ORDER BY category");
    if (!cats) return std::unexpected(cats.error());
    for (auto& s : out) {
        cats->bind(1, s.id);
        while ((row = cats->step()) && *row)
            s.categories[cats->columnText(0)] = cats->columnInt(1);
        if (!row) return std::unexpected(row.error());
        cats->reset();
    }
    return out;
}

namespace {

/// The query of an item's columns, up to its WHERE. An item holds its messages since schema 14;
/// a read-only copy of an older workspace, read as it is (Workspace::openForReading), finds them
/// in `texts` by the item's messages_hash.
Result<std::string> itemColumns(SqliteDb& db) {
    auto inRow = hasColumn(db, "items", "messages");
    if (!inRow) return std::unexpected(inRow.error());
    if (*inRow) return "SELECT item_id, category, messages, references_json, grader, metadata FROM items i ";
    return "SELECT i.item_id, i.category, t.body, i.references_json, i.grader, i.metadata "
           "FROM items i LEFT JOIN texts t ON t.hash = i.messages_hash ";
}

/// One row of itemColumns(). Errors: BadInput for an item whose messages are gone (an older
/// workspace, damaged, read as it is): it was left out without a word, so a set showed 4 of 5.
Result<TaskItem> readItem(const Statement& row, JsonReader& reader) {
    if (row.columnIsNull(2))
        return fail(ErrorKind::BadInput, "item \"" + row.columnText(0) + "\" has lost its messages (their text is not "
                                         "in the workspace, which is damaged); `baton-cli db check` says more");
    TaskItem item;
    item.id = row.columnText(0);
    item.category = row.columnText(1);
    for (const auto& m : nlohmann::json::parse(row.columnText(2)))
        item.messages.push_back({m.at("role").get<std::string>(), m.at("content").get<std::string>()});
    item.references = nlohmann::json::parse(row.columnText(3)).get<std::vector<std::string>>();
    if (!row.columnIsNull(4)) item.grader = readGraderSpec(reader, nlohmann::json::parse(row.columnText(4)), "");
    item.metadata = nlohmann::json::parse(row.columnText(5));
    return item;
}

Result<TaskSet> loadItems(SqliteDb& db, int64_t id, int64_t limit, std::stop_token stop = {}) {
    auto head = db.prepare("SELECT name, default_grader FROM task_sets WHERE id = ?");
    if (!head) return std::unexpected(head.error());
    head->bind(1, id);
    if (auto row = head->step(); !row) return std::unexpected(row.error());
    TaskSet set;
    set.name = head->columnText(0);
    JsonReader reader("task_sets.default_grader");
    set.defaultGrader = readGraderSpec(reader, nlohmann::json::parse(head->columnText(1)), "");

    auto columns = itemColumns(db);
    if (!columns) return std::unexpected(columns.error());
    auto items = db.prepare(*columns + "WHERE i.task_set_id = ? ORDER BY i.position LIMIT ?");
    if (!items) return std::unexpected(items.error());
    items->bind(1, id).bind(2, limit);
    Result<bool> row;
    while ((row = items->step()) && *row) {
        if (set.items.size() % 1024 == 0 && stop.stop_requested()) return std::unexpected(stopped());
        auto item = readItem(*items, reader);
        if (!item) return std::unexpected(item.error());
        set.items.push_back(std::move(*item));
    }
    if (!row) return std::unexpected(row.error());
    return set;
}

} // namespace

Result<TaskSet> loadTaskSet(SqliteDb& db, const std::string& selector, std::stop_token stop) {
    auto found = resolve(db, selector);
    if (!found) return std::unexpected(found.error());
    return loadItems(db, found->id, -1, stop); // LIMIT -1: all of them
}

Result<std::map<std::string, std::string>> loadItemCategories(SqliteDb& db, const std::string& selector) {
    auto found = resolve(db, selector);
    if (!found) return std::unexpected(found.error());
    auto stmt = db.prepare("SELECT item_id, category FROM items WHERE task_set_id = ?");
    if (!stmt) return std::unexpected(stmt.error());
    stmt->bind(1, found->id);
    std::map<std::string, std::string> out;
    Result<bool> row;
    while ((row = stmt->step()) && *row)
        out.emplace(stmt->columnText(0), stmt->columnText(1));
    if (!row) return std::unexpected(row.error());
    return out;
}

Result<std::optional<TaskItem>> loadTaskItem(SqliteDb& db, const std::string& selector, const std::string& itemId) {
    auto found = resolve(db, selector);
    if (!found) return std::unexpected(found.error());
    auto columns = itemColumns(db);
    if (!columns) return std::unexpected(columns.error());
    auto stmt = db.prepare(*columns + "WHERE i.task_set_id = ? AND i.item_id = ?");
    if (!stmt) return std::unexpected(stmt.error());
    stmt->bind(1, found->id).bind(2, itemId);
    auto row = stmt->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return std::optional<TaskItem>();
    JsonReader reader("items.grader");
    auto item = readItem(*stmt, reader);
    if (!item) return std::unexpected(item.error());
    return std::optional(std::move(*item));
}

Result<TaskSetHead> loadTaskSetHead(SqliteDb& db, const std::string& selector, int64_t limit) {
    auto found = resolve(db, selector);
    if (!found) return std::unexpected(found.error());
    auto set = loadItems(db, found->id, std::max<int64_t>(limit, 0));
    if (!set) return std::unexpected(set.error());
    return TaskSetHead{*found, std::move(*set)};
}

} // namespace baton::core
