// SPDX-License-Identifier: MIT
#pragma once
// For tests that make a workspace as an older Baton wrote it: a new workspace, what later
// schemas changed undone, and its user_version set back. Run with foreign keys off.

namespace baton::test {

// Schema 13 undone: no call texts, and the response cache as schemas 2 to 12 made it (keyed by its
// hex key, its answers a reference to texts(hash)).
inline constexpr const char* kUndoSchema13 = "DROP TABLE call_texts; DROP TABLE response_cache; "
                                             "CREATE TABLE response_cache (key TEXT PRIMARY KEY, "
                                             "response_hash TEXT NOT NULL REFERENCES texts(hash), usage TEXT NOT NULL, "
                                             "finish_reason TEXT NOT NULL, created_at_ms INTEGER NOT NULL, "
                                             "latency_ms REAL, ttft_ms REAL) WITHOUT ROWID";

} // namespace baton::test
