#!/usr/bin/env bash
# The script of the GitHub Action (action.yml): install plain-contract from
# npm (no Rust toolchain), check, write SARIF for code scanning and print
# `--format github` annotations. Exits with the check's code: 0 clean,
# 1 findings, 2 the check could not be done. .ci/npm.sh runs it on this
# repository's fixtures.
#
# Inputs (environment, as action.yml passes them):
#   INPUT_PATHS        files and folders to check, space-separated (default: the project, as `check` with no paths)
#   INPUT_ARGS         more arguments for `check` (e.g. `--schema plain`)
#   INPUT_VERSION      npm version of plain-contract to install (default: latest)
#   INPUT_SARIF        SARIF file to write (default: plain-contract.sarif; empty: none)
#   INPUT_ANNOTATIONS  `true` (default) to print annotations
#   PLAIN_CONTRACT_PACKAGES  package specs to install instead of plain-contract@VERSION
#                      (tarballs: how .ci/npm.sh tests it offline)
# Outputs ($GITHUB_OUTPUT, when set): exit-code, sarif-file.
set -euo pipefail

paths=${INPUT_PATHS:-}
args=${INPUT_ARGS:-}
version=${INPUT_VERSION:-latest}
sarif=${INPUT_SARIF-plain-contract.sarif}
annotations=${INPUT_ANNOTATIONS:-true}
tmp=${RUNNER_TEMP:-${TMPDIR:-/tmp}}/plain-contract-action

# 1. Install: the repository's own copy when it has one, else the npm package.
if [ -x node_modules/.bin/plain-contract ] && [ -z "${PLAIN_CONTRACT_PACKAGES:-}" ]; then
  bin=node_modules/.bin/plain-contract
else
  mkdir -p "$tmp"
  # shellcheck disable=SC2086 # package specs are words
  npm install --silent --no-audit --no-fund --no-save --prefix "$tmp" ${PLAIN_CONTRACT_PACKAGES:-plain-contract@$version} >/dev/null
  bin=$tmp/node_modules/.bin/plain-contract
fi
echo "plain-contract: $("$bin" --version)"

# 2. Check, with the SARIF report; 3. the annotations, from the same check.
# shellcheck disable=SC2086 # paths and args are words
set -- $paths $args
code=0
if [ -n "$sarif" ]; then
  "$bin" check --color never --format sarif --output "$sarif" "$@" || code=$?
fi
if [ "$annotations" = true ]; then
  acode=0
  "$bin" check --color never --format github "$@" || acode=$?
  [ -n "$sarif" ] || code=$acode
fi
if [ -z "$sarif" ] && [ "$annotations" != true ]; then
  "$bin" check --color never "$@" || code=$?
fi

if [ -n "${GITHUB_OUTPUT:-}" ]; then
  { echo "exit-code=$code"; echo "sarif-file=$sarif"; } >>"$GITHUB_OUTPUT"
fi
case $code in
  0) echo "plain-contract: clean" ;;
  1) echo "plain-contract: the check found errors (see the annotations and code scanning)" ;;
  *) echo "plain-contract: the check could not be done (exit $code)" ;;
esac
exit "$code"
