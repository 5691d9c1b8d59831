#!/usr/bin/env bash
# Regenerates docs/screenshots/*.png: the workbench test runs a small demo from the GUI and
# saves what the Run and Results pages show. Needs a dev build (see the README).
set -euo pipefail
cd "$(dirname "$0")/.."
out="$PWD/docs/screenshots"
mkdir -p "$out"
BATON_SCREENSHOT_DIR="$out" QT_QPA_PLATFORM=offscreen build/dev/tests/ui/tst_workbench runFromTheGuiMatchesTheCoreReport
ls -l "$out"
