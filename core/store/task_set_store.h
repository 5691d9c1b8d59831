// SPDX-License-Identifier: MIT
#pragma once
/// Task sets in the workspace: saved once per content hash, listed, and loaded back (whole, or
/// the first items only).

#include "model/task_set.h"
#include "store/sqlite_db.h"

#include <map>
#include <optional>
#include <stop_token>
#include <string>
#include <vector>

namespace baton::core {

struct TaskSetSummary {
    int64_t id = 0;
    std::string name;
    std::string contentHash;
    std::string source;
    int64_t itemCount = 0;
    int64_t importedAtMs = 0;
    std::map<std::string, int64_t> categories; ///< category -> items
};

struct SavedTaskSet {
    int64_t id = 0;
    bool alreadyPresent = false; ///< the same content was imported before; nothing was written
};

/// Call inside a StoreWriter operation (one transaction). Errors: the SQLite error, translated;
/// Internal "stopped" when `stop` is requested before the set is written whole (nothing is kept).
Result<SavedTaskSet> saveTaskSet(SqliteDb& db, const TaskSet& set, const std::string& source, int64_t nowMs,
                                 std::stop_token stop = {});
Result<std::vector<TaskSetSummary>> listTaskSets(SqliteDb& db);
/// `selector`: a numeric id, a name, or a content-hash prefix of at least 6 characters.
/// Errors: NotFound naming the selector; BadInput when several sets match; Internal "stopped"
/// when `stop` is requested before the last item is read.
Result<TaskSet> loadTaskSet(SqliteDb& db, const std::string& selector, std::stop_token stop = {});

/// Item id -> category of the set: what a report needs of its items, without their texts.
/// Errors: as loadTaskSet.
Result<std::map<std::string, std::string>> loadItemCategories(SqliteDb& db, const std::string& selector);

/// One item of the set by its id, texts included (nullopt: the set has no such item): what the
/// Inspector shows of the item it opens. Errors: as loadTaskSet.
Result<std::optional<TaskItem>> loadTaskItem(SqliteDb& db, const std::string& selector, const std::string& itemId);

/// A set's row (no categories) and its first `limit` items, read with a LIMIT: what
/// `tasks show` prints, whatever the set's size.
struct TaskSetHead {
    TaskSetSummary summary;
    TaskSet firstItems; ///< name, default grader and the first items only
};
Result<TaskSetHead> loadTaskSetHead(SqliteDb& db, const std::string& selector, int64_t limit);

} // namespace baton::core
