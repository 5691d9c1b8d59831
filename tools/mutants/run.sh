#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Mutation check (issue 16): applies each named mutant of tools/mutants/mutants.tsv to the core
# sources, rebuilds only the tests named for it, runs them, and requires every mutant to be
# killed (some named test fails). The sources are restored after each mutant, also on Ctrl+C.
#   tools/mutants/run.sh [BUILD_DIR] [NAME...]     (default build/mutants; all mutants)
#   tools/mutants/run.sh --check                   (only that each mutant's code is found exactly
#                                                   once; the dev suite runs it, so a refactor that
#                                                   moves a mutant's code fails there, not in CI)
set -euo pipefail
cd "$(dirname "$0")/../.."
check_only=false
[[ "${1:-}" == --check ]] && { check_only=true; shift; }
build=${1:-build/mutants}
shift || true
only=("$@")
export CMAKE_CXX_COMPILER_LAUNCHER=${CMAKE_CXX_COMPILER_LAUNCHER:-ccache}
jobs=${BATON_MUTANT_JOBS:-2}

if [ ! -f "$build/build.ninja" ]; then
    cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DBATON_BUILD_UI=OFF >/dev/null
fi

declare -a names files froms tos tests
while IFS=$'\t' read -r name file from to kill; do
    [[ -z "$name" || "$name" == \#* ]] && continue
    if ((${#only[@]})) && [[ ! " ${only[*]} " == *" $name "* ]]; then continue; fi
    names+=("$name") files+=("$file") froms+=("$from") tos+=("$to") tests+=("$kill")
done <tools/mutants/mutants.tsv

# Each mutant's code must be found exactly once before anything is built.
found_once() { # FILE FROM: FROM (with <NL> for a line end) occurs exactly once in FILE
    FROM=$2 perl -0777 -ne 'BEGIN { $f = $ENV{FROM} =~ s/<NL>/\n/gr } $n = () = /\Q$f\E/g; END { exit($n == 1 ? 0 : 3) }' "$1"
}
missing=0
for i in "${!names[@]}"; do
    if ! found_once "${files[$i]}" "${froms[$i]}"; then
        echo "mutants: ${names[$i]}: the code to mutate is not found exactly once in ${files[$i]}" >&2
        missing=$((missing + 1))
    fi
done
((missing == 0)) || { echo "mutants: fix $missing line(s) of tools/mutants/mutants.tsv" >&2; exit 1; }
if $check_only; then echo "mutants: the code of all ${#names[@]} mutants is found exactly once"; exit 0; fi

all_tests=$(printf '%s\n' "${tests[@]}" | tr ' ' '\n' | sort -u | tr '\n' ' ')
targets=$all_tests
[[ " $all_tests " == *" tst_cli"* ]] && targets+=" baton-cli"
run_tests() { # the named ctest tests; fails if any fails
    local regex
    regex="^($(echo "$1" | tr ' ' '|' | sed 's/|$//'))\$"
    ctest --test-dir "$build" -R "$regex" --timeout 600 >"$build/mutant-ctest.log" 2>&1
}

echo "mutants: building and running the unmutated tests: $all_tests"
cmake --build "$build" -j"$jobs" --target $targets >"$build/mutant-build.log" 2>&1 ||
    { tail -30 "$build/mutant-build.log"; echo "mutants: the unmutated build fails" >&2; exit 1; }
run_tests "$all_tests" || { tail -40 "$build/mutant-ctest.log"; echo "mutants: unmutated tests fail" >&2; exit 1; }

backup=""
restore() { if [ -n "$backup" ]; then cp -p "$backup" "${backup%.mutant-orig}"; rm -f "$backup"; backup=""; fi; }
trap restore EXIT INT TERM

survived=0
for i in "${!names[@]}"; do
    file=${files[$i]}
    backup="$file.mutant-orig"
    cp -p "$file" "$backup"
    FROM=${froms[$i]} TO=${tos[$i]} perl -0777 -i -pe '
        BEGIN { ($f, $t) = map { s/<NL>/\n/gr } @ENV{qw(FROM TO)} }
        $n = s/\Q$f\E/$t/g; END { exit($n == 1 ? 0 : 3) }' "$file" ||
        { restore; echo "mutants: ${names[$i]}: the code to mutate is not found exactly once in $file" >&2; exit 1; }
    touch "$file"
    if ! cmake --build "$build" -j"$jobs" --target ${tests[$i]} $([[ " ${tests[$i]} " == *" tst_cli"* ]] && echo baton-cli) \
        >"$build/mutant-build.log" 2>&1; then
        restore
        echo "mutants: ${names[$i]}: the mutant does not compile; fix its line in mutants.tsv" >&2
        exit 1
    fi
    if run_tests "${tests[$i]}"; then
        echo "SURVIVED  ${names[$i]}  ($file; tests: ${tests[$i]})"
        survived=$((survived + 1))
    else
        echo "killed    ${names[$i]}"
    fi
    restore
    touch "$file"
done
echo "mutants: $((${#names[@]} - survived)) of ${#names[@]} killed"
# Leave the build matching the sources again.
cmake --build "$build" -j"$jobs" --target $targets >"$build/mutant-build.log" 2>&1 || true
[ "$survived" -eq 0 ]
