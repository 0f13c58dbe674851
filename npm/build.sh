#!/usr/bin/env bash
# Builds the npm packages into target/npm/ (tarballs made by `npm pack`):
#   plain-contract-VERSION.tgz                the main package: bin/ launcher, JS API,
#                                             Vitest/Jest matchers, generated types
#   plain-contract-PLATFORM-VERSION.tgz       one per platform: just the binary
# PLATFORM is linux-x64-gnu, linux-arm64-gnu, darwin-x64, darwin-arm64, win32-x64.
#
# The host's binary is built here (cargo build --release, or the profile in
# PLAIN_CONTRACT_NPM_PROFILE, e.g. `debug` for a quick test build; `none`
# builds nothing). The other
# platforms' binaries are taken from $PLAIN_CONTRACT_BINARIES/PLATFORM/
# (plain-contract or plain-contract.exe), where the release workflow puts the
# binaries it built on each platform's runner; a platform with no binary is
# listed as not built (this machine has no toolchain for macOS or Windows).
#
# The TypeScript types of the JSON outputs are generated from
# docs/*.schema.json with json-schema-to-typescript (pinned below, installed
# once into target/npm-tools from the npm registry).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
target=${CARGO_TARGET_DIR:-$repo/target}
out=$target/npm
tools=$target/npm-tools
stage=$out/stage
profile=${PLAIN_CONTRACT_NPM_PROFILE:-release}
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
[ -n "$version" ] || { echo "npm/build.sh: no version in Cargo.toml" >&2; exit 2; }

platforms="linux-x64-gnu linux-arm64-gnu darwin-x64 darwin-arm64 win32-x64"
os_of() { case $1 in linux-*) echo linux ;; darwin-*) echo darwin ;; win32-*) echo win32 ;; esac; }
cpu_of() { case $1 in *-x64*) echo x64 ;; *-arm64*) echo arm64 ;; esac; }
exe_of() { case $1 in win32-*) echo plain-contract.exe ;; *) echo plain-contract ;; esac; }

host=""
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) host=linux-x64-gnu ;;
  Linux-aarch64) host=linux-arm64-gnu ;;
  Darwin-x86_64) host=darwin-x64 ;;
  Darwin-arm64) host=darwin-arm64 ;;
esac
if [ -n "$host" ] && [ "$(os_of "$host")" = linux ] && ls /lib/ld-musl-* >/dev/null 2>&1; then
  host="" # musl: no package is published for it
fi

rm -rf "$stage" && mkdir -p "$stage" "$out"
rm -f "$out"/plain-contract-*.tgz

# 1. The types, generated from the JSON Schemas.
if [ ! -f "$tools/node_modules/json-schema-to-typescript/package.json" ]; then
  mkdir -p "$tools"
  npm install --silent --no-audit --no-fund --prefix "$tools" json-schema-to-typescript@16.0.0 >/dev/null
fi
main=$stage/plain-contract
mkdir -p "$main"
cp -R npm/plain-contract/. "$main/"
for f in LICENSE*; do if [ -f "$f" ]; then cp "$f" "$main/"; fi; done
node npm/gen-types.mjs "$tools" "$repo" "$main/lib"

# 2. The main package's package.json.
node - "$main/package.json" "$version" $platforms <<'JS'
const fs = require('fs');
const [file, version, ...platforms] = process.argv.slice(2);
const pkg = {
  name: 'plain-contract',
  version,
  description: "Check traffic to Plain's GraphQL API against its contract (OpenAPI transport and GraphQL schema): CLI, typed API, Vitest and Jest matchers.",
  license: 'MIT OR Apache-2.0',
  repository: { type: 'git', url: 'git+https://github.com/plain-contract/plain-contract.git' },
  bin: { 'plain-contract': 'bin/plain-contract' },
  main: 'lib/index.js',
  types: 'lib/index.d.ts',
  exports: {
    '.': { types: './lib/index.d.ts', default: './lib/index.js' },
    './vitest': { types: './vitest.d.mts', default: './vitest.mjs' },
    './jest': { types: './jest.d.ts', default: './jest.js' },
    './package.json': './package.json',
  },
  files: ['bin/', 'lib/', 'install.js', 'vitest.mjs', 'vitest.d.mts', 'jest.js', 'jest.d.ts', 'LICENSE*', 'README.md'],
  scripts: { postinstall: 'node install.js' },
  engines: { node: '>=18' },
  optionalDependencies: Object.fromEntries(platforms.map((p) => [`plain-contract-${p}`, version])),
  peerDependencies: { vitest: '>=1', jest: '>=29' },
  peerDependenciesMeta: { vitest: { optional: true }, jest: { optional: true } },
};
fs.writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);
JS

# 3. The host's binary (PLAIN_CONTRACT_NPM_PROFILE=none: take it from $PLAIN_CONTRACT_BINARIES too).
if [ -n "$host" ] && [ "$profile" != none ]; then
  case $profile in
    dev | debug) cargo build --locked --bin plain-contract; dir=debug ;;
    *) cargo build --profile "$profile" --locked --bin plain-contract; dir=$profile ;;
  esac
  mkdir -p "${PLAIN_CONTRACT_BINARIES:=$out/binaries}/$host"
  cp "$target/$dir/plain-contract" "$PLAIN_CONTRACT_BINARIES/$host/plain-contract"
fi
bins=${PLAIN_CONTRACT_BINARIES:-$out/binaries}

# 4. One package per platform that has a binary.
built=() missing=()
for p in $platforms; do
  exe=$(exe_of "$p")
  if [ ! -f "$bins/$p/$exe" ]; then missing+=("$p"); continue; fi
  dir=$stage/plain-contract-$p
  mkdir -p "$dir/bin"
  cp "$bins/$p/$exe" "$dir/bin/$exe"
  chmod 755 "$dir/bin/$exe"
  node - "$dir/package.json" "$p" "$version" "$(os_of "$p")" "$(cpu_of "$p")" "$exe" <<'JS'
const fs = require('fs');
const [file, platform, version, os, cpu, exe] = process.argv.slice(2);
const pkg = {
  name: `plain-contract-${platform}`,
  version,
  description: `The plain-contract binary for ${platform} (installed by the plain-contract package).`,
  license: 'MIT OR Apache-2.0',
  repository: { type: 'git', url: 'git+https://github.com/plain-contract/plain-contract.git' },
  os: [os],
  cpu: [cpu],
  ...(os === 'linux' ? { libc: ['glibc'] } : {}),
  files: [`bin/${exe}`],
  preferUnplugged: true,
};
fs.writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);
JS
  (cd "$out" && npm pack --silent "$dir" >/dev/null)
  built+=("$p")
done

(cd "$out" && npm pack --silent "$main" >/dev/null)
echo "npm/build.sh: target/npm/plain-contract-$version.tgz and the packages of: ${built[*]:-no platform}"
if [ ${#missing[@]} -gt 0 ]; then
  echo "npm/build.sh: not built here (no binary in $bins; the release workflow builds them): ${missing[*]}"
fi
