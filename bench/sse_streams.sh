#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Concurrent SSE streams (issue 15: 1,000 at once, 0 dropped): `baton-cli run --stream` of the six
# bench models against a separate `baton-cli sim serve` with real latency (the bench profile at
# time scale 1: each stream lasts its model's time to first token and token rate), N calls in
# flight. Reads from the calls' own timestamps how many streams were open at once, and counts the
# streams that did not end with the model's own finish (status ok, finish reason stop or length).
# Prints a Markdown section; exits 1 if a stream was dropped. Nothing about time is asserted.
#
#   bash bench/sse_streams.sh [--build DIR] [--streams N] [--tiny]
#
# Default 1,000 streams in flight over 7,200 calls; --tiny: 60 over 180 (CI, so it does not rot).
set -euo pipefail
cd "$(dirname "$0")/.."
build=build/release streams=1000 per_category=200
while [ $# -gt 0 ]; do
    case $1 in
    --build) build=$2; shift 2 ;;
    --streams) streams=$2; shift 2 ;;
    --tiny) streams=60 per_category=5; shift ;;
    *) echo "usage: $0 [--build DIR] [--streams N] [--tiny]" >&2; exit 2 ;;
    esac
done
cli=$build/app/baton-cli
[ -x "$cli" ] || { echo "sse_streams: $cli is missing; build it first" >&2; exit 1; }
command -v sqlite3 > /dev/null || { echo "sse_streams: the sqlite3 CLI is missing (packaging/install-deps.sh)" >&2; exit 1; }
tmp=$(mktemp -d)
source bench/bench_sim.sh

sed 's/"time_scale": 0,/"time_scale": 1,/' bench/data/sim_profile.json > "$tmp/profile.json"
grep -q '"time_scale": 1,' "$tmp/profile.json" || { echo "sse_streams: could not set the time scale" >&2; exit 1; }
"$cli" demo tasks --per-category "$per_category" --out "$tmp/tasks.jsonl" > /dev/null 2>&1
start_bench_sim sse_streams "$tmp/profile.json" "$tmp/tasks.jsonl"

load=$(cut -d' ' -f1 /proc/loadavg)
TIMEFORMAT='%R %U %S'
{ time "$cli" run --pool "$tmp/pool.json" --tasks "$tmp/tasks.jsonl" --db "$tmp/w.db" --yes --no-cache --stream \
    --concurrency "$streams" --per-model "$streams" --max-cost 5000 --json > "$tmp/run.out" 2> "$tmp/run.err"; } \
    2> "$tmp/time" || { echo "sse_streams: the run failed:" >&2; tail -5 "$tmp/run.err" >&2; exit 1; }
read -r wall user sys < "$tmp/time"

q() { sqlite3 -readonly "$tmp/w.db" "$1"; }
calls=$(q "SELECT COUNT(*) FROM calls")
dropped=$(q "SELECT COUNT(*) FROM calls WHERE status <> 'ok' OR finish_reason NOT IN ('stop', 'length')")
# The most streams open at once: +1 at each start, -1 at each end, a running sum in time order
# (an end before a start at the same millisecond).
peak=$(q "WITH ev(t, d) AS (SELECT started_at_ms, 1 FROM calls UNION ALL SELECT finished_at_ms, -1 FROM calls)
          SELECT MAX(open) FROM (SELECT SUM(d) OVER (ORDER BY t, d ROWS UNBOUNDED PRECEDING) AS open FROM ev)")
ttft=$(q "SELECT printf('%.0f / %.0f', AVG(ttft_ms), MAX(ttft_ms)) FROM calls")

echo "### Concurrent SSE streams ($(date -u +%Y-%m-%d), $build, load $load)"
echo
echo "| streams asked in flight | calls | most open at once | dropped | TTFT mean / max ms | wall s | CPU s (client) |"
echo "|---|---|---|---|---|---|---|"
echo "| $streams | $calls | $peak | $dropped | $ttft | $wall | $(awk -v u="$user" -v s="$sys" 'BEGIN {print u + s}') |"
[ "$dropped" = 0 ] || { echo "sse_streams: $dropped of $calls streams did not finish" >&2; exit 1; }
