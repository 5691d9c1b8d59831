#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds the libFuzzer targets (the fuzz preset: clang-16, ASan + UBSan), replays the seed
# corpus of each, then fuzzes each for SECONDS (default 600) and prints executions and findings.
#   tools/fuzz.sh [SECONDS] [TARGET...]      CI: tools/fuzz.sh 20
#   BATON_FUZZ_RUNS=10000000 tools/fuzz.sh 0 TARGET...   a campaign of that many executions
#   per target instead of a time (issue 16's goal: 10M executions per target, 0 crashes)
# New inputs go to build/fuzz/corpus/<target> (not the repository); a crash leaves its input in
# build/fuzz/findings/<target>/ and makes the script fail. Add a minimised crash input to
# tests/fuzz/corpus/<target>/ with the fix, so that CI replays it from then on.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] ||
    targets=(pool_file task_import sse provider_response retry_after sim_profile sim_request text_checks matrix_import)
export CMAKE_CXX_COMPILER_LAUNCHER=${CMAKE_CXX_COMPILER_LAUNCHER:-ccache}
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j"${BATON_FUZZ_JOBS:-2}" --target "${targets[@]/#/fuzz_}"

failed=0
printf '%-20s %12s %10s %8s %s\n' target executions exec/s corpus findings
for t in "${targets[@]}"; do
    bin=build/fuzz/tests/fuzz/fuzz_$t
    work=build/fuzz/corpus/$t findings=build/fuzz/findings/$t
    mkdir -p "$work" "$findings"
    # Replay: every seed must pass as it is.
    "$bin" -runs=0 "tests/fuzz/corpus/$t" >"build/fuzz/$t.replay.log" 2>&1 ||
        { echo "fuzz: $t: a seed of tests/fuzz/corpus/$t fails:" >&2; tail -30 "build/fuzz/$t.replay.log" >&2; failed=1; continue; }
    log=build/fuzz/$t.log
    rc=0
    if [ -n "${BATON_FUZZ_RUNS:-}" ]; then limit=(-runs="$BATON_FUZZ_RUNS"); else limit=(-max_total_time="$seconds"); fi
    "$bin" "${limit[@]}" -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
        -artifact_prefix="$findings/" "$work" "tests/fuzz/corpus/$t" >"$log" 2>&1 || rc=$?
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
    rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
    found=$(find "$findings" -type f | wc -l)
    printf '%-20s %12s %10s %8s %s\n' "$t" "$execs" "$rate" "$(find "$work" -type f | wc -l)" "$found"
    if [ "$rc" -ne 0 ] || [ "$found" -ne 0 ]; then
        echo "fuzz: $t found a problem; see $log and $findings" >&2
        grep -m5 -E 'ERROR|SUMMARY|runtime error' "$log" >&2 || true
        failed=1
    fi
done
exit "$failed"
