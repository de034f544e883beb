#!/bin/sh
# run.sh URC [--update] — golden tests of `urc diff`, the decisions that
# change between two versions of the guidelines. Copies guidelines/ into a
# temporary folder and moves ONE threshold there: low_back_pain's "minimal
# disability at intake" from `ODI at intake < 10 points` to `< 12 points`.
# Then compares standard output, standard error and the exit status of
# each run with the .expected file beside this script:
#
#   threshold    odi_intake.yaml (ODI at intake 9, 10, 11, 12, 13): exactly
#                the cases between the thresholds, 10 and 11, change (exit 1)
#   reverse      the same with the sides swapped, the new side a .urt table
#   unchanged    unchanged.jsonl, cases away from the threshold: nothing
#                changes (exit 0)
#   folder       this folder: every *.yaml and *.jsonl in it, in name order
#   stdin        odi_intake.yaml on standard input ('-')
#   bad cases    a file with bad cases: counted and reported once, not
#                changes
#   usage        too few arguments (exit 2)
#   bad table    a .urt that is not a table (exit 2, naming the side)
#   bad sources  sources with errors (exit 2, naming the side)
#
# Temporary paths are written TMP in the output. Prints `N passed, N failed`.
set -u
URC=${1:?usage: run.sh URC [--update]}
UPDATE=${2:-}
case $URC in
/*) ;;
*/*) URC=$(pwd)/$URC ;;
esac
cd "$(dirname "$0")/../../.." || exit 2
dir=tests/golden/diff
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

# The library with one threshold moved; the edit must have taken.
cp -R guidelines "$tmp/new" || exit 2
sed 's/when ODI at intake < 10 points/when ODI at intake < 12 points/' \
	guidelines/ortho/low_back_pain.guide >"$tmp/new/ortho/low_back_pain.guide" || exit 2
if ! grep -q 'when ODI at intake < 12 points' "$tmp/new/ortho/low_back_pain.guide"; then
	echo "run.sh: the threshold to move is no longer in guidelines/ortho/low_back_pain.guide"
	echo "0 passed, 1 failed"
	exit 1
fi
if ! ${URC_WRAP:-} "$URC" build -o "$tmp/new.urt" "$tmp/new" >"$tmp/build.log" 2>&1; then
	cat "$tmp/build.log"
	echo "0 passed, 1 failed"
	exit 1
fi
pass=0
fail=0

# check NAME EXPECTED-FILE ARGS...: runs urc with ARGS, compares.
check() {
	name=$1
	expected=$2
	shift 2
	${URC_WRAP:-} "$URC" "$@" >"$tmp/raw" 2>&1
	echo "exit: $?" >>"$tmp/raw"
	sed "s#$tmp#TMP#g" "$tmp/raw" >"$tmp/out"
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

check "threshold" "$dir/threshold.expected" diff guidelines/ "$tmp/new" "$dir/odi_intake.yaml"
check "reverse" "$dir/reverse.expected" diff "$tmp/new.urt" guidelines/ "$dir/odi_intake.yaml"
check "unchanged" "$dir/unchanged.expected" diff guidelines/ "$tmp/new" "$dir/unchanged.jsonl"
check "folder" "$dir/folder.expected" diff guidelines/ "$tmp/new" "$dir"
check "bad cases" "$dir/bad_cases.expected" diff guidelines/ "$tmp/new" "$dir/bad_cases.jsonl"
check "usage" "$dir/usage.expected" diff guidelines/ "$tmp/new"
check "stdin" "$dir/stdin.expected" diff guidelines/ "$tmp/new.urt" - <"$dir/odi_intake.yaml"
printf 'not a table at all, just text\n' >"$tmp/text.urt"
check "bad table" "$dir/bad_table.expected" diff guidelines/ "$tmp/text.urt" "$dir/odi_intake.yaml"
cat >"$tmp/bad.guide" <<'GUIDE'
guideline broken "Broken" version 1 {
  discipline PT
  initial { otherwise deny }
}
GUIDE
check "bad sources" "$dir/bad_sources.expected" diff "$tmp/bad.guide" guidelines/ "$dir/odi_intake.yaml"

# The demonstration itself, independent of the golden file's wording:
# exactly odi-10 and odi-11 change.
if [ "$UPDATE" != "--update" ]; then
	ids=$(${URC_WRAP:-} "$URC" diff guidelines/ "$tmp/new" "$dir/odi_intake.yaml" 2>/dev/null |
		sed -n 's/^[^ ]*:[0-9]*: \(odi-[0-9]*\): .*/\1/p' | tr '\n' ' ')
	if [ "$ids" = "odi-10 odi-11 " ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL threshold cases: changed '$ids', want 'odi-10 odi-11 '"
	fi
fi

[ "$UPDATE" = "--update" ] && exit 0
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
