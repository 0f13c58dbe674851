#!/usr/bin/env bash
# Whole-process HAR scaling: generates a 50 MB and a 500 MB single-line HAR
# (benches/gen_har.py, the upsert exchanges of gen_ndjson.py) into
# target/har-scale/ (never committed), checks each with the release binary
# under /usr/bin/time -v, and prints wall time and peak resident memory.
#
# Targets (issue 14): the 500 MB file within 1.2x of 10 times the 50 MB
# file's time (linear), and at most 128 MB peak RSS. Exit status 1 when a
# target is missed, so it can gate a run.
#
#   benches/har_scale.sh             # build, generate (once), measure
#   RUNS=3 benches/har_scale.sh      # each file measured 3 times; the median counts
#   SIZES="5 50" benches/har_scale.sh  # other sizes (MB); the ratio compares the last two
#   BIN=/path/to/plain-contract benches/har_scale.sh  # that binary, no build
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-1}
SIZES=${SIZES:-"50 500"}
OUT=target/har-scale
mkdir -p "$OUT"
if [ -z "${BIN:-}" ]; then
  cargo build --release --quiet --bin plain-contract
  BIN=target/release/plain-contract
fi
command -v /usr/bin/time >/dev/null || { echo "har_scale.sh needs /usr/bin/time (Debian: apt-get install time)" >&2; exit 2; }

declare -A WALL RSS
for mb in $SIZES; do
  f="$OUT/har-${mb}mb.har"
  if [ ! -s "$f" ]; then
    echo "generating $f ..." >&2
    python3 benches/gen_har.py --mb "$mb" > "$f.tmp" && mv "$f.tmp" "$f"
  fi
  walls=()
  peak=0
  for _ in $(seq "$RUNS"); do
    # Exit 0: every generated exchange passes; anything else is a failure here.
    /usr/bin/time -v "$BIN" check "$f" > "$OUT/out-${mb}.txt" 2> "$OUT/time-${mb}.txt" || {
      echo "check $f failed; see $OUT/out-${mb}.txt" >&2; tail -3 "$OUT/out-${mb}.txt" >&2; exit 2; }
    w=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$OUT/time-${mb}.txt")
    r=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$OUT/time-${mb}.txt")
    walls+=("$w")
    [ "$r" -gt "$peak" ] && peak=$r
  done
  WALL[$mb]=$(printf '%s\n' "${walls[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  RSS[$mb]=$peak
  printf '%6s MB  %s  wall %s s (median of %s: %s)  peak RSS %.1f MB\n' "$mb" "$(tail -1 "$OUT/out-${mb}.txt")" \
    "${WALL[$mb]}" "$RUNS" "${walls[*]}" "$(echo "$peak / 1024" | bc -l)"
done

set -- $SIZES
small=${@:$#-1:1}; big=${@:$#:1}
ratio=$(echo "${WALL[$big]} / (${WALL[$small]} * $big / $small)" | bc -l)
printf 'linearity: %s MB took %.2fx the time of %s MB scaled by %s (target <= 1.2)\n' "$big" "$ratio" "$small" "$((big / small))"
printf 'load average: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
ok=0
awk -v r="$ratio" 'BEGIN {exit !(r <= 1.2)}' || { echo "MISSED: not linear" >&2; ok=1; }
for mb in $SIZES; do
  [ "${RSS[$mb]}" -le $((128 * 1024)) ] || { echo "MISSED: $mb MB peaked above 128 MB" >&2; ok=1; }
done
exit $ok
