'use strict';
// postinstall: on Linux and macOS, put the native binary in place of
// bin/plain-contract (the Node launcher), as esbuild does, so that
// `npx plain-contract` and the .bin link start no Node process. The binary is
// tried first (`--version`); on any failure the launcher stays, and it names
// what is missing when run. Nothing is downloaded.
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

function main() {
  if (process.platform === 'win32' || process.env.PLAIN_CONTRACT_BINARY) return;
  let bin;
  try {
    bin = require('./lib/platform.js').binaryPath();
    execFileSync(bin, ['--version'], { stdio: 'ignore', timeout: 10000 });
  } catch {
    return;
  }
  const target = path.join(__dirname, 'bin', 'plain-contract');
  const tmp = `${target}.${process.pid}.tmp`;
  try {
    try {
      fs.linkSync(bin, tmp);
    } catch {
      fs.copyFileSync(bin, tmp);
    }
    fs.chmodSync(tmp, 0o755);
    fs.renameSync(tmp, target);
  } catch {
    try {
      fs.unlinkSync(tmp);
    } catch {
      // nothing was made
    }
  }
}

main();
