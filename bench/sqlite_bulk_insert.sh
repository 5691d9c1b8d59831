#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The reference for call-log writes: the sqlite3 CLI inserting N call rows (and their two texts)
# in one transaction into a Baton workspace's own schema, with the same durability (WAL,
# synchronous=NORMAL). Prints one JSON line with CPU per row.
#
# sqlite_bulk_insert.sh DB N [sequential|hashed]   (DB: a Baton workspace, e.g. made by bench_log_writes DB 0)
#
# sequential (the default): the texts' keys are 000...001, 000...002, ..., so every insert lands
# at the end of the index. hashed: each key is the hex SHA3-256 of its text (the CLI's sha3()),
# as Baton keys its texts by their hex SHA-256, so inserts land all over the index as Baton's do.
# (It computes each key twice, for the texts and for the calls: a little more work than Baton.)
set -euo pipefail
db=$1
n=$2
keys=${3:-sequential}
case $keys in
sequential) request_key="printf('%064d', i)" response_key="printf('r%063d', i)" ;;
hashed) request_key="lower(hex(sha3(request, 256)))" response_key="lower(hex(sha3(response, 256)))" ;;
*) echo "usage: $0 DB N [sequential|hashed]" >&2; exit 2 ;;
esac
bodies="WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < $n),
  bodies(i, request, response) AS (SELECT i,
    '{\"model\":\"sim/mini\",\"messages\":[{\"role\":\"user\",\"content\":\"What is ' || i || ' x 25?\"}]}',
    '{\"choices\":[{\"message\":{\"content\":\"The answer is ' || (i * 25) || '.\"}}]}' FROM seq)"
sql="PRAGMA synchronous=NORMAL; BEGIN;
$bodies
INSERT OR IGNORE INTO texts(hash, body)
  SELECT $request_key, request FROM bodies
  UNION ALL
  SELECT $response_key, response FROM bodies;
INSERT INTO runs(created_at_ms, status, pool, price_book, task_set_hash, strategies, seed, settings)
  VALUES (0, 'running', '{}', '{}', '', '[]', 1, '{}');
$bodies
INSERT INTO calls(run_id, item_id, strategy, node_id, parent_node_id, role, model, reason_text, request_hash,
                  response_hash, status, error, attempt, input_tokens, output_tokens, cost_pico, cost_estimated,
                  maybe_billed, started_at_ms, finished_at_ms, cache_hit)
  SELECT last_insert_rowid(), 'item-' || i, 'bulk', '0', '', 'answer', 'sim/mini', '', $request_key,
         $response_key, 'ok', '', 1, 120, 40, 1000 + i, 0, 0, 0, 0, 0 FROM bodies;
COMMIT;"
TIMEFORMAT='%U %S %R'
{ time sqlite3 "$db" "$sql" > /dev/null; } 2> /tmp/baton-bench-sqlite-time.$$
read -r user sys real < /tmp/baton-bench-sqlite-time.$$
rm -f /tmp/baton-bench-sqlite-time.$$
awk -v k="$keys" -v u="$user" -v s="$sys" -v r="$real" -v n="$n" 'BEGIN {
    cpu = u + s; if (n < 1) n = 1
    printf "{\"client\":\"sqlite3-cli-bulk-%s\",\"calls\":%d,\"wall_s\":%.4f,\"cpu_s\":%.4f,\"cpu_us_per_call\":%.2f}\n", k, n, r, cpu, cpu * 1e6 / n
}'
