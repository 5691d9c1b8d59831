#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# A run's memory against its number of calls: `baton-cli run` of the demo pool (six baselines,
# strategies by-category and cheap-first, a cap of $5,000 of simulated money in place of the demo
# pool's $10) against the built-in simulator on generated demo task sets of growing size, each
# with its calls, wall and CPU time and the process's peak RSS. If the run kept what it finished,
# the peak would grow with the calls; the target (issue 15) is a flat peak (<= 150 MB at 1M calls).
# Prints a Markdown section. Not a test: nothing here asserts.
#
#   bash bench/run_memory.sh [--build DIR] [--per-category N ...] [--tiny]
#
# Default sizes: 100, 1,000 and 5,000 items per category (600 to 30,000 items); --tiny: 5 and 20.
set -euo pipefail
cd "$(dirname "$0")/.."
build=build/release sizes=()
while [ $# -gt 0 ]; do
    case $1 in
    --build) build=$2; shift 2 ;;
    --per-category) sizes+=("$2"); shift 2 ;;
    --tiny) sizes=(5 20); shift ;;
    *) echo "usage: $0 [--build DIR] [--per-category N ...] [--tiny]" >&2; exit 2 ;;
    esac
done
[ ${#sizes[@]} -gt 0 ] || sizes=(100 1000 5000)
cli=$build/app/baton-cli rss=$build/bench/bench_peak_rss
for exe in "$cli" "$rss"; do
    [ -x "$exe" ] || { echo "run_memory: $exe is missing; build it first" >&2; exit 1; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "### A run's peak memory against its calls ($(date -u +%Y-%m-%d), $build, load $(cut -d' ' -f1 /proc/loadavg))"
echo
echo "| items | calls | wall s | CPU s | peak RSS MB |"
echo "|---|---|---|---|---|"
for n in "${sizes[@]}"; do
    "$cli" demo tasks --per-category "$n" --out "$tmp/tasks-$n.jsonl" > /dev/null 2>&1
    "$rss" "$tmp/run-$n.json" "$cli" run --pool demo --tasks "$tmp/tasks-$n.jsonl" --db "$tmp/w-$n.db" \
        --strategy by-category --strategy cheap-first --no-cache --max-cost 5000 --concurrency 64 --json \
        > "$tmp/run-$n.out" 2> "$tmp/run-$n.err" || true
    grep -q '"exit": 0' "$tmp/run-$n.json" || { echo "run_memory: the run of $n per category failed:" >&2; cat "$tmp/run-$n.err" >&2; exit 1; }
    calls=$(sqlite3 "$tmp/w-$n.db" "SELECT COUNT(*) FROM calls")
    read -r wall cpu kb < <(sed -n 's/.*"wall_s": \([0-9.]*\).*"max_rss_kb": \([0-9]*\).*"cpu_s": \([0-9.]*\).*/\1 \3 \2/p' "$tmp/run-$n.json")
    printf '| %s | %s | %.1f | %.1f | %.0f |\n' "$((n * 6))" "$calls" "$wall" "$cpu" "$(awk -v k="$kb" 'BEGIN {print k / 1024}')"
    rm -f "$tmp/w-$n.db"*
done
