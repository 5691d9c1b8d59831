#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Makes docs/screenshots/report-html.png: the demo run (baselines and four strategies, simulated
# models) reported as a self-contained HTML page and opened in headless Chromium (Debian's, from
# packaging/install-deps.sh). Needs a build of baton-cli (default build/dev).
# Usage: bash tools/report_screenshot.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
cli="${1:-build/dev}/app/baton-cli"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$cli" run --pool demo --tasks demo --db "$work/demo.db" >/dev/null   # the baselines (nearest learns from them)
"$cli" run --pool demo --tasks demo --db "$work/demo.db" --strategy by-category --strategy nearest \
    --strategy cheap-first --strategy mixture >/dev/null
"$cli" report 2 --db "$work/demo.db" --html "$work/report.html"
# No network: the page has no external asset, and Chromium is told not to look for any.
chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
    --user-data-dir="$work/profile" --window-size=1280,2400 \
    --screenshot="$PWD/docs/screenshots/report-html.png" "file://$work/report.html" 2>/dev/null
ls -l docs/screenshots/report-html.png
