#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# A workspace of one 1M-call run (bench_make_big_run: the demo pool's baselines and strategies,
# every record a real run writes), then: opening it (`baton-cli runs`), reporting on it
# (`baton-cli report 1 --json`), each with CPU, wall time and peak RSS; next to the references
# measured in the same run: the sqlite3 CLI running the report's GROUP BY over the same calls
# table, and `baton-cli runs` on a tiny workspace. Then the workbench on it (bench_gui_big_run,
# offscreen, when built): opening the run and scrolling the Inspector's item list, next to a naive
# QStandardItemModel of the same rows. Prints a Markdown section. Not a test: nothing here
# asserts a time.
#
#   bash bench/big_workspace.sh [--build DIR] [--calls N] [--reps N] [--keep FILE | --use FILE] [--tiny]
#
# --tiny: 2,000 calls, one round (CI, so it does not rot); else 1,000,000 calls, 3 rounds.
# --keep FILE: write the big workspace to FILE and keep it; --use FILE: measure one made so before.
set -euo pipefail
cd "$(dirname "$0")/.."
build=build/release calls=1000000 reps=3 keep="" use=""
while [ $# -gt 0 ]; do
    case $1 in
    --build) build=$2; shift 2 ;;
    --calls) calls=$2; shift 2 ;;
    --reps) reps=$2; shift 2 ;;
    --keep) keep=$2; shift 2 ;;
    --use) use=$2; shift 2 ;;
    --tiny) calls=2000 reps=1; shift ;;
    *) echo "usage: $0 [--build DIR] [--calls N] [--reps N] [--keep FILE] [--tiny]" >&2; exit 2 ;;
    esac
done
cli=$build/app/baton-cli rss=$build/bench/bench_peak_rss make=$build/bench/bench_make_big_run
for exe in "$cli" "$rss" "$make"; do
    [ -x "$exe" ] || { echo "big_workspace: $exe is missing; build it first" >&2; exit 1; }
done
command -v sqlite3 > /dev/null || { echo "big_workspace: the sqlite3 CLI is missing (packaging/install-deps.sh)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
big=${use:-${keep:-$tmp/big.db}}
if [ -n "$use" ]; then
    [ -f "$use" ] || { echo "big_workspace: $use does not exist" >&2; exit 1; }
    n=$(sqlite3 "$use" "SELECT COUNT(*) FROM calls WHERE run_id = 1") items=$(sqlite3 "$use" "SELECT item_count FROM task_sets ORDER BY id DESC LIMIT 1")
    echo "{\"run\": 1, \"items\": $items, \"jobs\": $(sqlite3 "$use" "SELECT COUNT(*) FROM outcomes WHERE run_id = 1"), \"calls\": $n}" > "$tmp/make.out"
    echo '{"wall_s": 0, "exit": 0}' > "$tmp/make.json"
else
    rm -f "$big" "$big-wal" "$big-shm"
    "$rss" "$tmp/make.json" "$make" "$big" --calls "$calls" > "$tmp/make.out"
    grep -q '"exit": 0' "$tmp/make.json" || { echo "big_workspace: bench_make_big_run failed" >&2; cat "$tmp/make.out" >&2; exit 1; }
fi
"$make" "$tmp/tiny.db" --calls 20 > /dev/null
made=$(sed -n 's/.*"calls": \([0-9]*\).*/\1/p' "$tmp/make.out")
items=$(sed -n 's/.*"items": \([0-9]*\).*/\1/p' "$tmp/make.out")
jobs=$(sed -n 's/.*"jobs": \([0-9]*\).*/\1/p' "$tmp/make.out")
db_mb=$(awk -v b="$(stat -c %s "$big")" 'BEGIN {printf "%.0f", b / 1e6}')

# The report's fold of the calls, as one SQL statement for the sqlite3 CLI.
group_by="SELECT strategy, role, status, finish_reason, cache_hit, cost_pico IS NOT NULL, COUNT(*), COALESCE(SUM(cost_pico), 0),
  COALESCE(SUM(COALESCE(input_tokens, 0) + COALESCE(cached_input_tokens, 0) + COALESCE(cache_write_tokens, 0)
  + COALESCE(output_tokens, 0) + COALESCE(reasoning_tokens, 0)), 0) FROM calls WHERE run_id = 1 GROUP BY 1, 2, 3, 4, 5, 6;"

measure() { # NAME COMMAND...: appends wall, CPU and RSS to $tmp/NAME.tsv
    local name=$1
    shift
    "$rss" "$tmp/$name.json" "$@" > "$tmp/$name.out" 2> "$tmp/$name.err"
    grep -q '"exit": 0' "$tmp/$name.json" || { echo "big_workspace: $name failed:" >&2; cat "$tmp/$name.err" >&2; exit 1; }
    sed -n 's/.*"wall_s": \([0-9.]*\), "max_rss_kb": \([0-9]*\), "cpu_s": \([0-9.]*\).*/\1 \3 \2/p' "$tmp/$name.json" >> "$tmp/$name.tsv"
}
# One pass first, so every measure reads the file from the page cache (not the disk).
cat "$big" > /dev/null
for _ in $(seq "$reps"); do
    measure runs "$cli" runs --db "$big"
    measure tiny_runs "$cli" runs --db "$tmp/tiny.db"
    measure report "$cli" report 1 --db "$big" --json
    measure sqlite3 sqlite3 "$big" "$group_by"
done
grep -q '"best_single"' "$tmp/report.out" || { echo "big_workspace: the report has no best single model" >&2; exit 1; }

row() { # LABEL NAME: median wall, CPU and max RSS over the rounds
    sort -g "$tmp/$2.tsv" | awk -v label="$1" '{w[NR]=$1; c[NR]=$2; if ($3 > r) r = $3} END {
        m = int((NR + 1) / 2); printf "| %s | %.1f | %.1f | %.1f |\n", label, w[m] * 1000, c[m] * 1000, r / 1024 }'
}
echo "## A workspace of one ${made}-call run ($items items, $jobs jobs, $db_mb MB)"
echo
echo "Written by \`bench_make_big_run\`$( [ -z "$use" ] && echo " in $(sed -n 's/.*"wall_s": \([0-9.]*\).*/\1/p' "$tmp/make.json") s") (the demo pool: six baselines and four strategies"
echo "on every item, with texts, costs some of them unknown, latencies, grades and routing nodes). Median of $reps round(s);"
echo "the file is in the page cache; RSS is the peak over the rounds."
echo
echo "| command | wall ms | CPU ms | peak RSS MB |"
echo "|---|---|---|---|"
row "\`baton-cli runs\` (open + list) on it" runs
row "reference: \`baton-cli runs\` on a 20-call workspace" tiny_runs
row "\`baton-cli report 1 --json\`" report
row "reference: sqlite3 CLI, the report's GROUP BY over the calls" sqlite3
echo
echo "Targets (issue 15): a 1M-call run reports in < 2 s with < 500 MB; opening a workspace does not"
echo "depend on its size (< 20 ms at 1M calls)."

gui=$build/bench/bench_gui_big_run
if [ -x "$gui" ]; then
    QT_QPA_PLATFORM=offscreen "$rss" "$tmp/gui.json" "$gui" "$big" > "$tmp/gui.out" 2> "$tmp/gui.err" ||
        { echo "big_workspace: bench_gui_big_run failed:" >&2; cat "$tmp/gui.err" >&2; exit 1; }
    grep -q '"exit": 0' "$tmp/gui.json" || { echo "big_workspace: bench_gui_big_run failed:" >&2; cat "$tmp/gui.err" >&2; exit 1; }
    g=$(cat "$tmp/gui.out")
    f() { sed -n "s/.*\"$1\": \([0-9.]*\).*/\1/p" <<< "$g"; }
    echo
    echo "### The workbench on it (offscreen, 1600x1000, one round)"
    echo
    echo "The main window opens run 1 (one strategy's grades read off the GUI thread and its items listed in the Inspector, then every grade read and the report built off the GUI thread and shown),"
    echo "then the Inspector's list of $(f items) items is scrolled from top to bottom a page at a time; the"
    echo "reference is a QStandardItemModel holding the same rows in a QListView of the same size, in the same process."
    echo
    echo "| measure | Baton (chunked ItemListModel) | naive QStandardItemModel |"
    echo "|---|---|---|"
    echo "| open the run until the Inspector's first rows are painted, ms | $(f first_rows_ms) (items listed after $(f open_ms)) | $(f naive_first_rows_ms) (fill + show; no run read) |"
    echo "| the report shown on Results (built off the GUI thread after the items are listed), ms | $(f report_ms) | |"
    echo "| longest GUI-thread stall from the open until the report is shown, ms | $(f open_stall_ms) | |"
    echo "| the cost charts drawn (every call read, after the run is shown), ms | $(f costs_ms) | |"
    echo "| scrolling top to bottom: worst / median page step, ms | $(f scroll_worst_ms) / $(f scroll_median_ms) ($(f scroll_steps) steps) | $(f naive_scroll_worst_ms) / $(f naive_scroll_median_ms) ($(f naive_scroll_steps) steps) |"
    echo "| peak RSS of the process, MB | $(sed -n 's/.*"max_rss_kb": \([0-9]*\).*/\1/p' "$tmp/gui.json" | awk '{printf "%.0f", $1 / 1024}') (both) | |"
    echo
    echo "Target (issue 14): a run of 1M logged calls opens in < 1 s and the Inspector scrolls without a stall."
fi
