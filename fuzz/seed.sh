#!/usr/bin/env bash
# Lays out each fuzz target's seed corpus (fuzz/corpus/TARGET/) from the
# project's own test corpus and fixtures. The corpora are not committed; a
# long campaign keeps growing them in place.
set -euo pipefail
cd "$(dirname "$0")"
root=..
seed() { # target, then files
  local t=$1; shift
  mkdir -p "corpus/$t"
  for f in "$@"; do [ -f "$f" ] && cp "$f" "corpus/$t/$(echo "${f#../}" | tr '/' '_')"; done
  return 0
}
shopt -s globstar nullglob
# The openapi target reads its first byte as the format switch: 0 = YAML, 1 = JSON.
# (Each seed is written with its byte; the files a campaign added are left alone.)
mkdir -p corpus/openapi
for f in $root/specs/*.yml $root/tests/corpus/openapi/**/*.yml $root/tests/corpus/openapi/**/*.json; do
  [ -f "$f" ] || continue
  out=corpus/openapi/$(echo "${f#../}" | tr '/' '_')
  if [ "${f##*.}" = json ]; then printf '\001' | cat - "$f" > "$out"; else printf '\000' | cat - "$f" > "$out"; fi
done
seed schema_sdl $root/specs/*.graphql $root/tests/corpus/schema*/**/*.graphql
seed schema_introspection $root/tests/corpus/schema*/**/*.json
seed operation $root/tests/corpus/bad-input/*.graphql $root/tests/corpus/operations/**/*.graphql $root/benches/operations/0[0-4]*.graphql
seed script $root/tests/client-repo/**/*.ts $root/tests/corpus/fuzz-regressions/*.ts
seed request_body $root/tests/corpus/bad-input/*.json $root/tests/corpus/requests/**/*.json
seed fixture_yaml $root/tests/corpus/bad-input/*.yml $root/fixtures/**/*.yaml $root/tests/corpus/exchanges/**/*.yaml
seed fixture_json $root/tests/corpus/exchanges/**/*.json $root/tests/data/pact/*.json
seed har $root/fixtures/**/*.har $root/tests/corpus/exchanges/**/*.har
seed ndjson $root/fixtures/**/*.ndjson $root/tests/corpus/exchanges/**/*.ndjson
# config: the configurations shown in README.md and docs/ (each ```toml block).
mkdir -p corpus/config
awk -v out=corpus/config/readme- '/^```toml/ {n++; on=1; next} /^```/ {on=0} on {print > (out n ".toml")}' $root/README.md $root/docs/*.md
# serve_request: a 4-byte head (method, Authorization, Content-Type,
# Content-Length choices; see fuzz_targets/serve_request.rs), then the body.
# Each request body with the accepted key, and a few with other heads.
mkdir -p corpus/serve_request
for f in $root/tests/corpus/requests/**/*.json $root/tests/corpus/bad-input/*.json; do
  [ -f "$f" ] || continue
  out=corpus/serve_request/$(echo "${f#../}" | tr '/' '_')
  { printf '\000\000\000\001'; cat "$f"; } > "$out"
done
q='{"query":"{ customers(first: 2) { totalCount edges { node { id fullName } } } }"}'
printf '\000\000\000\000%s' "$q" > corpus/serve_request/head-plain
printf '\000\001\000\000%s' "$q" > corpus/serve_request/head-no-key
printf '\000\002\000\000plainApiKey_unknown\n%s' "$q" > corpus/serve_request/head-unknown-key
printf '\000\003\000\000Basic dXNlcjpwYXNz\n%s' "$q" > corpus/serve_request/head-basic
printf '\001\000\000\000' > corpus/serve_request/head-get
printf '\010\000\000\000PROPFIND\n%s' "$q" > corpus/serve_request/head-custom-method
printf '\000\000\002\000text/plain\n%s' "$q" > corpus/serve_request/head-text-plain
printf '\000\000\000\00299999999999\n%s' "$q" > corpus/serve_request/head-huge-length
printf '\000\000\000\000{"query":"{ __type(name: \\"CustomerIdentifierInput\\") { name isOneOf } }"}' > corpus/serve_request/head-is-one-of
printf '\000\000\000\000{"query":"mutation { upsertCustomer(input: {identifier: {emailAddress: \\"a@b.co\\"}, onCreate: {fullName: \\"A\\", email: {email: \\"a@b.co\\", isVerified: true}}, onUpdate: {}}) { result customer { id } error { code } } }"}' > corpus/serve_request/head-upsert
mkdir -p corpus/variables; printf 'seed' > corpus/variables/seed
mkdir -p corpus/response corpus/config; printf 'seed' > corpus/response/seed
[ -n "$(ls corpus/config)" ] || printf '[check]\npaths = ["fixtures"]\n[severity]\nGR009 = "error"\n' > corpus/config/seed.toml
for t in corpus/*; do echo "$(ls "$t" | wc -l) seeds for ${t#corpus/}"; done
