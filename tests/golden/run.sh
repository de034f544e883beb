#!/bin/sh
# run.sh — golden tests of the diagnostics of `urc check`.
#
# usage: sh tests/golden/run.sh URC [--update] [-v]
#
# Each test is run from the repository root, naming its file relative to
# the root (so messages read tests/golden/bad/x.guide), and its stderr and
# stdout together (2>&1), followed by a last line `exit: N`, are compared
# byte for byte with the file's .expected beside it (x.guide.expected).
#
#   tests/golden/bad/*.guide    urc check --color=never [FLAGS] FILE
#   tests/golden/bad/*/         a folder, checked whole; its expected
#                               output is bad/NAME.expected
#   tests/golden/json/*.guide   urc check --diagnostics=json [FLAGS] FILE
#   tests/golden/good/*.guide   as bad/, and must also exit 0
#   tests/golden/fixtures/      files that tests `use`; never run
#
# FLAGS come from a first line of the form `# flags: -Werror ...` (extra
# arguments, split at blanks, placed before the file; they may name other
# paths too, e.g. one that does not exist).
#
# --update rewrites the .expected files from the current output: do it on
# purpose only, and read every changed file before committing it.
# -v prints the diff of each failing test under its FAIL line.
# URC_WRAP, when set, prefixes every command (e.g. URC_WRAP="valgrind -q").
#
# Prints one line per failing test and a final line `N passed, N failed`;
# exits 1 when a test failed, 2 on a usage error.

usage() {
	echo "usage: sh tests/golden/run.sh URC [--update] [-v]" >&2
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

here=$(dirname "$0")
root=$(cd "$here/../.." && pwd) || exit 2
cd "$root" || exit 2

tmp=$(mktemp -d "${TMPDIR:-/tmp}/urc-golden.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM HUP

passed=0
failed=0
updated=0

# run KIND PATH EXPECTED: runs one test and records its result.
run() {
	kind=$1 path=$2 expected=$3
	flags=
	if [ -f "$path" ]; then
		first=
		IFS= read -r first <"$path" || true
		case $first in
		'# flags:'*) flags=${first#'# flags:'} ;;
		esac
	fi
	mode=--color=never
	[ "$kind" = json ] && mode=--diagnostics=json
	# $URC_WRAP and $flags are split at blanks on purpose, but never
	# expanded as globs.
	set -f
	# shellcheck disable=SC2086
	$URC_WRAP "$urc" check $mode $flags "$path" >"$tmp/out" 2>&1
	status=$?
	set +f
	echo "exit: $status" >>"$tmp/out"

	if [ "$update" = 1 ]; then
		if [ ! -f "$expected" ] || ! cmp -s "$tmp/out" "$expected"; then
			cp "$tmp/out" "$expected" || exit 2
			echo "updated $expected"
			updated=$((updated + 1))
		fi
		if [ "$kind" = good ] && [ "$status" != 0 ]; then
			echo "warning: $path must check clean but exits $status" >&2
		fi
		return
	fi

	why=
	if [ ! -f "$expected" ]; then
		why="no $expected (run with --update to create it)"
	elif ! diff -u "$expected" "$tmp/out" >"$tmp/diff" 2>&1; then
		why="output differs from $expected"
	elif [ "$kind" = good ] && [ "$status" != 0 ]; then
		why="must check clean, but exits $status"
	fi
	if [ -z "$why" ]; then
		passed=$((passed + 1))
		return
	fi
	failed=$((failed + 1))
	echo "FAIL $path: $why"
	if [ "$verbose" = 1 ] && [ -s "$tmp/diff" ]; then
		cat "$tmp/diff"
	fi
	: >"$tmp/diff"
}

for f in tests/golden/bad/*.guide; do
	[ -f "$f" ] && run bad "$f" "$f.expected"
done
for d in tests/golden/bad/*/; do
	[ -d "$d" ] || continue
	d=${d%/}
	run bad "$d" "$d.expected"
done
for f in tests/golden/json/*.guide; do
	[ -f "$f" ] && run json "$f" "$f.expected"
done
for f in tests/golden/good/*.guide; do
	[ -f "$f" ] && run good "$f" "$f.expected"
done

if [ "$update" = 1 ]; then
	echo "rewrote $updated expected file(s); review them with git diff before committing"
	exit 0
fi
if [ $((passed + failed)) = 0 ]; then
	echo "run.sh: no tests found under tests/golden" >&2
	exit 2
fi
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
