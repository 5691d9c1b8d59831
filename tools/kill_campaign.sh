#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Kill -9 campaign (issue 16, DESIGN section 13): SIGKILL baton-cli at random moments of runs,
# resumes and task imports, then check that the workspace is intact: integrity ok, no duplicate
# call rows, no half-imported task set, and a final resume that finishes every job exactly once.
#   tools/kill_campaign.sh [KILLS]     (default 1000; CI runs 20)
# KILLS counts commands killed mid-work (ended by the SIGKILL, not before it). A finished run
# has nothing left to interrupt, so the next run round starts a new run. At most 5 x KILLS rounds.
# The kill comes at a uniform moment within a window per kind of command (new run, resume,
# import): the time the last one that finished on its own took, widened by half after each kill
# (up to 60 s), so short runs are killed too and longer ones are still reached to their end. A
# line of progress every 50 rounds.
set -euo pipefail
cd "$(dirname "$0")/.."
kills=${1:-1000}
cli=${BATON_CLI:-build/dev/app/baton-cli}
[ -x "$cli" ] || { echo "kill_campaign: no $cli; build baton-cli first" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db=$work/w.db
sed 's/@TIME_SCALE@/0.2/' tests/data/e2e/resume_profile.json >"$work/profile.json"
cp tests/data/e2e/resume_pool.json "$work/pool.json"
"$cli" demo tasks --seed 7 --per-category 10 --out "$work/tasks.jsonl" # 60 items x 3 models = 180 jobs
"$cli" demo tasks --seed 8 --per-category 2000 --out "$work/big.jsonl" # an import long enough to interrupt
jobs=180
q() { sqlite3 -readonly "$db" "$1"; }

check() { # the invariants after every round
    local integrity dup half
    integrity=$("$cli" db info --db "$db" --json | grep -o '"integrity": *"[^"]*"' | grep -o '"[^"]*"$')
    [ "$integrity" = '"ok"' ] || { echo "kill_campaign: integrity $integrity after round $1" >&2; exit 1; }
    dup=$(q "SELECT COUNT(*) - COUNT(DISTINCT run_id || '|' || item_id || '|' || strategy || '|' || node_id || '|' || attempt) FROM calls")
    [ "$dup" = 0 ] || { echo "kill_campaign: $dup duplicate call rows after round $1" >&2; exit 1; }
    half=$(q "SELECT COUNT(*) FROM task_sets s WHERE (SELECT COUNT(*) FROM items i WHERE i.task_set_id = s.id) <> s.item_count")
    [ "$half" = 0 ] || { echo "kill_campaign: a half-imported task set after round $1" >&2; exit 1; }
}

outcomes_of() { q "SELECT COUNT(*) FROM outcomes WHERE run_id = $1" 2>/dev/null || echo 0; }
run=0 rounds=0 killed=0 finished=0
declare -A took_ms=([run]=1000 [resume]=1000 [import]=1000) # the last unkilled duration of each kind
now_ms() { local t=${EPOCHREALTIME//[.,]/}; echo $((10#$t / 1000)); }
started_ms=$(now_ms)
while [ "$killed" -lt "$kills" ] && [ "$rounds" -lt $((kills * 5)) ]; do
    rounds=$((rounds + 1))
    if [ $((RANDOM % 4)) = 0 ]; then
        kind=import cmd=("$cli" tasks import "$work/big.jsonl" --db "$db" --name "big$((RANDOM % 3))")
    elif [ "$run" = 0 ] || [ "$(outcomes_of "$run")" = "$jobs" ]; then
        kind=run cmd=("$cli" run --pool "$work/pool.json" --tasks "$work/tasks.jsonl" --db "$db" --max-cost 5
             --sim-profile "$work/profile.json" --concurrency 6)
    else
        kind=resume cmd=("$cli" run --resume "$run" --db "$db" --sim-profile "$work/profile.json")
    fi
    # timeout returns as soon as the command ends (so the time a finished command took is its own)
    # and with 137 when it had to kill it; a timeout of 0 would mean none, hence at least 1 ms.
    delay=$((1 + (RANDOM * 32768 + RANDOM) % took_ms[$kind]))
    start=$(now_ms)
    status=0
    # (in braces whose stderr takes the shell's "Killed")
    { timeout -s KILL "$((delay / 1000)).$(printf '%03d' $((delay % 1000)))" "${cmd[@]}" >/dev/null 2>&1 ||
        status=$?; } 2>/dev/null
    if [ "$status" = 137 ]; then
        # Killed before its end: its kind may take longer now (a bigger import, a fresh run).
        killed=$((killed + 1)) took_ms[$kind]=$((took_ms[$kind] * 3 / 2 > 60000 ? 60000 : took_ms[$kind] * 3 / 2))
    else
        finished=$((finished + 1)) took_ms[$kind]=$(($(now_ms) - start + 1))
    fi
    if [ $((rounds % 50)) = 0 ]; then
        echo "kill_campaign: round $rounds, $killed killed mid-work, $finished finished first, run $run," \
             "$(( ($(now_ms) - started_ms) / 1000 )) s"
    fi
    if [ -f "$db" ]; then
        run=$(q "SELECT COALESCE(MAX(id), 0) FROM runs" 2>/dev/null || echo "$run")
        check "$rounds"
    fi
done
# Finish every run: every job once, no call answered twice.
runs=0
for r in $( [ -f "$db" ] && q "SELECT id FROM runs" ); do
    runs=$((runs + 1))
    "$cli" run --resume "$r" --db "$db" --sim-profile "$work/profile.json" >/dev/null 2>&1 || true
    [ "$(outcomes_of "$r")" = "$jobs" ] || { echo "kill_campaign: run $r did not finish" >&2; exit 1; }
done
twice=$(q "SELECT COUNT(*) FROM (SELECT 1 FROM calls WHERE status = 'ok' GROUP BY run_id, item_id, strategy, node_id HAVING COUNT(*) > 1)")
check final
echo "kill_campaign: $rounds rounds, $killed killed mid-work, $finished finished first; $runs runs, each with" \
     "$jobs of $jobs outcomes; calls answered twice $twice, integrity ok, 0 duplicate rows"
[ "$killed" -ge "$kills" ] || { echo "kill_campaign: only $killed kills in $rounds rounds" >&2; exit 1; }
[ "$twice" = 0 ]
