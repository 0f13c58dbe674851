#!/usr/bin/env bash
# Peer test suites against `plain-contract serve` on 127.0.0.1 (docs/peers.md):
#   1. graphql-http's server audits (the GraphQL-over-HTTP spec's compliance tests),
#      directly and through `plain-contract record`, whose recording must pass `check`;
#   2. Schemathesis in GraphQL mode, by introspection of the server;
#   3. Schemathesis in OpenAPI mode, from specs/plain-support-openapi.yml;
#   4. `plain-contract check` of both Schemathesis HAR reports (`[check] either`).
# usage: tests/peers/run.sh BINARY [EXAMPLES]
# Needs node with tests/peers/node_modules (npm ci --prefix tests/peers) and a
# Schemathesis on PATH or in $SCHEMATHESIS; .ci/run installs both. Exit 0 when
# every suite passes.
set -euo pipefail
bin=$(realpath "$1")
examples=${2:-20}
here=$(cd "$(dirname "$0")" && pwd)
st=${SCHEMATHESIS:-schemathesis}
[[ "$st" == */* ]] && st=$(realpath "$st")
out=${PEERS_OUT:-$(mktemp -d)}
mkdir -p "$out"
key=plainApiKey_dev

# A free loopback port: let the kernel choose one, then give it to serve.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$bin" serve --listen "127.0.0.1:$port" --seed-data "$here/seed.json" >"$out/serve.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
url="http://127.0.0.1:$port/graphql/v1"
for _ in $(seq 50); do
  grep -q "Ctrl-C stops" "$out/serve.log" 2>/dev/null && break
  sleep 0.1
done

echo "== graphql-http server audits against $url"
(cd "$here" && PLAIN_API_KEY=$key node graphql-http-audit.mjs "$url")

# The same audits through `plain-contract record` in front of serve: the
# recording must pass `check`. The audits send valid requests and broken
# ones, so the recording is checked as `--expect either` (docs/exchanges.md).
rport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$bin" record --upstream "http://127.0.0.1:$port" --listen "127.0.0.1:$rport" --out "$out/recorded" >"$out/record.log" 2>&1 &
rpid=$!
trap 'kill $pid $rpid 2>/dev/null || true' EXIT
for _ in $(seq 50); do
  grep -q "Ctrl-C stops" "$out/record.log" 2>/dev/null && break
  sleep 0.1
done
echo "== graphql-http server audits through plain-contract record (127.0.0.1:$rport), then check of the recording"
(cd "$here" && PLAIN_API_KEY=$key node graphql-http-audit.mjs "http://127.0.0.1:$rport/graphql/v1" >"$out/audit-recorded.log") \
  || { cat "$out/audit-recorded.log"; exit 1; }
kill $rpid 2>/dev/null || true
wait $rpid 2>/dev/null || true
recorded=$(find "$out/recorded" -name '*.json' | wc -l)
[ "$recorded" -gt 0 ] || { echo "record wrote no exchange"; exit 1; }
"$bin" check --expect either "$out/recorded"

common=(-H "Authorization: Bearer $key" -n "$examples" --seed 1 --no-color --workers 2
  --generation-database none
  --checks not_a_server_error,response_schema_conformance,negative_data_rejection,positive_data_acceptance)
echo "== Schemathesis, GraphQL mode (introspection of $url), $examples examples per operation"
(cd "$out" && SCHEMATHESIS_HOOKS=schemathesis_hooks PYTHONPATH="$here" "$st" run "$url" "${common[@]}" \
  --report har --report-har-path "$out/schemathesis-graphql.har")
echo "== Schemathesis, OpenAPI mode (specs/plain-support-openapi.yml)"
(cd "$out" && SCHEMATHESIS_HOOKS=schemathesis_hooks PYTHONPATH="$here" "$st" run "$here/../../specs/plain-support-openapi.yml" \
  --url "http://127.0.0.1:$port" "${common[@]}" \
  --report har --report-har-path "$out/schemathesis-openapi.har")

# The exchanges Schemathesis recorded must pass `plain-contract check`. Its
# reports mix valid requests and deliberately broken ones (negative testing),
# so they are checked as `either` (docs/exchanges.md): a valid request must be
# answered as the contract says, a broken one refused in the documented shape.
# `[check] hosts` makes the loopback server one of Plain's hosts.
printf '[check]\nhosts = ["127.0.0.1:%s"]\neither = ["*.har"]\n' "$port" >"$out/plain-contract.toml"
# Schemathesis masks the whole Authorization value, scheme included
# (`Authorization: [Filtered]`): a placeholder, not a credential, so the
# reports are checked as written.
echo "== plain-contract check of both HAR reports ([check] either, hosts 127.0.0.1:$port)"
(cd "$out" && "$bin" check --config plain-contract.toml schemathesis-graphql.har schemathesis-openapi.har)
echo "peer suites passed; HAR reports in $out"
