#!/usr/bin/env bash
# The npm packages end to end (issue 28), without Rust on the user's side:
# build the tarballs (npm/build.sh), install them into a scratch TypeScript
# project with `npm install <tarballs>` (our packages from the tarballs only:
# --offline), then the CLI through npx, `tsc --noEmit` on the typed API, a
# Vitest suite and a Jest suite with the matcher, the launcher with no binary, the pre-commit
# hook's file list of a TypeScript repository and the hook run by pre-commit (try-repo), and the GitHub Action's script
# on this repository's fixtures. Dev tools (typescript, vitest, jest, @types/node)
# come from the npm registry and pre-commit from PyPI, pinned, installed once under target/.
#
# The packaged binary is the debug one `cargo test` builds (a release build
# with LTO takes minutes on 2 cores); PLAIN_CONTRACT_NPM_PROFILE=release
# packages a release build instead.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
target=${CARGO_TARGET_DIR:-$repo/target}
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
fail() { echo "npm.sh: FAILED: $*" >&2; exit 1; }
trap 'echo "npm.sh: FAILED at line $LINENO: $BASH_COMMAND" >&2' ERR
# Test runners colour their output where CI is set (picocolors, supports-color):
# ask them not to, and take any colour codes out of what is compared.
export NO_COLOR=1
# expect CODE CMD...: runs CMD, keeps its output in $out, fails unless it exits CODE.
expect() {
  local want=$1 code=0
  shift
  out=$("$@" 2>&1) || code=$?
  out=$(printf '%s\n' "$out" | sed 's/\x1b\[[0-9;]*m//g')
  [ "$code" = "$want" ] || fail "\`$*\` exited $code, not $want:"$'\n'"$out"
}
contains() { grep -qF -- "$1" <<<"$out" || fail "output lacks \`$1\`:"$'\n'"$out"; }
lacks() { if grep -qF -- "$1" <<<"$out"; then fail "output has \`$1\`:"$'\n'"$out"; fi; }

echo "== npm/build.sh"
profile=${PLAIN_CONTRACT_NPM_PROFILE:-debug}
if [ "$profile" = debug ]; then
  cargo test --no-run --quiet --test integration
  mkdir -p "$target/npm/binaries/linux-x64-gnu"
  # Without its debug info (300 MB): packing it would take minutes.
  strip -o "$target/npm/binaries/linux-x64-gnu/plain-contract" "$target/debug/plain-contract"
  PLAIN_CONTRACT_NPM_PROFILE=none npm/build.sh
else
  PLAIN_CONTRACT_NPM_PROFILE=$profile npm/build.sh
fi
main_tgz=$target/npm/plain-contract-$version.tgz
host_tgz=$target/npm/plain-contract-linux-x64-gnu-$version.tgz
[ -f "$main_tgz" ] && [ -f "$host_tgz" ] || fail "npm/build.sh did not write $main_tgz and $host_tgz"
tar -tzf "$host_tgz" | sort >"$target/npm/host-files.txt"
[ "$(cat "$target/npm/host-files.txt")" = $'package/bin/plain-contract\npackage/package.json' ] \
  || fail "the platform package holds more than the binary: $(cat "$target/npm/host-files.txt")"
tar -xzOf "$host_tgz" package/package.json | node -e '
  const p = JSON.parse(require("fs").readFileSync(0, "utf8"));
  const ok = p.os[0] === "linux" && p.cpu[0] === "x64" && p.libc[0] === "glibc";
  if (!ok) { console.error("os/cpu/libc wrong:", p); process.exit(1); }'
tar -tzf "$main_tgz" >"$target/npm/main-files.txt"
grep -qx 'package/lib/outcome.d.ts' "$target/npm/main-files.txt" || fail "no generated types in the main package"

echo "== a scratch TypeScript project: dev tools (registry, pinned, cached), our tarballs (offline)"
proj=$target/npm-e2e
tools_key="typescript@5.9.3 vitest@3.2.7 vite@7.3.8 @types/node@20.19.25 jest@30.5.2"
if [ ! -f "$proj/.tools" ] || [ "$(cat "$proj/.tools")" != "$tools_key" ]; then
  rm -rf "$proj" && mkdir -p "$proj"
  cp npm/test/project/package.json "$proj/"
  # shellcheck disable=SC2086 # the package specs are words
  (cd "$proj" && npm install --silent --no-audit --no-fund --save-dev $tools_key >/dev/null)
  echo "$tools_key" >"$proj/.tools"
fi
# The project's files (fresh each run), keeping node_modules and the lockfile.
find "$proj" -mindepth 1 -maxdepth 1 ! -name node_modules ! -name package-lock.json ! -name package.json ! -name .tools -exec rm -rf {} +
(cd npm/test/project && tar -cf - --exclude=./package.json .) | (cd "$proj" && tar -xf -)
cd "$proj"
rm -rf node_modules/plain-contract node_modules/plain-contract-*
node -e '
  const fs = require("fs"); const p = JSON.parse(fs.readFileSync("package.json", "utf8"));
  for (const k of ["dependencies", "optionalDependencies"]) if (p[k]) for (const n of Object.keys(p[k])) if (n.startsWith("plain-contract")) delete p[k][n];
  fs.writeFileSync("package.json", JSON.stringify(p, null, 2));'
npm install --offline --silent --no-audit --no-fund "$main_tgz" "$host_tgz" >/dev/null
[ "$(head -c 4 node_modules/plain-contract/bin/plain-contract | od -An -c | tr -d ' ')" = '177ELF' ] \
  || fail "install.js did not put the native binary in place of the launcher"

echo "== npx plain-contract check: a clean fixture, a broken request"
expect 0 npx plain-contract check fixtures/customer-by-email.yaml
contains "0 errors, 0 warnings in 1 file"
expect 1 npx plain-contract check fixtures-broken/broken-request.json
contains "[GQ001] Error: syntax error"
contains "fixtures-broken/broken-request.json:2:"

echo "== the pre-commit hook's file list in a TypeScript repository (no files: scoping)"
expect 0 npx plain-contract check --allow-empty tsconfig.json package.json package-lock.json .eslintrc.json .vscode/settings.json src/client.ts fixtures/customer-by-email.yaml
lacks "PC005"
contains "0 errors, 0 warnings in"
printf '{\n  // a comment\n  "jsx": "react",\n}\n' >editor-config.json
expect 0 npx plain-contract check --allow-empty editor-config.json
contains "[PC009] Warning: JSON with comments"
printf '{\n  // a comment in a request body\n  "query": "{ __typename }"\n}\n' >fixtures-broken/commented-request.json
expect 1 npx plain-contract check --allow-empty tsconfig.json fixtures-broken/commented-request.json
contains "[PC005] Error: invalid JSON"
rm editor-config.json fixtures-broken/commented-request.json

echo "== tsc --noEmit on the typed API (and the matcher's types)"
expect 0 npx tsc --noEmit -p .

echo "== vitest: the matcher and check(), passing and failing cases"
expect 0 npx vitest run
contains "Tests  12 passed"
expect 1 env FAILING=1 npx vitest run
contains "expected the request to satisfy Plain's contract, but plain-contract found 1 error(s):"
contains "[GV003] error: expected Boolean, found a string at /variables/input/onCreate/email/isVerified (request.json:12:25)"

echo "== jest: the matcher registered by plain-contract/jest"
expect 0 npx jest --ci --roots '<rootDir>/jest'
contains "Tests:       2 passed, 2 total"

echo "== pre-commit itself: the plain-contract-npm hook on the project's own files, no files: scoping"
venv=$target/npm-precommit-venv
if [ ! -x "$venv/bin/pre-commit" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check pre-commit==4.3.0
fi
commit() { git -c user.email=ci@example.com -c user.name=ci commit -qm "$1"; }
rm -rf .git && git init -q && printf 'node_modules/\n.tools\n' >.gitignore
git add -A && commit "a TypeScript project"
expect 1 "$venv/bin/pre-commit" try-repo "$repo" plain-contract-npm --all-files
contains "[GQ001] Error: syntax error"
lacks "PC005"
git rm -q -r fixtures-broken && commit "the broken request fixed"
expect 0 "$venv/bin/pre-commit" try-repo "$repo" plain-contract-npm --all-files
contains "plain-contract check (npm package)....."
contains "Passed"
rm -rf .git .gitignore

echo "== the launcher: with --ignore-scripts it runs the binary; with no binary it says which package is missing"
bare=$target/npm-e2e-bare
rm -rf "$bare" && mkdir -p "$bare" && cp "$repo/npm/test/project/package.json" "$bare/"
cp -R "$proj/fixtures" "$bare/"
(cd "$bare" && npm install --offline --silent --no-audit --no-fund --ignore-scripts "$main_tgz" "$host_tgz" >/dev/null)
cd "$bare"
head -n 1 node_modules/plain-contract/bin/plain-contract | grep -qx '#!/usr/bin/env node' || fail "the launcher was replaced despite --ignore-scripts"
expect 0 npx plain-contract check fixtures/customer-by-email.yaml
contains "0 errors, 0 warnings in 1 file"
printf '{"query": "{ customers { "}\n' >broken.json
expect 1 node_modules/.bin/plain-contract check broken.json
contains "[GQ001] Error: syntax error"
# A signal sent to the launcher alone (a test runner's timeout) reaches the
# binary: no orphan, and the launcher ends as the binary did (SIGTERM: 143).
node_modules/.bin/plain-contract serve --listen 127.0.0.1:0 >/dev/null 2>&1 &
launcher=$!
child=""
for _ in $(seq 1 300); do
  child=$(pgrep -P "$launcher" || true)
  [ -n "$child" ] && break
  sleep 0.1
done
[ -n "$child" ] || fail "the launcher started no binary"
sleep 0.2 # the launcher sets its handlers just after the spawn: give it that moment
kill -TERM "$launcher"
code=0
wait "$launcher" || code=$?
[ "$code" = 143 ] || fail "the launcher exited $code after SIGTERM, not 143 (128 + SIGTERM)"
for _ in $(seq 1 50); do kill -0 "$child" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$child" 2>/dev/null; then kill -KILL "$child"; fail "the binary outlived its launcher's SIGTERM"; fi
rm -rf node_modules/plain-contract-linux-x64-gnu
expect 2 npx plain-contract check fixtures/customer-by-email.yaml
contains "plain-contract: the platform package plain-contract-linux-x64-gnu is not installed, so there is no plain-contract binary for linux-x64."
expect 2 env PLAIN_CONTRACT_PLATFORM=freebsd-x64 npx plain-contract --version
contains "no plain-contract binary is published for freebsd-x64"
expect 2 node -e 'require("plain-contract").check({ text: "{}" }).catch((e) => { console.log(e.name, e.message); process.exit(2); })'
contains "PlainContractError the platform package plain-contract-linux-x64-gnu is not installed"
cd "$repo"

echo "== the GitHub Action's script (.ci/action.sh) on this repository's fixtures"
act=$target/npm-action
rm -rf "$act" && mkdir -p "$act"
export RUNNER_TEMP=$act PLAIN_CONTRACT_PACKAGES="$main_tgz $host_tgz" npm_config_offline=true
expect 0 env INPUT_PATHS=fixtures/ INPUT_SARIF="$act/clean.sarif" GITHUB_OUTPUT="$act/out-clean" .ci/action.sh
contains "plain-contract: clean"
grep -qx 'exit-code=0' "$act/out-clean" || fail "no exit-code=0 output"
node -e 'const s = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); if (s.version !== "2.1.0" || s.runs[0].results.some((r) => r.level === "error")) process.exit(1)' "$act/clean.sarif" \
  || fail "the clean SARIF is not SARIF 2.1.0 with no error"
expect 1 env INPUT_PATHS="fixtures/customers tests/corpus/requests/invalid/gq001-stray-token.json" INPUT_SARIF="$act/broken.sarif" GITHUB_OUTPUT="$act/out-broken" .ci/action.sh
contains "::error file=tests/corpus/requests/invalid/gq001-stray-token.json,line=2,col=61,title=GQ001 operation-syntax::"
grep -qx 'exit-code=1' "$act/out-broken" || fail "no exit-code=1 output"
node -e 'const s = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); const r = s.runs[0].results; if (r.length !== 1 || r[0].ruleId !== "GQ001") process.exit(1)' "$act/broken.sarif" \
  || fail "the SARIF of the broken run does not hold the one GQ001"
expect 2 env INPUT_PATHS=fixtures/ INPUT_ARGS="--schema no-such.graphql" INPUT_SARIF="$act/unusable.sarif" GITHUB_OUTPUT="$act/out-unusable" .ci/action.sh
contains "the check could not be done (exit 2)"
unset RUNNER_TEMP PLAIN_CONTRACT_PACKAGES npm_config_offline
echo "npm.sh: all passed"
