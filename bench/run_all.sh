#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Runs every benchmark side by side against its reference, in one batch (so ratios hold on a
# shared machine), repeated, and writes docs/benchmarks.md: min / median / max, the machine and
# its load. Not a test: nothing here asserts a time.
#
#   bash bench/run_all.sh [--build DIR] [--reps N] [--out FILE] [--tiny]
#
# --build  a build with baton-cli and the bench targets (default build/release)
# --tiny   every benchmark once at a tiny size (CI, so none rots); writes to a temp file
#          unless --out is given
# The `openai` Node SDK is installed with npm into $BATON_BENCH_CACHE (default
# ~/.cache/baton-bench), outside the repository, when missing; without node it is skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
build=build/release reps=3 out="" tiny=0
while [ $# -gt 0 ]; do
    case $1 in
    --build) build=$2; shift 2 ;;
    --reps) reps=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --tiny) tiny=1; shift ;;
    *) echo "usage: $0 [--build DIR] [--reps N] [--out FILE] [--tiny]" >&2; exit 2 ;;
    esac
done
cli=$build/app/baton-cli
for exe in "$cli" "$build/bench/bench_raw_curl" "$build/bench/bench_log_writes" "$build/bench/baton_router_bench"; do
    [ -x "$exe" ] || { echo "run_all: $exe is missing; build it first (cmake --build $build)" >&2; exit 1; }
done
tmp=$(mktemp -d)
source bench/bench_sim.sh

if [ $tiny = 1 ]; then
    reps=1 per_category=3 log_rows=2000 wrk_seconds=1 wrk_big=100 micro_time=0.001
    router_args=(--items 1000 --models 4 --infer-models 20 --queries 500)
    out=${out:-$tmp/benchmarks.md}
else
    per_category=50 log_rows=20000 wrk_seconds=5 wrk_big=1000 micro_time=0.2
    router_args=(--items 100000 --models 10 --infer-models 20 --queries 10000)
    out=${out:-docs/benchmarks.md}
fi
body=$root/bench/data/chat_body.json
export BATON_BENCH_BODY=$body

field() { sed -n "s/.*\"$2\": *\"\{0,1\}\([^,\"}]*\).*/\1/p" <<< "$1"; }
# min / median / max of the numbers given
stats() { printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {printf "%.4g / %.4g / %.4g", v[1], v[int((NR+1)/2)], v[NR]}'; }
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
# user+sys CPU seconds of a command; its stdout goes to $tmp/last.out
cpu_of() {
    local TIMEFORMAT='%U %S'
    { time "$@" > "$tmp/last.out" 2> "$tmp/last.err"; } 2> "$tmp/time"
    awk '{print $1 + $2}' "$tmp/time"
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
"$cli" demo tasks --per-category $per_category --out "$tmp/tasks.jsonl" 2> /dev/null
start_bench_sim run_all bench/data/sim_profile.json "$tmp/tasks.jsonl"
calls=$((per_category * 6 * 6))

node_dir=${BATON_BENCH_CACHE:-$HOME/.cache/baton-bench}/node
have_node=0
if command -v node > /dev/null && command -v npm > /dev/null; then
    if [ ! -d "$node_dir/node_modules/openai" ]; then
        mkdir -p "$node_dir"
        npm install --prefix "$node_dir" --no-audit --no-fund --silent openai@4 > /dev/null 2>&1 || true
    fi
    if [ -d "$node_dir/node_modules/openai" ]; then
        cp bench/node/openai_sdk.mjs "$node_dir/"
        have_node=1
    fi
fi

declare -A cpu_us p50 p99 open_ms wrk wrk_err log log_rate router
add() { eval "$1[\"$2\"]+=\"$3 \""; }
for rep in $(seq "$reps"); do
    echo "run_all: round $rep of $reps" >&2
    for k in 1 64 256; do # 1 in flight: the latency a call adds with no queue in front of it
        [ $tiny = 1 ] && [ $k = 256 ] && continue
        j=$("$build/bench/bench_raw_curl" "$base/chat/completions" "$body" $calls $k)
        add cpu_us "raw@$k" "$(field "$j" cpu_us_per_call)"
        add p50 "raw@$k" "$(field "$j" p50_us)"
        add p99 "raw@$k" "$(field "$j" p99_us)"
        for per in default $k; do
            db=$tmp/run-$rep-$k-$per.db
            opts=(--concurrency $k)
            [ $per != default ] && opts+=(--per-model $per)
            cpu=$(cpu_of "$cli" run --pool "$tmp/pool.json" --tasks "$tmp/tasks.jsonl" --db "$db" --yes --no-cache \
                "${opts[@]}" --json)
            n=$(field "$(cat "$tmp/last.out")" http_requests)
            add cpu_us "baton@$k/per-model-$per" "$(awk -v c="$cpu" -v n="$n" 'BEGIN {print c * 1e6 / (n ? n : 1)}')"
            # Latency as the engine logs it (request sent to response read, in ms with us digits).
            for q in 50 99; do
                add p$q "baton@$k/per-model-$per" "$(sqlite3 -readonly "$db" "SELECT printf('%.1f', latency_ms * 1000) FROM calls
                    ORDER BY latency_ms LIMIT 1 OFFSET (SELECT (COUNT(*) - 1) * $q / 100 FROM calls)")"
            done
        done
        if [ $k = 1 ]; then
            # The fair baseline for latency: the raw loop sending the bodies Baton sent (the simulator
            # works harder on them than on the fixed body: longer prompts and replies).
            sqlite3 -readonly "$tmp/run-$rep-1-default.db" "SELECT substr(t.body, instr(t.body, char(10)) + 1)
                FROM calls c JOIN call_texts t ON t.hash = c.request_hash ORDER BY c.id" > "$tmp/bodies.jsonl"
            j=$("$build/bench/bench_raw_curl" "$base/chat/completions" "$tmp/bodies.jsonl" $calls 1)
            add cpu_us "raw@1/batons-bodies" "$(field "$j" cpu_us_per_call)"
            add p50 "raw@1/batons-bodies" "$(field "$j" p50_us)"
            add p99 "raw@1/batons-bodies" "$(field "$j" p99_us)"
        fi
        if [ $have_node = 1 ]; then
            j=$(node "$node_dir/openai_sdk.mjs" "$base" "$body" $calls $k)
            add cpu_us "node@$k" "$(field "$j" cpu_us_per_call)"
            add p50 "node@$k" "$(field "$j" p50_us)"
            add p99 "node@$k" "$(field "$j" p99_us)"
        fi
    done
    # Opening a workspace and reporting on it (the 64-in-flight run's database).
    db=$tmp/run-$rep-64-default.db
    add open_ms runs "$(awk -v c="$(cpu_of "$cli" runs --db "$db")" 'BEGIN {print c * 1000}')"
    add open_ms report "$(awk -v c="$(cpu_of "$cli" report 1 --db "$db" --json)" 'BEGIN {print c * 1000}')"

    for c in 64 $wrk_big; do
        wrk -t2 -c$c -d${wrk_seconds}s -s bench/wrk/chat.lua "$base/chat/completions" > "$tmp/wrk.out" 2>&1 || true
        add wrk "$c" "$(awk '/Requests\/sec/ {print $2}' "$tmp/wrk.out")"
        add wrk_err "$c" "$(awk '/Non-2xx|Socket errors/ {n++} END {print n + 0}' "$tmp/wrk.out")"
    done

    j=$("$build/bench/bench_log_writes" "$tmp/log-$rep.db" $log_rows)
    add log "baton" "$(field "$j" cpu_us_per_call)"
    add log_rate "baton" "$(field "$j" calls_per_s)"
    for variant in "sequential" "hashed" "hashed 512"; do
        name=${variant// /-}
        "$build/bench/bench_log_writes" "$tmp/bulk-$rep-$name.db" 0 > /dev/null
        j=$(bash bench/sqlite_bulk_insert.sh "$tmp/bulk-$rep-$name.db" $log_rows $variant)
        add log "sqlite3-$name" "$(field "$j" cpu_us_per_call)"
    done

    j=$("$build/bench/baton_router_bench" "${router_args[@]}")
    for f in router_infer_us_per_item knn_infer_us_per_item train_logistic_s train_mf_s knn_index_s; do
        add router "$f" "$(field "$j" $f)"
    done
    router_sizes="$(field "$j" items) items x $(field "$j" models) models; inference over $(field "$j" infer_models) models, kNN over $(field "$j" knn_index_items) training prompts"
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

micro=""
if [ -x "$build/bench/bench_micro" ]; then
    micro=$("$build/bench/bench_micro" --benchmark_min_time=$micro_time 2> /dev/null | grep -v '^\(---\|Run on\|CPU Caches\|  L\|Load Average\)' || true)
fi

ratio() { awk -v a="$(median ${cpu_us[$1]})" -v b="$(median ${cpu_us[$2]})" 'BEGIN {if (b > 0) printf "%.2f", a / b; else print "-"}'; }
{
    echo "# Benchmarks"
    echo
    echo "Written by \`bash bench/run_all.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC') from $(git rev-parse --short HEAD 2> /dev/null || echo '?')"
    echo "($( [ $tiny = 1 ] && echo 'tiny sizes, ' )$reps round(s); each figure min / median / max over the rounds)."
    echo "Machine: $(nproc) CPU(s), $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1); load average $load_before before, $load_after after."
    grep -qi 'CMAKE_BUILD_TYPE:STRING=Debug' "$build/CMakeCache.txt" 2> /dev/null &&
        echo "**A debug build (-O0):** Baton's own code is several times slower than in a release build; read the ratios with that in mind." && echo
    echo "Build: \`$build\`. Every client talks to the same \`baton-cli sim serve\` process (time scale 0, no faults) on loopback;"
    echo "CPU is the client process's own (user + system), so the server is not counted."
    echo
    echo "## Engine: CPU per call ($calls calls per round)"
    echo
    echo "| client | CPU us per call | p50 / p99 latency us (median round) | calls per CPU-second vs raw libcurl |"
    echo "|---|---|---|---|"
    for key in $(printf '%s\n' "${!cpu_us[@]}" | sort); do
        k=${key#*@}; k=${k%%/*}
        echo "| $key | $(stats ${cpu_us[$key]}) | ${p50[$key]:+$(median ${p50[$key]}) / $(median ${p99[$key]})} | $(ratio raw@$k $key) |"
    done
    echo
    echo "## Simulator (wrk, ${wrk_seconds} s, 2 threads)"
    echo
    echo "| connections | requests per second | rounds with errors |"
    echo "|---|---|---|"
    for c in 64 $wrk_big; do echo "| $c | $(stats ${wrk[$c]}) | $(printf '%s\n' ${wrk_err[$c]} | awk '$1 > 0 {n++} END {print n + 0}') |"; done
    echo
    echo "## Call-log writes ($log_rows calls, each with two texts)"
    echo
    echo "| writer | CPU us per call | calls per second |"
    echo "|---|---|---|"
    echo "| Baton StoreWriter (WAL, synchronous=NORMAL, group commit) | $(stats ${log[baton]}) | $(stats ${log_rate[baton]}) |"
    echo "| sqlite3 CLI, one bulk INSERT ... SELECT, text keys in insertion order | $(stats ${log[sqlite3-sequential]}) | |"
    echo "| sqlite3 CLI, the same with each text keyed by its hash (as Baton's) | $(stats ${log[sqlite3-hashed]}) | |"
    echo "| sqlite3 CLI, the same committed every 512 calls (as Baton's writer under load) | $(stats ${log[sqlite3-hashed-512]}) | |"
    echo
    echo "## Workspace (the 64-in-flight run's database, CPU ms)"
    echo
    echo "| command | CPU ms |"
    echo "|---|---|"
    echo "| \`baton-cli runs\` (open + list) | $(stats ${open_ms[runs]}) |"
    echo "| \`baton-cli report 1 --json\` | $(stats ${open_ms[report]}) |"
    echo
    echo "## Learned router vs kNN ($router_sizes)"
    echo
    echo "| measure (CPU time) | learned router | kNN (similarity) |"
    echo "|---|---|---|"
    echo "| inference, us per item (target <= 50 for the router) | $(stats ${router[router_infer_us_per_item]}) | $(stats ${router[knn_infer_us_per_item]}) |"
    echo "| training, s (target < 30 for 100k x 10) | logistic $(stats ${router[train_logistic_s]}); mf $(stats ${router[train_mf_s]}) | index $(stats ${router[knn_index_s]}) |"
    if [ -n "$micro" ]; then
        echo
        echo "## Micro-benchmarks (Google Benchmark)"
        echo
        echo '```'
        echo "$micro"
        echo '```'
    fi
    echo
    bash bench/coordinator_training.sh --build "$build" $( [ $tiny = 1 ] && echo --tiny )
    echo
    bash bench/task_import.sh --build "$build" $( [ $tiny = 1 ] && echo --tiny )
    echo
    bash bench/big_workspace.sh --build "$build" $( [ $tiny = 1 ] && echo --tiny )
    echo
    bash bench/run_memory.sh --build "$build" $( [ $tiny = 1 ] && echo --tiny )
    echo
    bash bench/sse_streams.sh --build "$build" $( [ $tiny = 1 ] && echo --tiny )
} > "$out"
echo "run_all: wrote $out" >&2
