//! HAR files read as a stream of entries: time linear in the file's size
//! whatever its layout (one line or indented), memory bounded by the largest
//! entry and the batch, not the file.
//!
//! Why hand-written: serde_json's streaming deserializer gives no byte
//! positions and cannot hand out one array element's raw text, and every
//! finding must name the line:col in the user's file. The scanner here only
//! finds the structure (`{"log": {"entries": [ ... ]}}`): it walks the bytes
//! once, keeping the line and the column (in characters) of where it is, and
//! copies each entry's text whole. Each entry is then parsed on its own and
//! handed to the checks the caller gives ([`StreamChecks::har_entry`], which
//! reads it as a HAR read whole is read, `crate::exchange::read_har_entry`),
//! and its findings are moved by the entry's starting line:col and offset,
//! so positions are those of the whole file. Entries are checked in parallel
//! batches, like NDJSON lines ([`super::ndjson`]); an entry longer than the
//! per-entry limit (`[limits] max_entry_mib`) is skipped with a PC004. The
//! same reader reads `.har` files, `.json` files that open as a HAR log
//! ([`opens_log`], [`super::open_data`]), HAR text held in memory
//! (`check_text`) and a HAR log piped to stdin: `check` has no other reader
//! of HAR in JSON (`crate::exchange::read` reads HAR trees for `verify`,
//! `pact export` and HAR in YAML).

use super::stream::{open, Capped, StreamChecks};
use super::Progress;
use crate::diagnostic::{Code, Diagnostic};
use crate::node::{self, Syntax};
use crate::outcome::Outcome;
use crate::settings::Settings;
use crate::source::{LineCol, Source};
use rayon::prelude::*;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

/// Entries per parallel batch.
const BATCH: usize = 1024;
/// Bytes per parallel batch.
const BATCH_BYTES: usize = 8 * 1024 * 1024;
/// Longest line kept to show beside its findings.
const MAX_SHOWN_LINE: usize = 8 * 1024;

/// A place in the file: byte offset, 1-based line and column (characters).
#[derive(Debug, Clone, Copy)]
struct Pos {
    offset: usize,
    line: usize,
    column: usize,
}

/// Why scanning stopped.
enum Stop {
    Io(std::io::Error),
    /// Not JSON (or not the HAR's structure): a message at a place.
    Syntax(Pos, String),
}

/// A byte reader that knows where it is.
struct Scanner<R: BufRead> {
    r: R,
    pos: Pos,
    /// The deepest nesting of the last value read by [`Scanner::value`].
    deepest: usize,
}

impl<R: BufRead> Scanner<R> {
    fn peek(&mut self) -> Result<Option<u8>, Stop> {
        let buf = self.r.fill_buf().map_err(Stop::Io)?;
        Ok(buf.first().copied())
    }

    fn bump(&mut self, b: u8) {
        self.r.consume(1);
        self.pos.offset += 1;
        if b == b'\n' {
            self.pos.line += 1;
            self.pos.column = 1;
        } else if b & 0xC0 != 0x80 {
            self.pos.column += 1;
        }
    }

    fn next(&mut self) -> Result<Option<u8>, Stop> {
        let b = self.peek()?;
        if let Some(b) = b {
            self.bump(b);
        }
        Ok(b)
    }

    /// The next byte that is not JSON white space, not consumed.
    fn peek_token(&mut self) -> Result<Option<u8>, Stop> {
        loop {
            match self.peek()? {
                Some(b @ (b' ' | b'\t' | b'\n' | b'\r')) => self.bump(b),
                other => return Ok(other),
            }
        }
    }

    fn eof(&self, what: &str) -> Stop {
        Stop::Syntax(self.pos, format!("the file ends inside {what} (truncated?)"))
    }

    fn expect(&mut self, want: u8, what: &str) -> Result<(), Stop> {
        match self.peek_token()? {
            Some(b) if b == want => {
                self.bump(b);
                Ok(())
            }
            Some(b) => Err(Stop::Syntax(
                self.pos,
                format!("expected `{}` {what}, found `{}`", want as char, printable(b)),
            )),
            None => Err(self.eof(what)),
        }
    }

    /// Reads a string (the opening quote next) and returns its raw bytes with quotes.
    fn string(&mut self, out: &mut Vec<u8>, keep: bool) -> Result<(), Stop> {
        self.expect(b'"', "(a string)")?;
        if keep {
            out.push(b'"');
        }
        let mut escaped = false;
        loop {
            // Fast path: copy a run of plain bytes from the buffer at once.
            let buf = self.r.fill_buf().map_err(Stop::Io)?;
            if buf.is_empty() {
                return Err(self.eof("a string"));
            }
            let mut i = 0;
            let mut done = false;
            while i < buf.len() {
                let b = buf[i];
                i += 1;
                if escaped {
                    escaped = false;
                } else if b == b'\\' {
                    escaped = true;
                } else if b == b'"' {
                    done = true;
                    break;
                } else if b == b'\n' {
                    let at = self.pos;
                    return Err(Stop::Syntax(at, "a line break inside a string".into()));
                }
            }
            if keep {
                out.extend_from_slice(&buf[..i]);
            }
            // Positions: strings hold no line break, so only columns move.
            let chars = buf[..i].iter().filter(|&&b| b & 0xC0 != 0x80).count();
            self.pos.offset += i;
            self.pos.column += chars;
            self.r.consume(i);
            if done {
                return Ok(());
            }
        }
    }

    /// Consumes one JSON value, copying its text into `out` while it is at
    /// most `limit` bytes (`keep`); returns its length in bytes. Nesting is
    /// counted, not recursed into, so depth costs nothing here (the entry's
    /// parser reports a too-deep value).
    ///
    /// The reader's buffer is walked a run at a time: string contents by
    /// `memchr` up to the next quote, backslash or line break, structure byte
    /// by byte; positions move once per run, so a
    /// finding's line:col stays exact at a fraction of a byte-wise walk.
    fn value(&mut self, out: &mut Vec<u8>, keep: bool, limit: usize) -> Result<usize, Stop> {
        #[derive(PartialEq)]
        enum In {
            Structure,
            Str { escaped: bool },
            Scalar,
        }
        let start = self.pos.offset;
        let mut keep = keep;
        let mut depth = 0usize;
        let mut state = In::Structure;
        self.peek_token()?;
        loop {
            let buf = self.r.fill_buf().map_err(Stop::Io)?;
            if buf.is_empty() {
                return match state {
                    In::Scalar if depth == 0 => Ok(self.pos.offset - start),
                    In::Str { .. } => Err(self.eof("a string")),
                    _ => Err(self.eof("a value")),
                };
            }
            let mut i = 0;
            // Some((bytes of this run to consume, error)) ends the value.
            let mut end: Option<Result<usize, (usize, String)>> = None;
            while i < buf.len() {
                match state {
                    In::Str { escaped: true } => {
                        i += 1;
                        state = In::Str { escaped: false };
                    }
                    In::Str { escaped: false } => match memchr::memchr3(b'"', b'\\', b'\n', &buf[i..]) {
                        None => i = buf.len(),
                        Some(k) => {
                            let b = buf[i + k];
                            i += k + 1;
                            if b == b'\\' {
                                state = In::Str { escaped: true };
                            } else if b == b'"' {
                                state = In::Structure;
                                if depth == 0 {
                                    end = Some(Ok(i));
                                    break;
                                }
                            } else {
                                end = Some(Err((i - 1, "a line break inside a string".into())));
                                break;
                            }
                        }
                    },
                    In::Scalar => {
                        let b = buf[i];
                        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'+' | b'.') {
                            i += 1;
                        } else {
                            state = In::Structure;
                            if depth == 0 {
                                end = Some(Ok(i));
                                break;
                            }
                        }
                    }
                    In::Structure => {
                        let b = buf[i];
                        match b {
                            b' ' | b'\t' | b'\n' | b'\r' => i += 1,
                            b'"' => {
                                state = In::Str { escaped: false };
                                i += 1;
                            }
                            b'{' | b'[' => {
                                depth += 1;
                                self.deepest = self.deepest.max(depth);
                                i += 1;
                            }
                            b'}' | b']' if depth > 0 => {
                                depth -= 1;
                                i += 1;
                                if depth == 0 {
                                    end = Some(Ok(i));
                                    break;
                                }
                            }
                            b',' | b':' if depth > 0 => i += 1,
                            _ if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'+' | b'.') => {
                                state = In::Scalar;
                                i += 1;
                            }
                            b'}' | b']' => {
                                end = Some(Err((i, format!("unexpected `{}`", b as char))));
                                break;
                            }
                            _ => {
                                end = Some(Err((i, format!("unexpected `{}`", printable(b)))));
                                break;
                            }
                        }
                    }
                }
            }
            let upto = match &end {
                Some(Ok(n)) => *n,
                Some(Err((n, _))) => *n,
                None => i,
            };
            if keep {
                out.extend_from_slice(&buf[..upto]);
            }
            // The reader's buffer is borrowed: copy what advance needs first.
            let consumed_nl = memchr::memrchr(b'\n', &buf[..upto]);
            let lines = match consumed_nl {
                Some(_) => memchr::memchr_iter(b'\n', &buf[..upto]).count(),
                None => 0,
            };
            let tail_chars = chars(&buf[consumed_nl.map_or(0, |l| l + 1)..upto]);
            self.pos.offset += upto;
            if lines > 0 {
                self.pos.line += lines;
                self.pos.column = 1 + tail_chars;
            } else {
                self.pos.column += tail_chars;
            }
            self.r.consume(upto);
            if keep && out.len() > limit {
                keep = false;
                out.clear();
                out.shrink_to(1 << 16);
            }
            match end {
                Some(Ok(_)) => return Ok(self.pos.offset - start),
                Some(Err((_, msg))) => return Err(Stop::Syntax(self.pos, msg)),
                None => {}
            }
        }
    }

    /// Reads an object key and its colon.
    fn key(&mut self, scratch: &mut Vec<u8>) -> Result<String, Stop> {
        scratch.clear();
        self.string(scratch, true)?;
        let k: String = serde_json::from_slice(scratch).unwrap_or_default();
        self.expect(b':', "after an object key")?;
        Ok(k)
    }
}

/// Characters in UTF-8 text: the bytes that are not continuation bytes.
fn chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count()
}

fn printable(b: u8) -> String {
    if b.is_ascii_graphic() {
        (b as char).to_string()
    } else {
        format!("\\x{b:02x}")
    }
}

/// The first key of the JSON object `text` starts (after a byte-order mark
/// and white space), once its closing quote has been read, and the offset
/// after that quote; escapes are not decoded (the keys looked for have none).
pub(crate) fn first_key(text: &[u8]) -> Option<(String, usize)> {
    let t = text.strip_prefix(b"\xef\xbb\xbf").unwrap_or(text);
    let bom = text.len() - t.len();
    let mut i = t.iter().position(|b| !b.is_ascii_whitespace())?;
    if t[i] != b'{' {
        return None;
    }
    i += 1;
    i += t[i..].iter().position(|b| !b.is_ascii_whitespace())?;
    if t[i] != b'"' {
        return None;
    }
    let end = t[i + 1..].iter().position(|&b| b == b'"')?;
    Some((String::from_utf8_lossy(&t[i + 1..i + 1 + end]).into_owned(), bom + i + end + 2))
}

/// Does the JSON text `head` starts open a HAR log: an object whose first
/// key is `log`, holding an object (what browsers, proxies and
/// `plain-contract record` write)? `None` while `head` ends before that is
/// told. A data file named `.json` that does is read by this module, as a
/// `.har` file is ([`crate::input::open_data`]).
pub(crate) fn opens_log(head: &[u8]) -> Option<bool> {
    let t = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    let first = t.iter().position(|b| !b.is_ascii_whitespace())?;
    if t[first] != b'{' {
        return Some(false);
    }
    let Some((key, after)) = first_key(head) else {
        // Undecided until the first key's closing quote, unless no key follows the `{`.
        let next = t[first + 1..].iter().find(|b| !b.is_ascii_whitespace())?;
        return (*next != b'"').then_some(false);
    };
    if key != "log" {
        return Some(false);
    }
    let mut rest = head[after..].iter().filter(|b| !b.is_ascii_whitespace());
    match (rest.next()?, rest.next()) {
        (b':', Some(b)) => Some(*b == b'{'),
        (b':', None) => None,
        _ => Some(false),
    }
}

/// One entry as read.
struct Raw {
    index: usize,
    at: Pos,
    text: Result<String, (usize, String)>,
    /// Does it nest deeper than the positioned reader reads? Then the first,
    /// position-free pass (which skips members unread) is not taken.
    too_deep: bool,
}

/// What one entry gave.
struct Done {
    diagnostics: Vec<Diagnostic>,
    skipped: Option<String>,
    checked: bool,
    lines: Vec<(usize, String)>,
}

/// Reads a `.har` file as a stream of entries, handing each to `checks`.
pub(crate) fn read_path(settings: &Settings, path: &Path, out: &mut Outcome, progress: Progress, checks: &dyn StreamChecks) {
    if let Some(r) = open(path, out) {
        read(settings, &path.display().to_string(), r, out, progress, checks);
    }
}

/// [`read_path`] from any reader (a file, a text in memory, stdin), as file `name`.
pub(crate) fn read(settings: &Settings, name: &str, r: impl Read, out: &mut Outcome, progress: Progress, checks: &dyn StreamChecks) {
    let mut run = Run {
        checks,
        settings,
        name,
        out,
        progress,
        batch: Vec::new(),
        batch_bytes: 0,
        total: 0,
        checked: 0,
        skipped: Vec::new(),
        skipped_count: 0,
        sink: Capped::new(settings),
        first: 0,
        reading: String::new(),
    };
    let mut s = Scanner {
        r: BufReader::with_capacity(1 << 16, r),
        pos: Pos {
            offset: 0,
            line: 1,
            column: 1,
        },
        deepest: 0,
    };
    let result = run.scan(&mut s);
    let at = s.pos;
    run.flush();
    match result {
        Ok(()) => {}
        Err(Stop::Io(e)) => run.push(Diagnostic::file_level(
            Code::FileUnreadable,
            format!("reading stopped: {e}"),
            name,
            LineCol {
                line: at.line,
                column: at.column,
            },
        )),
        Err(Stop::Syntax(p, msg)) => {
            let mut d = Diagnostic::file_level(
                Code::SyntaxError,
                format!("invalid JSON: {msg}"),
                name,
                LineCol {
                    line: p.line,
                    column: p.column,
                },
            );
            d.span = (p.offset, 1);
            if !run.reading.is_empty() {
                d = d.with_pointer(&run.reading);
            }
            run.push(d);
        }
    }
    let Run { sink, out, checked, .. } = run;
    sink.item(out, name, checked);
}

struct Run<'a, 'o> {
    checks: &'a dyn StreamChecks,
    settings: &'a Settings,
    name: &'a str,
    out: &'o mut Outcome,
    progress: Progress<'a>,
    batch: Vec<Raw>,
    batch_bytes: usize,
    total: usize,
    checked: usize,
    skipped: Vec<String>,
    skipped_count: usize,
    sink: Capped,
    /// Where the entries' findings begin: the HX010 summary goes there, as
    /// when the file is read whole.
    first: usize,
    /// The pointer of what is being scanned in `entries` (an entry, or the
    /// list between entries), for a syntax error's diagnostic; empty elsewhere.
    reading: String,
}

impl Run<'_, '_> {
    fn at(&self, code: Code, msg: String, p: Pos, pointer: &str) -> Diagnostic {
        let mut d = Diagnostic::file_level(
            code,
            msg,
            self.name,
            LineCol {
                line: p.line,
                column: p.column,
            },
        )
        .with_pointer(pointer);
        d.span = (p.offset, 1);
        d
    }

    /// Keeps a finding (severity overrides first, in the outcome's sink),
    /// or counts it past the cap.
    fn push(&mut self, d: Diagnostic) {
        self.sink.push(self.out, d);
    }

    fn scan<R: BufRead>(&mut self, s: &mut Scanner<R>) -> Result<(), Stop> {
        let mut scratch = Vec::new();
        if s.peek()? == Some(0xEF) {
            // A byte-order mark, as in files read whole.
            for _ in 0..3 {
                s.next()?;
            }
            s.pos = Pos {
                offset: s.pos.offset,
                line: 1,
                column: 1,
            };
        }
        let root = s.pos;
        match s.peek_token()? {
            Some(b'{') => s.bump(b'{'),
            None => {
                self.push(Diagnostic::file_level(
                    Code::EmptyFile,
                    "the file is empty",
                    self.name,
                    LineCol::default(),
                ));
                return Ok(());
            }
            Some(_) => {
                let d = self.at(
                    Code::ExchangeShape,
                    "a .har file must hold a HAR log: {\"log\": {\"entries\": [...]}}".into(),
                    root,
                    "",
                );
                self.push(d);
                return Ok(());
            }
        }
        let mut saw_log = false;
        self.members(s, &mut scratch, |run, s, key, scratch| {
            if key == "log" && !saw_log {
                saw_log = true;
                run.log(s, scratch)
            } else {
                s.value(scratch, false, 0).map(|_| ())
            }
        })?;
        if !saw_log {
            let d = self.at(
                Code::ExchangeShape,
                "a .har file must hold a HAR log: {\"log\": {\"entries\": [...]}}".into(),
                root,
                "",
            );
            self.push(d);
        }
        if let Some(b) = s.peek_token()? {
            return Err(Stop::Syntax(s.pos, format!("trailing `{}` after the HAR log", printable(b))));
        }
        Ok(())
    }

    /// The members of an object whose `{` was read, up to its `}`.
    fn members<R: BufRead>(
        &mut self,
        s: &mut Scanner<R>,
        scratch: &mut Vec<u8>,
        mut each: impl FnMut(&mut Self, &mut Scanner<R>, &str, &mut Vec<u8>) -> Result<(), Stop>,
    ) -> Result<(), Stop> {
        if s.peek_token()? == Some(b'}') {
            s.bump(b'}');
            return Ok(());
        }
        loop {
            let k = s.key(scratch)?;
            each(self, s, &k, scratch)?;
            match s.peek_token()? {
                Some(b',') => s.bump(b','),
                Some(b'}') => {
                    s.bump(b'}');
                    return Ok(());
                }
                Some(b) => return Err(Stop::Syntax(s.pos, format!("expected `,` or `}}`, found `{}`", printable(b)))),
                None => return Err(s.eof("an object")),
            }
        }
    }

    fn log<R: BufRead>(&mut self, s: &mut Scanner<R>, scratch: &mut Vec<u8>) -> Result<(), Stop> {
        s.peek_token()?;
        let at = s.pos;
        match s.peek_token()? {
            Some(b'{') => s.bump(b'{'),
            _ => {
                let at = s.pos;
                s.value(scratch, false, 0)?;
                let d = self.at(Code::ExchangeShape, "HAR `log` must be an object".into(), at, "/log");
                self.push(d);
                return Ok(());
            }
        }
        let mut saw_entries = false;
        self.members(s, scratch, |run, s, key, scratch| {
            if key == "entries" && !saw_entries {
                saw_entries = true;
                run.entries(s, scratch)
            } else {
                s.value(scratch, false, 0).map(|_| ())
            }
        })?;
        if !saw_entries {
            let d = self.at(Code::ExchangeShape, "a HAR log must have an `entries` list".into(), at, "/log");
            self.push(d);
        }
        Ok(())
    }

    fn entries<R: BufRead>(&mut self, s: &mut Scanner<R>, scratch: &mut Vec<u8>) -> Result<(), Stop> {
        let list = match s.peek_token()? {
            Some(b'[') => {
                let p = s.pos;
                s.bump(b'[');
                p
            }
            Some(b) => {
                let at = s.pos;
                let kind = match b {
                    b'{' => "an object",
                    b'"' => "a string",
                    b'n' => "null",
                    b't' | b'f' => "a boolean",
                    _ => "a number",
                };
                s.value(scratch, false, 0)?;
                let d = self.at(
                    Code::ExchangeShape,
                    format!("HAR `log.entries` must be a list, found {kind}"),
                    at,
                    "/log/entries",
                );
                self.push(d);
                return Ok(());
            }
            None => return Err(s.eof("the HAR log")),
        };
        let limit = self.settings.max_entry_bytes();
        self.first = self.out.diagnostics.len();
        if s.peek_token()? == Some(b']') {
            s.bump(b']');
            let d = self.at(
                Code::HarSkipped,
                "the HAR log holds no entries; nothing was checked".into(),
                list,
                "/log/entries",
            );
            self.push(d);
            return Ok(());
        }
        loop {
            s.peek_token()?;
            let at = s.pos;
            let mut buf = Vec::new();
            self.reading = format!("/log/entries/{}", self.total);
            s.deepest = 0;
            let len = s.value(&mut buf, true, limit)?;
            self.reading.truncate("/log/entries".len());
            let text = if len > limit {
                Err((len, String::new()))
            } else {
                String::from_utf8(buf).map_err(|e| (e.utf8_error().valid_up_to(), "utf8".to_string()))
            };
            self.batch_bytes += len.min(limit);
            self.batch.push(Raw {
                index: self.total,
                too_deep: s.deepest > node::MAX_DEPTH,
                at,
                text,
            });
            self.total += 1;
            if self.batch.len() >= BATCH || self.batch_bytes >= BATCH_BYTES {
                self.flush();
            }
            match s.peek_token()? {
                Some(b',') => s.bump(b','),
                Some(b']') => {
                    s.bump(b']');
                    break;
                }
                Some(b) => return Err(Stop::Syntax(s.pos, format!("expected `,` or `]`, found `{}`", printable(b)))),
                None => return Err(s.eof("the `entries` list")),
            }
        }
        self.reading.clear();
        self.flush();
        if !self.skipped.is_empty() || self.skipped_count > 0 {
            let src = Source::new(self.name, "");
            let mut d = self.checks.har_skipped(&src, self.total, self.skipped_count, &self.skipped);
            d.line = list.line;
            d.column = list.column;
            d.span = (list.offset, 1);
            let first = self.first.min(self.out.diagnostics.len());
            self.push(d);
            if self.sink.within() && self.out.diagnostics.len() > first {
                if let Some(d) = self.out.diagnostics.pop() {
                    self.out.diagnostics.insert(first, d);
                }
            }
        }
        Ok(())
    }

    /// Checks the batch in parallel and keeps its findings, in order.
    fn flush(&mut self) {
        if self.batch.is_empty() {
            return;
        }
        let batch = std::mem::take(&mut self.batch);
        self.batch_bytes = 0;
        if let Some(p) = self.progress {
            p(super::Tick::Exchanges(batch.len() as u64));
        }
        let run = Entries {
            checks: self.checks,
            name: self.name,
            limit: self.settings.max_entry_bytes(),
        };
        let done: Vec<Done> = batch.par_iter().map(|raw| check_entry(&run, raw)).collect();
        drop(batch);
        for d in done {
            self.checked += usize::from(d.checked);
            if let Some(s) = d.skipped {
                self.skipped_count += 1;
                if self.skipped.len() < 5 {
                    self.skipped.push(s);
                }
            }
            let before = self.sink.kept();
            for x in d.diagnostics {
                self.push(x);
            }
            if self.sink.kept() > before {
                for (line, text) in d.lines {
                    self.out.lines.insert((self.name.to_string(), line), text);
                }
            }
        }
    }
}

/// What checking an entry needs of the run.
struct Entries<'r> {
    checks: &'r dyn StreamChecks,
    name: &'r str,
    /// The per-entry limit in bytes.
    limit: usize,
}

/// Checks one entry; findings are placed in the whole file.
fn check_entry(run: &Entries, raw: &Raw) -> Done {
    let (name, limit) = (run.name, run.limit);
    let pointer = format!("/log/entries/{}", raw.index);
    let mut done = Done {
        diagnostics: Vec::new(),
        skipped: None,
        checked: false,
        lines: Vec::new(),
    };
    // A finding on the entry as a whole, at its start.
    let whole = |code: Code, msg: String| {
        let at = LineCol {
            line: raw.at.line,
            column: raw.at.column,
        };
        let mut d = Diagnostic::file_level(code, msg, name, at).with_pointer(&pointer);
        d.span = (raw.at.offset, 1);
        d
    };
    let text = match &raw.text {
        Ok(t) => t,
        Err((len, why)) if why.is_empty() => {
            done.diagnostics.push(whole(
                Code::FileTooLarge,
                format!(
                    "HAR entry {} is {len} bytes, longer than the {}-byte limit per entry (`[limits] max_entry_mib`); skipped",
                    raw.index, limit
                ),
            ));
            return done;
        }
        Err((at, _)) => {
            done.diagnostics.push(whole(
                Code::NotUtf8,
                format!(
                    "HAR entry {} is not valid UTF-8 (first bad byte at byte {} of the entry)",
                    raw.index,
                    at + 1
                ),
            ));
            return done;
        }
    };
    // Most entries pass: read them first without positions, and without
    // the members no check reads ([`super::har_lean`]), and again whole,
    // with positions, only when there is something to report.
    // A `coverage` run counts each exchange once: in this first pass when it
    // is read here, else in the second.
    let mut counted = false;
    if let Some(root) = (!raw.too_deep).then(|| super::har_lean::parse_entry(text).ok()).flatten() {
        let src = Source::new(name, "");
        let (ds, skipped, checked) = run.checks.har_entry(&src, &root, &pointer, true);
        counted = true;
        done.skipped = skipped;
        done.checked = checked;
        if ds.is_empty() {
            return done;
        }
    }
    let src = Source::new(name, text.as_str());
    let ds = match node::parse(&src, Syntax::Json) {
        Ok(root) => {
            let (ds, skipped, checked) = run.checks.har_entry(&src, &root, &pointer, !counted);
            done.skipped = skipped;
            done.checked = checked;
            ds
        }
        Err(d) => vec![d],
    };
    let last_line = text.matches('\n').count() + 1;
    for mut d in ds {
        let rel = d.line;
        if rel > 1 && rel < last_line {
            let t = src.line_text(rel);
            if t.len() <= MAX_SHOWN_LINE {
                done.lines.push((raw.at.line + rel - 1, t.to_string()));
            }
        }
        if d.line <= 1 {
            d.column = raw.at.column + d.column.max(1) - 1;
        }
        d.line = raw.at.line + d.line.max(1) - 1;
        d.span.0 += raw.at.offset;
        if d.pointer.as_deref().is_none_or(|p| !p.starts_with("/log/")) {
            d.pointer = Some(format!("{pointer}{}", d.pointer.as_deref().unwrap_or("")));
        }
        done.diagnostics.push(d);
    }
    done
}
