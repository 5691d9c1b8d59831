# SPDX-License-Identifier: MIT
# Sourced by the benchmark scripts: one `baton-cli sim serve` for the run, stopped on exit with
# the script's temporary folder. Needs $cli and $tmp set.
#   start_bench_sim NAME PROFILE TASKS   sets $base (its URL) and writes $tmp/pool.json (the bench pool)
sim_pid=""
cleanup() {
    [ -n "$sim_pid" ] && kill "$sim_pid" 2> /dev/null && wait "$sim_pid" 2> /dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT

start_bench_sim() {
    "$cli" sim serve --profile "$2" --tasks "$3" --port 0 > "$tmp/sim.out" 2>&1 &
    sim_pid=$!
    for _ in $(seq 100); do grep -qs Listening "$tmp/sim.out" && break; sleep 0.1; done
    base=$(sed -n 's/^Listening on \(http:[^ ]*\).*/\1/p' "$tmp/sim.out")
    [ -n "$base" ] || { echo "$1: the simulator did not start:" >&2; cat "$tmp/sim.out" >&2; exit 1; }
    sed "s|@BASE_URL@|$base|" bench/data/pool_template.json > "$tmp/pool.json"
}
