//! `conform`: stateful, property-based conformance runs against a Customers
//! API endpoint.
//!
//! # What a run does
//!
//! A run is `cases` *sequences*. Sequence `i` is drawn by proptest from its
//! own case seed ([`case_seed`]`(seed, i)`, the project's convention), so it
//! depends on the run's seed and its index only. A sequence is 1 to
//! `max_ops` operations (`ops::Op`): `upsertCustomer` by email, external
//! ID or id; the three lookups; `createCustomerGroup`,
//! `addCustomerToCustomerGroups`, `removeCustomerFromCustomerGroups`,
//! `deleteCustomerGroup`; `createCustomerEvent`; `markCustomerAsSpam`,
//! `unmarkCustomerAsSpam`; then a read-back of every customer by id. Each
//! step is sent to the target and, at the same time, predicted by the model
//! (`model::Model`); every response is checked twice:
//!
//! 1. by the contract: the step becomes a native exchange (docs/exchanges.md)
//!    checked by [`Checker::check_ndjson`], the code behind
//!    `plain-contract check`: OpenAPI transport layer, GraphQL layer, Plain's
//!    rules. Any finding of Error severity fails the sequence;
//! 2. by the model: result, returned customer, lookups, error codes.
//!
//! # Why the model is separate
//!
//! The built-in server ([`crate::serve`]) implements the same semantics, but
//! checking it against itself would prove nothing. The model is a second,
//! much smaller implementation written from SEMANTICS.md: maps keyed by id,
//! email and external ID. It compares only what SEMANTICS.md documents;
//! where the document is silent (the code of a not-found error, the order of
//! two conflicts) it accepts what any reasonable implementation would, and
//! the generator avoids inputs whose behaviour is undocumented altogether.
//! See `model` for the compared surface.
//!
//! # Independence, shrinking, replay
//!
//! Every sequence runs in a fresh namespace, `cf<run>-<sequence>-<replay>`
//! (`<run>` random per process), used in all emails, external IDs, group
//! keys and event IDs, with small slot pools (3 customers, 2 groups,
//! 2 event IDs) so that operations collide. So sequences do not see each
//! other even against a shared, long-lived workspace, and they can run in
//! parallel (`jobs`). A failing sequence (the lowest failing index, so the
//! result does not depend on scheduling) is shrunk with proptest
//! (`TestRunner::run_one`: drop operations, then simplify each); every
//! shrinking replay runs in a new namespace. The minimal sequence is printed
//! as a curl script (`script`) without the token, with the seed and the
//! command that reproduces it.

pub(crate) mod client;
pub(crate) mod model;
pub(crate) mod ops;
pub(crate) mod script;

pub use client::TargetError;

use crate::contract::Contract;
use crate::generate::run::case_seed;
use crate::Checker;
use client::{check_line, Client, Reply};
use model::{Model, Names};
use ops::Op;
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestError, TestRng, TestRunner};
use serde_json::{json, Value};
use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};

/// Sequences per run unless told.
pub(crate) const DEFAULT_CASES: u64 = 100;
/// Longest sequence (operations, before the read-backs) unless told.
pub(crate) const DEFAULT_MAX_OPS: usize = 20;
/// Shrinking replays at most, unless told.
pub(crate) const DEFAULT_MAX_SHRINK_ITERS: u32 = 1000;
/// Longest response body shown in a failure report.
const SHOWN_RESPONSE: usize = 2000;

/// What to run.
#[derive(Clone)]
pub struct Options {
    /// The endpoint (`https://core-api.uk.plain.com/graphql/v1`); `None`
    /// starts the built-in server in-process on a free loopback port.
    pub target: Option<String>,
    /// The API key for `target` (the built-in server uses its development key).
    pub token: Option<String>,
    /// Sequences.
    pub cases: u64,
    /// The run's seed.
    pub seed: u64,
    /// Longest sequence.
    pub max_ops: usize,
    /// Shrinking replays at most.
    pub max_shrink_iters: u32,
    /// Sequences run at once; 0 picks: the CPUs (at most 4) for the built-in
    /// server, 1 for a target (its rate limit).
    pub jobs: usize,
    /// Write every exchange (NDJSON, native format) here.
    pub save_exchanges: Option<PathBuf>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            target: None,
            token: None,
            cases: DEFAULT_CASES,
            seed: 0x5eed,
            max_ops: DEFAULT_MAX_OPS,
            max_shrink_iters: DEFAULT_MAX_SHRINK_ITERS,
            jobs: 0,
            save_exchanges: None,
        }
    }
}

impl std::fmt::Debug for Options {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Options")
            .field("target", &self.target)
            .field("token", &self.token.as_ref().map(|_| crate::secrets::REDACTED))
            .field("cases", &self.cases)
            .field("seed", &format_args!("{:#x}", self.seed))
            .field("max_ops", &self.max_ops)
            .field("max_shrink_iters", &self.max_shrink_iters)
            .field("jobs", &self.jobs)
            .field("save_exchanges", &self.save_exchanges)
            .finish()
    }
}

/// Why a run could not be done (exit status 2).
#[derive(Debug, thiserror::Error)]
pub enum ConformError {
    /// An option is out of range.
    #[error("{0}")]
    BadOption(String),
    /// The target URL is unusable.
    #[error(transparent)]
    BadTarget(#[from] client::TargetError),
    /// A target without a key.
    #[error("--target needs an API key: pass --token or set PLAIN_API_KEY")]
    NoToken,
    /// The target does not answer.
    #[error("cannot reach {url}: {reason}")]
    Unreachable {
        /// The target.
        url: String,
        /// The transport error.
        reason: String,
    },
    /// The target refuses the key.
    #[error("{url} refused the API key (HTTP {status}); check the key and its permissions")]
    Refused {
        /// The target.
        url: String,
        /// 401 or 403.
        status: u16,
    },
    /// The built-in server did not start.
    #[error("cannot start the built-in server: {0}")]
    Server(String),
    /// The exchanges file cannot be written.
    #[error("cannot write {path}: {reason}")]
    Save {
        /// The file.
        path: String,
        /// Why.
        reason: String,
    },
}

/// A shrunk failing sequence.
#[derive(Clone, Debug)]
pub struct Failure {
    /// 0-based index of the sequence in the run.
    pub sequence: u64,
    /// Operations of the sequence as generated.
    pub original_ops: usize,
    /// Operations of the minimal sequence.
    pub ops: usize,
    /// Steps sent of the minimal sequence (the last one failed).
    pub steps: usize,
    /// What the failing step did.
    pub step_label: String,
    /// What the model expected of it.
    pub expected: String,
    /// Why it failed (model mismatch and/or contract findings), with `$NS`
    /// for the namespace.
    pub reason: String,
    /// The failing step's response body, with `$NS` for the namespace.
    pub response: Option<String>,
    /// Shrinking replays run.
    pub replays: u64,
    /// False when the failure did not happen again on replay (a flaky
    /// target): the sequence is then reported as generated.
    pub reproduced: bool,
    /// The curl script.
    pub script: String,
    /// The command line that reproduces the failure.
    pub reproduce: String,
}

/// What a run found.
#[derive(Clone, Debug)]
pub struct Report {
    /// The endpoint.
    pub url: String,
    /// The run's seed.
    pub seed: u64,
    /// Sequences asked for.
    pub cases: u64,
    /// Sequences run (before shrinking).
    pub sequences: u64,
    /// Requests sent, shrinking included.
    pub requests: u64,
    /// Warnings of the checks (they do not fail the run).
    pub warnings: u64,
    /// How often each upsert result and error code came back.
    pub tally: BTreeMap<String, u64>,
    /// The first failing sequence, shrunk.
    pub failure: Option<Failure>,
}

impl Report {
    /// Did every sequence pass?
    pub fn passed(&self) -> bool {
        self.failure.is_none()
    }

    /// The one-line summary of a passing run.
    pub fn summary(&self) -> String {
        format!(
            "conform: {} sequences, {} requests, all passed against {}, seed {:#x}",
            self.sequences, self.requests, self.url, self.seed
        )
    }

    /// What to print: the summary, or the failure report.
    pub fn render(&self) -> String {
        let Some(f) = &self.failure else {
            return format!("{}\n", self.summary());
        };
        let mut s = format!(
            "conform: FAILED at sequence {} of {} against {}, seed {:#x}\n",
            f.sequence + 1,
            self.cases,
            self.url,
            self.seed
        );
        s.push_str(&format!("  step {} of {}: {}\n", f.steps, f.steps, f.step_label));
        s.push_str(&format!("  expected: {}\n", f.expected));
        for (i, line) in f.reason.lines().enumerate() {
            s.push_str(if i == 0 { "  problem: " } else { "           " });
            s.push_str(line);
            s.push('\n');
        }
        if let Some(r) = &f.response {
            let shown: String = r.chars().take(SHOWN_RESPONSE).collect();
            let more = if shown.len() < r.len() { " …(truncated)" } else { "" };
            s.push_str(&format!("  response: {shown}{more}\n"));
        }
        if f.reproduced {
            s.push_str(&format!(
                "  shrunk from {} to {} operation(s) in {} replay(s), each in a fresh namespace\n",
                f.original_ops, f.ops, f.replays
            ));
        } else {
            s.push_str("  the failure did not happen again when replayed (a flaky target?); the sequence is shown as generated\n");
        }
        s.push_str(&format!("  reproduce: {}\n", f.reproduce));
        s.push_str("  replay script (sh; needs curl and jq, TARGET and PLAIN_API_KEY):\n\n");
        s.push_str(&f.script);
        s
    }
}

/// A runner seeded by the case seed alone (as [`crate::generate::run::runner_for`]),
/// with this run's shrinking budget.
fn runner(case: &[u8; 32], max_shrink_iters: u32) -> TestRunner {
    let config = Config {
        failure_persistence: None,
        max_shrink_iters,
        ..Config::default()
    };
    TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, case))
}

/// The operations of sequence `i`.
pub(crate) fn sequence_ops(seed: u64, i: u64, max_ops: usize) -> Result<Vec<Op>, String> {
    let mut r = runner(&case_seed(seed, i), 0);
    ops::sequence(max_ops)
        .new_tree(&mut r)
        .map(|t| t.current())
        .map_err(|e| e.to_string())
}

/// One sequence as run.
#[derive(Debug, Default)]
struct Trace {
    ns: String,
    steps: Vec<script::Step>,
    lines: Vec<String>,
    requests: u64,
    warnings: u64,
    tally: BTreeMap<String, u64>,
    /// Why the last step failed.
    failure: Option<String>,
    expected: String,
}

struct Ctx<'a> {
    checker: &'a Checker,
    client: &'a Client,
    run: String,
}

impl Ctx<'_> {
    fn run_sequence(&self, ops: &[Op], seq: u64, replay: u64) -> Trace {
        let names = Names {
            ns: format!("{}-{seq}-{replay}", self.run),
        };
        let mut trace = Trace {
            ns: names.ns.clone(),
            ..Trace::default()
        };
        let mut model = Model::new(names);
        let mut i = 0usize;
        loop {
            let call = match ops.get(i) {
                Some(op) => model.prepare(op),
                None if i - ops.len() < model.customer_count() => model.read_back(i - ops.len()),
                None => break,
            };
            i += 1;
            if !self.step(&mut model, &call, &mut trace) {
                break;
            }
        }
        trace
    }

    /// Sends one call, checks it both ways; false when it failed.
    fn step(&self, model: &mut Model, call: &model::Call, trace: &mut Trace) -> bool {
        let n = trace.steps.len() + 1;
        let name = format!("conform {} step {n}: {}", trace.ns, call.label);
        let mut step = script::Step {
            label: call.label.clone(),
            expect_text: call.expect_text.clone(),
            body: call.body.clone(),
            captures: Vec::new(),
            response: None,
        };
        trace.expected = call.expect_text.clone();
        let (reply, throttled) = match self.client.post(&call.body) {
            Ok(x) => x,
            Err(e) => {
                trace.requests += 1;
                trace.steps.push(step);
                trace.failure = Some(format!("the request failed: {e}"));
                return false;
            }
        };
        let mut problems = Vec::new();
        for t in &throttled {
            problems.extend(self.check(&format!("{name} (rate limited)"), &call.body, t, trace));
        }
        problems.extend(self.check(&name, &call.body, &reply, trace));
        tally(call.field, &reply, &mut trace.tally);
        match model.observe(call, reply.status, reply.json.as_ref()) {
            Ok(captures) => step.captures = captures,
            Err(m) => problems.insert(0, m.to_string()),
        }
        step.response = Some(reply.text);
        trace.steps.push(step);
        if problems.is_empty() {
            true
        } else {
            trace.failure = Some(problems.join("\n"));
            false
        }
    }

    /// Checks one exchange with the project's checks; returns its errors.
    fn check(&self, name: &str, body: &Value, reply: &Reply, trace: &mut Trace) -> Vec<String> {
        let line = self.client.exchange_line(name, body, reply);
        let (errors, warnings) = check_line(self.checker, &line);
        trace.requests += 1;
        trace.warnings += warnings as u64;
        trace.lines.push(line);
        errors
            .iter()
            .map(|d| match &d.pointer {
                Some(p) => format!("contract: [{}] {} (at {p})", d.code, d.message),
                None => format!("contract: [{}] {}", d.code, d.message),
            })
            .collect()
    }
}

/// Counts upsert results and error codes.
fn tally(field: &str, reply: &Reply, into: &mut BTreeMap<String, u64>) {
    let Some(payload) = reply.json.as_ref().and_then(|b| b.pointer(&format!("/data/{field}"))) else {
        return;
    };
    if let Some(r) = payload.get("result").and_then(Value::as_str) {
        *into.entry(r.to_string()).or_insert(0) += 1;
    }
    if let Some(c) = payload.pointer("/error/code").and_then(Value::as_str) {
        *into.entry(c.to_string()).or_insert(0) += 1;
    }
}

/// Shared results of the workers: totals, and exchanges written in sequence order.
struct Collector {
    writer: Option<std::io::BufWriter<std::fs::File>>,
    write_error: Option<String>,
    pending: BTreeMap<u64, Vec<String>>,
    next_write: u64,
    requests: u64,
    warnings: u64,
    sequences: u64,
    tally: BTreeMap<String, u64>,
    failures: Vec<(u64, Vec<Op>, Trace)>,
}

impl Collector {
    fn write(&mut self, lines: &[String]) {
        if let Some(w) = &mut self.writer {
            for l in lines {
                if let Err(e) = writeln!(w, "{l}") {
                    self.write_error.get_or_insert(e.to_string());
                }
            }
        }
    }

    /// Counts a sequence run in the main phase (in any order).
    fn add(&mut self, i: u64, ops: Vec<Op>, mut trace: Trace) {
        self.count(&mut trace);
        self.sequences += 1;
        self.pending.insert(i, std::mem::take(&mut trace.lines));
        while let Some(lines) = self.pending.remove(&self.next_write) {
            self.write(&lines);
            self.next_write += 1;
        }
        if trace.failure.is_some() {
            self.failures.push((i, ops, trace));
        }
    }

    /// Counts a shrinking replay (written at once).
    fn add_replay(&mut self, trace: &mut Trace) {
        self.count(trace);
        let lines = std::mem::take(&mut trace.lines);
        self.write(&lines);
    }

    fn count(&mut self, trace: &mut Trace) {
        self.requests += trace.requests;
        self.warnings += trace.warnings;
        for (k, v) in std::mem::take(&mut trace.tally) {
            *self.tally.entry(k).or_insert(0) += v;
        }
    }

    fn flush_rest(&mut self) {
        let rest: Vec<Vec<String>> = std::mem::take(&mut self.pending).into_values().collect();
        for lines in rest {
            self.write(&lines);
        }
        if let Some(w) = &mut self.writer {
            if let Err(e) = w.flush() {
                self.write_error.get_or_insert(e.to_string());
            }
        }
    }
}

fn lock(m: &Mutex<Collector>) -> MutexGuard<'_, Collector> {
    match m.lock() {
        Ok(g) => g,
        Err(poisoned) => poisoned.into_inner(),
    }
}

/// A random run id: the namespaces of two runs never meet.
fn run_id() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    let mut x = nanos ^ (u64::from(std::process::id()) << 32);
    // splitmix64 finaliser
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^= x >> 31;
    format!("cf{:06x}", x & 0xff_ffff)
}

/// The command line that reproduces sequence `seq` (the sequences before it
/// run too: they are independent, so the failing one behaves the same).
fn reproduce(opts: &Options, seq: u64) -> String {
    let mut s = String::from("plain-contract conform");
    if let Some(t) = &opts.target {
        s.push_str(&format!(" --target {t}"));
    }
    s.push_str(&format!(" --cases {} --seed {:#x}", seq + 1, opts.seed));
    if opts.max_ops != DEFAULT_MAX_OPS {
        s.push_str(&format!(" --max-ops {}", opts.max_ops));
    }
    if opts.target.is_some() {
        s.push_str("   (with PLAIN_API_KEY set)");
    }
    s
}

/// Runs a conformance run. `Err` when it could not be done; a failing
/// sequence is in the report.
pub fn run(checker: &Checker, opts: &Options) -> Result<Report, ConformError> {
    if opts.cases == 0 {
        return Err(ConformError::BadOption("--cases must be at least 1".into()));
    }
    if opts.max_ops == 0 {
        return Err(ConformError::BadOption("--max-ops must be at least 1".into()));
    }
    let (server, url, token) = match &opts.target {
        None => {
            let server_contract = Contract::embedded()
                .map_err(|d| ConformError::Server(format!("the embedded contract does not load ({} findings)", d.diagnostics.len())))?;
            let server_opts = crate::serve::http::Options {
                listen: std::net::SocketAddr::from(([127, 0, 0, 1], 0)),
                ..crate::serve::http::Options::default()
            };
            let running = crate::serve::http::start(server_contract, crate::serve::store::Store::new(), server_opts)
                .map_err(|e| ConformError::Server(e.to_string()))?;
            let url = running.url();
            (Some(running), url, crate::serve::http::DEV_KEY.to_string())
        }
        Some(t) => {
            client::validate_url(t).map_err(ConformError::BadTarget)?;
            let token = opts.token.clone().filter(|t| !t.is_empty()).ok_or(ConformError::NoToken)?;
            (None, t.clone(), token)
        }
    };
    let client = Client::new(&url, &token).map_err(ConformError::BadTarget)?;
    let run = run_id();
    probe(&client, &run)?;
    let writer = match &opts.save_exchanges {
        None => None,
        Some(p) => Some(std::io::BufWriter::new(std::fs::File::create(p).map_err(|e| {
            ConformError::Save {
                path: p.display().to_string(),
                reason: e.to_string(),
            }
        })?)),
    };
    let ctx = Ctx {
        checker,
        client: &client,
        run,
    };
    let collector = Mutex::new(Collector {
        writer,
        write_error: None,
        pending: BTreeMap::new(),
        next_write: 0,
        requests: 0,
        warnings: 0,
        sequences: 0,
        tally: BTreeMap::new(),
        failures: Vec::new(),
    });
    let jobs = match opts.jobs {
        0 if opts.target.is_none() => std::thread::available_parallelism().map_or(1, |n| n.get()).min(4),
        0 => 1,
        n => n,
    };
    let next = AtomicU64::new(0);
    let first_failure = AtomicU64::new(u64::MAX);
    std::thread::scope(|s| {
        for _ in 0..jobs.min(usize::try_from(opts.cases).unwrap_or(usize::MAX)) {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                if i >= opts.cases || i > first_failure.load(Ordering::SeqCst) {
                    break;
                }
                let (ops, trace) = match sequence_ops(opts.seed, i, opts.max_ops) {
                    Ok(ops) => {
                        let t = ctx.run_sequence(&ops, i, 0);
                        (ops, t)
                    }
                    Err(e) => (
                        Vec::new(),
                        Trace {
                            failure: Some(format!("no sequence could be generated: {e}")),
                            ..Trace::default()
                        },
                    ),
                };
                if trace.failure.is_some() {
                    first_failure.fetch_min(i, Ordering::SeqCst);
                }
                lock(&collector).add(i, ops, trace);
            });
        }
    });
    let first = {
        let mut c = lock(&collector);
        c.flush_rest();
        let failures = std::mem::take(&mut c.failures);
        failures.into_iter().min_by_key(|(i, _, _)| *i)
    };
    let failure = first.map(|(i, ops, trace)| shrink(&ctx, opts, i, ops, trace, &collector));
    let mut c = lock(&collector);
    c.flush_rest();
    if let Some(e) = c.write_error.take() {
        return Err(ConformError::Save {
            path: opts.save_exchanges.as_ref().map(|p| p.display().to_string()).unwrap_or_default(),
            reason: e,
        });
    }
    drop(server);
    Ok(Report {
        url,
        seed: opts.seed,
        cases: opts.cases,
        sequences: c.sequences,
        requests: c.requests,
        warnings: c.warnings,
        tally: std::mem::take(&mut c.tally),
        failure,
    })
}

/// One lookup that must get an HTTP answer and not a refused key.
fn probe(client: &Client, run: &str) -> Result<(), ConformError> {
    let body = json!({
        "query": "query customerByEmail($email: String!) { customerByEmail(email: $email) { id } }",
        "variables": {"email": format!("{run}-probe@example.com")},
    });
    match client.post(&body) {
        Err(reason) => Err(ConformError::Unreachable {
            url: client.url().to_string(),
            reason: reason.to_string(),
        }),
        Ok((r, _)) if r.status == 401 || r.status == 403 => Err(ConformError::Refused {
            url: client.url().to_string(),
            status: r.status,
        }),
        Ok(_) => Ok(()),
    }
}

/// Shrinks sequence `seq` (which failed as `trace`) and builds its report.
fn shrink(ctx: &Ctx, opts: &Options, seq: u64, ops: Vec<Op>, trace: Trace, collector: &Mutex<Collector>) -> Failure {
    let original_ops = ops.len();
    let replays = Cell::new(0u64);
    let last: RefCell<Option<(Vec<Op>, Trace)>> = RefCell::new(None);
    let replay = |candidate: &[Op]| {
        replays.set(replays.get() + 1);
        let mut t = ctx.run_sequence(candidate, seq, replays.get());
        lock(collector).add_replay(&mut t);
        t
    };
    let mut r = runner(&case_seed(opts.seed, seq), opts.max_shrink_iters);
    let shrunk = match ops::sequence(opts.max_ops).new_tree(&mut r) {
        Err(_) => None,
        Ok(tree) => match r.run_one(tree, |candidate| {
            let t = replay(&candidate);
            if t.failure.is_some() {
                *last.borrow_mut() = Some((candidate, t));
                Err(TestCaseError::fail("the sequence failed"))
            } else {
                Ok(())
            }
        }) {
            Err(TestError::Fail(_, minimal)) => Some(minimal),
            Ok(_) | Err(TestError::Abort(_)) => None,
        },
    };
    let (ops, trace, reproduced) = match shrunk {
        Some(minimal) => match last.into_inner() {
            Some((o, t)) if o == minimal => (o, t, true),
            _ => {
                let t = replay(&minimal);
                if t.failure.is_some() {
                    (minimal, t, true)
                } else {
                    (ops, trace, false)
                }
            }
        },
        None => (ops, trace, false),
    };
    let reason = trace.failure.clone().unwrap_or_default();
    let failed = trace.steps.len().saturating_sub(1);
    let header = script::Header {
        seed: opts.seed,
        sequence: seq,
        cases: opts.cases,
        ns: &trace.ns,
        failed,
        reason: &reason,
    };
    let script = script::render(&trace.steps, &header);
    let last_step = trace.steps.last();
    Failure {
        sequence: seq,
        original_ops,
        ops: ops.len(),
        steps: trace.steps.len(),
        step_label: last_step.map_or(String::new(), |s| script::unnamespaced(&s.label, &trace.ns)),
        expected: script::unnamespaced(&trace.expected, &trace.ns),
        reason: script::unnamespaced(&reason, &trace.ns),
        response: last_step
            .and_then(|s| s.response.as_deref())
            .map(|r| script::unnamespaced(r, &trace.ns)),
        replays: replays.get(),
        reproduced,
        script,
        reproduce: reproduce(opts, seq),
    }
}

#[cfg(test)]
mod tests {
    use super::sequence_ops;

    #[test]
    fn the_same_seed_generates_the_same_sequences() {
        for i in [0, 1, 17] {
            assert_eq!(sequence_ops(0x5eed, i, 20).unwrap(), sequence_ops(0x5eed, i, 20).unwrap());
        }
        assert_ne!(sequence_ops(0x5eed, 0, 20).unwrap(), sequence_ops(0x5eee, 0, 20).unwrap());
    }
}
