#!/usr/bin/env bash
# Puts the SPDX licence header on every C++ source, CMake and shell file that lacks one.
# Idempotent; CI (.ci/run) fails when a source file lacks it.
set -euo pipefail
cd "$(dirname "$0")/.."
header_cpp='// SPDX-License-Identifier: MIT'
header_hash='# SPDX-License-Identifier: MIT'
git ls-files -- '*.cpp' '*.h' | while read -r f; do
    head -1 "$f" | grep -q 'SPDX-License-Identifier' || { printf '%s\n' "$header_cpp" | cat - "$f" > "$f.spdx" && mv "$f.spdx" "$f"; }
done
git ls-files -- 'CMakeLists.txt' '*/CMakeLists.txt' '*.cmake' | while read -r f; do
    head -1 "$f" | grep -q 'SPDX-License-Identifier' || { printf '%s\n' "$header_hash" | cat - "$f" > "$f.spdx" && mv "$f.spdx" "$f"; }
done
git ls-files -- '*.sh' '.ci/run' | while read -r f; do
    grep -q 'SPDX-License-Identifier' "$f" && continue
    if head -1 "$f" | grep -q '^#!'; then
        { head -1 "$f"; printf '%s\n' "$header_hash"; tail -n +2 "$f"; } > "$f.spdx"
    else
        printf '%s\n' "$header_hash" | cat - "$f" > "$f.spdx"
    fi
    chmod --reference="$f" "$f.spdx" && mv "$f.spdx" "$f"
done
