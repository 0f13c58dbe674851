#!/usr/bin/env bash
# Fetches Plain's SDK packages from npm (pinned) and lays out their operations
# as a client repository would (one file per operation, fragments apart) in
# target/plain-sdk/layout, and as self-contained documents (each operation
# with the fragments it uses) in target/plain-sdk/self-contained; installs
# graphql-js for the comparison. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/../.."
dir=target/plain-sdk
self_contained() {
  [ -d "$dir/self-contained" ] && return 0
  rm -rf "$dir/self-contained.tmp"
  (cd "$dir/layout" && node ../../../benches/sdk/self-contained.mjs ../../graphql-js ../self-contained.tmp typescript-sdk graphql >/dev/null)
  mv "$dir/self-contained.tmp" "$dir/self-contained"
}
if [ -d "$dir/layout/graphql" ] && [ -d "$dir/layout/typescript-sdk" ]; then
  self_contained
  exit 0
fi
mkdir -p "$dir/ts" "$dir/gq" target/graphql-js
if [ ! -f target/graphql-js/node_modules/graphql/package.json ]; then
  npm install --silent --no-audit --no-fund --prefix target/graphql-js graphql@16.15.0 >/dev/null
fi
(cd "$dir" && npm pack --silent @team-plain/typescript-sdk@5.12.1 @team-plain/graphql@1.3.0 >/dev/null)
tar xzf "$dir/team-plain-typescript-sdk-5.12.1.tgz" -C "$dir/ts"
tar xzf "$dir/team-plain-graphql-1.3.0.tgz" -C "$dir/gq"
rm -rf "$dir/layout"
node benches/sdk/split.mjs target/graphql-js "$dir/layout" "$dir/ts/package" "$dir/gq/package"
rm -rf "$dir/self-contained"
self_contained
