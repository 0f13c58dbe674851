#!/usr/bin/env bash
# What the npm package's command adds to the binary's own run (issue 28:
# "`npx plain-contract check` adds at most 50 ms"): hyperfine over `check` of
# one fixture, run
#   - by the binary itself;
#   - by node_modules/.bin/plain-contract where the install step put the binary
#     in place of the launcher (Linux, macOS);
#   - by the Node launcher (an install with --ignore-scripts; Windows);
#   - by `npx plain-contract` (npm's start-up, then the same .bin entry);
# beside `node -e 0` (Node's own start-up) and `npm --version` (npm's).
# Usage: npm/bench-launcher.sh [RUNS]. Needs hyperfine, and the tarballs of
# npm/build.sh (.ci/npm.sh builds them). Not run by CI: a benchmark.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
target=${CARGO_TARGET_DIR:-$repo/target}
runs=${1:-30}
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
main_tgz=$target/npm/plain-contract-$version.tgz
host_tgz=$target/npm/plain-contract-linux-x64-gnu-$version.tgz
[ -f "$main_tgz" ] && [ -f "$host_tgz" ] || { echo "no tarballs in $target/npm: run npm/build.sh" >&2; exit 2; }
for kind in installed ignore-scripts; do
  dir=$target/npm-bench-$kind
  rm -rf "$dir" && mkdir -p "$dir"
  printf '{"name":"bench","private":true}\n' >"$dir/package.json"
  flags=(--offline --silent --no-audit --no-fund)
  [ "$kind" = ignore-scripts ] && flags+=(--ignore-scripts)
  (cd "$dir" && npm install "${flags[@]}" "$main_tgz" "$host_tgz" >/dev/null)
  cp "$repo/fixtures/customers/customer-by-email.yaml" "$dir/fixture.yaml"
done
bin=$target/npm-bench-installed/node_modules/plain-contract-linux-x64-gnu/bin/plain-contract
inst=$target/npm-bench-installed
bare=$target/npm-bench-ignore-scripts
head -c 4 "$inst/node_modules/plain-contract/bin/plain-contract" | grep -q ELF || { echo "install.js did not put the binary in place" >&2; exit 1; }
head -n 1 "$bare/node_modules/plain-contract/bin/plain-contract" | grep -qx '#!/usr/bin/env node' || { echo "no Node launcher in $bare" >&2; exit 1; }
uptime
cd "$inst"
hyperfine -N -w 3 -r "$runs" \
  -n 'binary alone' "$bin check fixture.yaml" \
  -n '.bin/plain-contract (binary in place)' "$inst/node_modules/.bin/plain-contract check fixture.yaml" \
  -n '.bin/plain-contract (Node launcher)' "$bare/node_modules/.bin/plain-contract check $inst/fixture.yaml" \
  -n 'node -e 0' "node -e 0" \
  -n 'npx plain-contract (binary in place)' "npx plain-contract check fixture.yaml" \
  -n 'npm --version' "npm --version"
uptime
