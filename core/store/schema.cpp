// SPDX-License-Identifier: MIT
#include "store/schema.h"
#include "store/hash_key.h"
#include "store/sqlite_temp_dir.h"

#include <array>
#include <chrono>
#include <sqlite3.h>

namespace baton::core {
namespace {

// Append new versions; never edit a released one. From v12 on, `texts` has one of two layouts
// with the same columns (hash, body): keyed by hash without rowid (a workspace that held texts
// before v12) or with a rowid and the unique index texts_by_hash (see v12); a later migration
// must work on both.
constexpr std::array<const char*, 14> kMigrations = {
    // v1
    R"sql(
CREATE TABLE texts (
    hash TEXT PRIMARY KEY,          -- sha256 of body
    body TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE task_sets (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    content_hash TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL,
    default_grader TEXT NOT NULL,   -- JSON
    item_count INTEGER NOT NULL,
    imported_at_ms INTEGER NOT NULL
);

CREATE TABLE items (
    task_set_id INTEGER NOT NULL REFERENCES task_sets(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    item_id TEXT NOT NULL,
    category TEXT NOT NULL,
    messages_hash TEXT NOT NULL REFERENCES texts(hash),
    references_json TEXT NOT NULL,
    grader TEXT,                    -- JSON, NULL = the set's default
    metadata TEXT NOT NULL,         -- JSON
    PRIMARY KEY (task_set_id, item_id)
);
CREATE INDEX items_by_position ON items(task_set_id, position);

CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    created_at_ms INTEGER NOT NULL,
    status TEXT NOT NULL,
    pool TEXT NOT NULL,             -- JSON snapshot
    price_book TEXT NOT NULL,       -- JSON snapshot
    task_set_hash TEXT NOT NULL,
    strategies TEXT NOT NULL,       -- JSON array
    seed INTEGER NOT NULL,
    settings TEXT NOT NULL          -- JSON
);

CREATE TABLE calls (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES runs(id),
    item_id TEXT NOT NULL,
    strategy TEXT NOT NULL,
    node_id TEXT NOT NULL,
    parent_node_id TEXT NOT NULL,
    role TEXT NOT NULL,
    model TEXT NOT NULL,
    reason_text TEXT NOT NULL,
    reason_score REAL,
    reason_threshold REAL,
    request_hash TEXT NOT NULL,
    response_hash TEXT NOT NULL,
    status TEXT NOT NULL,
    error TEXT NOT NULL,
    attempt INTEGER NOT NULL,
    http_status INTEGER,
    input_tokens INTEGER,
    cached_input_tokens INTEGER,
    cache_write_tokens INTEGER,
    output_tokens INTEGER,
    reasoning_tokens INTEGER,
    cost_pico INTEGER,              -- NULL = unknown, never 0 for unknown
    billed_cost_pico INTEGER,
    cost_estimated INTEGER NOT NULL,
    maybe_billed INTEGER NOT NULL,
    ttft_ms REAL,
    latency_ms REAL,
    started_at_ms INTEGER NOT NULL,
    finished_at_ms INTEGER NOT NULL,
    UNIQUE (run_id, item_id, strategy, node_id, attempt)
);
CREATE INDEX calls_by_item ON calls(run_id, strategy, item_id);

CREATE TABLE outcomes (
    run_id INTEGER NOT NULL REFERENCES runs(id),
    item_id TEXT NOT NULL,
    strategy TEXT NOT NULL,
    answer_hash TEXT NOT NULL,
    grade REAL,
    cost_pico INTEGER,
    latency_ms REAL,
    call_count INTEGER NOT NULL,
    status TEXT NOT NULL,
    PRIMARY KEY (run_id, strategy, item_id)
);
)sql",
    // v2: the response cache, and calls answered from it
    R"sql(
CREATE TABLE response_cache (
    key TEXT PRIMARY KEY,           -- sha256(endpoint, model, canonical request, repeat index)
    response_hash TEXT NOT NULL REFERENCES texts(hash),
    usage TEXT NOT NULL,            -- JSON TokenUsage of the original call
    finish_reason TEXT NOT NULL,
    created_at_ms INTEGER NOT NULL
) WITHOUT ROWID;
ALTER TABLE calls ADD COLUMN cache_hit INTEGER NOT NULL DEFAULT 0;
)sql",
    // v3: why a run stopped before its end (budget, cancel, the workbench closed...)
    R"sql(
ALTER TABLE runs ADD COLUMN stop_reason TEXT NOT NULL DEFAULT '';
)sql",
    // v4: the provider's finish reason of each call ('' where it was not kept: calls logged before v3)
    R"sql(
ALTER TABLE calls ADD COLUMN finish_reason TEXT NOT NULL DEFAULT '';
)sql",
    // v5: trained routers, versioned by name (the model itself as JSON in `body`)
    R"sql(
CREATE TABLE routers (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    version INTEGER NOT NULL,
    created_at_ms INTEGER NOT NULL,
    learner TEXT NOT NULL,
    features TEXT NOT NULL,         -- JSON: kind, buckets, categories
    models TEXT NOT NULL,           -- JSON array, the router's order
    calibration TEXT NOT NULL,      -- JSON: method and per-model parameters
    training_data_hash TEXT NOT NULL,
    metrics TEXT NOT NULL,          -- JSON: held-out figures, the validation curve
    parameters TEXT NOT NULL,       -- JSON: learner settings, split, lambda or target
    body TEXT NOT NULL,             -- JSON: the trained model (weights, idf, expected costs)
    UNIQUE (name, version)
);
)sql",
    // v6: learned coordinator policies, versioned workspace objects (never edited once saved)
    R"sql(
CREATE TABLE coordinator_policies (
    name TEXT NOT NULL,
    version INTEGER NOT NULL,
    tier TEXT NOT NULL,
    lambda REAL NOT NULL,
    content_hash TEXT NOT NULL,     -- sha256 of what was learnt (parameters, features, pool, lambda)
    training_data_hash TEXT NOT NULL,
    body TEXT NOT NULL,             -- JSON: the policy as exported
    created_at_ms INTEGER NOT NULL,
    PRIMARY KEY (name, version)
);
)sql",
    // v7: how long the answer took when it was first made, so that a cached answer reports it
    // (marked as cached) instead of 0, and strategies stay comparable (NULL: cached before v7)
    R"sql(
ALTER TABLE response_cache ADD COLUMN latency_ms REAL;
ALTER TABLE response_cache ADD COLUMN ttft_ms REAL;
)sql",
    // v8: the files task sets came from, by the SHA-256 of their bytes and the import options that
    // shape the items, so that importing the same file again is found without parsing it
    R"sql(
CREATE TABLE task_set_sources (
    source_key TEXT PRIMARY KEY,    -- sha256 of the file's sha256 and the options
    task_set_id INTEGER NOT NULL REFERENCES task_sets(id) ON DELETE CASCADE,
    file_sha256 TEXT NOT NULL,
    options TEXT NOT NULL,          -- JSON: format, mapping, default grader
    recorded_at_ms INTEGER NOT NULL
) WITHOUT ROWID;
)sql",
    // v9: dated price-list versions: each imported list with the date its prices were read, its
    // source, the SHA-256 of the file's bytes (the same bytes again are the same version, never a
    // second row) and the Baton price book it gave
    R"sql(
CREATE TABLE price_versions (
    id INTEGER PRIMARY KEY,
    imported_at_ms INTEGER NOT NULL,
    as_of TEXT NOT NULL,            -- YYYY-MM-DD the prices were read
    source TEXT NOT NULL,
    content_sha256 TEXT NOT NULL UNIQUE,
    model_count INTEGER NOT NULL,
    book TEXT NOT NULL              -- JSON: the price book (schema 1), every entry dated
);
)sql",
    // v10: embeddings of texts (router features), keyed by the text's SHA-256 and the embedder's
    // identity (provider, endpoint and remote model; never a key), and every embeddings request
    // made, with its tokens and cost (NULL: unknown, never 0)
    R"sql(
CREATE TABLE embedding_cache (
    text_sha256 TEXT NOT NULL,
    embedder TEXT NOT NULL,
    dims INTEGER NOT NULL,
    vector BLOB NOT NULL,           -- dims little-endian float32
    created_at_ms INTEGER NOT NULL,
    PRIMARY KEY (text_sha256, embedder)
) WITHOUT ROWID;
CREATE TABLE embedding_calls (
    id INTEGER PRIMARY KEY,
    at_ms INTEGER NOT NULL,
    embedder TEXT NOT NULL,
    model TEXT NOT NULL,            -- the pool model's name
    purpose TEXT NOT NULL,          -- e.g. "router train"
    texts INTEGER NOT NULL,
    http_status INTEGER NOT NULL,
    prompt_tokens INTEGER,          -- NULL: not reported
    cost_usd REAL,                  -- NULL: unknown
    cost_unknown_reason TEXT NOT NULL DEFAULT '',
    latency_ms REAL NOT NULL,
    error TEXT NOT NULL DEFAULT ''
);
)sql",
    // v11: each run's calls folded by what a report counts, kept by a trigger as calls are
    // logged (in the same transaction), so that a report or the run history reads a few rows per
    // run instead of every call; filled from the calls already logged
    R"sql(
CREATE TABLE call_totals (
    run_id INTEGER NOT NULL,
    strategy TEXT NOT NULL,
    role TEXT NOT NULL,
    status TEXT NOT NULL,
    finish_reason TEXT NOT NULL,
    cache_hit INTEGER NOT NULL,
    cost_known INTEGER NOT NULL,
    calls INTEGER NOT NULL,
    cost_pico INTEGER NOT NULL,     -- the sum of the known costs
    tokens INTEGER NOT NULL,        -- input + cached input + cache write + output + reasoning
    PRIMARY KEY (run_id, strategy, role, status, finish_reason, cache_hit, cost_known)
) WITHOUT ROWID;
CREATE TRIGGER calls_into_call_totals AFTER INSERT ON calls BEGIN
    INSERT INTO call_totals VALUES (NEW.run_id, NEW.strategy, NEW.role, NEW.status, NEW.finish_reason,
        NEW.cache_hit, NEW.cost_pico IS NOT NULL, 1, COALESCE(NEW.cost_pico, 0),
        COALESCE(NEW.input_tokens, 0) + COALESCE(NEW.cached_input_tokens, 0) + COALESCE(NEW.cache_write_tokens, 0) +
        COALESCE(NEW.output_tokens, 0) + COALESCE(NEW.reasoning_tokens, 0))
    ON CONFLICT DO UPDATE SET calls = calls + 1, cost_pico = cost_pico + excluded.cost_pico,
        tokens = tokens + excluded.tokens;
END;
INSERT INTO call_totals
SELECT run_id, strategy, role, status, finish_reason, cache_hit, cost_pico IS NOT NULL, COUNT(*),
    COALESCE(SUM(cost_pico), 0), COALESCE(SUM(COALESCE(input_tokens, 0) + COALESCE(cached_input_tokens, 0) +
    COALESCE(cache_write_tokens, 0) + COALESCE(output_tokens, 0) + COALESCE(reasoning_tokens, 0)), 0)
FROM calls GROUP BY 1, 2, 3, 4, 5, 6, 7;
)sql",
    // v12: texts in a rowid table with a unique index on the hash. A new text is appended at the
    // end of the table and only its hash lands at a random place in the index; in v1's table,
    // keyed by hash, the whole body did, so every text logged read and rewrote a page of bodies
    // somewhere in the table (twice the CPU per text at 400k texts). Only for a workspace without
    // texts yet (see skipsMigration): both layouts have the same columns and serve the same queries.
    R"sql(
DROP TABLE texts;
CREATE TABLE texts (
    id INTEGER PRIMARY KEY,
    hash TEXT NOT NULL,             -- sha256 of body
    body TEXT NOT NULL
);
CREATE UNIQUE INDEX texts_by_hash ON texts(hash);
)sql",
    // v13: what a run writes for every call is found by 8-byte integer keys (store/hash_key.h):
    // its two texts, in a table of their own, and its response cache entry. Both were inserted at
    // random places of indexes of 64-character hex keys (texts_by_hash, the cache's primary key),
    // which outgrew the writer's page cache past ~50k calls. Texts logged before stay in `texts`
    // and are read from there (getText looks in both); the cache is copied (baton_hash_key is
    // defined for this migration), and its answers are no longer a reference to texts(hash).
    R"sql(
CREATE TABLE call_texts (
    id INTEGER PRIMARY KEY,
    key INTEGER NOT NULL,           -- hashKey(hash)
    hash TEXT NOT NULL,             -- sha256 of body, as calls.request_hash and response_hash name it
    body TEXT NOT NULL
);
CREATE INDEX call_texts_by_key ON call_texts(key);
CREATE TABLE response_cache_v13 (
    id INTEGER PRIMARY KEY,
    key_id INTEGER NOT NULL,        -- hashKey(key)
    key TEXT NOT NULL,              -- sha256(endpoint, model, canonical request, repeat index)
    response_hash TEXT NOT NULL,    -- in call_texts (in texts if cached before v13)
    usage TEXT NOT NULL,            -- JSON TokenUsage of the original call
    finish_reason TEXT NOT NULL,
    created_at_ms INTEGER NOT NULL,
    latency_ms REAL,
    ttft_ms REAL
);
-- The index before the rows: built after them, by a sort, it held the whole cache in memory
-- (temp_store = MEMORY): 260 MB at 1M cached answers.
CREATE INDEX response_cache_by_key ON response_cache_v13(key_id);
INSERT INTO response_cache_v13 (key_id, key, response_hash, usage, finish_reason, created_at_ms, latency_ms, ttft_ms)
SELECT baton_hash_key(key), key, response_hash, usage, finish_reason, created_at_ms, latency_ms, ttft_ms
FROM response_cache;
DROP TABLE response_cache;
ALTER TABLE response_cache_v13 RENAME TO response_cache;
)sql",
    // v14: a task item holds its messages (the JSON array) in its own row. They were a text found
    // by its hash: the text's row, its 64-character hash in texts_by_hash and in the item's row,
    // and the foreign key's lookup made a 1M-item import write 405 MB and cost the sqlite3 CLI
    // 2.6x the CPU of this layout (README, "Workspace database", schema 14). The items are copied
    // with their texts; those texts stay in `texts` (a call logged before v13 may name the same
    // text). An item whose text is missing (a damaged workspace) fails the step on NOT NULL, so
    // nothing is lost.
    R"sql(
DROP INDEX items_by_position;
CREATE TABLE items_v14 (
    task_set_id INTEGER NOT NULL REFERENCES task_sets(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    item_id TEXT NOT NULL,
    category TEXT NOT NULL,
    messages TEXT NOT NULL,         -- JSON array of {role, content}
    references_json TEXT NOT NULL,
    grader TEXT,                    -- JSON, NULL = the set's default
    metadata TEXT NOT NULL,         -- JSON
    PRIMARY KEY (task_set_id, item_id)
);
-- The indexes before the rows, as in v13: built after them by a sort, they are held in memory.
CREATE INDEX items_by_position ON items_v14(task_set_id, position);
INSERT INTO items_v14
SELECT i.task_set_id, i.position, i.item_id, i.category, t.body, i.references_json, i.grader, i.metadata
FROM items i LEFT JOIN texts t ON t.hash = i.messages_hash ORDER BY i.rowid;
DROP TABLE items;
ALTER TABLE items_v14 RENAME TO items;
)sql"};

// A workspace that holds texts keeps v1's layout: rebuilding it took 39 s and 2.2 GB of memory
// on a 1M-call workspace, and left the file 1.7 GB larger until a VACUUM.
Result<bool> skipsMigration(SqliteDb& db, int version) {
    if (version != 12) return false;
    auto texts = db.queryInt("SELECT EXISTS (SELECT 1 FROM texts)");
    if (!texts) return std::unexpected(texts.error());
    return *texts != 0;
}

void hashKeyOfText(sqlite3_context* context, int, sqlite3_value** argv) {
    const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
    const int size = sqlite3_value_bytes(argv[0]);
    sqlite3_result_int64(context, hashKey(std::string_view(text ? text : "", text ? size_t(size) : 0)));
}

// SQL functions the migrations use (not kept in the schema: no index or view names them).
Status defineMigrationFunctions(SqliteDb& db) {
    int rc = sqlite3_create_function_v2(db.handle(), "baton_hash_key", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr,
                                        hashKeyOfText, nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) return std::unexpected(db.errorFor(rc, "defining the migrations' functions"));
    return {};
}

// How long a step waits for the write lock. Another process opening the same older workspace at
// the same moment holds it while it migrates (7 s for 1M items at schema 14), and SQLite's busy
// timeout alone (5 s) failed every command but the first (a hostile test: 10 of 10).
constexpr std::chrono::minutes kStepLockWait{10};

// BEGIN IMMEDIATE, tried again through the connection's own busy handler until kStepLockWait.
Status beginStep(SqliteDb& db) {
    const auto until = std::chrono::steady_clock::now() + kStepLockWait;
    for (;;) {
        auto begun = db.exec("BEGIN IMMEDIATE");
        const int rc = sqlite3_errcode(db.handle()) & 0xff;
        if (begun || (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) || std::chrono::steady_clock::now() >= until)
            return begun;
    }
}

// The error of a step that failed, with what to do: SQLite's advice, or for what a migration
// meets more than other writes, a damaged row or a full temporary folder, its own.
Error stepError(SqliteDb& db, int version) {
    const int rc = sqlite3_errcode(db.handle()) & 0xff;
    const std::string step = "could not migrate it to schema " + std::to_string(version);
    const std::string what = db.path() + ": " + step + " (" + sqlite3_errmsg(db.handle()) + ")";
    Error e;
    if (rc == SQLITE_CONSTRAINT) {
        e.kind = ErrorKind::BadInput;
        e.message = what + ": a row of it is damaged, and nothing of that step was changed. `baton-cli db check --db " +
                    db.path() + "` says which; commands that only read still read it as it is. Restore a backup to "
                    "write to it again.";
    } else if (rc == SQLITE_FULL) {
        e.kind = ErrorKind::Io;
        e.message = what + "; nothing of that step was changed. A step copies tables: free about the workspace's size "
                    "on its disk and in SQLite's temporary folder (" + sqliteTempDir().string() +
                    "; SQLITE_TMPDIR or TMPDIR when set), and try again.";
    } else {
        e = db.errorFor(rc, step);
        e.message += e.kind == ErrorKind::Internal ? "; nothing of that step was changed." : " Nothing of that step was changed.";
    }
    return e;
}

// Applies the versions after `current`, each in a transaction of its own.
Status applyMigrations(SqliteDb& db, int64_t current) {
    for (int version = static_cast<int>(current) + 1; version <= latestSchemaVersion(); ++version) {
        if (auto begun = beginStep(db); !begun) return begun;
        // Another process that opened the workspace at the same moment may have applied this
        // version while this one waited for the lock (two commands started together).
        auto now = db.queryInt("PRAGMA user_version");
        Status applied = now ? Status{} : Status{std::unexpected(now.error())};
        const bool done = now && *now >= version;
        if (applied && !done) {
            auto skipped = skipsMigration(db, version);
            if (!skipped) applied = std::unexpected(skipped.error());
            if (applied && !*skipped) applied = db.exec(kMigrations[version - 1]);
            if (applied) applied = db.exec("PRAGMA user_version = " + std::to_string(version));
        }
        if (applied) applied = db.exec("COMMIT");
        if (!applied) {
            Error e = stepError(db, version);
            (void)db.exec("ROLLBACK");
            return std::unexpected(e);
        }
    }
    return {};
}

} // namespace

int latestSchemaVersion() {
    return static_cast<int>(kMigrations.size());
}

int oldestSchemaReadAsItIs() {
    return 12;
}

Status migrate(SqliteDb& db) {
    auto current = db.queryInt("PRAGMA user_version");
    if (!current) return std::unexpected(current.error());
    if (*current > latestSchemaVersion())
        return fail(ErrorKind::BadInput, db.path() + ": written by a newer Baton (schema " + std::to_string(*current) +
                                             ", this build reads up to " + std::to_string(latestSchemaVersion()) +
                                             "); upgrade Baton to open it. The file was not changed.");
    if (*current == latestSchemaVersion()) return {};
    if (auto ok = defineMigrationFunctions(db); !ok) return ok;
    // A step's statement journal (its INSERT ... SELECT runs inside the step's transaction) goes
    // to a file in SQLite's temporary folder: in memory (temp_store = MEMORY, as a writer is
    // configured) it made the process 174 MB while schema 14 copied the items of a 1M-item
    // workspace; 28 MB with the journal (about 128 MB there) in a file.
    auto tempStore = db.queryInt("PRAGMA temp_store");
    if (!tempStore) return std::unexpected(tempStore.error());
    if (auto ok = db.exec("PRAGMA temp_store = FILE"); !ok) return ok;
    Status applied = applyMigrations(db, *current);
    Status restored = db.exec("PRAGMA temp_store = " + std::to_string(*tempStore));
    return applied ? restored : applied;
}

} // namespace baton::core
