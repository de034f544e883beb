#!/bin/sh
# dot_bench.sh URC OUTDIR — times drawing every shipped guideline: all of
# them to SVG, then all to PNG, as `make demo` does. Goal: under 2 s in
# total on a 2-core machine. Prints the median of 5 runs of each.
set -u
URC=${1:?usage: dot_bench.sh URC OUTDIR}
OUT=${2:?usage: dot_bench.sh URC OUTDIR}
cd "$(dirname "$0")/.." || exit 2
mkdir -p "$OUT/diagrams" || exit 2
n=$(find guidelines -name '*.guide' -exec grep -l '^[[:space:]]*guideline ' {} + | wc -l)
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
time_ms() { # format -> one run's wall milliseconds
	t0=$(date +%s%N)
	"$URC" dot -T "$1" -o "$OUT/diagrams" guidelines/ > /dev/null || { echo "urc dot -T $1 failed" >&2; exit 1; }
	t1=$(date +%s%N)
	echo $(((t1 - t0) / 1000000))
}
svg=$(for i in 1 2 3 4 5; do time_ms svg; done | median)
png=$(for i in 1 2 3 4 5; do time_ms png; done | median)
total=$((svg + png))
echo "urc dot benchmark: $n guideline files"
echo "  svg, every guideline   $svg ms (median of 5)"
echo "  png, every guideline   $png ms (median of 5)"
if [ "$total" -lt 2000 ]; then verdict=PASS; else verdict=FAIL; fi
echo "  goal: svg + png $total ms < 2000 ms   $verdict"
