//! The recording proxy: forwards each request to an upstream GraphQL
//! endpoint (the reference server, or Plain's API) and writes the exchange as
//! a fixture file in the native format (`docs/exchanges.md`), which
//! `plain-contract check` reads.
//!
//! - Forwarding uses ureq (blocking, on tokio's blocking pool) with status
//!   codes passed through, not turned into errors; hop-by-hop headers are
//!   dropped both ways.
//! - **Secrets**: the recorded Authorization header is always
//!   `Bearer <redacted>`; Proxy-Authorization, X-Api-Key, Cookie and
//!   Set-Cookie are not recorded at all. The credential is forwarded upstream
//!   and never written or printed.
//! - **Where exchanges go** (`Options::out`): a folder, one file per exchange,
//!   named `NNNN-<operation>.json` in arrival order; or, for a path ending in
//!   `.ndjson` or `.jsonl`, one NDJSON stream with one compact line per exchange.
//! - **Nothing half-written, nothing completed lost.** An exchange is written
//!   before its response is sent, so every response a client received in full
//!   has its record, even if the proxy is killed (`kill -9`) the next moment.
//!   A fixture file is written to a hidden temporary name in the same folder,
//!   its data flushed to disk (`sync_data`), then renamed into place: `check DIR`
//!   skips hidden files and never sees half a file (a temporary file a kill leaves
//!   behind is removed at the next start). An NDJSON line is one `write` to a file
//!   opened with `O_APPEND`, under a mutex within the process and an exclusive
//!   file lock (`File::try_lock`) against a second recorder on the same file. A
//!   last line left incomplete by a kill (no newline at its end) is cut off at
//!   the next start, so new lines never join it; `check` reports one that is
//!   still there as one `PC005` naming its line and column.
//! - **Faults upstream** never stop the proxy; the client gets an error body
//!   (`{"errors":[{"message","extensions":{"code"}}]}`) and nothing is recorded:
//!   - an upstream that answers no status and headers, or not all its body,
//!     within [`Options::timeout`] (default [`DEFAULT_TIMEOUT`]): **504**
//!     `GATEWAY_TIMEOUT`;
//!   - one that cannot be reached, resets the connection, answers something
//!     that is not HTTP, or a body over 8 MiB: **502** `BAD_GATEWAY`. A body
//!     over the limit is not read past it (a `Content-Length` over it is refused
//!     before reading): memory stays bounded whatever the upstream sends.
//! - Bodies are bounded (request and response: 8 MiB each); a body that is
//!   not JSON is recorded as `bodyText`.
//!
//! The writing is done here rather than with a crate (tempfile's `persist`,
//! atomicwrites) because it is a few lines of std (`File::sync_data`,
//! `fs::rename`, `File::try_lock`) and the NDJSON half (append, lock, repair a
//! cut last line) is not what those crates do.

use crate::listen::{errors_response, Running};
use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderName, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Router;
use http_body_util::BodyExt;
use serde_json::{json, Map, Value};
use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Largest body recorded or forwarded, each way.
pub(crate) const MAX_BODY: usize = 8 << 20;

/// How long the upstream may take to answer in full, by default.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// The proxy's settings.
#[derive(Debug, Clone)]
pub struct Options {
    /// Where to listen (loopback only).
    pub listen: SocketAddr,
    /// The upstream: an origin (`http://127.0.0.1:8787`, request paths kept)
    /// or a full endpoint URL (`https://core-api.uk.plain.com/graphql/v1`,
    /// every request goes there).
    pub upstream: String,
    /// The folder fixture files are written to (created if missing), or an
    /// NDJSON file (a path ending in `.ndjson` or `.jsonl`) each exchange is
    /// appended to as one line (created if missing).
    pub out: PathBuf,
    /// Mark each exchange the upstream rejected (400, 401, 403, 404, 405,
    /// 413, or 200 with `errors` and no `data`) as `expect: rejected`.
    pub mark_rejections: bool,
    /// Called with one line per exchange recorded (and per upstream or
    /// write failure); the library never prints, the CLI passes a function
    /// that writes to stderr. `None`: no log.
    pub log: Option<fn(&str)>,
    /// How long the upstream may take to answer, body included (connecting,
    /// sending, the status and headers, the whole body); past it the client
    /// gets a 504. [`DEFAULT_TIMEOUT`] on the command line.
    pub timeout: Duration,
}

/// Where exchanges are written.
enum Sink {
    /// One fixture file per exchange; `next` numbers them.
    Folder { dir: PathBuf, next: AtomicU64 },
    /// One NDJSON line per exchange, appended (and locked against other recorders).
    Stream { path: PathBuf, file: Mutex<File> },
}

struct Proxy {
    opts: Options,
    agent: ureq::Agent,
    sink: Sink,
    /// Whether the upstream URL names an endpoint (a path other than `/`).
    endpoint: bool,
}

/// Why the proxy could not start.
#[derive(Debug, thiserror::Error)]
pub enum RecordError {
    /// The upstream is not an http(s) URL.
    #[error("--upstream `{0}` must be an http:// or https:// URL")]
    NotHttp(String),
    /// The upstream URL has no host.
    #[error("--upstream `{0}` has no host")]
    NoHost(String),
    /// The output folder or NDJSON file cannot be created or opened.
    #[error("cannot create {}: {source}", path.display())]
    Out {
        /// The folder or file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// Another process (a second `record`) holds the NDJSON file's lock.
    #[error("{} is being written by another process (another `plain-contract record`?): one recorder per file", path.display())]
    Locked {
        /// The file.
        path: PathBuf,
    },
    /// The listening address cannot be bound.
    #[error("cannot listen on {addr}: {source}")]
    Listen {
        /// The address.
        addr: SocketAddr,
        /// Why.
        source: std::io::Error,
    },
}

/// Checks the options and creates the output folder; whether the upstream
/// names an endpoint (a path other than `/`).
pub(crate) fn validate(opts: &Options) -> Result<bool, RecordError> {
    let url = opts.upstream.trim_end_matches('/');
    let rest = url
        .strip_prefix("http://")
        .or_else(|| url.strip_prefix("https://"))
        .ok_or_else(|| RecordError::NotHttp(opts.upstream.clone()))?;
    if rest.is_empty() || rest.starts_with('/') {
        return Err(RecordError::NoHost(opts.upstream.clone()));
    }
    let dir = if is_stream(&opts.out) {
        opts.out.parent().filter(|p| !p.as_os_str().is_empty())
    } else {
        Some(opts.out.as_path())
    };
    if let Some(dir) = dir {
        std::fs::create_dir_all(dir).map_err(|source| RecordError::Out {
            path: dir.to_path_buf(),
            source,
        })?;
    }
    Ok(rest.contains('/'))
}

/// Does `out` name an NDJSON file rather than a folder?
fn is_stream(out: &Path) -> bool {
    out.extension().is_some_and(|e| e == "ndjson" || e == "jsonl")
}

fn proxy(opts: Options) -> Result<Arc<Proxy>, RecordError> {
    let endpoint = validate(&opts)?;
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(opts.timeout))
        .build()
        .into();
    let log = |line: &str| {
        if let Some(log) = opts.log {
            log(line);
        }
    };
    let out_err = |source| RecordError::Out {
        path: opts.out.clone(),
        source,
    };
    let sink = if is_stream(&opts.out) {
        let file = open_stream(&opts.out, &log)?;
        Sink::Stream {
            path: opts.out.clone(),
            file: Mutex::new(file),
        }
    } else {
        let first = clean_folder(&opts.out, &log).map_err(out_err)?;
        Sink::Folder {
            dir: opts.out.clone(),
            next: AtomicU64::new(first + 1),
        }
    };
    Ok(Arc::new(Proxy {
        opts,
        agent,
        sink,
        endpoint,
    }))
}

/// The highest number of the folder's fixture files (0 for none), after
/// removing the temporary files a killed run left (`.NNNN-<operation>.json.tmp`).
fn clean_folder(dir: &Path, log: &dyn Fn(&str)) -> std::io::Result<u64> {
    let mut max = 0;
    for entry in std::fs::read_dir(dir)? {
        let name = entry?.file_name();
        let Some(name) = name.to_str() else { continue };
        if let Some(rest) = name.strip_prefix('.').filter(|n| n.ends_with(".json.tmp")) {
            if rest.get(..4).is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit())) {
                std::fs::remove_file(dir.join(name))?;
                log(&format!("removed {name}, a fixture an interrupted run did not finish writing"));
            }
            continue;
        }
        if let Some(n) = name.get(..4).and_then(|n| n.parse::<u64>().ok()) {
            max = max.max(n);
        }
    }
    Ok(max)
}

/// Opens the NDJSON file for appending, locked against other recorders, with
/// an incomplete last line (a write a kill cut off) removed.
fn open_stream(path: &Path, log: &dyn Fn(&str)) -> Result<File, RecordError> {
    let out_err = |source| RecordError::Out {
        path: path.to_path_buf(),
        source,
    };
    let mut file = File::options().read(true).append(true).create(true).open(path).map_err(out_err)?;
    match file.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => return Err(RecordError::Locked { path: path.to_path_buf() }),
        Err(std::fs::TryLockError::Error(e)) => return Err(out_err(e)),
    }
    let keep = complete_length(&mut file).map_err(out_err)?;
    let len = file.metadata().map_err(out_err)?.len();
    if keep < len {
        // A last line without its newline: whole JSON (a file written by
        // another tool) gets its newline; anything else is a cut-off write.
        let mut tail = Vec::new();
        file.seek(SeekFrom::Start(keep)).map_err(out_err)?;
        (&mut file).take(MAX_BODY as u64 * 4).read_to_end(&mut tail).map_err(out_err)?;
        if tail.len() as u64 == len - keep && serde_json::from_slice::<Value>(&tail).is_ok() {
            file.write_all(b"\n").map_err(out_err)?;
        } else {
            file.set_len(keep).map_err(out_err)?;
            log(&format!(
                "removed an incomplete last line ({} bytes, no newline at its end) from {}: a write an interrupted run did not finish",
                len - keep,
                path.display()
            ));
        }
        file.sync_all().map_err(out_err)?;
    }
    Ok(file)
}

/// The length of the file up to and including its last newline (the whole
/// file when it ends with one, or is empty).
fn complete_length(file: &mut File) -> std::io::Result<u64> {
    let len = file.metadata()?.len();
    let mut end = len;
    let mut buf = vec![0u8; 64 * 1024];
    while end > 0 {
        let start = end.saturating_sub(buf.len() as u64);
        let chunk = &mut buf[..(end - start) as usize];
        file.seek(SeekFrom::Start(start))?;
        file.read_exact(chunk)?;
        if let Some(i) = chunk.iter().rposition(|&b| b == b'\n') {
            return Ok(start + i as u64 + 1);
        }
        end = start;
    }
    Ok(0)
}

impl Proxy {
    fn log(&self, line: &str) {
        if let Some(log) = self.opts.log {
            log(line);
        }
    }
}

fn router(p: Arc<Proxy>) -> Router {
    Router::new().fallback(forward).with_state(p)
}

/// Starts the proxy on its own thread.
pub fn start(opts: Options) -> Result<Running, RecordError> {
    let listen = opts.listen;
    let p = proxy(opts)?;
    crate::listen::spawn_router(listen, router(p), crate::listen::HEADER_TIMEOUT)
        .map_err(|source| RecordError::Listen { addr: listen, source })
}

/// Runs the proxy until Ctrl-C.
pub(crate) fn run(opts: Options, ready: impl FnOnce(SocketAddr)) -> Result<(), RecordError> {
    let listen = opts.listen;
    let p = proxy(opts)?;
    crate::listen::run_router(listen, router(p), crate::listen::HEADER_TIMEOUT, ready)
        .map_err(|source| RecordError::Listen { addr: listen, source })
}

const HOP_BY_HOP: &[&str] = &[
    "connection",
    "keep-alive",
    "proxy-authenticate",
    "proxy-authorization",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "host",
    "content-length",
];

/// Headers never written to a fixture.
const NOT_RECORDED: &[&str] = &["proxy-authorization", "x-api-key", "cookie", "set-cookie"];

/// Why the upstream gave no answer to pass on.
enum Failure {
    /// No answer within the timeout: 504.
    Timeout(String),
    /// Anything else (unreachable, reset, not HTTP, too large): 502.
    Bad(String),
}

/// Sends the request upstream and reads the answer, its body bounded.
fn send(agent: &ureq::Agent, req: axum::http::Request<Vec<u8>>) -> Result<(StatusCode, HeaderMap, Vec<u8>), Failure> {
    let fail = |e: ureq::Error| match e {
        ureq::Error::Timeout(_) => Failure::Timeout(e.to_string()),
        ureq::Error::BodyExceedsLimit(_) => Failure::Bad(format!("its response body is larger than {MAX_BODY} bytes")),
        e => Failure::Bad(e.to_string()),
    };
    let resp = agent.run(req).map_err(fail)?;
    let status = resp.status();
    let headers = resp.headers().clone();
    let declared = headers
        .get(axum::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > MAX_BODY as u64) {
        return Err(fail(ureq::Error::BodyExceedsLimit(MAX_BODY as u64)));
    }
    let body = resp.into_body().with_config().limit(MAX_BODY as u64).read_to_vec().map_err(fail)?;
    Ok((status, headers, body))
}

async fn forward(State(p): State<Arc<Proxy>>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let bytes: Bytes = match http_body_util::Limited::new(body, MAX_BODY).collect().await {
        Ok(c) => c.to_bytes(),
        Err(_) => {
            return errors_response(
                StatusCode::PAYLOAD_TOO_LARGE,
                &format!("the request body is larger than {MAX_BODY} bytes"),
                "PAYLOAD_TOO_LARGE",
            )
        }
    };
    let path = parts.uri.path_and_query().map_or("/", |pq| pq.as_str()).to_string();
    let url = if p.endpoint {
        p.opts.upstream.clone()
    } else {
        format!("{}{path}", p.opts.upstream.trim_end_matches('/'))
    };
    let mut builder = axum::http::Request::builder().method(parts.method.clone()).uri(&url);
    for (k, v) in &parts.headers {
        if !HOP_BY_HOP.contains(&k.as_str()) {
            builder = builder.header(k, v);
        }
    }
    let Ok(up_req) = builder.body(bytes.to_vec()) else {
        return errors_response(StatusCode::BAD_REQUEST, "the request cannot be forwarded", "BAD_REQUEST");
    };
    // Forwarding and writing block: both run on tokio's blocking pool, and the
    // response leaves only once its exchange is written.
    let proxy = Arc::clone(&p);
    let done = tokio::task::spawn_blocking(move || {
        let (status, headers, body) = send(&proxy.agent, up_req)?;
        let mut fixture = exchange(&parts.method, &path, &parts.headers, &bytes, status, &headers, &body);
        if proxy.opts.mark_rejections && is_rejection(status.as_u16(), &body) {
            fixture["expect"] = json!("rejected");
        }
        let label = operation_label(&bytes);
        match proxy.write(&label, &fixture) {
            Ok(name) => proxy.log(&format!("{} {} -> {} {}", parts.method, path, status.as_u16(), name)),
            Err(e) => proxy.log(&format!("cannot record {label}: {e}")),
        }
        Ok((status, headers, body))
    })
    .await;
    let (status, headers, body) = match done {
        Ok(Ok(x)) => x,
        Ok(Err(Failure::Timeout(e))) => {
            p.log(&format!("upstream {url}: {e}"));
            return errors_response(
                StatusCode::GATEWAY_TIMEOUT,
                &format!("the upstream did not answer within {} ms: {e}", p.opts.timeout.as_millis()),
                "GATEWAY_TIMEOUT",
            );
        }
        Ok(Err(Failure::Bad(e))) => {
            p.log(&format!("upstream {url}: {e}"));
            return errors_response(
                StatusCode::BAD_GATEWAY,
                &format!("the upstream gave no usable answer: {e}"),
                "BAD_GATEWAY",
            );
        }
        Err(_) => return errors_response(StatusCode::BAD_GATEWAY, "the upstream request failed", "BAD_GATEWAY"),
    };
    let mut resp = (status, body).into_response();
    for (k, v) in &headers {
        if !HOP_BY_HOP.contains(&k.as_str()) {
            resp.headers_mut().append(k.clone(), v.clone());
        }
    }
    resp
}

impl Proxy {
    /// Writes one exchange where the options say; what it was written as.
    fn write(&self, label: &str, fixture: &Value) -> std::io::Result<String> {
        match &self.sink {
            Sink::Folder { dir, next } => {
                let n = next.fetch_add(1, Ordering::Relaxed);
                let name = format!("{n:04}-{label}.json");
                write_fixture(dir, &name, fixture)?;
                Ok(name)
            }
            Sink::Stream { path, file } => {
                let mut line = serde_json::to_vec(fixture).map_err(std::io::Error::other)?;
                line.push(b'\n');
                // A poisoned lock only means another write panicked; the file is still whole lines.
                let mut file = file.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
                file.write_all(&line)?;
                file.sync_data()?;
                Ok(format!("a line of {}", path.display()))
            }
        }
    }
}

/// Is this answer a rejection (what `check` calls a documented rejection,
/// src/check/verdict.rs)?
pub(crate) fn is_rejection(status: u16, body: &[u8]) -> bool {
    let refused = || {
        serde_json::from_slice::<Value>(body)
            .is_ok_and(|v| v.get("data").is_none() && v.get("errors").and_then(Value::as_array).is_some_and(|a| !a.is_empty()))
    };
    matches!(status, 400 | 401 | 403 | 404 | 405 | 413) || (status == 200 && refused())
}

/// The fixture object for one exchange, credentials redacted.
fn exchange(
    method: &axum::http::Method,
    path: &str,
    req_h: &HeaderMap,
    req_b: &[u8],
    status: StatusCode,
    resp_h: &HeaderMap,
    resp_b: &[u8],
) -> Value {
    let mut request = Map::new();
    request.insert("method".into(), json!(method.as_str()));
    request.insert("path".into(), json!(path));
    request.insert("headers".into(), headers(req_h));
    put_body(&mut request, req_b);
    let mut response = Map::new();
    response.insert("status".into(), json!(status.as_u16()));
    response.insert("headers".into(), headers(resp_h));
    put_body(&mut response, resp_b);
    json!({"name": format!("recorded: {}", operation_label(req_b)), "request": request, "response": response})
}

fn headers(h: &HeaderMap) -> Value {
    let mut out = Map::new();
    for (k, v) in h {
        let name = k.as_str();
        if HOP_BY_HOP.contains(&name) || NOT_RECORDED.contains(&name) {
            continue;
        }
        let value = if *k == axum::http::header::AUTHORIZATION {
            "Bearer <redacted>".to_string()
        } else {
            String::from_utf8_lossy(v.as_bytes()).into_owned()
        };
        // A repeated header keeps its values, comma-joined (RFC 9110 §5.3).
        match out.get_mut(name) {
            Some(Value::String(s)) if *k != axum::http::header::AUTHORIZATION => {
                s.push_str(", ");
                s.push_str(&value);
            }
            Some(_) => {}
            None => {
                out.insert(display_name(k), Value::String(value));
            }
        }
    }
    Value::Object(out)
}

/// Header names as commonly written (`Content-Type`), for readable fixtures.
fn display_name(k: &HeaderName) -> String {
    k.as_str()
        .split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next().map_or(String::new(), |f| f.to_ascii_uppercase().to_string() + c.as_str())
        })
        .collect::<Vec<_>>()
        .join("-")
}

fn put_body(msg: &mut Map<String, Value>, bytes: &[u8]) {
    if bytes.is_empty() {
        return;
    }
    match serde_json::from_slice::<Value>(bytes) {
        Ok(v) => {
            msg.insert("body".into(), v);
        }
        Err(_) => {
            msg.insert("bodyText".into(), json!(String::from_utf8_lossy(bytes)));
        }
    }
}

/// `operationName`, else the first root field, else `request`; file-name safe.
/// What a recorded file is named after: the body's `operationName`, else
/// the name of the operation in the query (`mutation UpsertCustomer(...)`),
/// else its first root field (an anonymous `{ customers ... }`).
fn operation_label(body: &[u8]) -> String {
    let v: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
    let word = |s: &str| {
        let end = s.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(s.len());
        (end > 0).then(|| s[..end].to_string())
    };
    let from_query = || {
        let q = v.get("query")?.as_str()?;
        let open = q.find('{')?;
        let head = q[..open].trim_start();
        let named = ["query", "mutation", "subscription"]
            .iter()
            .find_map(|k| head.strip_prefix(k).filter(|r| r.starts_with(char::is_whitespace)))
            .and_then(|r| word(r.trim_start()));
        if named.is_some() {
            return named;
        }
        let rest = q[open + 1..].trim_start();
        let end = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(rest.len());
        (end > 0).then(|| rest[..end].to_string())
    };
    let label = v
        .get("operationName")
        .and_then(Value::as_str)
        .map(str::to_string)
        .or_else(from_query)
        .unwrap_or_else(|| "request".into());
    let safe: String = label.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '_').take(60).collect();
    if safe.is_empty() {
        "request".into()
    } else {
        safe
    }
}

/// Writes a fixture whole: a hidden temporary file in the same folder, its
/// data on disk, then renamed to its name.
fn write_fixture(dir: &Path, name: &str, v: &Value) -> std::io::Result<()> {
    let mut text = serde_json::to_vec_pretty(v).map_err(std::io::Error::other)?;
    text.push(b'\n');
    let tmp = dir.join(format!(".{name}.tmp"));
    let mut file = File::create(&tmp)?;
    file.write_all(&text)?;
    file.sync_data()?;
    drop(file);
    std::fs::rename(&tmp, dir.join(name))
}

#[cfg(test)]
mod tests {
    use super::operation_label;

    #[test]
    fn files_are_named_after_the_operation() {
        let label = |b: &str| operation_label(b.as_bytes());
        assert_eq!(
            label(r#"{"query": "mutation UpsertCustomer($i: X!) { upsertCustomer(input: $i) { result } }"}"#),
            "UpsertCustomer"
        );
        assert_eq!(
            label(r#"{"query": "query Q { customers { x } }", "operationName": "Other"}"#),
            "Other"
        );
        assert_eq!(label(r#"{"query": "{ customers { x } }"}"#), "customers");
        assert_eq!(label(r#"{"query": "query { customerGroups { x } }"}"#), "customerGroups");
        assert_eq!(label("not json"), "request");
    }
}
