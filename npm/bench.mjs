// The JS API's throughput: 1,000 check({ text }) calls from one file, through
// the batched worker (all at once, then one after another), beside one
// `plain-contract check --format json FILE` process per call.
// Usage: node npm/bench.mjs PROJECT_DIR [CALLS]
//   PROJECT_DIR: a project where the plain-contract tarballs are installed
//   (.ci/npm.sh leaves one in target/npm-e2e). Not run by CI: a benchmark.
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const dir = resolve(process.argv[2] ?? 'target/npm-e2e');
const calls = Number(process.argv[3] ?? 1000);
const require = createRequire(join(dir, 'package.json'));
const api = require('plain-contract');
const { binaryPath } = require(join(dir, 'node_modules/plain-contract/lib/platform.js'));

const body = (i) =>
  JSON.stringify({
    query:
      'mutation UpsertCustomer($input: UpsertCustomerInput!) { upsertCustomer(input: $input) { result customer { id fullName } error { message type code } } }',
    variables: {
      input: {
        identifier: { emailAddress: `user${i}@example.com` },
        onCreate: { fullName: `User ${i}`, email: { email: `user${i}@example.com`, isVerified: i % 3 !== 0 } },
        onUpdate: {},
      },
    },
  });

const rate = (n, ms) => `${n} calls in ${ms.toFixed(0)} ms: ${((n * 1000) / ms).toFixed(0)} per second`;

await api.check({ text: body(-1) }); // the worker's start and the contract's load

let t = performance.now();
const all = await Promise.all(Array.from({ length: calls }, (_, i) => api.check({ text: body(i) })));
console.log(`worker, all at once:       ${rate(calls, performance.now() - t)}`);
if (all.some((o) => o.summary.errors !== 0)) throw new Error('a check found errors');

t = performance.now();
for (let i = 0; i < calls; i++) await api.check({ text: body(i) });
console.log(`worker, one after another: ${rate(calls, performance.now() - t)}`);

const perProcess = Math.min(calls, 100);
const tmp = mkdtempSync(join(tmpdir(), 'pc-bench-'));
const bin = binaryPath();
t = performance.now();
for (let i = 0; i < perProcess; i++) {
  const file = join(tmp, `body${i}.json`);
  writeFileSync(file, body(i));
  const r = spawnSync(bin, ['check', '--format', 'json', file], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`check exited ${r.status}: ${r.stdout}${r.stderr}`);
  JSON.parse(r.stdout);
}
console.log(`one process per call:      ${rate(perProcess, performance.now() - t)}`);
api.close();
