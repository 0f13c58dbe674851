#!/usr/bin/env bash
# Runs every fuzz target (or the ones named) for SECONDS each, from its seed
# corpus with its dictionary, and fails on the first crash. Prints, per target,
# the executions and the coverage (libFuzzer's cov/ft counters) at the start
# and at the end.
#
# usage: fuzz/run.sh SECONDS [TARGET...]
#   CI:           fuzz/run.sh 10
#   a campaign:   fuzz/run.sh 3600 har      (one CPU-hour on one target)
# Needs cargo-fuzz and a nightly toolchain (`cargo +nightly fuzz`). Targets are
# built without a sanitizer (`-s none`): the code under test is safe Rust, and
# a panic or an assertion is what the targets report.
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:?usage: fuzz/run.sh SECONDS [TARGET...]}
shift
./seed.sh >/dev/null
cargo +nightly fuzz build -s none >/dev/null
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  list=$(cargo +nightly fuzz list)
  mapfile -t targets <<<"$list"
  [ -n "$list" ] || { echo "cargo fuzz list names no target"; exit 1; }
fi
. ./dict_of.sh
mkdir -p logs
for t in "${targets[@]}"; do
  log=logs/$t.log
  if ! cargo +nightly fuzz run -s none "$t" -- -max_total_time="$seconds" -dict="$(dict_of "$t")" \
      -print_final_stats=1 -rss_limit_mb=2048 -timeout=10 >"$log" 2>&1; then
    echo "fuzz target $t FAILED; the end of its log ($log):"
    tail -40 "$log"
    exit 1
  fi
  start=$(grep -m1 -E '^#[0-9]+\s+INITED' "$log" | grep -oE 'cov: [0-9]+ ft: [0-9]+' || echo 'cov: ? ft: ?')
  end=$(grep -E '^#[0-9]+\s+(DONE|pulse|NEW|REDUCE)' "$log" | tail -1 | grep -oE 'cov: [0-9]+ ft: [0-9]+' || echo "$start")
  execs=$(grep -oE 'stat::number_of_executed_units: [0-9]+' "$log" | grep -oE '[0-9]+$' || echo '?')
  echo "$t: $execs executions in ${seconds}s; start $start; end $end; no crash"
done
