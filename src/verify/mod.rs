//! `verify`: recorded exchanges replayed against a live target, and the live
//! answers compared with the recordings (docs/verify.md).
//!
//! # A run
//!
//! 1. The fixtures are read (`load`): native fixtures, HAR logs and NDJSON
//!    streams, through the exchange reader `check` uses. Anything malformed
//!    stops the run before a request is sent.
//! 2. The target is probed with one lookup, as `conform` probes it: no
//!    answer, or 401/403, stops the run (exit 2).
//! 3. Files are replayed by `concurrency` workers; the exchanges of one file
//!    in order, one after another (a recording is a sequence: a lookup may
//!    need the customer an upsert before it created). Setup requests
//!    (`given:`) go first. Mutations are only sent with `allow_mutations`;
//!    `namespace` rewrites `email`, `emailAddress` and `externalId` values as
//!    `conform` keeps its runs apart. An ID the target assigned in place of a
//!    recorded one is put in place of that one in the file's later requests.
//!    Every request waits for its slot (`pace`); a 429 is waited out until
//!    its reset and retried (the HTTP client is `conform`'s).
//! 4. Each live exchange is checked as `check` checks an exchange (both
//!    layers) and compared with the recording (`drift`).
//! 5. With `update`, the live responses are written into the files (`update`).

pub(crate) mod drift;
pub(crate) mod load;
pub(crate) mod matchers;
pub(crate) mod pace;
pub(crate) mod update;

use crate::check::operation::OpCache;
use crate::conform::client::{Client, Reply};
use crate::diagnostic::{Code, Diagnostic};
use crate::exchange::Expect;
use crate::node::Syntax;
use crate::outcome::replays::{Difference, Replayed, Replays};
use crate::outcome::{Item, Outcome, Scope};
use crate::source::Source;
use crate::Checker;
use load::{File, Replay};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Duration;

/// What to run.
#[derive(Clone, Default)]
pub(crate) struct Options {
    /// The endpoint.
    pub target: String,
    /// The API key.
    pub token: String,
    /// Further headers sent with every request.
    pub headers: Vec<(String, String)>,
    /// The fixture files and folders.
    pub paths: Vec<PathBuf>,
    /// Replay mutations too.
    pub allow_mutations: bool,
    /// Rewrite emails and external IDs into this namespace.
    pub namespace: Option<String>,
    /// Requests a minute; `None` picks (see `pace`), `Some(0)` does not pace.
    pub rate: Option<u32>,
    /// Files replayed at once; 0 picks (4 on loopback, else 1).
    pub concurrency: usize,
    /// Longest wait for one answer.
    pub timeout: Duration,
    /// Write the live responses into the files.
    pub update: bool,
}

impl std::fmt::Debug for Options {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Options")
            .field("target", &self.target)
            .field("token", &crate::secrets::REDACTED)
            .field("paths", &self.paths)
            .field("allow_mutations", &self.allow_mutations)
            .field("namespace", &self.namespace)
            .field("rate", &self.rate)
            .field("concurrency", &self.concurrency)
            .field("update", &self.update)
            .finish()
    }
}

/// Why a run could not be done (exit 2).
#[derive(Debug)]
pub(crate) enum VerifyError {
    /// Said in a sentence.
    Run(String),
    /// Findings in the fixtures, to render.
    Fixtures(Box<Outcome>),
}

impl From<String> for VerifyError {
    fn from(s: String) -> Self {
        VerifyError::Run(s)
    }
}

/// One exchange's result.
#[derive(Debug, Default)]
pub(crate) struct Verdict {
    /// `verified`, `drifted`, `failed`, `skipped`.
    pub status: &'static str,
    /// Why failed or skipped.
    pub reason: Option<String>,
    /// The code of the reason's finding.
    pub reason_code: Option<Code>,
    /// The drift.
    pub differences: Vec<Difference>,
    /// Findings of the live exchange, pointers relative to it (`/response/...`).
    pub findings: Vec<Diagnostic>,
    /// The live answer.
    pub live: Option<Reply>,
    /// Requests sent, and 429 waits.
    pub requests: usize,
    /// 429 waits.
    pub waits: usize,
}

struct Ctx<'a> {
    checker: &'a Checker,
    cache: OpCache,
    client: Client,
    pacer: pace::Pacer,
    opts: &'a Options,
}

/// Runs a verification: the outcome (items, findings, `replays`) and the
/// files updated.
pub(crate) fn run(checker: &Checker, opts: &Options) -> Result<(Outcome, Vec<String>), VerifyError> {
    crate::conform::client::validate_url(&opts.target).map_err(|e| e.to_string())?;
    if opts.token.is_empty() {
        return Err(VerifyError::Run(
            "verify needs an API key: set PLAIN_API_KEY or pass --header 'Authorization: Bearer …'".into(),
        ));
    }
    let target = crate::exchange::Target::of(checker.contract(), &[]);
    let (files, replays, notes) =
        load::load(&opts.paths, &target, checker.settings().max_file_bytes()).map_err(|o| VerifyError::Fixtures(Box::new(o)))?;
    if opts.update {
        for f in &files {
            if let Err(e) = std::fs::OpenOptions::new().append(true).open(&f.path) {
                return Err(VerifyError::Run(format!(
                    "--update cannot write {}: {e}; nothing was sent",
                    f.path.display()
                )));
            }
        }
    }
    let loopback = pace::is_loopback(&opts.target);
    let rate = match opts.rate {
        Some(n) => Some(n),
        None if loopback => None,
        None => Some(pace::DEFAULT_REMOTE_RATE),
    };
    let client = Client::with(&opts.target, &opts.token, opts.timeout, opts.headers.clone()).map_err(|e| e.to_string())?;
    let ctx = Ctx {
        checker,
        cache: OpCache::default(),
        client,
        pacer: pace::Pacer::new(rate),
        opts,
    };
    ctx.pacer.wait();
    crate::conform::probe(&ctx.client, "vfprobe").map_err(|e| e.to_string())?;

    // Replays by file, in order.
    let mut by_file: Vec<Vec<usize>> = vec![Vec::new(); files.len()];
    for (i, r) in replays.iter().enumerate() {
        by_file[r.file].push(i);
    }
    let verdicts: Mutex<Vec<Option<Verdict>>> = Mutex::new((0..replays.len()).map(|_| None).collect());
    let next = AtomicUsize::new(0);
    let workers = match opts.concurrency {
        0 if loopback => 4,
        0 => 1,
        n => n,
    }
    .min(files.len().max(1));
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| loop {
                let f = next.fetch_add(1, Ordering::SeqCst);
                let Some(list) = by_file.get(f) else { break };
                let mut ids: HashMap<String, String> = HashMap::new();
                for &i in list {
                    let v = ctx.replay(&replays[i], &mut ids);
                    let mut all = match verdicts.lock() {
                        Ok(g) => g,
                        Err(p) => p.into_inner(),
                    };
                    all[i] = Some(v);
                }
            });
        }
    });
    let verdicts: Vec<Verdict> = verdicts
        .into_inner()
        .unwrap_or_else(|p| p.into_inner())
        .into_iter()
        .map(Option::unwrap_or_default)
        .collect();
    let mut updated = Vec::new();
    if opts.update {
        for (k, f) in files.iter().enumerate() {
            let mine: Vec<(&Replay, &Verdict)> = replays.iter().zip(&verdicts).filter(|(r, _)| r.file == k).collect();
            if mine.iter().any(|(_, v)| v.status == "failed") {
                continue;
            }
            match update::rewrite(f, &mine, opts.namespace.as_deref()) {
                Ok(Some(text)) => {
                    update::write(&f.path, &text).map_err(|e| format!("--update cannot write {}: {e}", f.path.display()))?;
                    updated.push(f.path.display().to_string());
                }
                Ok(None) => {}
                Err(e) => return Err(VerifyError::Run(format!("--update of {}: {e}", f.path.display()))),
            }
        }
    }
    let mut out = outcome(&files, &replays, verdicts, checker.settings());
    out.extend(notes);
    Ok((out, updated))
}

impl Ctx<'_> {
    fn post(&self, body: &Value, v: &mut Verdict) -> Result<Reply, String> {
        self.pacer.wait();
        let (reply, throttled) = self.client.post(body).map_err(|e| e.to_string())?;
        v.requests += 1 + throttled.len();
        v.waits += throttled.len();
        Ok(reply)
    }

    fn prepare(&self, body: &Value, ids: &HashMap<String, String>) -> Value {
        let mut b = body.clone();
        if let Some(vars) = b.get_mut("variables") {
            rewrite(vars, ids, self.opts.namespace.as_deref(), None, 0);
        }
        b
    }

    fn is_mutation(&self, body: &Value) -> bool {
        let query = body.get("query").and_then(Value::as_str).unwrap_or("");
        let analysis = self.cache.get(&self.checker.contract().schema, query);
        let name = body.get("operationName").and_then(Value::as_str);
        match analysis.doc.as_ref().and_then(|d| d.operations.get(name).ok()) {
            Some(op) => op.operation_type.is_mutation(),
            None => query.trim_start().starts_with("mutation"),
        }
    }

    fn replay(&self, r: &Replay, ids: &mut HashMap<String, String>) -> Verdict {
        let mut v = Verdict::default();
        let skip = |v: &mut Verdict, why: String| {
            v.status = "skipped";
            v.reason = Some(why);
            v.reason_code = Some(Code::VerifySkipped);
        };
        let body = match &r.request {
            Ok(b) => b,
            Err(why) => {
                skip(&mut v, format!("not replayed: {why}"));
                return v;
            }
        };
        if !self.opts.allow_mutations && (self.is_mutation(body) || r.given.iter().flatten().any(|g| self.is_mutation(g))) {
            skip(&mut v, "a mutation: replayed only with --allow-mutations".into());
            return v;
        }
        let fail = |v: &mut Verdict, code: Code, why: String| {
            v.status = "failed";
            v.reason = Some(why);
            v.reason_code = Some(code);
        };
        for (i, g) in r.given.iter().enumerate() {
            let g = match g {
                Ok(g) => self.prepare(g, ids),
                Err(why) => {
                    fail(&mut v, Code::VerifyGiven, format!("setup request {} cannot be sent: {why}", i + 1));
                    return v;
                }
            };
            match self.post(&g, &mut v) {
                Err(e) => {
                    fail(&mut v, Code::VerifyGiven, format!("setup request {} got no answer: {e}", i + 1));
                    return v;
                }
                Ok(reply) if reply.status >= 400 || reply.json.as_ref().is_some_and(|j| j.get("errors").is_some()) => {
                    let first = reply
                        .json
                        .as_ref()
                        .and_then(|j| j.pointer("/errors/0/message"))
                        .and_then(Value::as_str)
                        .map(|m| format!(": {m}"))
                        .unwrap_or_default();
                    fail(
                        &mut v,
                        Code::VerifyGiven,
                        format!("setup request {} was answered {}{first}", i + 1, reply.status),
                    );
                    return v;
                }
                Ok(_) => {}
            }
        }
        let sent = self.prepare(body, ids);
        let reply = match self.post(&sent, &mut v) {
            Ok(r) => r,
            Err(e) => {
                fail(&mut v, Code::VerifyNoAnswer, format!("no answer: {e}"));
                return v;
            }
        };
        // Drift.
        let mut walk = drift::Walk::new(&r.matchers);
        if let Some(rec) = &r.recorded {
            if rec.status != reply.status {
                walk_status(&mut walk.differences, rec.status, reply.status);
            }
            let media = |c: &str| c.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
            if let (Some(a), Some(b)) = (&rec.content_type, &reply.content_type) {
                if media(a) != media(b) {
                    walk.differences.push(Difference {
                        pointer: "/headers/content-type".into(),
                        kind: "content-type",
                        recorded: json!(a),
                        live: json!(b),
                    });
                }
            }
            if let (Some(rb), Some(lb)) = (&rec.body, &reply.json) {
                let query = body.get("query").and_then(Value::as_str).unwrap_or("");
                let analysis = self.cache.get(&self.checker.contract().schema, query);
                let shape = analysis.doc.as_ref().and_then(|d| {
                    drift::Shape::of(
                        &self.checker.contract().schema.schema,
                        d,
                        body.get("operationName").and_then(Value::as_str),
                    )
                });
                walk.bodies(rb, lb, shape.as_ref());
            }
        }
        for (a, b) in walk.ids {
            ids.insert(a, b);
        }
        v.differences = walk.differences;
        // Both layers, as `check` checks an exchange.
        v.findings = self.check_live(&sent, &reply, r.expect);
        if reply.status >= 500 {
            fail(&mut v, Code::VerifyNoAnswer, format!("the target answered {}", reply.status));
        } else if v.findings.iter().any(Diagnostic::is_error) {
            v.status = "failed";
            v.reason = Some("the live exchange breaks the contract".into());
        } else if !v.differences.is_empty() {
            v.status = "drifted";
        } else {
            v.status = "verified";
        }
        v.live = Some(reply);
        v
    }

    fn check_live(&self, body: &Value, reply: &Reply, expect: Option<Expect>) -> Vec<Diagnostic> {
        let line = self.client.exchange_line("live", body, reply);
        let line = match expect {
            Some(e) => match serde_json::from_str::<Value>(&line) {
                Ok(mut v) => {
                    v["expect"] = json!(match e {
                        Expect::Accepted => "accepted",
                        Expect::Rejected => "rejected",
                        Expect::Either => "either",
                    });
                    v.to_string()
                }
                Err(_) => line,
            },
            None => line,
        };
        let src = Source::new("live", line);
        let Ok(root) = crate::node::parse_here(&src, Syntax::Json) else {
            return Vec::new();
        };
        let target = crate::exchange::Target::of(self.checker.contract(), &[]);
        let crate::exchange::Contents::Exchanges(list, _, _) = crate::exchange::read(&src, &root, &target) else {
            return Vec::new();
        };
        let settings = self.checker.settings();
        let mut out = Vec::new();
        for ex in &list {
            out.extend(crate::check::exchange::check_exchange(
                self.checker.contract(),
                &self.cache,
                settings,
                &src,
                ex,
            ));
        }
        let overrides = settings.overrides();
        out.into_iter().filter_map(|d| overrides.apply(d)).collect()
    }
}

fn walk_status(diffs: &mut Vec<Difference>, recorded: u16, live: u16) {
    diffs.push(Difference {
        pointer: "/status".into(),
        kind: "status",
        recorded: json!(recorded),
        live: json!(live),
    });
}

/// The variables of a request to send: recorded IDs the target replaced,
/// and, with a namespace, `email`, `emailAddress` and `externalId` values
/// prefixed with it (`vf1a2b3c-ada@example.com`).
fn rewrite(v: &mut Value, ids: &HashMap<String, String>, ns: Option<&str>, key: Option<&str>, depth: usize) {
    if depth > crate::node::MAX_DEPTH {
        return;
    }
    match v {
        Value::String(s) => {
            if let Some(live) = ids.get(s.as_str()) {
                *s = live.clone();
            } else if let (Some(ns), Some("email" | "emailAddress" | "externalId")) = (ns, key) {
                *s = format!("{ns}-{s}");
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|i| rewrite(i, ids, ns, key, depth + 1)),
        Value::Object(m) => {
            for (k, x) in m.iter_mut() {
                rewrite(x, ids, ns, Some(k), depth + 1);
            }
        }
        _ => {}
    }
}

/// Where a pointer of the live exchange (`/response/body/data/x`,
/// `/response/status`) or of a difference (`/body/...`) stands in the
/// fixture: a pointer in the file, and the byte range to show.
fn place(files: &[File], r: &Replay, pointer: &str) -> (String, usize, usize) {
    let file = &files[r.file];
    let (offset, root) = &file.roots[r.root];
    let rel = pointer.strip_prefix("/response").unwrap_or(pointer);
    let in_file = match (&r.response_pointer, &r.body_pointer) {
        (Some(_), Some((bp, data))) if rel.starts_with("/body") => {
            if *data {
                format!("{bp}{}", &rel["/body".len()..])
            } else {
                bp.clone()
            }
        }
        (Some(rp), _) if rel.starts_with("/status") || rel.starts_with("/headers") => format!("{rp}{rel}"),
        _ if pointer.starts_with("/request") => format!("{}{pointer}", r.pointer),
        _ => r.pointer.clone(),
    };
    let (node, _) = root.pointer_deepest(&in_file);
    let node = if node.len == 0 && node.start == 0 { root } else { node };
    let (start, len) = if file.format == load::Format::Ndjson || node.len > 0 {
        (offset + node.start, node.len.max(1))
    } else {
        (r.span.0, 1)
    };
    (in_file, start, len)
}

fn outcome(files: &[File], replays: &[Replay], verdicts: Vec<Verdict>, settings: &crate::Settings) -> Outcome {
    let mut out = Outcome {
        files: files.len(),
        ..Outcome::for_run(settings)
    };
    let mut report = Replays::default();
    for f in files {
        out.sources.insert(f.source.path.clone(), f.source.clone());
    }
    for (r, v) in replays.iter().zip(verdicts) {
        let file = &files[r.file];
        let src = &file.source;
        let at = src.line_col(r.span.0);
        out.items.push(Item {
            kind: "exchange",
            name: r.label.clone(),
            file: src.path.clone(),
            line: at.line,
            column: at.column,
            scope: Scope::Range(r.span.0, r.span.1),
            omitted_errors: 0,
        });
        if let (Some(why), Some(code)) = (&v.reason, v.reason_code) {
            out.push(Diagnostic::at(code, why.clone(), src, r.span.0, 1).with_pointer(r.pointer.clone()));
        }
        for d in &v.differences {
            let (ptr, start, len) = place(files, r, &d.pointer);
            let msg = match d.kind {
                "removed" => format!("{}: recorded, absent from the live response", d.pointer),
                "added" => format!("{}: in the live response, not recorded", d.pointer),
                _ => format!(
                    "{}: {} changed: recorded {}, live {}",
                    d.pointer,
                    d.kind,
                    short(&d.recorded),
                    short(&d.live)
                ),
            };
            out.push(Diagnostic::at(Code::VerifyDrift, msg, src, start, len).with_pointer(ptr));
        }
        for d in &v.findings {
            let (ptr, start, len) = place(files, r, d.pointer.as_deref().unwrap_or(""));
            let mut nd = Diagnostic::at(d.code, format!("live exchange: {}", d.message), src, start, len).with_pointer(ptr);
            nd.severity = d.severity;
            nd.notes = d.notes.clone();
            if let Some(p) = &d.pointer {
                nd.notes.push(format!("at {p} of the live exchange"));
            }
            out.push(nd);
        }
        report.requests += v.requests;
        report.waits += v.waits;
        report.exchanges.push(Replayed {
            file: src.path.clone(),
            line: at.line,
            column: at.column,
            name: r.label.clone(),
            status: v.status,
            reason: v.reason.clone(),
            differences: v.differences,
        });
    }
    out.replays = Some(Box::new(report));
    out
}

/// A value in a message: JSON, cut at 80 characters.
fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 80 {
        format!("{}…", s.chars().take(79).collect::<String>())
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_take_the_namespace_and_the_ids_learned() {
        let mut v = json!({"input": {
            "identifier": {"emailAddress": "ada@example.com"},
            "onCreate": {"externalId": "usr_1", "email": {"email": "ada@example.com", "isVerified": true}, "fullName": "Ada"},
            "customerId": "c_recorded",
            "tags": ["c_recorded", "other"]
        }});
        let ids = HashMap::from([("c_recorded".to_string(), "c_live".to_string())]);
        rewrite(&mut v, &ids, Some("vf123456"), None, 0);
        assert_eq!(v["input"]["identifier"]["emailAddress"], "vf123456-ada@example.com");
        assert_eq!(v["input"]["onCreate"]["externalId"], "vf123456-usr_1");
        assert_eq!(v["input"]["onCreate"]["email"]["email"], "vf123456-ada@example.com");
        assert_eq!(v["input"]["onCreate"]["fullName"], "Ada");
        assert_eq!(v["input"]["customerId"], "c_live");
        assert_eq!(v["input"]["tags"], json!(["c_live", "other"]));
    }
}
