#!/bin/sh
# check_bench.sh URC OUTDIR — times `urc check` on a synthetic library.
#
# Builds bench/gen_library.c into OUTDIR, generates OUTDIR/lib (a catalogue
# and 1,000 guidelines of ~100 lines; regenerated only when the generator,
# the seed or the size changed), verifies that the library checks clean,
# then times three runs of urc over it, RUNS times each, interleaved:
#   scan   urc check -q --stop-after=scan LIB    (reads and scans: the reference)
#   parse  urc check -q --stop-after=parse LIB   (reads, scans and parses)
#   full   urc check -q LIB                      (everything)
# and prints min / median / max wall-clock milliseconds, the ratio
# full/scan of the medians, peak memory, and PASS/FAIL against the goals:
#   median full < 1000 ms, and full/scan <= 3.0.
# A missed goal is reported, not an error: the exit status is 0 unless the
# library cannot be built or does not check clean.
#
# Environment: BENCH_RUNS (default 7), BENCH_SEED (default 20260101),
# BENCH_GUIDELINES (default 1000), CC (default cc).
set -u

if [ $# -ne 2 ]; then
	echo "usage: sh bench/check_bench.sh URC OUTDIR" >&2
	exit 2
fi
URC=$1
OUT=$2
HERE=$(cd "$(dirname "$0")" && pwd)
RUNS=${BENCH_RUNS:-7}
SEED=${BENCH_SEED:-20260101}
NGUIDE=${BENCH_GUIDELINES:-1000}
CC=${CC:-cc}
GOAL_MS=1000
GOAL_RATIO=3.0

fail() {
	echo "check_bench: FAIL: $*" >&2
	exit 1
}

[ -x "$URC" ] || fail "no urc at '$URC' (run 'make' first)"
mkdir -p "$OUT" || fail "cannot create $OUT"

# ---- clock ----
case $(date +%s%N) in
*N*|'') fail "'date +%s%N' gives no nanoseconds on this system" ;;
esac
now_ns() { date +%s%N; }

# ---- generator ----
GEN=$OUT/gen_library
GENSUM=$(cksum < "$HERE/gen_library.c" | cut -d' ' -f1)
if [ ! -x "$GEN" ] || [ "$(cat "$GEN.cksum" 2>/dev/null)" != "$GENSUM" ]; then
	"$CC" -std=c11 -O2 -Wall -Wextra -o "$GEN" "$HERE/gen_library.c" -lm ||
		fail "cannot compile bench/gen_library.c"
	echo "$GENSUM" > "$GEN.cksum"
fi

# ---- library ----
LIB=$OUT/lib
STAMP="seed=$SEED guidelines=$NGUIDE generator=$GENSUM"
if [ ! -f "$LIB/.stamp" ] || [ "$(cat "$LIB/.stamp")" != "$STAMP" ]; then
	rm -rf "$LIB" "$LIB.tmp"
	"$GEN" "$LIB.tmp" -n "$NGUIDE" -s "$SEED" >/dev/null || fail "the generator failed"
	echo "$STAMP" > "$LIB.tmp/.stamp"
	mv "$LIB.tmp" "$LIB" || fail "cannot move the library into place"
	GENERATED="generated"
else
	GENERATED="reused"
fi

# ---- the library must check clean ----
"$URC" check --color=never "$LIB" > "$OUT/verify.out" 2> "$OUT/verify.err"
rc=$?
summary=$(cat "$OUT/verify.out")
errors=$(echo "$summary" | sed -n 's/.*: \([0-9][0-9]*\) errors\{0,1\},.*/\1/p')
if [ $rc -ne 0 ] || [ "${errors:-0}" != 0 ]; then
	echo "check_bench: the generated library does not check clean (exit $rc)" >&2
	echo "  $summary" >&2
	head -n 40 "$OUT/verify.err" >&2
	fail "fix bench/gen_library.c or the checker (rm -rf $LIB regenerates it); diagnostics in $OUT/verify.err"
fi
for stop in scan parse; do
	"$URC" check -q --stop-after=$stop "$LIB" >/dev/null 2>&1 ||
		fail "urc check --stop-after=$stop exits $? on the library"
done

# ---- size ----
files=$(find "$LIB" -name '*.guide' -type f | wc -l)
lines=$(find "$LIB" -name '*.guide' -type f -exec cat {} + | wc -l)
bytes=$(find "$LIB" -name '*.guide' -type f -exec cat {} + | wc -c)
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)
cores=$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null || echo '?')

echo "urc check benchmark"
printf '  library  %s (%s): %d files, %d lines, %d bytes; seed %s\n' \
	"$LIB" "$GENERATED" "$files" "$lines" "$bytes" "$SEED"
printf '  verify   %s\n' "$summary"
load0=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?')
printf '  machine  %s cores, %s; load average %s\n' "$cores" "${cpu:-unknown CPU}" "$load0"
printf '  runs     %d per stage, interleaved, after one warm-up; wall clock via date +%%s%%N\n' "$RUNS"

# ---- timing ----
time_once() { # stage -> ms on stdout
	case $1 in
	scan) set -- --stop-after=scan ;;
	parse) set -- --stop-after=parse ;;
	full) set -- ;;
	esac
	t0=$(now_ns)
	"$URC" check -q "$@" "$LIB" >/dev/null 2>&1
	t1=$(now_ns)
	echo $(( (t1 - t0) / 1000 ))
}

for s in scan parse full; do time_once $s >/dev/null; done # warm-up
: > "$OUT/times.txt"
i=0
while [ $i -lt "$RUNS" ]; do
	for s in scan parse full; do
		echo "$s $(time_once $s)" >> "$OUT/times.txt"
	done
	i=$((i + 1))
done

stats() { # stage -> "min median max" in ms
	awk -v s="$1" '$1 == s { print $2 }' "$OUT/times.txt" | sort -n | awk '
		{ v[NR] = $1 }
		END {
			if (NR % 2) med = v[(NR + 1) / 2]; else med = (v[NR / 2] + v[NR / 2 + 1]) / 2
			printf "%.1f %.1f %.1f\n", v[1] / 1000, med / 1000, v[NR] / 1000
		}'
}

# ---- peak memory ----
TIMECMD=/usr/bin/time
MEMNOTE=""
if [ ! -x $TIMECMD ]; then
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
		echo "  (installing 'time' for peak memory)"
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null 2>&1 ||
			{ apt-get update -qq >/dev/null 2>&1 &&
			  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null 2>&1; }
	fi
	[ -x $TIMECMD ] || MEMNOTE="peak memory skipped: /usr/bin/time is not installed (apt-get install time)"
fi
rss() { # stage -> max RSS in KB
	[ -z "$MEMNOTE" ] || { echo "-"; return; }
	case $1 in
	scan) set -- --stop-after=scan ;;
	parse) set -- --stop-after=parse ;;
	full) set -- ;;
	esac
	$TIMECMD -f '%M' -o "$OUT/rss.txt" "$URC" check -q "$@" "$LIB" >/dev/null 2>&1
	tail -n 1 "$OUT/rss.txt"
}

echo
printf '  %-6s %10s %10s %10s %12s\n' stage "min ms" "median ms" "max ms" "peak RSS"
load1=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?')
med_scan=0 med_parse=0 med_full=0 min_scan=0 min_full=0
for s in scan parse full; do
	st=$(stats $s)
	min=${st%% *} rest=${st#* }
	med=${rest%% *} max=${rest#* }
	case $s in
	scan) med_scan=$med min_scan=$min ;;
	parse) med_parse=$med ;;
	full) med_full=$med min_full=$min ;;
	esac
	kb=$(rss $s)
	case $kb in
	-) mem="-" ;;
	*) mem=$(awk -v k="$kb" 'BEGIN { printf "%.1f MB", k / 1024 }') ;;
	esac
	printf '  %-6s %10s %10s %10s %12s\n' "$s" "$min" "$med" "$max" "$mem"
done
echo

# ---- verdict ----
awk -v scan="$med_scan" -v parse="$med_parse" -v full="$med_full" \
    -v minscan="$min_scan" -v minfull="$min_full" -v lines="$lines" \
    -v goal_ms="$GOAL_MS" -v goal_ratio="$GOAL_RATIO" \
    -v cores="$cores" -v load0="$load0" -v load1="$load1" 'BEGIN {
	ratio = (scan > 0) ? full / scan : 0
	minratio = (minscan > 0) ? minfull / minscan : 0
	printf "  stages (medians): scan %.1f ms, parse +%.1f ms, checks +%.1f ms; full %.0f klines/s\n",
	       scan, parse - scan, full - parse, (full > 0 ? lines / full : 0)
	printf "  goal 1: median full %7.1f ms < %d ms   %s   (min %.1f ms)\n", full, goal_ms,
	       (full < goal_ms ? "PASS" : "FAIL"), minfull
	printf "  goal 2: full/scan   %7.2fx <= %.1fx     %s   (mins %.2fx)\n", ratio, goal_ratio,
	       (ratio <= goal_ratio ? "PASS" : "FAIL"), minratio
	if (cores + 0 > 0 && (load0 + 0 > cores / 2 || load1 + 0 > cores / 2))
		printf "  note: the machine was busy (load %s -> %s on %s cores): medians are inflated, compare the min column\n",
		       load0, load1, cores
}'
[ -z "$MEMNOTE" ] || echo "  note: $MEMNOTE"
exit 0
