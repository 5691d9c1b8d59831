// SPDX-License-Identifier: MIT
#pragma once
// For tests that make a workspace as an older Baton wrote it: a new workspace, what later
// schemas changed undone, and its user_version set back. Run with foreign keys off.

#include <string>

namespace baton::test {

// Schema 13 undone: no call texts, and the response cache as schemas 2 to 12 made it (keyed by its
// hex key, its answers a reference to texts(hash)).
inline constexpr const char* kUndoSchema13 = "DROP TABLE call_texts; DROP TABLE response_cache; "
                                             "CREATE TABLE response_cache (key TEXT PRIMARY KEY, "
                                             "response_hash TEXT NOT NULL REFERENCES texts(hash), usage TEXT NOT NULL, "
                                             "finish_reason TEXT NOT NULL, created_at_ms INTEGER NOT NULL, "
                                             "latency_ms REAL, ttft_ms REAL) WITHOUT ROWID";

// Schema 14 undone: items name their messages by hash, a reference to texts(hash), as schemas 1 to
// 13 made them. For a workspace without items (the rows are not kept).
inline constexpr const char* kUndoSchema14 =
    "DROP TABLE items; CREATE TABLE items (task_set_id INTEGER NOT NULL REFERENCES task_sets(id) ON DELETE CASCADE, "
    "position INTEGER NOT NULL, item_id TEXT NOT NULL, category TEXT NOT NULL, "
    "messages_hash TEXT NOT NULL REFERENCES texts(hash), references_json TEXT NOT NULL, grader TEXT, "
    "metadata TEXT NOT NULL, PRIMARY KEY (task_set_id, item_id)); "
    "CREATE INDEX items_by_position ON items(task_set_id, position)";

// Schemas 14 and 13 undone, down to schema 12's tables.
inline const std::string kUndoSchemas13And14 = std::string(kUndoSchema14) + "; " + kUndoSchema13;

} // namespace baton::test
