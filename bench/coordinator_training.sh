#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Coordinator training: wall time and simulator calls of `baton-cli coordinator train` (ultra)
# on the demo, next to the reference measured in the same run: one `baton-cli run` of the same
# pool's baselines over the same items (every model once per item). Prints a Markdown section.
# Not a test: nothing here asserts a time.
#
#   bash bench/coordinator_training.sh [--build DIR] [--tiny]
#
# --tiny: 4 items per category and 2 generations (CI, so it does not rot); else the 300-item demo.
set -euo pipefail
cd "$(dirname "$0")/.."
build=build/release tiny=0
while [ $# -gt 0 ]; do
    case $1 in
    --build) build=$2; shift 2 ;;
    --tiny) tiny=1; shift ;;
    *) echo "usage: $0 [--build DIR] [--tiny]" >&2; exit 2 ;;
    esac
done
cli=$build/app/baton-cli
[ -x "$cli" ] || { echo "coordinator_training: $cli is missing; build it first" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ $tiny = 1 ]; then per_category=4 generations=2; else per_category=50 generations=40; fi
"$cli" demo tasks --per-category $per_category --out "$tmp/tasks.jsonl" 2> /dev/null
now() { date +%s.%N; }

t0=$(now)
"$cli" run --pool demo --tasks "$tmp/tasks.jsonl" --db "$tmp/ref.db" --max-cost 100 --no-cache --json \
    > "$tmp/ref.json" 2> /dev/null
t1=$(now)
"$cli" coordinator train --pool demo --tasks "$tmp/tasks.jsonl" --db "$tmp/train.db" --tier ultra --lambda 0.5 \
    --generations $generations --max-cost 100 --json > "$tmp/train.json" 2> "$tmp/train.err"
t2=$(now)

num() { sed -n "s/.*\"$2\": *\([0-9.e+-]*\).*/\1/p" "$1" | head -1; }
ref_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.2f", b - a}')
train_s=$(awk -v a="$t1" -v b="$t2" 'BEGIN {printf "%.2f", b - a}')
items=$((per_category * 6))
echo "## Coordinator training (ultra, $items demo items, up to $generations generations)"
echo
echo "| what | wall s | HTTP requests to the simulator | calls asked | spent (simulated USD) |"
echo "|---|---|---|---|---|"
echo "| reference: \`baton-cli run\` of the 6 baselines, no cache | $ref_s | $(num "$tmp/ref.json" http_requests) | | $(num "$tmp/ref.json" spent_usd) |"
echo "| \`baton-cli coordinator train\` | $train_s | $(num "$tmp/train.json" http_requests) | $(num "$tmp/train.json" calls_asked) | $(num "$tmp/train.json" spent_usd) |"
echo
echo "Calls asked is what the rollouts asked for; all but the HTTP requests were answered from memory."
