#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Fault soak (issue 16, DESIGN section 13): the run engine against the simulator with about 20%
# injected faults (429 with Retry-After, 500, 503, stalls, drops, truncated and malformed bodies,
# missing usage). Checks 0 lost completed calls, 0 duplicate rows, attempts <= retries + 1 and
# an outcome's cost = the sum of its calls. CI runs 1,200 jobs (the test's default).
#   tools/soak.sh [ITEMS_PER_CATEGORY]    (default 420: 4 models x 2,520 items = 10,080 jobs)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-build/dev}
cmake --build "$build" -j2 --target tst_run_engine >/dev/null
BATON_SOAK_PER_CATEGORY=${1:-420} QT_QPA_PLATFORM=offscreen "$build/tests/core/tst_run_engine" faultSoak 2>&1 |
    grep -E "soak:|PASS|FAIL|Totals"
