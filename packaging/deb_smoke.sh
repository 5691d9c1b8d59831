#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds the .deb (the README's package command), checks it with lintian, desktop-file-validate and
# appstreamcli, installs it with dpkg, runs the installed baton-cli on the demo and the installed
# workbench for a few seconds under xvfb-run, then removes the package again. CI runs it.
# Usage: bash packaging/deb_smoke.sh [--no-build | --from BUILD_DIR]
#   (default)         the README's command: the release build of preset `package`, then cpack;
#   --no-build        use build/package/baton_*.deb as is;
#   --from BUILD_DIR  package an existing build tree (CI: build/dev, which the README's test command
#                     has just built, so nothing is compiled again). Same install rules, same CPack
#                     settings (binaries stripped) as the release package; only the optimisation differs.
set -euo pipefail
cd "$(dirname "$0")/.."
phase() { echo "deb-smoke: [$SECONDS s] $*"; }
export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$PWD}" CCACHE_NOHASHDIR=1
as_root=()
[ "$(id -u)" -eq 0 ] || as_root=(sudo)

case "${1:-}" in
    --no-build) deb_dir=build/package ;;
    --from)
        [ -f "${2:-}/CPackConfig.cmake" ] ||
            { echo "deb-smoke: --from needs a configured build tree (no ${2:-?}/CPackConfig.cmake)" >&2; exit 2; }
        # The programs and the generated files (man pages, icons) must be up to date in that tree.
        cmake --build "$2" --target baton baton-cli baton_packaging_files
        deb_dir="$2/deb"
        rm -rf "$deb_dir"
        cpack --config "$2/CPackConfig.cmake" -B "$deb_dir" ;;
    "")
        cmake --preset package && cmake --build --preset package && cpack --preset package
        deb_dir=build/package ;;
    *) echo "usage: bash packaging/deb_smoke.sh [--no-build | --from BUILD_DIR]" >&2; exit 2 ;;
esac
deb=$(ls -t "$deb_dir"/baton_*.deb | head -1)
echo "deb-smoke: $deb"
dpkg-deb --info "$deb" | sed -n '/Package:/,$p'
dpkg-deb --contents "$deb" | awk '{print $NF}'

phase "lintian (errors fail)"
lintian --fail-on error --no-tag-display-limit "$deb"

if dpkg-query -W -f='${Status}' baton 2>/dev/null | grep -q 'install ok installed'; then
    echo "deb-smoke: a package named baton is already installed; refusing to replace it" >&2
    exit 1
fi
work=$(mktemp -d)
cleanup() {
    "${as_root[@]}" dpkg -r baton >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT
"${as_root[@]}" dpkg -i "$deb"

app_id=org.batonworkbench.Baton
for f in /usr/bin/baton /usr/bin/baton-cli /usr/share/applications/$app_id.desktop \
         /usr/share/metainfo/$app_id.metainfo.xml /usr/share/icons/hicolor/scalable/apps/$app_id.svg \
         /usr/share/icons/hicolor/48x48/apps/$app_id.png /usr/share/icons/hicolor/256x256/apps/$app_id.png \
         /usr/share/man/man1/baton-cli.1.gz /usr/share/man/man1/baton.1.gz \
         /usr/share/bash-completion/completions/baton-cli /usr/share/doc/baton/copyright; do
    [ -s "$f" ] || { echo "deb-smoke: $f is missing or empty" >&2; exit 1; }
done
desktop-file-validate /usr/share/applications/$app_id.desktop
appstreamcli validate --no-net /usr/share/metainfo/$app_id.metainfo.xml
zcat /usr/share/man/man1/baton-cli.1.gz | grep -q 'pool validate' ||
    { echo "deb-smoke: the man page does not list baton-cli's commands" >&2; exit 1; }

phase "bash completion"
completion=$(bash -c 'source /usr/share/bash-completion/completions/baton-cli
    COMP_WORDS=(baton-cli po); COMP_CWORD=1; _baton_cli; echo "${COMPREPLY[*]}"
    COMP_WORDS=(baton-cli pool va); COMP_CWORD=2; _baton_cli; echo "${COMPREPLY[*]}"
    COMP_WORDS=(baton-cli run --max-c); COMP_CWORD=2; _baton_cli; echo "${COMPREPLY[*]}"
    COMP_WORDS=(baton-cli coordinator tr); COMP_CWORD=2; _baton_cli; echo "${COMPREPLY[*]}"
    COMP_WORDS=(baton-cli coordinator train --sig); COMP_CWORD=3; _baton_cli; echo "${COMPREPLY[*]}"')
echo "$completion"
# "coordinator train" (17 characters) completed as "trai" when names were cut at 16 columns.
[ "$completion" = $'pool\nvalidate\n--max-calls --max-cost\ntrain\n--sigma0' ] ||
    { echo "deb-smoke: bash completion gave the wrong words" >&2; exit 1; }

phase "the installed baton-cli on the demo"
/usr/bin/baton-cli --version
cd "$work"
/usr/bin/baton-cli run --pool demo --tasks demo --db demo.db --strategy by-category --max-cost 5
/usr/bin/baton-cli report 1 --db demo.db | head -20
/usr/bin/baton-cli db info --db demo.db
# Training opens the installed CMA-ES module (pagmo), which nothing links: one generation on 24 items.
/usr/bin/baton-cli demo tasks --per-category 4 --out small.jsonl 2> /dev/null
/usr/bin/baton-cli coordinator train --pool demo --tasks small.jsonl --db train.db --tier mini --generations 1 \
    --max-cost 5 | tail -3

phase "the installed workbench for 8 seconds under xvfb-run"
rc=0
XDG_DATA_HOME="$work/xdg" timeout 8 xvfb-run --auto-servernum /usr/bin/baton > gui.log 2>&1 || rc=$?
cat gui.log
# 124: still running when timeout stopped it, which is what we want; anything else is a crash or an exit.
[ "$rc" -eq 124 ] || { echo "deb-smoke: the workbench exited with $rc within 8 seconds" >&2; exit 1; }
# Qt's AppLocalDataLocation: $XDG_DATA_HOME/<organisation>/<application>.
[ -n "$(find "$work/xdg" -name demo.db -size +0 2>/dev/null)" ] ||
    { echo "deb-smoke: the workbench did not open its demo workspace" >&2; exit 1; }
cd - >/dev/null

"${as_root[@]}" dpkg -r baton
[ ! -e /usr/bin/baton-cli ] || { echo "deb-smoke: dpkg -r left /usr/bin/baton-cli behind" >&2; exit 1; }
phase "ok"
