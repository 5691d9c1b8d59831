#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The monkey test: baton-monkey (tests/monkey/) drives the real workbench window with seeded
# random input (clicks, drags, keys and shortcuts, typed text, resizes down to 640x480, dialogs,
# closing and reopening the window) on the demo workspace with a run kept in progress, under a
# virtual X server (Xvfb) with a window manager (openbox), as on a desktop.
# Every action is logged to OUT/actions.log; `--replay OUT/actions.log` plays a log again.
# The GUI thread is pinged every 100 ms; a ping unanswered for 10 s saves every thread's backtrace
# (OUT/hang-backtrace.txt), a crash saves OUT/crash-backtrace.txt (gdb); ASan reports go to
# OUT/stderr.log. The figures are printed at the end and kept in OUT/summary.txt.
#
#   bash tools/monkey.sh [--minutes 15] [--seed N] [--build build/dev] [--out DIR] [--replay LOG]
#
# Needs a build with the UI (build/dev or build/dev-asan) and xvfb, openbox and gdb
# (installed by packaging/install-deps.sh). Exit status: 0 when nothing crashed or hung and the
# workspace passed integrity_check.
set -euo pipefail
cd "$(dirname "$0")/.."

minutes=15
seed=$(date +%s)
build=build/dev
out=
replay=()
while [ $# -gt 0 ]; do
    case "$1" in
    --minutes) minutes=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --build) build=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --replay) replay=(--replay "$(realpath "$2")"); shift 2 ;;
    -h | --help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "monkey.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done
[[ $minutes =~ ^[0-9]+$ ]] || { echo "monkey.sh: --minutes takes whole minutes, not $minutes" >&2; exit 2; }
bin=$PWD/$build/tests/monkey/baton-monkey
if [ ! -x "$bin" ]; then
    echo "monkey.sh: $bin not found; build it first: cmake --build $build --target baton-monkey" >&2
    exit 2
fi
for tool in xvfb-run openbox gdb; do
    command -v "$tool" >/dev/null || { echo "monkey.sh: $tool missing; run packaging/install-deps.sh" >&2; exit 2; }
done
out=${out:-$build/monkey-$seed}
rm -rf "$out"
mkdir -p "$out/home"
out=$(cd "$out" && pwd)
echo "monkey.sh: seed $seed, $minutes min, $bin; log and figures in $out"

# Inside the virtual display: the window manager first (its --startup hook says when it is up),
# then the monkey; file dialogs and settings stay inside OUT (HOME and the working folder).
cat >"$out/session.sh" <<'SESSION'
#!/usr/bin/env bash
set -u
out=$1; shift
openbox --startup "touch $out/wm-ready" >"$out/openbox.log" 2>&1 &
wm=$!
for _ in $(seq 100); do [ -e "$out/wm-ready" ] && break; sleep 0.1; done
[ -e "$out/wm-ready" ] || { echo "monkey.sh: openbox did not start (see $out/openbox.log)" >&2; kill $wm; exit 2; }
cd "$out/home"
HOME=$out/home QT_QPA_PLATFORM=xcb "$@" 2>"$out/stderr.log"
rc=$?
kill $wm 2>/dev/null
exit $rc
SESSION

export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
set +e
timeout --signal=KILL $(((minutes + 5) * 60)) \
    xvfb-run --auto-servernum --server-args="-screen 0 1600x1200x24" \
    bash "$out/session.sh" "$out" "$bin" --out "$out" --seed "$seed" --minutes "$minutes" "${replay[@]}"
rc=$?
set -e
if [ $rc -ne 0 ]; then
    echo "monkey.sh: FAILED (exit $rc) with seed $seed; the last actions:" >&2
    grep -v '^#' "$out/actions.log" | tail -n 5 >&2 || true
    grep -E '^(crash|hang):' "$out/actions.log" >&2 || true
    for f in crash-backtrace.txt hang-backtrace.txt; do [ -s "$out/$f" ] && echo "monkey.sh: backtrace: $out/$f" >&2; done
    grep -m1 -A20 -E 'ERROR: AddressSanitizer|runtime error' "$out/stderr.log" >&2 || true
    echo "monkey.sh: replay with: bash tools/monkey.sh --build $build --replay $out/actions.log" >&2
    exit 1
fi
cat "$out/summary.txt"
