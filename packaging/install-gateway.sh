#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs the third-party OpenAI-compatible gateway the gateway end-to-end test puts in front of
# the simulator: Portkey's AI Gateway (@portkey-ai/gateway, MIT, github.com/Portkey-AI/gateway),
# pinned, from the npm registry, into a folder outside the repository:
#   ${BATON_GATEWAY_DIR:-$HOME/.cache/baton/gateway}
# Idempotent (nothing is fetched when the pinned version is there). Without node and npm it says
# so and exits 0: the test then skips with the same message.
# Usage: bash packaging/install-gateway.sh
set -euo pipefail

version=1.15.2
dir="${BATON_GATEWAY_DIR:-$HOME/.cache/baton/gateway}"
package_json="$dir/node_modules/@portkey-ai/gateway/package.json"

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    echo "install-gateway: node and npm are not installed (apt-get install nodejs npm); the gateway test will skip"
    exit 0
fi
if grep -qs "\"version\": \"$version\"" "$package_json"; then
    echo "install-gateway: @portkey-ai/gateway $version already in $dir"
    exit 0
fi
mkdir -p "$dir"
rm -rf "$dir/node_modules" "$dir/package-lock.json" # an older install's lock would keep its versions
echo "install-gateway: npm install @portkey-ai/gateway@$version into $dir"
# --ignore-scripts: its only install script is patch-package, for development checkouts.
cat > "$dir/package.json" <<JSON
{"private": true, "dependencies": {"@portkey-ai/gateway": "$version"}}
JSON
npm install --prefix "$dir" --no-audit --no-fund --ignore-scripts
node -e "process.exit(require('$package_json').version === '$version' ? 0 : 1)" ||
    { echo "install-gateway: $package_json does not say version $version" >&2; exit 1; }
echo "install-gateway: ok ($dir)"
