#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Replay and import speed on 1M cells, next to the sqlite3 CLI on the same data in the same run.
# Usage: bash bench/replay_vs_sqlite.sh [BUILD_DIR]   (default build/release; build the
# baton_replay_bench target first: cmake --build build/release --target baton_replay_bench)
set -euo pipefail
build=${1:-build/release}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "== Baton (in process) =="
"$build/bench/baton_replay_bench" --items 100000 --models 10 --csv "$work/cells.csv"

echo "== sqlite3 CLI on the same 1M rows =="
now() { date +%s.%N; }
t0=$(now)
sqlite3 "$work/cells.db" <<SQL
CREATE TABLE cells (item TEXT, model TEXT, grade REAL, cost_usd REAL, latency_ms REAL);
.mode csv
.import --skip 1 $work/cells.csv cells
SQL
t1=$(now)
printf 'sqlite3 .import of 1M rows: %.3f s\n' "$(awk "BEGIN{print $t1 - $t0}")"
t0=$(now)
sqlite3 "$work/cells.db" "SELECT model, AVG(grade), AVG(cost_usd), COUNT(*) FROM cells GROUP BY model;" >/dev/null
t1=$(now)
printf 'sqlite3 per-model aggregate (GROUP BY model): %.3f s\n' "$(awk "BEGIN{print $t1 - $t0}")"
t0=$(now)
# One routing decision per item, the SQL way: the cheapest model whose judge... here: the
# per-item best grade then cheapest (the oracle), as a GROUP BY over items.
sqlite3 "$work/cells.db" "SELECT AVG(g) FROM (SELECT item, MAX(grade) AS g FROM cells GROUP BY item);" >/dev/null
t1=$(now)
printf 'sqlite3 one routing of 100k items (oracle, GROUP BY item): %.3f s\n' "$(awk "BEGIN{print $t1 - $t0}")"
