#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Regenerates docs/screenshots/*.png under a virtual X server (xvfb-run, the xcb platform, the
# same path as a desktop): the workbench test opens the demo, runs every strategy and baseline
# from the Run page against the in-process simulator, and saves each page and chart.
# Needs a dev build (see the README) and xvfb (installed by packaging/install-deps.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
out="$PWD/docs/screenshots"
mkdir -p "$out"
BATON_SCREENSHOT_DIR="$out" QT_QPA_PLATFORM=xcb \
    xvfb-run --auto-servernum --server-args="-screen 0 1700x1100x24" \
    build/dev/tests/ui/tst_workbench runFromTheGuiMatchesTheCoreReport
BATON_SCREENSHOT_DIR="$out" QT_QPA_PLATFORM=xcb \
    xvfb-run --auto-servernum --server-args="-screen 0 1400x1000x24" \
    build/dev/tests/ui/tst_replay_lab_page
BATON_SCREENSHOT_DIR="$out" QT_QPA_PLATFORM=xcb \
    xvfb-run --auto-servernum --server-args="-screen 0 1700x1100x24" \
    build/dev/tests/ui/tst_training_lab_page screenshot
ls -l "$out"
