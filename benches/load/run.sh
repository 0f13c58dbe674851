#!/usr/bin/env bash
# Load test of `plain-contract serve` on loopback with wrk (Debian: apt-get install wrk).
#   benches/load/run.sh            5 runs of 10 s, 32 connections: requests/s and latency
#   benches/load/run.sh soak 600   one run of 600 s at saturation, RSS sampled every 10 s
# Only 127.0.0.1 is a target.
set -euo pipefail
cd "$(dirname "$0")/../.."
mode="${1:-runs}"
secs="${2:-10}"
port=18787
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 2; }
cargo build --release --quiet
./target/release/plain-contract serve --listen 127.0.0.1:$port 2>/dev/null &
server=$!
trap 'kill $server 2>/dev/null' EXIT
sleep 0.5
url=http://127.0.0.1:$port/graphql/v1
if [ "$mode" = soak ]; then
  ( while kill -0 $server 2>/dev/null; do
      echo "rss_kib $(awk '/VmRSS/{print $2}' /proc/$server/status) at $(date +%s)"; sleep 10
    done ) &
  sampler=$!
  wrk -t1 -c32 -d"${secs}s" -s benches/load/upsert.lua "$url"
  kill $sampler 2>/dev/null || true
else
  for i in 1 2 3 4 5; do
    wrk -t1 -c32 -d"${secs}s" -s benches/load/upsert.lua "$url" | grep -E "Requests/sec|p99"
  done
fi
# The store after the load: the 1,000 customers of the pool, no more.
curl -sS "$url" -H "Authorization: Bearer plainApiKey_dev" -H 'Content-Type: application/json' \
  -d '{"query":"{ customers { totalCount } }"}'
echo
