#!/usr/bin/env bash
# A long fuzz campaign: runs the named targets one after another, each until
# the CPU time it has had (summed over restarts, kept in logs/campaign/T.cpu)
# reaches BUDGET seconds. Run one lane per core beside other work:
#
#   fuzz/campaign.sh 3600 config fixture_yaml response &     # lane 1
#   fuzz/campaign.sh 3600 fixture_json har openapi &         # lane 2
#   fuzz/campaign.sh report                                  # the table so far
#
# Each lane runs at the lowest priority (nice 19, and its autogroup too: under
# autogroup scheduling a process started in its own session is not yielded to
# by `nice` alone; a lane starts a session of its own for that, so the caller's
# shell is not niced with it). A target that stops is restarted from its grown corpus:
# - on a crash (a panic, an assertion of the target's properties) the lane
#   stops that target and prints the end of the log; the input is in
#   fuzz/artifacts/T/;
# - when hung (no exit 15 minutes past its time), it is killed and restarted;
# - on a timeout (-timeout=10) the input is replayed alone: a fuzzer starved
#   or paused for longer than the timeout reports a timeout that is not one,
#   so only an input that is slow alone stops the target.
# A lane exits 1 when a target of it stopped on a crash (after running its
# other targets), 0 when every target had its budget.
# Corpora live in fuzz/corpus/T (not committed), logs in fuzz/logs/campaign
# (CAMPAIGN_LOGS, relative to fuzz/, names another folder: CI gives each run
# its own, so its report shows that run only).
set -uo pipefail
self=$(realpath "$0")
cd "$(dirname "$0")"
logs=${CAMPAIGN_LOGS:-logs/campaign}
mkdir -p "$logs"

report() {
  printf '| target | CPU s | executions | cov (first start → highest) | ft (first start → highest) | runs |\n|---|---|---|---|---|---|\n'
  for t in $(ls "$logs" | grep -E '\.[0-9]+\.log$' | sed -E 's/\.[0-9]+\.log$//' | sort -u); do
    cpu=$logs/$t.cpu
    secs=$(awk '{s+=$1} END {printf "%d", s}' "$cpu" 2>/dev/null || echo 0)
    runs=$( (wc -l <"$cpu") 2>/dev/null || echo 0)
    # A run under way: its CPU time so far, from ps.
    # (Only a fuzzer of this folder: another checkout's campaign is not this one's.)
    pid=
    for p in $(pgrep -f "^target/[^ ]*/release/$t corpus/$t"); do
      [ "$(readlink "/proc/$p/cwd")" = "$PWD" ] && { pid=$p; break; }
    done
    if [ -n "$pid" ]; then
      secs="$((${secs:-0} + $(ps -o times= -p "$pid" | tr -d ' '))) (running)"
      runs=$((runs + 1))
    fi
    logsof=$(ls "$logs/$t".*.log 2>/dev/null | sort -t. -k2 -n)
    execs=0
    for l in $logsof; do
      n=$(grep -oE 'stat::number_of_executed_units: [0-9]+' "$l" | grep -oE '[0-9]+$' \
        || grep -oE '^#[0-9]+' "$l" | tail -1 | tr -d '#')
      execs=$((execs + ${n:-0}))
    done
    first=$(echo "$logsof" | head -1)
    start=$(grep -m1 -E '^#[0-9]+\s+INITED' "$first" | grep -oE 'cov: [0-9]+ ft: [0-9]+')
    # The highest coverage any run reached (a restart reloads the corpus and
    # counts from there, so the newest run's last line can be lower).
    # shellcheck disable=SC2086
    high=$(grep -hE '^#[0-9]+\s+(DONE|pulse|NEW|REDUCE|INITED)' $logsof | grep -oE 'cov: [0-9]+ ft: [0-9]+' \
      | awk '$2 > c {c = $2} $4 > f {f = $4} END {print c, f}')
    printf '| `%s` | %s | %s | %s → %s | %s → %s | %s |\n' "$t" "$secs" "$execs" \
      "$(echo "$start" | awk '{print $2}')" "$(echo "$high" | awk '{print $1}')" \
      "$(echo "$start" | awk '{print $4}')" "$(echo "$high" | awk '{print $2}')" "$runs"
  done
}

if [ "${1:-}" = report ]; then report; exit 0; fi
budget=${1:?usage: fuzz/campaign.sh BUDGET_CPU_SECONDS TARGET... | fuzz/campaign.sh report}
shift
[ $# -gt 0 ] || { echo "name the targets of this lane"; exit 2; }

# The autogroup is the session's: a lane in its own session, so that niceing
# its group does not nice the caller's shell (and all it runs later) too.
if [ "$(ps -o sid= -p $$ | tr -d ' ')" != "$$" ]; then exec setsid -w "$self" "$budget" "$@"; fi
echo 19 > /proc/self/autogroup 2>/dev/null || true
renice -n 19 -p $$ >/dev/null
./seed.sh >/dev/null
cargo +nightly fuzz build -s none >/dev/null || exit 1
bin=target/x86_64-unknown-linux-gnu/release
. ./dict_of.sh
# Each run's CPU seconds (user + system), from bash's `time`.
TIMEFORMAT='%3U %3S'

stopped=()
for t in "$@"; do
  mkdir -p "corpus/$t" "artifacts/$t"
  while :; do
    spent=$(awk '{s+=$1} END {printf "%d", s}' "$logs/$t.cpu" 2>/dev/null || echo 0)
    left=$((budget - ${spent:-0}))
    [ "$left" -gt 0 ] || { echo "$t: $spent CPU s, done"; break; }
    n=$(ls "$logs" | grep -E "^$t\.[0-9]+\.log\$" | sed -E 's/.*\.([0-9]+)\.log$/\1/' | sort -n | tail -1)
    log=$logs/$t.$((${n:-0} + 1)).log
    # libFuzzer stops itself after -max_total_time (wall); the watchdog is for a
    # fuzzer hung in its own alarm handler (seen once), which would never stop.
    { time timeout -s KILL $((left + 900)) "$bin/$t" "corpus/$t" -dict="$(dict_of "$t")" -max_total_time="$left" -print_final_stats=1 \
      -rss_limit_mb=2048 -timeout=10 -artifact_prefix="artifacts/$t/" >"$log" 2>&1 ; } 2>"$log.time"
    rc=$?
    awk '{printf "%.2f\n", $1 + $2}' "$log.time" >>"$logs/$t.cpu"
    [ $rc -eq 0 ] && continue
    [ $rc -eq 137 ] && ! grep -q 'ERROR: libFuzzer' "$log" && { echo "$t: hung, killed by the watchdog; restarting"; continue; }
    art=$(grep -oE "artifacts/$t/[a-z]+-[0-9a-f]+" "$log" | tail -1)
    if grep -q 'ERROR: libFuzzer: timeout' "$log" && [ -n "$art" ]; then
      if timeout 60 "$bin/$t" -runs=3 -timeout=10 "$art" >"$log.replay" 2>&1; then
        echo "$t: a timeout that is not one ($art runs alone in time); restarting"
        mv "$art" "$art.false-timeout"
        continue
      fi
    fi
    echo "$t: STOPPED (exit $rc) with ${art:-no artifact}; the end of $log:"
    tail -30 "$log"
    stopped+=("$t")
    break
  done
done
if [ ${#stopped[@]} -gt 0 ]; then
  echo "campaign lane FAILED: ${stopped[*]} stopped on a crash (inputs in fuzz/artifacts/)"
  exit 1
fi
