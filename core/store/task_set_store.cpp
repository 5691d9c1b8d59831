// SPDX-License-Identifier: MIT
#include "store/task_set_store.h"
#include "store/text_store.h"

#include <algorithm>

namespace baton::core {
namespace {

std::string messagesText(const TaskItem& item) {
    nlohmann::json messages = nlohmann::json::array();
    for (const auto& m : item.messages)
        messages.push_back(toJson(m));
    return messages.dump();
}

Result<int64_t> resolve(SqliteDb& db, const std::string& selector) {
    auto sets = listTaskSets(db);
    if (!sets) return std::unexpected(sets.error());
    std::vector<int64_t> matches;
    for (const auto& s : *sets) {
        bool byId = std::to_string(s.id) == selector;
        bool byHash = selector.size() >= 6 && s.contentHash.rfind(selector, 0) == 0;
        if (byId || byHash || s.name == selector) matches.push_back(s.id);
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

Result<SavedTaskSet> saveTaskSet(SqliteDb& db, const TaskSet& set, const std::string& source, int64_t nowMs) {
    std::string hash = set.contentHash();
    auto existing = db.prepare("SELECT id FROM task_sets WHERE content_hash = ?");
    if (!existing) return std::unexpected(existing.error());
    existing->bind(1, hash);
    auto row = existing->step();
    if (!row) return std::unexpected(row.error());
    if (*row) return SavedTaskSet{existing->columnInt(0), true};

    auto insertSet = db.prepare("INSERT INTO task_sets(name, content_hash, source, default_grader, item_count, "
                                "imported_at_ms) VALUES (?, ?, ?, ?, ?, ?)");
    if (!insertSet) return std::unexpected(insertSet.error());
    insertSet->bind(1, set.name).bind(2, hash).bind(3, source).bind(4, toJson(set.defaultGrader).dump());
    insertSet->bind(5, static_cast<int64_t>(set.items.size())).bind(6, nowMs);
    if (auto ok = insertSet->run(); !ok) return std::unexpected(ok.error());
    int64_t setId = db.lastInsertId();

    auto insertItem = db.prepare("INSERT INTO items(task_set_id, position, item_id, category, messages_hash, "
                                 "references_json, grader, metadata) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    if (!insertItem) return std::unexpected(insertItem.error());
    for (size_t i = 0; i < set.items.size(); ++i) {
        const auto& item = set.items[i];
        auto messagesHash = putText(db, messagesText(item));
        if (!messagesHash) return std::unexpected(messagesHash.error());
        insertItem->bind(1, setId).bind(2, static_cast<int64_t>(i)).bind(3, item.id).bind(4, item.category);
        insertItem->bind(5, *messagesHash).bind(6, nlohmann::json(item.references).dump());
        if (item.grader)
            insertItem->bind(7, toJson(*item.grader).dump());
        else
            insertItem->bindNull(7);
        insertItem->bind(8, item.metadata.dump());
        if (auto ok = insertItem->run(); !ok) return std::unexpected(ok.error());
    }
    return SavedTaskSet{setId, false};
}

Result<std::vector<TaskSetSummary>> listTaskSets(SqliteDb& db) {
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

Result<TaskSet> loadTaskSet(SqliteDb& db, const std::string& selector) {
    auto id = resolve(db, selector);
    if (!id) return std::unexpected(id.error());
    auto head = db.prepare("SELECT name, default_grader FROM task_sets WHERE id = ?");
    if (!head) return std::unexpected(head.error());
    head->bind(1, *id);
    if (auto row = head->step(); !row) return std::unexpected(row.error());
    TaskSet set;
    set.name = head->columnText(0);
    JsonReader reader("task_sets.default_grader");
    set.defaultGrader = readGraderSpec(reader, nlohmann::json::parse(head->columnText(1)), "");

    auto items =
        db.prepare("SELECT i.item_id, i.category, t.body, i.references_json, i.grader, i.metadata FROM items i "
                   "JOIN texts t ON t.hash = i.messages_hash WHERE i.task_set_id = ? ORDER BY i.position");
    if (!items) return std::unexpected(items.error());
    items->bind(1, *id);
    Result<bool> row;
    while ((row = items->step()) && *row) {
        TaskItem item;
        item.id = items->columnText(0);
        item.category = items->columnText(1);
        for (const auto& m : nlohmann::json::parse(items->columnText(2)))
            item.messages.push_back({m.at("role").get<std::string>(), m.at("content").get<std::string>()});
        item.references = nlohmann::json::parse(items->columnText(3)).get<std::vector<std::string>>();
        if (!items->columnIsNull(4))
            item.grader = readGraderSpec(reader, nlohmann::json::parse(items->columnText(4)), "");
        item.metadata = nlohmann::json::parse(items->columnText(5));
        set.items.push_back(std::move(item));
    }
    if (!row) return std::unexpected(row.error());
    return set;
}

} // namespace baton::core
