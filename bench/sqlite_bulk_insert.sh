#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The reference for call-log writes: the sqlite3 CLI inserting N call rows (and their two texts,
# into call_texts) into a Baton workspace's own schema, with the same durability (WAL,
# synchronous=NORMAL) and the same page cache (8 MiB). Prints one JSON line with CPU per row.
#
# sqlite_bulk_insert.sh DB N [sequential|hashed] [BATCH]   (DB: a Baton workspace, e.g. made by bench_log_writes DB 0)
#
# sequential (the default): the texts' keys are 1, 2, 3, ..., so every insert lands at the end of
# the index. hashed: the texts are named by their hex SHA3-256 (the CLI's sha3(); Baton names them
# by their SHA-256) and keyed by a random 64-bit integer (Baton's key is the hash's first 8 bytes),
# so inserts land all over the index as Baton's do.
# BATCH: commit every BATCH calls (Baton's writer commits at most 512 operations, a call and its
# texts each, at a time); without it, everything is one transaction.
set -euo pipefail
db=$1
n=$2
keys=${3:-sequential}
batch=${4:-$n}
case $keys in
sequential) request="printf('%064d', i)" response="printf('r%063d', i)" request_key="i" response_key="$n + i" ;;
hashed) request="lower(hex(sha3(request, 256)))" response="lower(hex(sha3(response, 256)))"
        request_key="random()" response_key="random()" ;;
*) echo "usage: $0 DB N [sequential|hashed] [BATCH]" >&2; exit 2 ;;
esac
[[ $batch =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 DB N [sequential|hashed] [BATCH]: BATCH is a count" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The calls' texts and names, made before the clock starts (Baton's writer gets them made, too).
sqlite3 "$work/bodies.db" "CREATE TABLE bodies AS WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < $n)
  SELECT i,
    '{\"model\":\"sim/mini\",\"messages\":[{\"role\":\"user\",\"content\":\"What is ' || i || ' x 25?\"}]}' AS request,
    '{\"choices\":[{\"message\":{\"content\":\"The answer is ' || (i * 25) || '.\"}}]}' AS response FROM seq;
  ALTER TABLE bodies ADD COLUMN request_hash TEXT; ALTER TABLE bodies ADD COLUMN response_hash TEXT;
  UPDATE bodies SET request_hash = $request, response_hash = $response;"
{
    echo "PRAGMA synchronous=NORMAL; PRAGMA cache_size=-8192; ATTACH '$work/bodies.db' AS b;"
    echo "INSERT INTO runs(created_at_ms, status, pool, price_book, task_set_hash, strategies, seed, settings)
          VALUES (0, 'running', '{}', '{}', '', '[]', 1, '{}');"
    for ((lo = 1; lo <= n; lo += batch)); do
        hi=$((lo + batch - 1))
        echo "BEGIN;
INSERT INTO call_texts(key, hash, body)
  SELECT $request_key, request_hash, request FROM b.bodies WHERE i BETWEEN $lo AND $hi
  UNION ALL
  SELECT $response_key, response_hash, response FROM b.bodies WHERE i BETWEEN $lo AND $hi;
INSERT INTO calls(run_id, item_id, strategy, node_id, parent_node_id, role, model, reason_text, request_hash,
                  response_hash, status, error, attempt, input_tokens, output_tokens, cost_pico, cost_estimated,
                  maybe_billed, started_at_ms, finished_at_ms, cache_hit)
  SELECT 1, 'item-' || i, 'bulk', '0', '', 'answer', 'sim/mini', '', request_hash, response_hash, 'ok', '', 1, 120,
         40, 1000 + i, 0, 0, 0, 0, 0 FROM b.bodies WHERE i BETWEEN $lo AND $hi;
COMMIT;"
    done
} > "$work/insert.sql"
sqlite3 "$work/bodies.db" "CREATE INDEX bodies_by_i ON bodies(i)"
TIMEFORMAT='%U %S %R'
{ time sqlite3 "$db" < "$work/insert.sql" > /dev/null; } 2> "$work/time"
read -r user sys real < "$work/time"
[[ $batch == "$n" ]] && name=$keys || name=$keys-commit-$batch
awk -v k="$name" -v u="$user" -v s="$sys" -v r="$real" -v n="$n" 'BEGIN {
    cpu = u + s; if (n < 1) n = 1
    printf "{\"client\":\"sqlite3-cli-bulk-%s\",\"calls\":%d,\"wall_s\":%.4f,\"cpu_s\":%.4f,\"cpu_us_per_call\":%.2f}\n", k, n, r, cpu, cpu * 1e6 / n
}'
