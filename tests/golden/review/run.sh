#!/bin/sh
# run.sh URC [--update] — end-to-end golden tests of `urc review` and
# `urc explain` on the shipped guideline library. Builds the runtime table
# from guidelines/, runs each case file, and compares standard output,
# standard error and the exit status with the .expected file beside it.
set -u
URC=${1:?usage: run.sh URC [--update]}
UPDATE=${2:-}
cd "$(dirname "$0")/../../.." || exit 2
dir=tests/golden/review
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
table=$tmp/lib.urt
if ! "$URC" build -o "$table" guidelines/ >"$tmp/build.log" 2>&1; then
	cat "$tmp/build.log"
	echo "0 passed, 1 failed"
	exit 1
fi
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

check "review yaml" "$dir/cases.yaml.expected" "$URC" review -t "$table" "$dir/cases.yaml"
check "review json lines" "$dir/batch.jsonl.expected" "$URC" review -t "$table" --format json "$dir/batch.jsonl"
for f in "$dir"/explain_*.yaml; do
	check "explain $f" "$f.expected" "$URC" explain -t "$table" "$f"
done
# standard input, and the same cases give the same decisions
check "review stdin" "$dir/stdin.expected" sh -c "\"\$0\" review -t \"\$1\" --format json - < \"\$2\"" "$URC" "$table" "$dir/explain_referral.yaml"

# A damaged table is refused with a message and exit 2, never read.
head -c 200 "$table" >"$tmp/short.urt"
# (the table's full size changes with the library: it is shown as N)
check "truncated table" "$dir/truncated_table.expected" sh -c "\"\$0\" review -t \"\$1\" \"\$2\" 2>&1 | sed -e \"s#\$1#TABLE#\" -e \"s/of [0-9]* bytes/of N bytes/\"; exit \$(\"\$0\" review -t \"\$1\" \"\$2\" >/dev/null 2>&1; echo \$?)" "$URC" "$tmp/short.urt" "$dir/cases.yaml"
printf 'not a table at all, just text\n' >"$tmp/text.urt"
check "not a table" "$dir/not_a_table.expected" sh -c "\"\$0\" review -t \"\$1\" \"\$2\" 2>&1 | sed \"s#\$1#TABLE#\"; exit \$(\"\$0\" review -t \"\$1\" \"\$2\" >/dev/null 2>&1; echo \$?)" "$URC" "$tmp/text.urt" "$dir/cases.yaml"
check "missing case file" "$dir/missing_case.expected" "$URC" review -t "$table" "$dir/no_such_file.yaml"
check "usage" "$dir/usage.expected" "$URC" review "$dir/cases.yaml"

[ "$UPDATE" = "--update" ] && exit 0
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
