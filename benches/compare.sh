#!/usr/bin/env bash
# The criterion benches before and after a change, side by side.
#
#   benches/compare.sh before [BENCH...]  # on the old commit: run the benches, save them as
#                                         # criterion's baseline "before" in $BEFORE
#   benches/compare.sh after [BENCH...]   # on the new commit: run them against that baseline,
#                                         # then print the table
#   benches/compare.sh table              # print the table of the last `after` run again
#
# BENCH: the `cargo bench --bench` targets (default: check schema_diff).
# BEFORE: where the baseline lives (default /tmp/criterion-before: outside target/, so
#   `cargo clean` and a rebuilt worktree keep it). `before` refuses to overwrite it.
# WORK: where `after` runs (default target/criterion-compare): a copy of $BEFORE, so the
#   saved baseline is never written to and `after` can be run again.
# FILTER: a criterion filter (a regex over bench names), e.g. FILTER=sdk_layout.
#
# The table (Markdown): per bench, criterion's median with the bootstrap 95 % interval of
# that median, before and after, and the change of the median with its interval. "within
# noise" when that interval holds 0 or the change is under criterion's 2 % noise threshold.
# Each side's header says its commit, date and load (`uptime`), as saved when it ran:
# timings on a shared machine are only comparable under similar load.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:-}
[ $# -gt 0 ] && shift
benches=("$@")
[ ${#benches[@]} -eq 0 ] && benches=(check schema_diff)
BEFORE=${BEFORE:-/tmp/criterion-before}
WORK=${WORK:-target/criterion-compare}
FILTER=${FILTER:-}

meta() {
  echo "commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src benches Cargo.toml Cargo.lock || echo ' (uncommitted changes)')"
  echo "date $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "load$(uptime | sed 's/.*load average//')"
}

run_benches() { # CRITERION_HOME-dir, criterion args...
  local home=$1 targets=()
  shift
  for b in "${benches[@]}"; do targets+=(--bench "$b"); done
  # One cargo call: every bench is built before any runs.
  # shellcheck disable=SC2086
  CRITERION_HOME="$home" nice -n 10 cargo bench "${targets[@]}" -- "$@" $FILTER
}

table() {
  python3 - "$WORK" "$BEFORE" <<'EOF'
import json, os, sys
work, before_home = sys.argv[1], sys.argv[2]
root = work if os.path.isdir(work) else before_home

def fmt(ns):
    for unit, scale in (("s", 1e9), ("ms", 1e6), ("µs", 1e3)):
        if ns >= scale:
            return f"{ns / scale:.3g} {unit}"
    return f"{ns:.3g} ns"

def median(d):
    try:
        with open(os.path.join(d, "estimates.json")) as f:
            m = json.load(f)["median"]
    except (OSError, KeyError, ValueError):
        return None
    ci = m["confidence_interval"]
    return m["point_estimate"], ci["lower_bound"], ci["upper_bound"]

def cell(m):
    return "—" if m is None else f"{fmt(m[0])} ({fmt(m[1])}–{fmt(m[2])})"

def header(path):
    try:
        with open(path) as f:
            return "; ".join(l.strip() for l in f if l.strip())
    except OSError:
        return "not recorded"

rows = []
for dirpath, dirs, files in os.walk(root):
    for side in ("new", "before"):
        p = os.path.join(dirpath, side, "benchmark.json")
        if os.path.isfile(p):
            with open(p) as f:
                rows.append((json.load(f)["full_id"], dirpath))
            break
rows = sorted(set(rows))
print(f"before: {header(os.path.join(before_home, 'meta.txt'))}")
print(f"after: {header(os.path.join(work, 'meta.txt')) if root == work else 'not run'}")
print()
print("| bench | before: median (95 % interval) | after: median (95 % interval) | change of median (interval) |")
print("|---|---|---|---|")
for name, d in rows:
    b = median(os.path.join(d, "before"))
    a = median(os.path.join(d, "new")) if root == work else None
    c = median(os.path.join(d, "change")) if root == work else None
    if a is None and b is None:
        continue
    if c is None or b is None or a is None:
        verdict = "—"
    else:
        point, lo, hi = (x * 100 for x in c)
        word = "within noise" if lo <= 0 <= hi or abs(point) < 2 else ("faster" if point < 0 else "slower")
        verdict = f"{point:+.1f} % ({lo:+.1f} to {hi:+.1f}): {word}"
    print(f"| {name} | {cell(b)} | {cell(a)} | {verdict} |")
EOF
}

case "$mode" in
  before)
    if [ -e "$BEFORE" ]; then
      echo "compare.sh: $BEFORE exists; remove it to record a new baseline" >&2
      exit 2
    fi
    mkdir -p "$BEFORE"
    meta > "$BEFORE/meta.txt"
    run_benches "$BEFORE" --save-baseline before
    echo "load at end$(uptime | sed 's/.*load average//')" >> "$BEFORE/meta.txt"
    ;;
  after)
    if [ ! -d "$BEFORE" ]; then
      echo "compare.sh: no baseline in $BEFORE: run \`benches/compare.sh before\` on the old commit first" >&2
      exit 2
    fi
    rm -rf "$WORK"
    mkdir -p "$(dirname "$WORK")"
    cp -r "$BEFORE" "$WORK"
    # Only the baseline: an older run's `new` would pass for this one's.
    find "$WORK" -depth -type d \( -name new -o -name change \) -exec rm -rf {} +
    meta > "$WORK/meta.txt"
    # Lenient: a bench the old commit did not have is run and listed without a comparison.
    run_benches "$WORK" --baseline-lenient before
    echo "load at end$(uptime | sed 's/.*load average//')" >> "$WORK/meta.txt"
    table
    ;;
  table)
    table
    ;;
  *)
    sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
    ;;
esac
