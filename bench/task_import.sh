#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Task import at scale: `baton-cli tasks import` of an N-item JSONL made on the fly (items per
# second, peak RSS of the process against the file's size), the re-import of the same file, and
# `tasks show` of the set; next to the reference measured in the same run: the sqlite3 CLI
# importing the same items as CSV into one table with a primary key. Prints a Markdown section.
# Not a test: nothing here asserts a time.
#
#   bash bench/task_import.sh [--build DIR] [--items N] [--tiny]
#
# --tiny: 2,000 items (CI, so it does not rot); else 1,000,000.
set -euo pipefail
cd "$(dirname "$0")/.."
build=build/release tiny=0 items=1000000
while [ $# -gt 0 ]; do
    case $1 in
    --build) build=$2; shift 2 ;;
    --items) items=$2; shift 2 ;;
    --tiny) tiny=1 items=2000; shift ;;
    *) echo "usage: $0 [--build DIR] [--items N] [--tiny]" >&2; exit 2 ;;
    esac
done
cli=$build/app/baton-cli rss=$build/bench/bench_peak_rss
for exe in "$cli" "$rss"; do
    [ -x "$exe" ] || { echo "task_import: $exe is missing; build it first" >&2; exit 1; }
done
command -v sqlite3 > /dev/null || { echo "task_import: the sqlite3 CLI is missing (packaging/install-deps.sh)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The same items twice: JSONL for Baton, CSV for sqlite3.
awk -v n="$items" -v dir="$tmp" 'BEGIN {
    print "id,category,prompt,answer,source" > (dir "/tasks.csv")
    for (i = 1; i <= n; i++) {
        c = "c" (i % 12); p = "What is " i " times " (i % 97) "? Answer with the number only."; a = i * (i % 97)
        printf "{\"id\":\"q%d\",\"category\":\"%s\",\"prompt\":\"%s\",\"answer\":\"%d\",\"source\":\"bench\"}\n", i, c, p, a > (dir "/tasks.jsonl")
        printf "q%d,%s,%s,%d,bench\n", i, c, p, a > (dir "/tasks.csv")
    }
}'
file_bytes=$(stat -c %s "$tmp/tasks.jsonl")

measure() { # NAME COMMAND...: one JSON line in $tmp/NAME.json
    local name=$1
    shift
    "$rss" "$tmp/$name.json" "$@" > "$tmp/$name.out" 2> "$tmp/$name.err"
    grep -q '"exit": 0' "$tmp/$name.json" || { echo "task_import: $name failed:" >&2; cat "$tmp/$name.err" >&2; exit 1; }
}
measure import "$cli" tasks import "$tmp/tasks.jsonl" --db "$tmp/w.db"
measure reimport "$cli" tasks import "$tmp/tasks.jsonl" --db "$tmp/w.db"
grep -q "not read again" "$tmp/reimport.out" || { echo "task_import: the re-import was not recognised" >&2; exit 1; }
measure show "$cli" tasks show --db "$tmp/w.db" tasks
measure sqlite3 sqlite3 "$tmp/ref.db" \
    "CREATE TABLE items(id TEXT PRIMARY KEY, category TEXT, prompt TEXT, answer TEXT, source TEXT)" \
    ".import --csv --skip 1 $tmp/tasks.csv items"

num() { sed -n "s/.*\"$2\": *\([0-9.e+-]*\).*/\1/p" "$tmp/$1.json"; }
row() { # LABEL NAME ITEMS
    awk -v label="$1" -v w="$(num "$2" wall_s)" -v c="$(num "$2" cpu_s)" -v kb="$(num "$2" max_rss_kb)" -v n="$3" -v f="$file_bytes" 'BEGIN {
        rate = (n > 0 && w > 0) ? sprintf("%.0f", n / w) : ""
        crate = (n > 0 && c > 0) ? sprintf("%.0f", n / c) : ""
        printf "| %s | %.3f | %s | %.3f | %s | %.1f | %.2f |\n", label, w, rate, c, crate, kb / 1024, kb * 1024 / f
    }'
}
echo "## Task import ($items items, JSONL of $(awk -v b="$file_bytes" 'BEGIN {printf "%.1f", b / 1e6}') MB)"
echo
echo "| what | wall s | items per wall s | CPU s | items per CPU s | peak RSS MB | peak RSS / file size |"
echo "|---|---|---|---|---|---|---|"
row "\`baton-cli tasks import\` (new workspace)" import "$items"
row "the same file again (recognised by its SHA-256)" reimport 0
row "\`baton-cli tasks show SET\` (20 rows)" show 0
row "reference: sqlite3 CLI \`.import\` of the same items as CSV" sqlite3 "$items"
echo
echo "Targets (issue 16): peak RSS <= 4x the file, >= 100k items/s, the re-import < 1 s. CPU is the"
echo "process's own (user + system; the import's writer thread included), the figure to read on a shared machine."
