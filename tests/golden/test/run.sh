#!/bin/sh
# run.sh URC [--update] — golden tests of `urc test`, the guideline test
# runner, on the small library in tests/golden/test/lib/ and the test files
# beside this script. Each command runs from the repository root; its
# standard output and standard error together, then a line `exit: N`, are
# compared byte for byte with the .expected file named for it.
# --update rewrites the .expected files: do it on purpose only, and read
# every changed file before committing it. URC_WRAP, when set, prefixes
# each urc command (e.g. URC_WRAP="valgrind -q").
set -u
URC=${1:?usage: run.sh URC [--update]}
UPDATE=${2:-}
cd "$(dirname "$0")/../../.." || exit 2
dir=tests/golden/test
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0
fail=0

# check NAME EXPECTED-FILE COMMAND...: runs the command, compares.
check() {
	name=$1
	expected=$2
	shift 2
	if [ "$1" = "$URC" ]; then
		${URC_WRAP:-} "$@" >"$tmp/out" 2>&1
	else
		"$@" >"$tmp/out" 2>&1
	fi
	echo "exit: $?" >>"$tmp/out"
	if [ "$UPDATE" = "--update" ]; then
		cp "$tmp/out" "$expected"
		echo "updated $expected"
	elif cmp -s "$tmp/out" "$expected"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL $name"
		diff -u "$expected" "$tmp/out" | head -40
	fi
}

lib=$dir/lib/
check "passing, verbose, coverage" "$dir/passing.expected" "$URC" test -v --coverage "$lib" "$dir/passing.cases.yaml"
check "failing" "$dir/failing.expected" "$URC" test "$lib" "$dir/failing.cases.yaml"
check "junit" "$dir/junit.expected" sh -c '"$0" test --junit "$1" "$2" "$3" >/dev/null 2>&1; s=$?; cat "$1"; exit $s' \
	"$URC" "$tmp/junit.xml" "$lib" "$dir/failing.cases.yaml"
check "junit cannot be written" "$dir/junit_unwritable.expected" "$URC" test --junit "$dir/no_such_folder/junit.xml" "$lib" "$dir/passing.cases.yaml"
check "filter by part of the name" "$dir/filter.expected" "$URC" test -v --filter progress "$lib" "$dir/passing.cases.yaml"
check "filter by glob" "$dir/filter_glob.expected" "$URC" test -v --filter '*request*' "$lib" "$dir/passing.cases.yaml"
check "filter that matches nothing" "$dir/filter_none.expected" "$URC" test --filter no-such-test "$lib" "$dir/passing.cases.yaml"
check "bad test file" "$dir/bad.expected" "$URC" test "$lib" "$dir/bad.cases.yaml"
check "not valid YAML" "$dir/syntax.expected" "$URC" test "$lib" "$dir/syntax.cases.yaml"
check "guideline with errors" "$dir/broken.expected" "$URC" test "$dir/broken/"
check "no test files" "$dir/no_tests.expected" "$URC" test "$lib"
check "missing path" "$dir/missing.expected" "$URC" test "$dir/no_such_folder"
check "no path" "$dir/usage.expected" "$URC" test
check "unknown option" "$dir/unknown_option.expected" "$URC" test --frobnicate "$lib"
check "help" "$dir/help.expected" "$URC" test --help

# --suggest: the proposed cases, and pasted into a copy of the library they
# reach every step of the guideline.
for g in $(sed -n 's/^[[:space:]]*guideline[[:space:]]\{1,\}\([A-Za-z0-9_]\{1,\}\).*/\1/p' "$dir"/lib/*.guide); do
	check "suggest $g" "$dir/suggest_$g.expected" "$URC" test --suggest "$g" "$lib"
	rm -rf "$tmp/paste" && mkdir -p "$tmp/paste" && cp "$dir"/lib/*.guide "$tmp/paste/" &&
		"$URC" test --suggest "$g" "$lib" > "$tmp/paste/$g.cases.yaml" 2>/dev/null
	check "suggested cases for $g cover it" "$dir/suggest_${g}_coverage.expected" \
		sh -c '"$0" test --coverage "$1" | grep -E "^  [a-z_]+: |passed"' "$URC" "$tmp/paste/"
done

[ "$UPDATE" = "--update" ] && exit 0
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
