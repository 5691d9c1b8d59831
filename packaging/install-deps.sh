#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs everything Baton needs to build, test and run on Debian 12 (bookworm).
# Idempotent: packages already present are left alone. Run as root or with sudo.
set -euo pipefail

packages=(
    build-essential cmake ninja-build pkg-config git ccache
    qt6-base-dev qt6-base-dev-tools qt6-charts-dev qt6-svg-dev qt6-qpa-plugins qtkeychain-qt6-dev libqt6opengl6-dev
    libgl-dev libcurl4-openssl-dev libssl-dev libsqlite3-dev sqlite3 zlib1g-dev nlohmann-json3-dev libcpp-httplib-dev libzip-dev liblinear-dev libeigen3-dev libpagmo-dev
    libgtest-dev libbenchmark-dev clang-16 libclang-rt-16-dev
    wrk xvfb xauth curl ca-certificates
    openbox gdb
    lintian desktop-file-utils appstream help2man librsvg2-bin libxlsxwriter-dev chromium libgraphviz-dev
)

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
    echo "install-deps: all ${#packages[@]} packages already installed"
    exit 0
fi

as_root=()
[ "$(id -u)" -eq 0 ] || as_root=(sudo)
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -q
"${as_root[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
