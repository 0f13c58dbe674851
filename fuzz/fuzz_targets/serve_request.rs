//! Fuzzes the reference server's request path in-process: an arbitrary
//! method, Authorization, Content-Type and Content-Length header values and
//! body bytes go through the real axum router of `serve`
//! (`Service::router`, with `tower::ServiceExt::oneshot` on a current-thread
//! tokio runtime built once). Properties:
//! - it always answers, and never panics;
//! - the status is one the server documents (docs/serve.md);
//! - the body is a JSON object with `data` and/or `errors`;
//! - no response (headers or body) holds the request's Authorization value
//!   more often than the answer to the same request with another unknown
//!   key does (so text the answer always holds, such as `"errors"` or a
//!   fixed message, is not taken for an echo), unless the request carried
//!   that text elsewhere (a body the server may quote in an error message).
//!
//! The input is laid out so seeds are plain request bodies behind a 4-byte
//! head (`fuzz/seed.sh`):
//! - byte 0, the method: POST, GET, PUT, DELETE, PATCH, OPTIONS, HEAD, TRACE,
//!   or a method read from the next line;
//! - byte 1, Authorization: `Bearer plainApiKey_dev` (the key the server
//!   accepts), none, `Bearer ` + a line, or a line as is;
//! - byte 2, Content-Type: `application/json`, none, a line, or
//!   `application/json; charset=` + a line;
//! - byte 3, Content-Length: none, the body's length, or a line;
//! - then the lines those choices read (in that order, each up to `\n`), and
//!   the rest is the body.
//!
//! The store keeps what mutations write between runs (as a running server
//! does); it is replaced, with the whole service, every 4,096 runs so a long
//! campaign does not grow it without bound.
#![no_main]

use axum::body::Body;
use axum::http::{header, HeaderValue, Method, Request};
use plain_contract::serve::{Options, Service, Store};
use plain_contract::Contract;
use std::cell::RefCell;
use tower::ServiceExt;

/// The statuses `serve` documents for `POST /graphql/v1`.
const DOCUMENTED: &[u16] = &[200, 400, 401, 403, 405, 408, 413, 429];

/// Runs per service before it is rebuilt with an empty store.
const RUNS_PER_SERVICE: u32 = 4096;

struct Harness {
    rt: tokio::runtime::Runtime,
    service: Service,
    runs: u32,
}

fn service() -> Service {
    let contract = Contract::embedded().expect("the embedded contract loads");
    Service::new(contract, Store::new(), Options::default())
}

thread_local! {
    static HARNESS: RefCell<Option<Harness>> = const { RefCell::new(None) };
}

/// Splits `data` at its first `\n`: the line, and the rest.
fn line(data: &[u8]) -> (&[u8], &[u8]) {
    match data.iter().position(|&b| b == b'\n') {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &[]),
    }
}

/// The request the input describes; `None` for one no HTTP client can send
/// (a header value with a control character, a method that is not a token).
/// A request and what the properties need to know of it.
struct Sent {
    req: Request<Body>,
    /// The Authorization value, if any.
    auth: Option<Vec<u8>>,
    /// Every other text the request carried (method, Content-Type, body),
    /// which an answer may quote.
    elsewhere: Vec<u8>,
    /// A HEAD request: its answer has no body (HTTP semantics, applied by axum).
    head: bool,
}

fn request(data: &[u8], other_key: bool) -> Option<Sent> {
    let [m, a, c, l, rest @ ..] = data else { return None };
    let mut rest = rest;
    let mut take = || {
        let (first, after) = line(rest);
        rest = after;
        first.to_vec()
    };
    const METHODS: [Method; 8] = [
        Method::POST,
        Method::GET,
        Method::PUT,
        Method::DELETE,
        Method::PATCH,
        Method::OPTIONS,
        Method::HEAD,
        Method::TRACE,
    ];
    let method = match METHODS.get(usize::from(*m % 9)) {
        Some(method) => method.clone(),
        None => Method::from_bytes(&take()).ok()?,
    };
    let auth: Option<Vec<u8>> = match a % 4 {
        0 => Some(b"Bearer plainApiKey_dev".to_vec()),
        1 => None,
        2 => Some([b"Bearer ".as_slice(), &take()].concat()),
        _ => Some(take()),
    };
    // The baseline: the same request with an unknown key in place of the value.
    let auth = match auth {
        Some(_) if other_key => Some(b"Bearer plainApiKey_baseline_unknown".to_vec()),
        a => a,
    };
    let content_type: Option<Vec<u8>> = match c % 4 {
        0 => Some(b"application/json".to_vec()),
        1 => None,
        2 => Some(take()),
        _ => Some([b"application/json; charset=".as_slice(), &take()].concat()),
    };
    let length_line = (l % 3 == 2).then(&mut take);
    let body = rest.to_vec();
    let content_length: Option<Vec<u8>> = match l % 3 {
        0 => None,
        1 => Some(body.len().to_string().into_bytes()),
        _ => length_line,
    };
    let mut req = Request::builder().method(method.clone()).uri("http://127.0.0.1/graphql/v1");
    for (name, value) in [
        (header::AUTHORIZATION, &auth),
        (header::CONTENT_TYPE, &content_type),
        (header::CONTENT_LENGTH, &content_length),
    ] {
        if let Some(v) = value {
            req = req.header(name, HeaderValue::from_bytes(v).ok()?);
        }
    }
    let head = method == Method::HEAD;
    let elsewhere = [method.as_str().as_bytes(), content_type.as_deref().unwrap_or_default(), &body].join(&b'\n');
    let req = req.body(Body::from(body)).ok()?;
    Some(Sent { req, auth, elsewhere, head })
}

/// The credential texts that must not come back: the whole header value and
/// the token after the scheme, each when long enough not to occur by chance
/// and not also sent in the body.
fn secrets(auth: &[u8], elsewhere: &[u8]) -> Vec<String> {
    let Ok(value) = std::str::from_utf8(auth) else { return Vec::new() };
    let value = value.trim();
    let token = value.split_once(' ').map_or(value, |(_, t)| t.trim());
    let elsewhere = String::from_utf8_lossy(elsewhere);
    [value, token]
        .into_iter()
        .filter(|s| s.chars().count() >= 8 && !elsewhere.contains(*s))
        .map(str::to_string)
        .collect()
}

/// Sends `req`; the status, headers and body bytes.
fn send(h: &Harness, req: Request<Body>) -> (axum::http::response::Parts, axum::body::Bytes) {
    let router = h.service.router();
    h.rt.block_on(async move {
        let resp = match router.oneshot(req).await {
            Ok(r) => r,
            Err(never) => match never {},
        };
        let (parts, body) = resp.into_parts();
        let bytes = axum::body::to_bytes(body, usize::MAX).await.expect("the response body is in memory");
        (parts, bytes)
    })
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Some(Sent { req, auth, elsewhere, head }) = request(data, false) else { return };
    HARNESS.with(|h| {
        let mut h = h.borrow_mut();
        if h.as_ref().is_none_or(|h| h.runs >= RUNS_PER_SERVICE) {
            let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime");
            *h = Some(Harness { rt, service: service(), runs: 0 });
        }
        let Some(h) = h.as_mut() else { return };
        h.runs += 1;
        let (parts, bytes) = send(h, req);
        let status = parts.status.as_u16();
        assert!(DOCUMENTED.contains(&status), "undocumented status {status}");
        if head {
            assert!(bytes.is_empty(), "a {status} answer to HEAD has a body");
            return;
        }
        let json: serde_json::Value = serde_json::from_slice(&bytes)
            .unwrap_or_else(|e| panic!("the {status} body is not JSON ({e}): {}", String::from_utf8_lossy(&bytes)));
        let obj = json.as_object().unwrap_or_else(|| panic!("the {status} body is not an object: {json}"));
        assert!(
            obj.contains_key("data") || obj.contains_key("errors"),
            "the {status} body has neither data nor errors: {json}"
        );
        if let Some(errors) = obj.get("errors") {
            let list = errors.as_array().unwrap_or_else(|| panic!("errors is not a list: {json}"));
            assert!(!list.is_empty(), "errors is an empty list: {json}");
        }
        if status != 200 {
            assert!(obj.contains_key("errors") && !obj.contains_key("data"), "a {status} without errors or with data: {json}");
        }
        if let Some(auth) = auth {
            let found = secrets(&auth, &elsewhere);
            if found.is_empty() {
                return;
            }
            // The same request with another unknown key: an unknown key is
            // refused before the store is reached, so this changes nothing.
            let Some(base) = request(data, true) else { return };
            let (base_parts, base_bytes) = send(h, base.req);
            let text = String::from_utf8_lossy(&bytes);
            let base_text = String::from_utf8_lossy(&base_bytes);
            let headers = |p: &axum::http::response::Parts| -> String {
                p.headers.iter().map(|(n, v)| format!("{n}: {}\n", String::from_utf8_lossy(v.as_bytes()))).collect()
            };
            let (head_text, base_head) = (headers(&parts), headers(&base_parts));
            for secret in found {
                let escaped = serde_json::to_string(&secret).unwrap_or_default();
                let escaped = escaped.trim_matches('"').to_string();
                for s in [&secret, &escaped] {
                    assert!(
                        text.matches(s.as_str()).count() <= base_text.matches(s.as_str()).count(),
                        "the {status} response body holds the Authorization value"
                    );
                    assert!(
                        head_text.matches(s.as_str()).count() <= base_head.matches(s.as_str()).count(),
                        "a response header holds the Authorization value"
                    );
                }
            }
        }
    });
});
