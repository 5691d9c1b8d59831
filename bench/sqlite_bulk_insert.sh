#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The reference for call-log writes: the sqlite3 CLI inserting N call rows (and their two texts)
# in one transaction into a Baton workspace's own schema, with the same durability (WAL,
# synchronous=NORMAL). Prints one JSON line with CPU per row.
#
# sqlite_bulk_insert.sh DB N   (DB: a Baton workspace, e.g. made by bench_log_writes DB 0)
set -euo pipefail
db=$1
n=$2
sql="PRAGMA synchronous=NORMAL; BEGIN;
WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < $n)
INSERT OR IGNORE INTO texts(hash, body)
  SELECT printf('%064d', i), '{\"model\":\"sim/mini\",\"messages\":[{\"role\":\"user\",\"content\":\"What is ' || i || ' x 25?\"}]}' FROM seq
  UNION ALL
  SELECT printf('r%063d', i), '{\"choices\":[{\"message\":{\"content\":\"The answer is ' || (i * 25) || '.\"}}]}' FROM seq;
INSERT INTO runs(created_at_ms, status, pool, price_book, task_set_hash, strategies, seed, settings)
  VALUES (0, 'running', '{}', '{}', '', '[]', 1, '{}');
WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < $n)
INSERT INTO calls(run_id, item_id, strategy, node_id, parent_node_id, role, model, reason_text, request_hash,
                  response_hash, status, error, attempt, input_tokens, output_tokens, cost_pico, cost_estimated,
                  maybe_billed, started_at_ms, finished_at_ms, cache_hit)
  SELECT last_insert_rowid(), 'item-' || i, 'bulk', '0', '', 'answer', 'sim/mini', '', printf('%064d', i),
         printf('r%063d', i), 'ok', '', 1, 120, 40, 1000 + i, 0, 0, 0, 0, 0 FROM seq;
COMMIT;"
TIMEFORMAT='%U %S %R'
{ time sqlite3 "$db" "$sql" > /dev/null; } 2> /tmp/baton-bench-sqlite-time.$$
read -r user sys real < /tmp/baton-bench-sqlite-time.$$
rm -f /tmp/baton-bench-sqlite-time.$$
awk -v u="$user" -v s="$sys" -v r="$real" -v n="$n" 'BEGIN {
    cpu = u + s; if (n < 1) n = 1
    printf "{\"client\":\"sqlite3-cli-bulk\",\"calls\":%d,\"wall_s\":%.4f,\"cpu_s\":%.4f,\"cpu_us_per_call\":%.2f}\n", n, r, cpu, cpu * 1e6 / n
}'
