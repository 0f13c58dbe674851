'use strict';
// Finds the native plain-contract binary of this platform: the package of
// optionalDependencies that npm installed for this os/cpu/libc (as
// @biomejs/biome and esbuild do), or PLAIN_CONTRACT_BINARY when set.

const PLATFORMS = {
  'linux-x64': 'plain-contract-linux-x64-gnu',
  'linux-arm64': 'plain-contract-linux-arm64-gnu',
  'darwin-x64': 'plain-contract-darwin-x64',
  'darwin-arm64': 'plain-contract-darwin-arm64',
  'win32-x64': 'plain-contract-win32-x64',
};

function isMusl() {
  if (process.platform !== 'linux') return false;
  try {
    const report = process.report && process.report.getReport();
    return !(report && report.header && report.header.glibcVersionRuntime);
  } catch {
    return false;
  }
}

/** The platform package's name for this machine, or undefined when there is none. */
function platformPackage(platform = process.platform, arch = process.arch) {
  return PLATFORMS[`${platform}-${arch}`];
}

/**
 * The path of the native binary. Throws an Error saying which platform
 * package is missing (or that this platform has none).
 */
function binaryPath() {
  const override = process.env.PLAIN_CONTRACT_BINARY;
  if (override) return override;
  const platform = process.env.PLAIN_CONTRACT_PLATFORM || `${process.platform}-${process.arch}`;
  const [os, cpu] = platform.split('-');
  const pkg = platformPackage(os, cpu);
  const exe = os === 'win32' ? 'plain-contract.exe' : 'plain-contract';
  if (pkg) {
    // The package's package.json, always resolvable (an `exports` map could
    // hide bin/), then the binary beside it: one lookup, no file read.
    try {
      const manifest = require.resolve(`${pkg}/package.json`);
      return `${manifest.slice(0, -'package.json'.length)}bin${os === 'win32' ? '\\' : '/'}${exe}`;
    } catch {
      // reported below
    }
  }
  const supported = Object.keys(PLATFORMS).join(', ');
  if (!pkg) {
    throw new Error(
      `no plain-contract binary is published for ${platform} (packages exist for ${supported}); ` +
        'install the Rust crate instead (cargo install plain-contract) and set PLAIN_CONTRACT_BINARY to its path',
    );
  }
  const musl = os === 'linux' && isMusl()
    ? ` This system's C library is musl; ${pkg} is built for glibc (linux-*-gnu) and npm skips it here.`
    : '';
  throw new Error(
    `the platform package ${pkg} is not installed, so there is no plain-contract binary for ${platform}.${musl} ` +
      `It is an optional dependency of plain-contract: install it (npm install ${pkg}), and check that ` +
      'optional dependencies are not omitted (--omit=optional, --no-optional) and that the lockfile was made ' +
      'on a machine that lists it. Or set PLAIN_CONTRACT_BINARY to a plain-contract binary.',
  );
}

module.exports = { PLATFORMS, platformPackage, binaryPath };
