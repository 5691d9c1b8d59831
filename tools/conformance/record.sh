#!/bin/sh
# SPDX-License-Identifier: MIT
# Records what the official SDKs send (tests/data/conformance/sdk/*.json), so that Baton's
# requests can be compared with theirs field by field (tests/core/tst_conformance.cpp).
# The SDKs are installed with npm OUTSIDE the repository; the tests need neither npm nor Node.
#   tools/conformance/record.sh            # installs (once) and records
#   BATON_SDK_DIR=/elsewhere tools/conformance/record.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
sdk_dir=${BATON_SDK_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/baton-conformance-sdks}
mkdir -p "$sdk_dir"
[ -f "$sdk_dir/package.json" ] || echo '{"name":"baton-conformance-sdks","private":true}' >"$sdk_dir/package.json"
# The versions the fixtures were recorded with; change them here and re-run to re-record.
(cd "$sdk_dir" && npm install --no-audit --no-fund --silent \
    openai@6.49.0 @anthropic-ai/sdk@1.14.0 anthropic-sdk-0@npm:@anthropic-ai/sdk@0.137.0 @google/genai@2.32.0)
NODE_PATH="$sdk_dir/node_modules" node "$here/record.mjs" "$sdk_dir/node_modules" "$repo/tests/data/conformance"
