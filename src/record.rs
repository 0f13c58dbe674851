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
//! - Files are named `NNNN-<operation>.json`, numbered in arrival order, and
//!   written whole (to a temporary name, then renamed), so `check DIR` never
//!   sees half a file.
//! - Bodies are bounded (request and response: 8 MiB each); a body that is
//!   not JSON is recorded as `bodyText`.
//! - An upstream that cannot be reached gives the client a 502 with a JSON
//!   error; nothing is recorded for it.

use crate::listen::{errors_response, Running};
use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderName, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Router;
use http_body_util::BodyExt;
use serde_json::{json, Map, Value};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// Largest body recorded or forwarded, each way.
pub(crate) const MAX_BODY: usize = 8 << 20;

/// The proxy's settings.
#[derive(Debug, Clone)]
pub struct Options {
    /// Where to listen (loopback only).
    pub listen: SocketAddr,
    /// The upstream: an origin (`http://127.0.0.1:8787`, request paths kept)
    /// or a full endpoint URL (`https://core-api.uk.plain.com/graphql/v1`,
    /// every request goes there).
    pub upstream: String,
    /// The folder fixture files are written to (created if missing).
    pub out: PathBuf,
    /// Mark each exchange the upstream rejected (400, 401, 403, 404, 405,
    /// 413, or 200 with `errors` and no `data`) as `expect: rejected`.
    pub mark_rejections: bool,
    /// Called with one line per exchange recorded (and per upstream or
    /// write failure); the library never prints, the CLI passes a function
    /// that writes to stderr. `None`: no log.
    pub log: Option<fn(&str)>,
}

struct Proxy {
    opts: Options,
    agent: ureq::Agent,
    next: AtomicU64,
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
    /// The output folder cannot be created.
    #[error("cannot create {}: {source}", path.display())]
    Out {
        /// The folder.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
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
    std::fs::create_dir_all(&opts.out).map_err(|source| RecordError::Out {
        path: opts.out.clone(),
        source,
    })?;
    Ok(rest.contains('/'))
}

fn proxy(opts: Options) -> Result<Arc<Proxy>, RecordError> {
    let endpoint = validate(&opts)?;
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(60)))
        .build()
        .into();
    // Continue numbering after files already in the folder.
    let first = std::fs::read_dir(&opts.out)
        .map(|d| {
            d.filter_map(|e| e.ok())
                .filter_map(|e| e.file_name().to_str().and_then(|n| n.get(..4)).and_then(|n| n.parse::<u64>().ok()))
                .max()
                .unwrap_or(0)
        })
        .unwrap_or(0);
    Ok(Arc::new(Proxy {
        opts,
        agent,
        next: AtomicU64::new(first + 1),
        endpoint,
    }))
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
    let agent = p.agent.clone();
    let sent = tokio::task::spawn_blocking(move || -> Result<(StatusCode, HeaderMap, Vec<u8>), String> {
        let resp = agent.run(up_req).map_err(|e| e.to_string())?;
        let status = resp.status();
        let headers = resp.headers().clone();
        let body = resp
            .into_body()
            .with_config()
            .limit(MAX_BODY as u64)
            .read_to_vec()
            .map_err(|e| e.to_string())?;
        Ok((status, headers, body))
    })
    .await;
    let (status, headers, body) = match sent {
        Ok(Ok(x)) => x,
        Ok(Err(e)) => {
            p.log(&format!("upstream {url}: {e}"));
            return errors_response(
                StatusCode::BAD_GATEWAY,
                &format!("the upstream could not be reached: {e}"),
                "BAD_GATEWAY",
            );
        }
        Err(_) => return errors_response(StatusCode::BAD_GATEWAY, "the upstream request failed", "BAD_GATEWAY"),
    };
    let n = p.next.fetch_add(1, Ordering::Relaxed);
    let mut fixture = exchange(&parts.method, &path, &parts.headers, &bytes, status, &headers, &body);
    if p.opts.mark_rejections && is_rejection(status.as_u16(), &body) {
        fixture["expect"] = json!("rejected");
    }
    let name = format!("{n:04}-{}.json", operation_label(&bytes));
    match write_fixture(&p.opts.out, &name, &fixture) {
        Ok(()) => p.log(&format!("{} {} -> {} {}", parts.method, path, status.as_u16(), name)),
        Err(e) => p.log(&format!("cannot write {name}: {e}")),
    }
    let mut resp = (status, body).into_response();
    for (k, v) in &headers {
        if !HOP_BY_HOP.contains(&k.as_str()) {
            resp.headers_mut().append(k.clone(), v.clone());
        }
    }
    resp
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

fn write_fixture(dir: &std::path::Path, name: &str, v: &Value) -> std::io::Result<()> {
    let text = serde_json::to_string_pretty(v).map_err(std::io::Error::other)?;
    let tmp = dir.join(format!(".{name}.tmp"));
    std::fs::write(&tmp, text + "\n")?;
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
