'use strict';
// The JavaScript API of plain-contract: check, coverage, generate, schemaDiff.
//
// check() sends each call to one long-lived `plain-contract worker` process
// per set of options (NDJSON over stdin/stdout, see src/cli/worker.rs), so a
// test suite of hundreds of checks starts one process. The worker is unref'd
// while no call is pending: it never keeps a test run alive, and it ends when
// this process does (its stdin closes). generate() and schemaDiff() run the
// binary once per call, as the command line does.

const { spawn } = require('child_process');
const { binaryPath } = require('./platform.js');

class PlainContractError extends Error {
  constructor(message, { diagnostics = [], exitCode = null, stderr = '' } = {}) {
    super(message);
    this.name = 'PlainContractError';
    this.diagnostics = diagnostics;
    this.exitCode = exitCode;
    this.stderr = stderr;
  }
}

/** Diagnostics of a `--format json` report printed by a refused run, if any. */
function reportDiagnostics(stdout) {
  try {
    const report = JSON.parse(stdout);
    return Array.isArray(report.diagnostics) ? report.diagnostics : [];
  } catch {
    return [];
  }
}

/** The diagnostics, one a line, as the failure message shows them. */
function describe(diagnostics) {
  return diagnostics
    .map((d) => {
      const at = d.pointer === null || d.pointer === undefined ? '' : ` at ${d.pointer === '' ? '(root)' : d.pointer}`;
      return `  [${d.code}] ${d.severity}: ${d.message}${at} (${d.file}:${d.line}:${d.column})`;
    })
    .join('\n');
}

function refused(what, code, stdout, stderr) {
  const diagnostics = reportDiagnostics(stdout);
  const said = stderr.trim() || `plain-contract exited with code ${code}`;
  const lines = diagnostics.length ? `\n${describe(diagnostics)}` : '';
  return new PlainContractError(`${what}: ${said}${lines}`, { diagnostics, exitCode: code, stderr });
}

const CONTRACT_FLAGS = { schema: '--schema', openapi: '--openapi', config: '--config', project: '--project', expect: '--expect' };

function contractArgs(options) {
  const args = [];
  for (const [key, flag] of Object.entries(CONTRACT_FLAGS)) {
    if (options[key] !== undefined && options[key] !== null) args.push(flag, String(options[key]));
  }
  return args;
}

class Worker {
  constructor(options) {
    this.pending = new Map();
    this.nextId = 1;
    this.buffer = '';
    this.stray = '';
    this.stderr = '';
    this.dead = null;
    const args = ['worker', '--format', 'json', '--color', 'never', ...contractArgs(options)];
    this.child = spawn(binaryPath(), args, { cwd: options.cwd, stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
    this.child.stdout.setEncoding('utf8');
    this.child.stderr.setEncoding('utf8');
    this.child.stdout.on('data', (chunk) => this.onData(chunk));
    this.child.stderr.on('data', (chunk) => {
      this.stderr += chunk;
    });
    this.child.stdin.on('error', () => {}); // reported by 'exit'
    this.child.on('error', (e) => this.fail(new PlainContractError(`cannot run plain-contract: ${e.message}`)));
    this.child.on('exit', (code, signal) => {
      const why = signal ? `plain-contract worker was killed (${signal})` : null;
      this.fail(
        why
          ? new PlainContractError(why, { stderr: this.stderr })
          : refused('plain-contract could not check', code, this.stray, this.stderr),
      );
    });
    this.idle();
  }

  onData(chunk) {
    this.buffer += chunk;
    let nl;
    while ((nl = this.buffer.indexOf('\n')) >= 0) {
      const line = this.buffer.slice(0, nl);
      this.buffer = this.buffer.slice(nl + 1);
      let msg;
      try {
        msg = line.startsWith('{"id"') ? JSON.parse(line) : null;
      } catch {
        msg = null;
      }
      const call = msg && this.pending.get(msg.id);
      if (!call) {
        // A report printed before the worker stopped (exit 2), kept for the error.
        this.stray += `${line}\n`;
        continue;
      }
      this.pending.delete(msg.id);
      if (msg.error) {
        call.reject(new PlainContractError(msg.error.message, { diagnostics: msg.error.diagnostics || [] }));
      } else {
        call.resolve(msg.outcome);
      }
    }
    if (this.pending.size === 0) this.idle();
  }

  fail(error) {
    if (this.dead) return;
    this.dead = error;
    for (const call of this.pending.values()) call.reject(error);
    this.pending.clear();
  }

  request(body) {
    if (this.dead) return Promise.reject(this.dead);
    const id = this.nextId++;
    const line = `${JSON.stringify({ id, ...body })}\n`;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      if (this.pending.size === 1) this.busy();
      this.child.stdin.write(line);
    });
  }

  busy() {
    this.child.ref();
    for (const s of [this.child.stdin, this.child.stdout, this.child.stderr]) s.ref?.();
  }

  idle() {
    this.child.unref();
    for (const s of [this.child.stdin, this.child.stdout, this.child.stderr]) s.unref?.();
  }

  close() {
    this.child.stdin.end();
  }
}

const workers = new Map();

function workerFor(options) {
  const key = JSON.stringify([options.cwd ?? process.cwd(), contractArgs(options)]);
  let w = workers.get(key);
  if (!w || w.dead) {
    w = new Worker({ ...options, cwd: options.cwd ?? process.cwd() });
    workers.set(key, w);
  }
  return w;
}

/**
 * Checks files (a list of paths, as `plain-contract check PATHS...`) or a
 * text (`{ text, name? }`, as `check` checks a file of that name; without a
 * name, its kind comes from its content). Resolves to the `--format json`
 * object, findings included (summary.errors > 0 is what exits 1 on the
 * command line); rejects with a PlainContractError when the check cannot be
 * done (an unusable contract, configuration or project: exit 2).
 */
function check(input, options = {}) {
  let body;
  if (Array.isArray(input)) {
    if (!input.every((p) => typeof p === 'string')) {
      return Promise.reject(new TypeError('check(): a list of paths holds strings only'));
    }
    body = { command: 'check', paths: input };
  } else if (input && typeof input === 'object' && typeof input.text === 'string') {
    body = { command: 'check', text: input.text };
    if (input.name !== undefined) body.name = String(input.name);
  } else {
    return Promise.reject(new TypeError('check(): input is a list of paths or { text, name? }'));
  }
  if (options.allowEmpty) body.allowEmpty = true;
  try {
    return workerFor(options).request(body);
  } catch (e) {
    return Promise.reject(e instanceof PlainContractError ? e : new PlainContractError(e.message));
  }
}

/** Runs the binary once; resolves with {code, stdout, stderr}. */
function run(args, options = {}) {
  return new Promise((resolve, reject) => {
    let child;
    try {
      child = spawn(binaryPath(), args, { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    } catch (e) {
      reject(new PlainContractError(e.message));
      return;
    }
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c) => (stderr += c));
    child.on('error', (e) => reject(new PlainContractError(`cannot run plain-contract: ${e.message}`)));
    child.on('close', (code, signal) => {
      if (signal) reject(new PlainContractError(`plain-contract was killed (${signal})`, { stderr }));
      else resolve({ code, stdout, stderr });
    });
  });
}

/**
 * Generated variables of an input type, as `plain-contract generate`
 * prints them: `{ variables }`, and with `invalid`, `expect: { code, pointer }`.
 */
async function generate(options = {}) {
  const args = ['generate'];
  const flags = { type: '--type', count: '--count', seed: '--seed', operation: '--operation', schema: '--schema', openapi: '--openapi', config: '--config' };
  for (const [key, flag] of Object.entries(flags)) {
    if (options[key] !== undefined && options[key] !== null) args.push(flag, String(options[key]));
  }
  if (options.invalid) args.push('--invalid');
  const r = await run(args, options);
  if (r.code !== 0) throw refused('plain-contract generate', r.code, r.stdout, r.stderr);
  return r.stdout
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l));
}

/**
 * Every change from `oldSchema` to `newSchema` (files, folders of SDL,
 * introspection JSON, URLs or `plain`/`customers`), as
 * `plain-contract schema diff --format json` reports it. A breaking change
 * is a result (exit 1 on the command line), not an error.
 */
async function schemaDiff(oldSchema, newSchema, options = {}) {
  const args = ['schema', 'diff', String(oldSchema), String(newSchema), '--format', 'json', '--color', 'never'];
  if (options.failOn) args.push('--fail-on', String(options.failOn));
  if (options.against && options.against.length) args.push('--against', ...options.against.map(String));
  if (options.config) args.push('--config', String(options.config));
  const r = await run(args, options);
  if (r.code !== 0 && r.code !== 1) throw refused('plain-contract schema diff', r.code, r.stdout, r.stderr);
  try {
    return JSON.parse(r.stdout);
  } catch (e) {
    throw new PlainContractError(`plain-contract schema diff printed no JSON report: ${e.message}`, { exitCode: r.code, stderr: r.stderr });
  }
}

/**
 * What of the contract the paths exercise, as `plain-contract coverage
 * --format json PATHS...` reports it (with no paths: the project's
 * documents). Exit 1 (findings, or a `failUnder` gate not met) is a result;
 * exit 2 rejects with a PlainContractError.
 */
async function coverage(paths = [], options = {}) {
  if (!Array.isArray(paths)) return Promise.reject(new TypeError('coverage(): paths is a list of paths'));
  const args = ['coverage', '--format', 'json', '--color', 'never'];
  const flags = { schema: '--schema', openapi: '--openapi', project: '--project', scope: '--scope', failUnder: '--fail-under' };
  for (const [key, flag] of Object.entries(flags)) {
    if (options[key] !== undefined && options[key] !== null) args.push(flag, String(options[key]));
  }
  if (options.allowEmpty) args.push('--allow-empty');
  const config = options.config !== undefined ? ['--config', String(options.config)] : [];
  const r = await run([...config, ...args, ...paths.map(String)], options);
  if (r.code !== 0 && r.code !== 1) throw refused('plain-contract coverage', r.code, r.stdout, r.stderr);
  try {
    return JSON.parse(r.stdout);
  } catch (e) {
    throw new PlainContractError(`plain-contract coverage printed no JSON report: ${e.message}`, { exitCode: r.code, stderr: r.stderr });
  }
}

/** Ends the worker processes (they also end with this process). */
function close() {
  for (const w of workers.values()) w.close();
  workers.clear();
}

module.exports = { check, coverage, generate, schemaDiff, close, describe, PlainContractError };
