//! Reading the fixtures to replay: native fixtures (JSON, YAML), HAR logs and
//! NDJSON streams, through the same exchange reader `check` uses
//! (`crate::exchange::read`). Unlike `check`, a file is read whole (a stream
//! too, within `[limits] max_file_mib`): `--update` rewrites it in place, and
//! findings point into it. Anything malformed stops the run before a request
//! is sent (exit 2), with its file, pointer and line:col.

use crate::diagnostic::{Code, Diagnostic};
use crate::exchange::{self, Body, Contents, Expect, Matcher, Message, Target};
use crate::node::{self, Node, Syntax};
use crate::outcome::Outcome;
use crate::source::Source;
use serde_json::Value;
use std::path::PathBuf;
use std::sync::Arc;

/// How a file is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    /// One JSON or YAML document (a native fixture, a list of them, a HAR log).
    Document(Syntax),
    /// One native exchange per line.
    Ndjson,
}

/// One file of fixtures.
#[derive(Debug)]
pub(crate) struct File {
    /// As given.
    pub path: PathBuf,
    /// Its text.
    pub source: Arc<Source>,
    /// How it is written.
    pub format: Format,
    /// Its parsed documents: one for a document, one per line for a stream,
    /// each with the byte offset where it starts.
    pub roots: Vec<(usize, Node)>,
}

/// The recorded response.
#[derive(Debug, Clone)]
pub(crate) struct Recorded {
    /// Status.
    pub status: u16,
    /// Content type, if recorded.
    pub content_type: Option<String>,
    /// The body, if it is JSON.
    pub body: Option<Value>,
}

/// One exchange to replay.
#[derive(Debug)]
pub(crate) struct Replay {
    /// Index of its file.
    pub file: usize,
    /// Index of its root in the file.
    pub root: usize,
    /// Its pointer in that root.
    pub pointer: String,
    /// Its byte range in the file.
    pub span: (usize, usize),
    /// Its name.
    pub label: String,
    /// The request body to send, or why it is not sent.
    pub request: Result<Value, String>,
    /// Setup requests' bodies (`given:`), or why one cannot be sent.
    pub given: Vec<Result<Value, String>>,
    /// What it records (`expect:`).
    pub expect: Option<Expect>,
    /// What was answered, if recorded.
    pub recorded: Option<Recorded>,
    /// The recorded response's pointer and its body's (in the root).
    pub response_pointer: Option<String>,
    /// The body's pointer, and whether the body is data (a pointer into it
    /// is a pointer into the file) rather than text.
    pub body_pointer: Option<(String, bool)>,
    /// Matchers.
    pub matchers: Vec<Matcher>,
}

fn json_of(body: Body, what: &str) -> Result<Value, String> {
    match body {
        Body::Data(n) => Ok(n.to_json()),
        Body::Text(_, t) => serde_json::from_str(t).map_err(|e| format!("the {what} body is not JSON ({e})")),
        Body::None => Err(format!("the {what} has no body")),
        Body::Opaque => Err(format!("the {what} body is base64-encoded")),
    }
}

fn request_body(m: &Message) -> Result<Value, String> {
    match m.method {
        Some((method, _)) if !method.eq_ignore_ascii_case("POST") => {
            return Err(format!("only POST requests are replayed; this one is {method}"))
        }
        _ => {}
    }
    let v = json_of(m.body, "request")?;
    if v.get("query").and_then(Value::as_str).is_none() {
        return Err("the request body has no `query` string".into());
    }
    Ok(v)
}

fn recorded(m: &Message) -> Option<Recorded> {
    Some(Recorded {
        status: m.status?.0,
        content_type: m.header("content-type").map(|h| h.value.to_string()),
        body: json_of(m.body, "response").ok(),
    })
}

/// What was read: the files, the exchanges to replay, and notes (warnings,
/// such as a cut-off last line) for the report.
pub(crate) type Loaded = (Vec<File>, Vec<Replay>, Vec<Diagnostic>);

/// Reads `paths` (folders walked as `check` walks them). `Err` holds the
/// findings that stop the run.
pub(crate) fn load(paths: &[PathBuf], target: &Target, max_bytes: u64) -> Result<Loaded, Outcome> {
    let mut files = Vec::new();
    let mut replays = Vec::new();
    let mut bad = Outcome::default();
    for path in crate::input::expand_paths(paths) {
        let lower = path.to_string_lossy().to_ascii_lowercase();
        let format = if lower.ends_with(".ndjson") || lower.ends_with(".jsonl") {
            Format::Ndjson
        } else if [".json", ".yaml", ".yml", ".har"].iter().any(|e| lower.ends_with(e)) {
            Format::Document(Syntax::Json)
        } else {
            continue;
        };
        let source = match crate::input::read::read_source_limited(&path, max_bytes) {
            Ok(s) => s,
            Err(d) => {
                bad.push(d);
                continue;
            }
        };
        bad.sources.insert(source.path.clone(), source.clone());
        bad.files += 1;
        let index = files.len();
        let mut file = File {
            path: path.clone(),
            source: source.clone(),
            format,
            roots: Vec::new(),
        };
        let mut found = Vec::new();
        match format {
            Format::Document(_) => {
                let syntax = Syntax::guess(&source.path, &source.text);
                file.format = Format::Document(syntax);
                match node::parse(&source, syntax) {
                    Ok(root) => file.roots.push((0, root)),
                    Err(d) => found.push(d),
                }
            }
            Format::Ndjson => {
                let mut offset = 0;
                for (i, line) in source.text.split_inclusive('\n').enumerate() {
                    let text = line.trim_end_matches(['\n', '\r']);
                    if !text.trim().is_empty() {
                        let one = Source::new(source.path.clone(), text.to_string());
                        match node::parse(&one, Syntax::Json) {
                            Ok(root) => file.roots.push((offset, root)),
                            // A last line with no line break that does not
                            // parse was cut off (a recording stopped mid-write):
                            // skipped with a note, not a reason to stop.
                            Err(d) if !line.ends_with('\n') => found.push(
                                Diagnostic::at(
                                    Code::VerifySkipped,
                                    format!("the last line is cut off and not replayed ({})", d.message),
                                    &source,
                                    offset,
                                    text.len().max(1),
                                )
                                .with_note("a recording that was stopped mid-write leaves such a line; the lines before it are replayed"),
                            ),
                            Err(mut d) => {
                                d.line = i + 1;
                                d.span.0 += offset;
                                found.push(d);
                            }
                        }
                    }
                    offset += line.len();
                }
            }
        }
        for (r, (offset, root)) in file.roots.iter().enumerate() {
            let one;
            let src: &Source = if file.format == Format::Ndjson {
                one = Source::new(source.path.clone(), source.text[*offset..*offset + root.len.max(1)].to_string());
                &one
            } else {
                &source
            };
            let Contents::Exchanges(list, _notes, _) = exchange::read(src, root, target) else {
                continue;
            };
            for ex in list {
                for mut d in ex.findings.iter().cloned() {
                    if file.format == Format::Ndjson {
                        d.span.0 += offset;
                        d.line = source.line_col(d.span.0).line;
                    }
                    found.push(d);
                }
                let req = ex.request.as_ref();
                let lc = (offset + ex.node.start, offset + extent(ex.node).max(ex.node.start + 1));
                replays.push(Replay {
                    file: index,
                    root: r,
                    pointer: ex.pointer.clone(),
                    span: lc,
                    label: ex.label(),
                    request: req.map_or(Err("no request was recorded".into()), request_body),
                    given: ex.given.iter().map(request_body).collect(),
                    expect: ex.expect,
                    recorded: ex.response.as_ref().and_then(recorded),
                    response_pointer: ex.response.as_ref().map(|m| m.pointer.clone()),
                    body_pointer: ex
                        .response
                        .as_ref()
                        .map(|m| (m.body_pointer.clone(), matches!(m.body, Body::Data(_)))),
                    matchers: ex.matchers.clone(),
                });
            }
        }
        bad.extend(found);
        files.push(file);
    }
    if bad.diagnostics.iter().any(Diagnostic::is_error) {
        return Err(bad);
    }
    if replays.is_empty() {
        let mut d = Diagnostic::file_level(
            Code::NothingChecked,
            "no recorded exchange to replay in the paths given",
            &paths.first().map(|p| p.display().to_string()).unwrap_or_default(),
            Default::default(),
        );
        d.notes
            .push("verify reads native fixtures (.json, .yaml), HAR logs (.har) and NDJSON streams (.ndjson)".into());
        bad.push(d);
        return Err(bad);
    }
    Ok((files, replays, bad.diagnostics))
}

/// Where a node's text ends: its span's end, or (a YAML block container,
/// whose span may be unknown) its last descendant's.
pub(crate) fn extent(n: &Node) -> usize {
    let own = n.start + n.len;
    match &n.value {
        crate::node::Value::Object(m) => m.iter().map(|(_, v)| extent(v)).fold(own, usize::max),
        crate::node::Value::Array(items) => items.iter().map(extent).fold(own, usize::max),
        _ => own,
    }
}
