#!/bin/sh
# runtime_bench.sh URC OUTDIR — times liburc deciding requests.
#
# Builds, into OUTDIR, the table of guidelines/ (urc build), and with $CC
# and the liburc.a beside URC: bench/gen_cases.c, bench/runtime_bench.c and
# bench/yaml_only.c. Generates seeded JSON Lines cases for low_back_pain
# (1,000,000 and 100,000; regenerated only when the generator, the seed or
# the size changed), then measures:
#   (a) urc_decide in memory on already-read, already-bound cases, one core:
#       in cache (2,048 cases decided again and again: the evaluation) and
#       from memory (all ~95,000, streamed from RAM on every pass)
#   (b) a hand-written C version of low_back_pain on the same bound cases
#       (checked to decide every case as urc_decide does), and (b)/(a)
#   (c) urc review -t T.urt --format json on the 1,000,000-case file
#   (d) libyaml alone parsing that file as the case reader does, and (c)/(d)
#   (e) peak memory (max RSS) of urc review at 100,000 cases (one run) and
#       at 1,000,000 (the median of the timed runs of (c))
# and prints PASS/FAIL against the goals (a) >= 30 M decisions/s per core,
# (b)/(a) <= 4, (c)/(d) <= 1.5, (e) the same at both sizes (within 5% or
# 1 MB). A missed goal is reported, not an error: the exit status is 0
# unless something cannot be built or run.
#
# Environment: BENCH_RUNS (end-to-end runs, default 3), BENCH_SEED (default
# 20260101), BENCH_CASES (default 1000000), BENCH_SMALL (default 100000),
# BENCH_SECONDS (least seconds per in-memory run, default 1), CC (default
# cc), BENCH_CFLAGS (default -O2 -g).
set -u

if [ $# -ne 2 ]; then
	echo "usage: sh bench/runtime_bench.sh URC OUTDIR" >&2
	exit 2
fi
URC=$1
OUT=$2
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
RUNS=${BENCH_RUNS:-3}
SEED=${BENCH_SEED:-20260101}
NBIG=${BENCH_CASES:-1000000}
NSMALL=${BENCH_SMALL:-100000}
SECONDS_PER_RUN=${BENCH_SECONDS:-1}
CC=${CC:-cc}
CFLAGS=${BENCH_CFLAGS:--O2 -g}
GOAL_RATE=30000000
GOAL_HAND=4.0
GOAL_YAML=1.5

fail() {
	echo "runtime_bench: FAIL: $*" >&2
	exit 1
}

[ -x "$URC" ] || fail "no urc at '$URC' (run 'make' first)"
LIBURC=$(dirname "$URC")/liburc.a
[ -f "$LIBURC" ] || fail "no liburc.a beside $URC"
mkdir -p "$OUT" || fail "cannot create $OUT"
if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists yaml-0.1; then
	fail "pkg-config finds no yaml-0.1 (apt-get install libyaml-dev pkg-config)"
fi
YAML_CFLAGS=$(pkg-config --cflags yaml-0.1)
YAML_LIBS=$(pkg-config --libs yaml-0.1)

case $(date +%s%N) in
*N*|'') fail "'date +%s%N' gives no nanoseconds on this system" ;;
esac
now_ns() { date +%s%N; }

# ---- programs ----
# The generator is rebuilt only when its source changes (its checksum is
# part of the cases' stamp); the others every time, against this liburc.a.
W="-std=c11 -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes"
GEN=$OUT/gen_cases
GENSUM=$(cksum < "$HERE/gen_cases.c" | cut -d' ' -f1)
if [ ! -x "$GEN" ] || [ "$(cat "$GEN.cksum" 2>/dev/null)" != "$GENSUM" ]; then
	# shellcheck disable=SC2086
	"$CC" $W $CFLAGS -o "$GEN" "$HERE/gen_cases.c" || fail "cannot compile bench/gen_cases.c"
	echo "$GENSUM" > "$GEN.cksum"
fi
# shellcheck disable=SC2086
"$CC" $W $CFLAGS $YAML_CFLAGS -o "$OUT/yaml_only" "$HERE/yaml_only.c" $YAML_LIBS ||
	fail "cannot compile bench/yaml_only.c"
# shellcheck disable=SC2086
"$CC" $W $CFLAGS -D_POSIX_C_SOURCE=200809L -iquote "$ROOT/runtime" -o "$OUT/runtime_bench" \
	"$HERE/runtime_bench.c" "$LIBURC" $YAML_LIBS -lm ||
	fail "cannot compile bench/runtime_bench.c"

# ---- table ----
TABLE=$OUT/T.urt
"$URC" build -o "$TABLE" "$ROOT/guidelines" > "$OUT/build.out" 2>&1 ||
	{ cat "$OUT/build.out" >&2; fail "urc build failed on guidelines/"; }

# ---- cases ----
cases() { # n -> path of the cached file (made when missing or stale)
	f=$OUT/cases_$1.jsonl
	stamp="seed=$SEED cases=$1 generator=$GENSUM"
	if [ ! -f "$f" ] || [ "$(cat "$f.stamp" 2>/dev/null)" != "$stamp" ]; then
		rm -f "$f" "$f.stamp"
		"$GEN" -n "$1" -s "$SEED" -o "$f.tmp" || fail "the generator failed"
		mv "$f.tmp" "$f" || fail "cannot move $f into place"
		echo "$stamp" > "$f.stamp"
		echo "generated"
	else
		echo "reused"
	fi
}
GOT_BIG=$(cases "$NBIG") || exit 1
GOT_SMALL=$(cases "$NSMALL") || exit 1
BIG=$OUT/cases_$NBIG.jsonl
SMALL=$OUT/cases_$NSMALL.jsonl
big_mb=$(wc -c < "$BIG" | awk '{ printf "%.0f", $1 / 1048576 }')

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)
cores=$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null || echo '?')
load0=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?')
echo "urc runtime benchmark"
printf '  cases    %s cases (%s MB, %s) and %s (%s), seed %s\n' "$NBIG" "$big_mb" "$GOT_BIG" \
	"$NSMALL" "$GOT_SMALL" "$SEED"
printf '  table    %s\n' "$(cat "$OUT/build.out")"
printf '  machine  %s cores, %s; load average %s\n' "$cores" "${cpu:-unknown CPU}" "$load0"

# ---- (a), (b): in memory ----
"$OUT/runtime_bench" "$TABLE" "$SMALL" -k "$NSMALL" -t "$SECONDS_PER_RUN" -r 5 \
	> "$OUT/inmem.txt" 2> "$OUT/inmem.err"
rc=$?
[ $rc -le 1 ] || { cat "$OUT/inmem.err" >&2; fail "runtime_bench exits $rc"; }
val() { # key -> its value in inmem.txt
	tr ' ' '\n' < "$OUT/inmem.txt" | sed -n "s/^$1=//p" | head -n 1
}

# ---- peak memory tool ----
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

# ---- (c), (d): end to end on the big file ----
# Warm-ups (they also fill the page cache) check what each run does.
out_lines=$("$URC" review -t "$TABLE" --format json "$BIG" 2>/dev/null | wc -l)
[ "$out_lines" -eq "$NBIG" ] ||
	fail "urc review printed $out_lines lines for $NBIG cases"
yo=$("$OUT/yaml_only" "$BIG") || fail "yaml_only cannot parse $BIG"
case $yo in
*"documents=$NBIG "*) ;;
*) fail "yaml_only read '$yo' from $NBIG cases" ;;
esac

review_once() { # file -> "ms rssKB" ; exit status 0 or 1 is fine (1: no guideline)
	if [ -z "$MEMNOTE" ]; then
		t0=$(now_ns)
		$TIMECMD -f '%M' -o "$OUT/review_rss.txt" "$URC" review -t "$TABLE" --format json "$1" > /dev/null
		rc=$?
		t1=$(now_ns)
		kb=$(tail -n 1 "$OUT/review_rss.txt")
	else
		t0=$(now_ns)
		"$URC" review -t "$TABLE" --format json "$1" > /dev/null
		rc=$?
		t1=$(now_ns)
		kb=-
	fi
	[ $rc -le 1 ] || fail "urc review exits $rc on $1"
	echo "$(( (t1 - t0) / 1000000 )) $kb"
}
yaml_once() { # -> ms
	t0=$(now_ns)
	"$OUT/yaml_only" "$BIG" > /dev/null || fail "yaml_only failed"
	t1=$(now_ns)
	echo $(( (t1 - t0) / 1000000 ))
}
: > "$OUT/e2e.txt"
i=0
while [ $i -lt "$RUNS" ]; do
	r=$(review_once "$BIG") || exit 1
	echo "review $r" >> "$OUT/e2e.txt"
	r=$(yaml_once) || exit 1
	echo "yaml $r" >> "$OUT/e2e.txt"
	i=$((i + 1))
done
r=$(review_once "$SMALL") || exit 1
rss_small=${r#* }
median() { # key column -> median of that column over the key's lines
	awk -v k="$1" -v c="$2" '$1 == k { print $c }' "$OUT/e2e.txt" | sort -n | awk '
		{ v[NR] = $1 }
		END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
ms_review=$(median review 2)
ms_yaml=$(median yaml 2)
rss_big=$(median review 3)
[ -z "$MEMNOTE" ] || rss_big=- rss_small=-
load1=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?')

# ---- report ----
awk -v decide="$(val decide)" -v dmin="$(val decide_min)" -v dmax="$(val decide_max)" \
    -v hand="$(val hand)" -v hmin="$(val hand_min)" -v hmax="$(val hand_max)" \
    -v dhot="$(val decide_hot)" -v dhmin="$(val decide_hot_min)" -v dhmax="$(val decide_hot_max)" \
    -v hhot="$(val hand_hot)" -v hhmin="$(val hand_hot_min)" -v hhmax="$(val hand_hot_max)" \
    -v nhot="$(val decide_hot_cases)" -v bbytes="$(val bound_bytes)" \
    -v dall="$(val decide_all)" -v bind="$(val bind)" -v readr="$(val read_rate)" \
    -v ncases="$(val cases)" -v nlbp="$(val low_back_pain)" \
    -v verified="$(val verified)" -v mism="$(val mismatches)" \
    -v ms_review="$ms_review" -v ms_yaml="$ms_yaml" -v nbig="$NBIG" -v runs="$RUNS" \
    -v rss_small="$rss_small" -v rss_big="$rss_big" -v nsmall="$NSMALL" \
    -v goal_rate="$GOAL_RATE" -v goal_hand="$GOAL_HAND" -v goal_yaml="$GOAL_YAML" \
    -v secs="$SECONDS_PER_RUN" 'BEGIN {
	M = 1000000
	verdict_ok = (mism == 0 && verified > 0)
	printf "\n  in memory, one core, on already-read cases bound to low_back_pain; medians of 5 runs of >= %s s (min-max)\n", secs
	printf "    in cache:    the first %d cases (%.1f MB of bound cases), decided again and again\n",
	       nhot, nhot * bbytes / 1048576
	printf "    from memory: all %d of the %d cases read (%.0f MB), streamed from memory each pass\n",
	       nlbp, ncases, nlbp * bbytes / 1048576
	printf "                                 in cache                      from memory\n"
	printf "  (a) urc_decide           %7.2f M/s (%6.2f-%6.2f)   %7.2f M/s (%5.2f-%5.2f)\n",
	       dhot / M, dhmin / M, dhmax / M, decide / M, dmin / M, dmax / M
	printf "  (b) hand-written C       %7.2f M/s (%6.2f-%6.2f)   %7.2f M/s (%5.2f-%5.2f)\n",
	       hhot / M, hhmin / M, hhmax / M, hand / M, hmin / M, hmax / M
	printf "      (b)/(a)              %7.2fx                       %7.2fx\n",
	       (dhot > 0 ? hhot / dhot : 0), (decide > 0 ? hand / decide : 0)
	printf "      reference check      %d cases, %d mismatches%s\n", verified, mism,
	       (verdict_ok ? "" : "  -- (b) IS NOT A VALID REFERENCE")
	printf "      also: urc_decide on all %d cases (every guideline) %.2f M/s; urc_bind %.2f M/s; case reader %.0f k cases/s\n",
	       ncases, dall / M, bind / M, readr / 1000
	printf "\n  end to end, %d cases, medians of %d runs\n", nbig, runs
	printf "  (c) urc review --format json %8.2f s   %7.0f k cases/s\n", ms_review / 1000,
	       (ms_review > 0 ? nbig / ms_review : 0)
	printf "  (d) libyaml alone           %8.2f s   %7.0f k cases/s\n", ms_yaml / 1000,
	       (ms_yaml > 0 ? nbig / ms_yaml : 0)
	ry = ms_yaml > 0 ? ms_review / ms_yaml : 0
	printf "      (c)/(d)                 %8.2fx\n", ry
	if (rss_big != "-") {
		printf "  (e) peak RSS of urc review  %8.1f MB at %d cases, %.1f MB at %d cases\n",
		       rss_small / 1024, nsmall, rss_big / 1024, nbig
		grow = rss_big - rss_small
		same = (grow <= 1024 || grow <= 0.05 * rss_small) && (-grow <= 1024 || -grow <= 0.05 * rss_small)
	}
	printf "\n  goals                                  in cache          from memory\n"
	printf "  (a) >= 30 M decisions/s per core     %7.2f M  %s     %7.2f M  %s\n",
	       dhot / M, (dhot >= goal_rate ? "PASS" : "FAIL"), decide / M, (decide >= goal_rate ? "PASS" : "FAIL")
	printf "  (a) within %.0fx of (b)                %7.2fx   %s     %7.2fx   %s\n", goal_hand,
	       (dhot > 0 ? hhot / dhot : 0),
	       (!verdict_ok ? "INVALID" : (hhot <= goal_hand * dhot ? "PASS" : "FAIL")),
	       (decide > 0 ? hand / decide : 0),
	       (!verdict_ok ? "INVALID" : (hand <= goal_hand * decide ? "PASS" : "FAIL"))
	printf "  (c) within %.1fx of (d)              %8.2fx    %s\n", goal_yaml, ry,
	       (ry > 0 && ry <= goal_yaml) ? "PASS" : "FAIL"
	if (rss_big != "-")
		printf "  (e) same peak memory at both sizes  %+8.1f MB   %s\n", grow / 1024,
		       (same ? "PASS" : "FAIL")
}'
if [ "$cores" != '?' ]; then
	awk -v c="$cores" -v a="$load0" -v b="$load1" 'BEGIN {
		if (a + 0 > c / 2 || b + 0 > c / 2)
			printf "  note: the machine was busy (load %s -> %s on %s cores): rates are low, compare the max column\n", a, b, c
	}'
fi
[ -z "$MEMNOTE" ] || echo "  note: $MEMNOTE"
[ ! -s "$OUT/inmem.err" ] || sed 's/^/  runtime_bench: /' "$OUT/inmem.err"
exit 0
