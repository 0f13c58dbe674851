//! NDJSON streams of exchanges (one native exchange per line, docs/exchanges.md),
//! from a file or stdin (where a whole JSON document, a pretty-printed HAR
//! say, is told apart and checked as a file: `stdin_document`), in constant memory: lines are read in batches,
//! checked in parallel (rayon), and dropped; a stream keeps at most
//! [`Settings::stream_max_findings`] findings (and the lines they point at),
//! after the severity overrides, and counts the rest. A line longer than
//! [`MAX_LINE_BYTES`] is skipped unread. Each line is handed to the checks
//! the caller gives ([`StreamChecks`]); the findings enter the stream's
//! bounded sink ([`Capped`]).

use super::stream::{name_of, open, Capped, StreamChecks};
use super::Progress;
use crate::diagnostic::{Code, Diagnostic};
use crate::exchange::is_exchange;
use crate::node::{self, Syntax};
use crate::outcome::Outcome;
use crate::settings::Settings;
use crate::source::{LineCol, Source};
use rayon::prelude::*;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

/// Lines per parallel batch.
const BATCH: usize = 4096;
/// Bytes per parallel batch (long lines make smaller batches).
const BATCH_BYTES: usize = 32 * 1024 * 1024;
/// What a syntax error on a last line with no newline at its end says of it.
const CUT_LINE_NOTE: &str = "the last line has no newline at its end: its write was cut short (a killed \
    `plain-contract record`, a full disk); the lines before it are whole, and `record` removes such a \
    line when it starts again on this file";

/// Longest line kept to show beside its findings.
const MAX_SHOWN_LINE: usize = 8 * 1024;

/// One line as read: its 1-based number and its text, or why it has none.
enum Line {
    Text(usize, String),
    TooLong(usize, usize),
    NotUtf8(usize, usize),
}

/// Reads one line of at most `max` bytes into `buf` (without the newline).
/// Returns `None` at the end; `Some(Err(len))` for a longer line, which is
/// consumed without being kept; `Some(Ok(ended))`, `ended` false for a last
/// line with no newline at its end.
fn read_line(r: &mut impl BufRead, buf: &mut Vec<u8>, max: usize) -> std::io::Result<Option<Result<bool, usize>>> {
    buf.clear();
    let mut total = 0usize;
    let mut any = false;
    loop {
        let chunk = r.fill_buf()?;
        if chunk.is_empty() {
            return Ok(if any {
                Some(if total > max { Err(total) } else { Ok(false) })
            } else {
                None
            });
        }
        any = true;
        let (take, done) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (i, true),
            None => (chunk.len(), false),
        };
        if total + take <= max {
            buf.extend_from_slice(&chunk[..take]);
        } else {
            buf.clear();
        }
        total += take;
        r.consume(take + usize::from(done));
        if done {
            return Ok(Some(if total > max { Err(total) } else { Ok(true) }));
        }
    }
}

/// Reads a stream named by `path` (`-` is stdin), handing each line to `checks`.
pub(crate) fn read_path(settings: &Settings, path: &Path, out: &mut Outcome, progress: Progress, checks: &dyn StreamChecks) {
    let name = name_of(path);
    if path.as_os_str() == "-" {
        if let Some(rest) = stdin_document(settings, &name, std::io::stdin().lock(), out, checks) {
            read(settings, &name, BufReader::with_capacity(1 << 16, rest), out, progress, checks);
        }
    } else if let Some(r) = open(path, out) {
        read(settings, &name, r, out, progress, checks);
    }
}

/// Stdin is NDJSON (one exchange per line), or one whole JSON document: a
/// HAR log, a fixture, a request body, pretty-printed or not, as `jq` and
/// `curl` write them. A document is told from a stream by its first line:
/// a `[` (no NDJSON line is an array), a first line that is not JSON by
/// itself (`{` alone: a pretty-printed object), or a first line that is a
/// HAR log, a request body, an OpenAPI document or a pact. A HAR log is streamed as
/// a `.har` file is; another document is read whole (up to `[limits]
/// max_file_mib`) and checked as a file of its kind; `None` then. Otherwise
/// the reader to check as NDJSON, the first line put back.
fn stdin_document(
    settings: &Settings,
    name: &str,
    mut r: impl BufRead + 'static,
    out: &mut Outcome,
    checks: &dyn StreamChecks,
) -> Option<Box<dyn Read>> {
    // What is read before the decision, blank lines included (line
    // numbers stay those of the input either way).
    let mut head = Vec::new();
    let mut line_start;
    loop {
        line_start = head.len();
        match r.by_ref().take(settings.max_entry_bytes() as u64 + 1).read_until(b'\n', &mut head) {
            Ok(0) | Err(_) => break,
            Ok(_) if head[line_start..].iter().all(u8::is_ascii_whitespace) => {}
            Ok(_) => break,
        }
    }
    let first: &[u8] = {
        let t = &head[line_start..];
        let t = t.strip_prefix(b"\xef\xbb\xbf").unwrap_or(t);
        let start = t.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(t.len());
        &t[start..]
    };
    // A first line longer than a stream's lines may be is no document's
    // start: the stream reports it, and goes on with the next line.
    let too_long = head.len() - line_start > settings.max_entry_bytes();
    let document = match first.first() {
        _ if too_long => false,
        Some(b'[') => true,
        Some(b'{') => match serde_json::from_slice::<serde_json::Value>(first) {
            // One line that is a whole document, but no exchange: a HAR
            // log, a request body, an OpenAPI document, a Pact file.
            Ok(v) => {
                ["log", "query", "openapi"].iter().any(|k| v.get(k).is_some())
                    || (v.get("consumer").is_some() && (v.get("interactions").is_some() || v.get("messages").is_some()))
            }
            Err(e) => e.is_eof(),
        },
        _ => false,
    };
    if !document {
        return Some(Box::new(std::io::Cursor::new(head).chain(r)));
    }
    // A HAR log (its one key, `log`, comes first) is streamed entry by
    // entry as a `.har` file is, in bounded memory; its first key may be on
    // a later line of a pretty-printed file.
    let mut key = super::har::first_key(&head[line_start..]).map(|(k, _)| k);
    while key.is_none() && head.len() - line_start < 64 * 1024 {
        match r.by_ref().take(64 * 1024).read_until(b'\n', &mut head) {
            Ok(0) | Err(_) => break,
            Ok(_) => key = super::har::first_key(&head[line_start..]).map(|(k, _)| k),
        }
    }
    if key.as_deref() == Some("log") {
        super::har::read(settings, name, std::io::Cursor::new(head).chain(r), out, None, checks);
        return None;
    }
    let limit = settings.max_file_bytes();
    let mut text = head;
    if let Err(e) = r.by_ref().take(limit.saturating_sub(text.len() as u64) + 1).read_to_end(&mut text) {
        out.push(Diagnostic::file_level(
            Code::FileUnreadable,
            format!("reading stopped: {e}"),
            name,
            LineCol::default(),
        ));
        return None;
    }
    if text.len() as u64 > limit {
        out.push(
            Diagnostic::file_level(
                Code::FileTooLarge,
                format!(
                    "the JSON document on stdin is larger than the {} MiB limit for files read whole",
                    limit >> 20
                ),
                name,
                LineCol::default(),
            )
            .with_note("raise `[limits] max_file_mib`, or pipe NDJSON (one exchange per line), which is streamed"),
        );
        return None;
    }
    let text = match String::from_utf8(text) {
        Ok(t) => t,
        Err(e) => {
            out.push(Diagnostic::file_level(
                Code::NotUtf8,
                format!(
                    "stdin is not valid UTF-8 (first bad byte at byte {})",
                    e.utf8_error().valid_up_to() + 1
                ),
                name,
                LineCol::default(),
            ));
            return None;
        }
    };
    let src = Source::new(name, text);
    out.add_source(&src);
    checks.document(&src, out);
    None
}

/// Reads NDJSON from any reader, as file `name`, handing each line to
/// `checks`, reporting progress per batch.
pub(crate) fn read(settings: &Settings, name: &str, mut r: impl BufRead, out: &mut Outcome, progress: Progress, checks: &dyn StreamChecks) {
    let mut lineno = 0usize;
    let mut exchanges = 0usize;
    let mut sink = Capped::new(settings);
    let mut seen = 0usize;
    let mut buf = Vec::new();
    let mut batch = Vec::with_capacity(BATCH);
    let mut done = false;
    // The last line, when no newline ends it: a write cut short?
    let mut unended = None;
    while !done {
        batch.clear();
        let mut batch_bytes = 0usize;
        while batch.len() < BATCH && batch_bytes < BATCH_BYTES {
            match read_line(&mut r, &mut buf, settings.max_entry_bytes()) {
                Ok(Some(Ok(ended))) => {
                    lineno += 1;
                    if !ended {
                        unended = Some(lineno);
                    }
                    if buf.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    batch_bytes += buf.len();
                    if lineno == 1 && buf.starts_with(b"\xef\xbb\xbf") {
                        buf.drain(..3); // a byte-order mark, as in files read whole
                    }
                    match String::from_utf8(std::mem::take(&mut buf)) {
                        Ok(t) => batch.push(Line::Text(lineno, t)),
                        Err(e) => batch.push(Line::NotUtf8(lineno, e.utf8_error().valid_up_to())),
                    }
                }
                Ok(Some(Err(len))) => {
                    lineno += 1;
                    batch.push(Line::TooLong(lineno, len));
                }
                Ok(None) => {
                    done = true;
                    break;
                }
                Err(e) => {
                    out.push(Diagnostic::file_level(
                        Code::FileUnreadable,
                        format!("reading stopped: {e}"),
                        name,
                        LineCol {
                            line: lineno + 1,
                            column: 1,
                        },
                    ));
                    done = true;
                    break;
                }
            }
        }
        exchanges += batch.iter().filter(|l| matches!(l, Line::Text(..))).count();
        seen += batch.len();
        if let Some(p) = progress {
            p(super::Tick::Exchanges(batch.len() as u64));
        }
        let results: Vec<(usize, Vec<Diagnostic>, Option<String>)> = batch
            .par_iter()
            .map(|l| match l {
                Line::Text(n, t) => {
                    let ds = check_line(checks, (name, *n), t);
                    let keep = (!ds.is_empty()).then(|| t.clone());
                    (*n, ds, keep)
                }
                Line::TooLong(n, len) => (
                    *n,
                    vec![Diagnostic::file_level(
                        Code::FileTooLarge,
                        format!(
                            "line of {len} bytes is longer than the {}-byte limit per line (`[limits] max_entry_mib`); skipped",
                            settings.max_entry_bytes()
                        ),
                        name,
                        LineCol { line: *n, column: 1 },
                    )],
                    None,
                ),
                Line::NotUtf8(n, at) => (
                    *n,
                    vec![Diagnostic::file_level(
                        Code::NotUtf8,
                        format!("line is not valid UTF-8 (first bad byte at byte {} of the line)", at + 1),
                        name,
                        LineCol { line: *n, column: 1 },
                    )],
                    None,
                ),
            })
            .collect();
        for (n, ds, text) in results {
            let mut used = false;
            // Severity overrides apply before the cap, so a finding turned off
            // does not take the place of one that counts.
            for d in ds {
                let d = if unended == Some(n) && d.code == Code::SyntaxError {
                    d.with_note(CUT_LINE_NOTE)
                } else {
                    d
                };
                used |= sink.push(out, d);
            }
            // Lines are kept to show findings, but only short ones: 1,000
            // findings on 16 MiB lines would not be bounded memory.
            if let (true, Some(t)) = (used, text.filter(|t| t.len() <= MAX_SHOWN_LINE)) {
                out.lines.insert((name.to_string(), n), t);
            }
        }
    }
    if seen == 0 {
        out.push(Diagnostic::file_level(
            Code::EmptyFile,
            "the stream holds no exchange",
            name,
            LineCol::default(),
        ));
    }
    sink.item(out, name, exchanges);
}

/// One line: parsed, read as an exchange, checked; findings placed on the
/// line (`file:LINE:COL`, pointers into the line's object).
///
/// Most lines of a large stream pass, and scanning with positions costs more
/// than the checks. So a line is first read by serde_json (no positions) and
/// checked; only a line with findings is read again with positions and
/// checked again, so its findings carry their line:col. Both reads are
/// strict RFC 8259 JSON; a line serde_json refuses (too deep, a number out of
/// range) goes straight to the positioned reader, which reports it.
fn check_line(checks: &dyn StreamChecks, (name, n): (&str, usize), text: &str) -> Vec<Diagnostic> {
    // A `coverage` run counts each exchange once: in this first pass when it
    // is read here, else in the second.
    let mut counted = false;
    if let Ok(root) = serde_json::from_str::<crate::node::Node>(text) {
        if is_exchange(&root) {
            counted = true;
            if checks.exchange(&Source::new(name, ""), &root, true).is_empty() {
                return Vec::new();
            }
        }
    }
    let src = Source::new(name, text);
    let mut ds = match node::parse(&src, Syntax::Json) {
        Err(d) => vec![d],
        Ok(root) if !is_exchange(&root) => vec![Diagnostic::at(
            Code::ExchangeShape,
            format!(
                "each NDJSON line must be one exchange (an object with `request`), found {}",
                root.kind()
            ),
            &src,
            root.start,
            1,
        )
        .with_pointer("")],
        Ok(root) => checks.exchange(&src, &root, !counted),
    };
    for d in &mut ds {
        d.line = n;
    }
    ds
}
