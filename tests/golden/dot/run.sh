#!/bin/sh
# run.sh — golden tests of `urc dot`, the decision diagrams.
#
# usage: sh tests/golden/dot/run.sh URC [--update] [-v]
#
# Run from anywhere; commands run from the repository root.
#
#   ID.dot     for every guideline under guidelines/, `URC dot -T dot
#              guidelines/ ID` (the graph before layout) compared byte for
#              byte with tests/golden/dot/ID.dot; a .dot file whose
#              guideline is gone fails too
#   svg        `-T svg` is well-formed XML (xmllint --noout when installed,
#              else it must open with <svg and close with </svg>)
#   png        `-T png` starts with the PNG signature and is over 10 KB
#   pdf        `-T pdf` starts with %PDF-
#   folder     `-o FOLDER` with no GUIDELINE draws every guideline there
#   coverage   `urc test --coverage-out` then `URC dot --coverage` on
#              tests/golden/test/lib's knee, compared with coverage/knee.dot;
#              bad coverage files and an unwritable --coverage-out exit 2
#   errors     an unknown guideline exits 2 with a "did you mean"; an
#              unknown format exits 2; an unwritable -o path exits 2 and
#              leaves nothing behind; sources with errors exit 1
#
# --update rewrites the .dot files from the current output (and removes
# those of guidelines that are gone): do it on purpose only, and read every
# changed file before committing it. -v prints the diff of a failing test.
# URC_WRAP, when set, prefixes every command (e.g. URC_WRAP="valgrind -q").
#
# Prints one line per failing test and a final line `N passed, N failed`;
# exits 1 when a test failed, 2 on a usage error.

usage() {
	echo "usage: sh tests/golden/dot/run.sh URC [--update] [-v]" >&2
	exit 2
}

[ $# -ge 1 ] || usage
urc=$1
shift
update=0
verbose=0
for a in "$@"; do
	case $a in
	--update) update=1 ;;
	-v | --verbose) verbose=1 ;;
	*) usage ;;
	esac
done

# The binary may be named relative to the caller's folder.
case $urc in
/*) ;;
*/*) urc=$(pwd)/$urc ;;
*) urc=$(command -v "$urc" 2>/dev/null || printf '%s' "$urc") ;;
esac
if [ ! -x "$urc" ]; then
	echo "run.sh: '$urc' is not an executable urc" >&2
	exit 2
fi

here=$(cd "$(dirname "$0")" && pwd) || exit 2
root=$(cd "$here/../../.." && pwd) || exit 2
cd "$root" || exit 2
golden=tests/golden/dot

tmp=$(mktemp -d "${TMPDIR:-/tmp}/urc-dot.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM HUP

passed=0
failed=0
updated=0

pass() {
	passed=$((passed + 1))
}

# fail NAME WHY [DIFF-FILE]
fail() {
	failed=$((failed + 1))
	echo "FAIL $1: $2"
	if [ "$verbose" = 1 ] && [ -n "${3:-}" ] && [ -s "$3" ]; then
		cat "$3"
	fi
}

# urc ARGS...: runs urc (wrapped), stdout to $tmp/out, stderr to $tmp/err,
# and leaves the exit status in $status.
run_urc() {
	set -f
	# shellcheck disable=SC2086
	$URC_WRAP "$urc" "$@" >"$tmp/out" 2>"$tmp/err"
	status=$?
	set +f
}

# ---- golden DOT files, one per shipped guideline ----

ids=$(find guidelines -name '*.guide' -exec sed -n 's/^[[:space:]]*guideline[[:space:]]\{1,\}\([A-Za-z0-9_]\{1,\}\).*/\1/p' {} + | sort)
if [ -z "$ids" ]; then
	echo "run.sh: no guideline found under guidelines/" >&2
	exit 2
fi

for id in $ids; do
	expected=$golden/$id.dot
	run_urc dot -T dot guidelines/ "$id"
	if [ "$status" != 0 ]; then
		fail "$id.dot" "urc dot exits $status: $(head -n 3 "$tmp/err")"
		continue
	fi
	if [ "$update" = 1 ]; then
		if [ ! -f "$expected" ] || ! cmp -s "$tmp/out" "$expected"; then
			cp "$tmp/out" "$expected" || exit 2
			echo "updated $expected"
			updated=$((updated + 1))
		fi
		continue
	fi
	if [ ! -f "$expected" ]; then
		fail "$id.dot" "no $expected (run with --update to create it)"
	elif ! diff -u "$expected" "$tmp/out" >"$tmp/diff" 2>&1; then
		fail "$id.dot" "output differs from $expected" "$tmp/diff"
	else
		pass
	fi
done

# ---- the --case overlay: a training walk-through of one case ----

expected=$golden/case/stroke_locomotor.dot
run_urc dot -T dot --case tests/golden/review/explain_approval.yaml guidelines/ stroke_locomotor
if [ "$status" != 0 ]; then
	fail "case overlay" "urc dot --case exits $status: $(head -n 3 "$tmp/err")"
elif [ "$update" = 1 ]; then
	if [ ! -f "$expected" ] || ! cmp -s "$tmp/out" "$expected"; then
		cp "$tmp/out" "$expected" || exit 2
		echo "updated $expected"
		updated=$((updated + 1))
	fi
elif ! diff -u "$expected" "$tmp/out" >"$tmp/diff" 2>&1; then
	fail "case overlay" "output differs from $expected" "$tmp/diff"
elif ! grep -q 'This case: 10MWT improved 0.07 m/s' "$tmp/out"; then
	fail "case overlay" "the case's values are not on the diagram"
else
	pass
fi
# A case another guideline decides is refused, naming that guideline.
run_urc dot -T dot --case tests/golden/review/explain_referral.yaml guidelines/ stroke_locomotor
if [ "$status" = 2 ] && grep -q "decided by guideline 'low_back_pain'" "$tmp/err" && [ ! -s "$tmp/out" ]; then
	pass
else
	fail "case for another guideline" "exit $status: $(head -n 2 "$tmp/err")"
fi

# ---- the --coverage overlay: the steps no regression case reaches ----

# The coverage of tests/golden/test/'s library by passing.cases.yaml: knee
# has 5 of its 7 steps reached (docs/testing.md, 5.1).
expected=$golden/coverage/knee.dot
run_urc test --coverage-out "$tmp/coverage" tests/golden/test/lib/ tests/golden/test/passing.cases.yaml
if [ "$status" != 0 ] || ! grep -q '^knee 5 of 7 initial: continued: 0 2$' "$tmp/coverage"; then
	fail "coverage file" "urc test --coverage-out exits $status: $(head -n 3 "$tmp/err"; cat "$tmp/coverage" 2>/dev/null)"
else
	pass
	run_urc dot -T dot --coverage "$tmp/coverage" tests/golden/test/lib/ knee
	if [ "$status" != 0 ]; then
		fail "coverage overlay" "urc dot --coverage exits $status: $(head -n 3 "$tmp/err")"
	elif [ "$update" = 1 ]; then
		mkdir -p "$golden/coverage" || exit 2
		if [ ! -f "$expected" ] || ! cmp -s "$tmp/out" "$expected"; then
			cp "$tmp/out" "$expected" || exit 2
			echo "updated $expected"
			updated=$((updated + 1))
		fi
	elif ! diff -u "$expected" "$tmp/out" >"$tmp/diff" 2>&1; then
		fail "coverage overlay" "output differs from $expected" "$tmp/diff"
	elif ! grep -q 'Coverage: 5 of 7 steps reached by regression cases' "$tmp/out" ||
		[ "$(grep -c 'style="rounded,filled,dashed"' "$tmp/out")" != 2 ]; then
		fail "coverage overlay" "the title or the two unreached steps are not on the diagram"
	else
		pass
	fi
fi
# A file that is not a coverage file, and one without the guideline.
printf 'knee 7 of 7 initial: continued:\n' >"$tmp/not_coverage"
printf '# urc coverage 1\nhip 0 of 2 initial: 0 1 continued:\n' >"$tmp/no_knee"
for f in not_coverage no_knee; do
	run_urc dot -T dot --coverage "$tmp/$f" tests/golden/test/lib/ knee
	if [ "$status" = 2 ] && [ ! -s "$tmp/out" ] && grep -q "coverage" "$tmp/err"; then
		pass
	else
		fail "coverage $f" "exit $status: $(head -n 2 "$tmp/err")"
	fi
done
# --coverage-out into a folder that does not exist: exit 2, nothing left.
run_urc test --coverage-out "$tmp/missing/coverage" tests/golden/test/lib/ tests/golden/test/passing.cases.yaml
if [ "$status" = 2 ] && [ ! -e "$tmp/missing" ] && grep -q "cannot write" "$tmp/err"; then
	pass
else
	fail "coverage unwritable" "exit $status: $(head -n 2 "$tmp/err")"
fi

# A golden file whose guideline is gone.
for f in "$golden"/*.dot; do
	[ -f "$f" ] || continue
	id=$(basename "$f" .dot)
	case " $(echo $ids) " in
	*" $id "*) continue ;;
	esac
	if [ "$update" = 1 ]; then
		rm -f "$f" && echo "removed $f (no guideline '$id')"
		updated=$((updated + 1))
	else
		fail "$id.dot" "no guideline '$id' under guidelines/ any more (run with --update to remove it)"
	fi
done

if [ "$update" = 1 ]; then
	echo "rewrote $updated golden file(s); review them with git diff before committing"
	exit 0
fi

# ---- the rendered formats ----

first=$(echo "$ids" | head -n 1)

run_urc dot -T svg guidelines/ "$first"
if [ "$status" != 0 ]; then
	fail svg "urc dot -T svg exits $status: $(head -n 3 "$tmp/err")"
elif command -v xmllint >/dev/null 2>&1; then
	if xmllint --noout "$tmp/out" 2>"$tmp/diff"; then
		pass
	else
		fail svg "the SVG is not well-formed XML" "$tmp/diff"
	fi
elif grep -q '<svg' "$tmp/out" && tail -c 20 "$tmp/out" | grep -q '</svg>'; then
	pass
else
	fail svg "the output is not an SVG document"
fi

run_urc dot -T png guidelines/ "$first"
sig=$(od -An -tx1 -N8 "$tmp/out" | tr -d ' \n')
size=$(wc -c <"$tmp/out")
if [ "$status" != 0 ]; then
	fail png "urc dot -T png exits $status: $(head -n 3 "$tmp/err")"
elif [ "$sig" != 89504e470d0a1a0a ]; then
	fail png "the output does not start with the PNG signature ($sig)"
elif [ "$size" -le 10240 ]; then
	fail png "the PNG is only $size bytes"
else
	pass
fi

run_urc dot -T pdf -o "$tmp/d.pdf" guidelines/ "$first"
if [ "$status" = 0 ] && [ "$(head -c 5 "$tmp/d.pdf")" = "%PDF-" ]; then
	pass
else
	fail pdf "urc dot -T pdf -o exits $status or writes no PDF"
fi

# Every guideline into a folder, named ID.svg.
run_urc dot -o "$tmp/all" guidelines/
n=$(echo "$ids" | wc -l)
got=$(find "$tmp/all" -name '*.svg' 2>/dev/null | wc -l)
if [ "$status" = 0 ] && [ "$got" -eq "$n" ] && [ -s "$tmp/all/$first.svg" ]; then
	pass
else
	fail folder "urc dot -o FOLDER exits $status and draws $got of $n guidelines"
fi

# ---- errors ----

run_urc dot guidelines/ "${first}x"
if [ "$status" = 2 ] && grep -q "unknown guideline '${first}x'; did you mean '$first'?" "$tmp/err"; then
	pass
else
	fail unknown-guideline "exits $status with: $(head -n 2 "$tmp/err")"
fi

run_urc dot -T gif guidelines/ "$first"
if [ "$status" = 2 ] && grep -q "unknown format 'gif'" "$tmp/err" && [ ! -s "$tmp/out" ]; then
	pass
else
	fail unknown-format "exits $status with: $(head -n 2 "$tmp/err")"
fi

# A folder that does not exist, and a "folder" that is a file: both fail
# whatever the user's rights, even as root.
: >"$tmp/plain"
for out in "$tmp/missing/d.svg" "$tmp/plain/d.svg"; do
	run_urc dot -o "$out" guidelines/ "$first"
	left=$(find "$tmp" -name 'd.svg*' | head -n 1)
	if [ "$status" = 2 ] && grep -q "cannot write" "$tmp/err" && [ -z "$left" ]; then
		pass
	else
		fail unwritable "-o $out exits $status${left:+, leaves $left}: $(head -n 1 "$tmp/err")"
	fi
done

# A read-only folder (root can write anyway, so only for other users).
if [ "$(id -u)" != 0 ]; then
	mkdir "$tmp/ro" && chmod 555 "$tmp/ro"
	run_urc dot -o "$tmp/ro/d.svg" guidelines/ "$first"
	left=$(ls -A "$tmp/ro")
	if [ "$status" = 2 ] && [ -z "$left" ]; then
		pass
	else
		fail read-only "-o into a read-only folder exits $status${left:+, leaves $left}"
	fi
	chmod 755 "$tmp/ro"
fi

# Sources with errors: the diagnostics, exit 1, and no diagram.
cat >"$tmp/bad.guide" <<'EOF'
guideline broken "Broken" version 1 {
  discipline PT
  initial { otherwise deny }
}
EOF
run_urc dot -o "$tmp/broken.svg" "$tmp/bad.guide" broken
if [ "$status" = 1 ] && grep -q "error:" "$tmp/err" && [ ! -e "$tmp/broken.svg" ]; then
	pass
else
	fail source-errors "exits $status with: $(head -n 2 "$tmp/err")"
fi

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
