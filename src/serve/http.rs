//! The reference server over HTTP (axum on tokio): `POST /graphql/v1`.
//!
//! Each request goes, in order, through:
//! 1. **auth**: `Authorization: Bearer KEY`; a missing or unknown key is a 401;
//! 2. **rate limit** (optional, per key, a fixed one-minute window): over it,
//!    a 429 with Plain's documented body; `x-ratelimit-limit`,
//!    `x-ratelimit-remaining` and `x-ratelimit-reset` are on every response;
//! 3. **body**: at most `max_body` bytes (else 413), read within
//!    `body_timeout` (else 408, so a client that dribbles its body cannot hold
//!    a worker); a Content-Type other than `application/json` is a 400;
//! 4. **the checks `plain-contract check` runs** on the body: JSON that does
//!    not parse or does not match the OpenAPI request schema (no `query`) is a
//!    400; a document that does not parse or validate is a 200 with `errors`
//!    (`GRAPHQL_PARSE_FAILED`, `GRAPHQL_VALIDATION_FAILED`); variables that do
//!    not coerce are a 200 with `BAD_USER_INPUT`. Each error's extensions
//!    carry the contract's code (`contractCode`) and the JSON pointer, an
//!    error in the document its `locations`, and at most 100 errors are
//!    sent;
//! 5. **limits**: selection depth, aliases, and the number of fields the
//!    operation expands to (fragment spreads counted each time, so a fragment
//!    "bomb" is refused before anything runs);
//! 6. **permissions**: a query whose root fields need a permission the key
//!    lacks is a 403 (`FORBIDDEN`); a mutation answers 200 with Plain's
//!    documented `MutationError` (`Insufficient permissions, missing "..."`);
//! 7. **execution** against the store ([`super::exec`]): each mutation's store
//!    call runs under the store's mutex, so it sees and leaves a consistent
//!    store and N identical concurrent upserts give one CREATED and N-1 NOOP;
//!    coercion and rendering run outside the lock.
//!
//! Parsing and checking happen outside the lock, on the worker threads of
//! [`crate::listen`] (given large stacks, as the CLI's parser threads are);
//! each distinct query text is parsed and validated once (the checks' [`OpCache`]).

use super::exec::{self, Caller};
use super::store::{iso8601, Store};
use crate::check::operation::OpCache;
use crate::check::request::check_request;
use crate::contract::Contract;
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::listen::{run_router, spawn_router};
pub use crate::listen::{Running, PATH};
use crate::node::Node;
use crate::source::Source;
use apollo_compiler::executable::{ExecutableDocument, Operation, OperationType, Selection, SelectionSet};
use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Router;
use http_body_util::BodyExt;
use serde_json::{json, Map, Value};
use std::collections::{BTreeSet, HashMap};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// Every permission the server knows (SEMANTICS.md §3).
pub const ALL_PERMISSIONS: &[&str] = &[
    "customer:read",
    "customer:create",
    "customer:edit",
    "customer:delete",
    "customerGroup:read",
    "customerGroup:create",
    "customerGroup:edit",
    "customerGroup:delete",
    "customerGroupMembership:read",
    "customerGroupMembership:create",
    "customerGroupMembership:delete",
    "customerEvent:create",
    "customerTenantMembership:create",
    "customerTenantMembership:delete",
];

/// The key the server accepts when none is configured (all permissions).
pub const DEV_KEY: &str = "plainApiKey_dev";

/// An API key and what it may do.
#[derive(Debug, Clone)]
pub struct ApiKey {
    /// The bearer token.
    pub token: String,
    /// Granted permissions.
    pub permissions: BTreeSet<String>,
    /// The machine user its writes are attributed to.
    pub actor_id: String,
}

impl ApiKey {
    /// `TOKEN=perm,perm` or `TOKEN=*` (every permission); `TOKEN=` grants none.
    pub fn parse(spec: &str, index: usize) -> Result<ApiKey, String> {
        let Some((token, perms)) = spec.split_once('=') else {
            return Err("a key is `TOKEN=permission,permission` or `TOKEN=*`".into());
        };
        if token.is_empty() || token.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err("a key's token must be non-empty, without spaces".into());
        }
        let mut permissions = BTreeSet::new();
        for p in perms.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            if p == "*" {
                permissions.extend(ALL_PERMISSIONS.iter().map(|p| p.to_string()));
            } else if ALL_PERMISSIONS.contains(&p) {
                permissions.insert(p.to_string());
            } else {
                return Err(format!("unknown permission `{p}`; known: {}", ALL_PERMISSIONS.join(", ")));
            }
        }
        Ok(ApiKey {
            token: token.to_string(),
            permissions,
            actor_id: format!("mu_{:04}", index + 1),
        })
    }

    /// The development key: every permission.
    pub fn dev() -> ApiKey {
        ApiKey {
            token: DEV_KEY.to_string(),
            permissions: ALL_PERMISSIONS.iter().map(|p| p.to_string()).collect(),
            actor_id: "mu_0001".into(),
        }
    }
}

/// How the server behaves.
#[derive(Debug, Clone)]
pub struct Options {
    /// Where to listen (loopback only).
    pub listen: SocketAddr,
    /// Accepted keys.
    pub keys: Vec<ApiKey>,
    /// Requests per minute per key, if limited.
    pub rate_limit: Option<u32>,
    /// Largest request body, in bytes.
    pub max_body: usize,
    /// How long a client may take to send its body (408 after it), and,
    /// separately, its request head (the connection is closed after it).
    pub body_timeout: Duration,
    /// Deepest selection (root fields are depth 1).
    pub max_depth: usize,
    /// Most aliases in an operation.
    pub max_aliases: usize,
    /// Most fields an operation expands to, fragments counted at each spread.
    pub max_fields: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            listen: SocketAddr::from(([127, 0, 0, 1], 8787)),
            keys: vec![ApiKey::dev()],
            rate_limit: None,
            max_body: 1 << 20,
            body_timeout: Duration::from_secs(10),
            max_depth: 15,
            max_aliases: 100,
            max_fields: 2_000,
        }
    }
}

struct App {
    contract: Contract,
    cache: OpCache,
    store: Mutex<Store>,
    keys: HashMap<String, ApiKey>,
    limiter: Option<Limiter>,
    opts: Options,
}

/// A fixed one-minute window per key.
struct Limiter {
    per_minute: u32,
    windows: Mutex<HashMap<String, (Instant, u64, u32)>>,
}

/// One request's place in its window.
pub(crate) struct Quota {
    limit: u32,
    remaining: u32,
    reset_ms: u64,
    over: bool,
}

impl Limiter {
    fn hit(&self, key: &str) -> Quota {
        let now = Instant::now();
        let now_ms = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis() as u64);
        let Ok(mut windows) = self.windows.lock() else {
            return Quota {
                limit: self.per_minute,
                remaining: 0,
                reset_ms: now_ms,
                over: false,
            };
        };
        // Bounded by the configured keys: only known keys get here.
        let w = windows.entry(key.to_string()).or_insert((now, now_ms + 60_000, 0));
        if now.duration_since(w.0) >= Duration::from_secs(60) {
            *w = (now, now_ms + 60_000, 0);
        }
        let over = w.2 >= self.per_minute;
        if !over {
            w.2 += 1;
        }
        Quota {
            limit: self.per_minute,
            remaining: self.per_minute - w.2.min(self.per_minute),
            reset_ms: w.1,
            over,
        }
    }
}

/// The router, for tests that drive it without a socket.
fn router(app: Arc<App>) -> Router {
    Router::new()
        .route(PATH, axum::routing::any(graphql))
        .fallback(not_found)
        .with_state(app)
}

fn app(contract: Contract, store: Store, opts: Options) -> Arc<App> {
    let keys = opts.keys.iter().map(|k| (k.token.clone(), k.clone())).collect();
    let limiter = opts.rate_limit.map(|per_minute| Limiter {
        per_minute,
        windows: Mutex::default(),
    });
    Arc::new(App {
        contract,
        cache: OpCache::default(),
        store: Mutex::new(store),
        keys,
        limiter,
        opts,
    })
}

/// Serves until Ctrl-C; `ready` is called with the bound address.
pub fn run(contract: Contract, store: Store, opts: Options, ready: impl FnOnce(SocketAddr)) -> std::io::Result<()> {
    let (listen, head) = (opts.listen, opts.body_timeout);
    run_router(listen, router(app(contract, store, opts)), head, ready)
}

/// Starts a server on its own thread (port 0 picks a free port).
pub fn start(contract: Contract, store: Store, opts: Options) -> std::io::Result<Running> {
    let (listen, head) = (opts.listen, opts.body_timeout);
    spawn_router(listen, router(app(contract, store, opts)), head)
}

pub(crate) async fn not_found(req: Request) -> Response {
    let msg = format!("no route for {} {}; the API answers on POST {PATH}", req.method(), req.uri().path());
    errors_response(StatusCode::NOT_FOUND, &msg, "NOT_FOUND", None)
}

/// `{"errors":[{"message", "extensions":{"code"}}]}` with a status.
pub(crate) fn errors_response(status: StatusCode, message: &str, code: &str, quota: Option<&Quota>) -> Response {
    json_response(
        status,
        &json!({"errors": [{"message": message, "extensions": {"code": code}}]}),
        quota,
    )
}

fn json_response(status: StatusCode, body: &Value, quota: Option<&Quota>) -> Response {
    bytes_response(status, serde_json::to_vec(body).unwrap_or_default(), quota)
}

fn bytes_response(status: StatusCode, bytes: Vec<u8>, quota: Option<&Quota>) -> Response {
    let mut resp = (
        status,
        [(header::CONTENT_TYPE, HeaderValue::from_static("application/json"))],
        bytes,
    )
        .into_response();
    if let Some(q) = quota {
        let h = resp.headers_mut();
        h.insert("x-ratelimit-limit", HeaderValue::from(q.limit));
        h.insert("x-ratelimit-remaining", HeaderValue::from(q.remaining));
        if let Ok(v) = HeaderValue::from_str(&iso8601(q.reset_ms as i64)) {
            h.insert("x-ratelimit-reset", v);
        }
    }
    resp
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    let v = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = v.trim().split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then_some(token.trim())
}

async fn graphql(State(app): State<Arc<App>>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    if parts.method != Method::POST {
        let mut r = errors_response(
            StatusCode::METHOD_NOT_ALLOWED,
            &format!("{} is not allowed; send the GraphQL request with POST", parts.method),
            "METHOD_NOT_ALLOWED",
            None,
        );
        r.headers_mut().insert(header::ALLOW, HeaderValue::from_static("POST"));
        return r;
    }
    // 1. Auth. The message never repeats the credential.
    let Some(key) = bearer(&parts.headers).and_then(|t| app.keys.get(t)) else {
        let msg = if parts.headers.contains_key(header::AUTHORIZATION) {
            "Authentication failed: the API key is not valid"
        } else {
            "Authentication failed: send the API key as `Authorization: Bearer <key>`"
        };
        return errors_response(StatusCode::UNAUTHORIZED, msg, "UNAUTHENTICATED", None);
    };
    // 2. Rate limit.
    let quota = app.limiter.as_ref().map(|l| l.hit(&key.token));
    if let Some(q) = quota.as_ref().filter(|q| q.over) {
        return errors_response(
            StatusCode::TOO_MANY_REQUESTS,
            "Too Many Requests - Rate limit exceeded",
            "RATE_LIMITED",
            Some(q),
        );
    }
    let quota = quota.as_ref();
    // 3. The body: bounded in size and in time.
    let content_type = parts.headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let media = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    let declared = parts
        .headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > app.opts.max_body as u64) {
        return too_large(&app, quota);
    }
    let limited = http_body_util::Limited::new(body, app.opts.max_body);
    let bytes: Bytes = match tokio::time::timeout(app.opts.body_timeout, limited.collect()).await {
        Err(_) => {
            return errors_response(
                StatusCode::REQUEST_TIMEOUT,
                &format!("the request body did not arrive within {} s", app.opts.body_timeout.as_secs()),
                "REQUEST_TIMEOUT",
                quota,
            )
        }
        Ok(Err(e)) if e.downcast_ref::<http_body_util::LengthLimitError>().is_some() => return too_large(&app, quota),
        Ok(Err(_)) => return errors_response(StatusCode::BAD_REQUEST, "the request body could not be read", "BAD_REQUEST", quota),
        Ok(Ok(c)) => c.to_bytes(),
    };
    if media != "application/json" {
        let msg = if media.is_empty() {
            "the request has no Content-Type; send `Content-Type: application/json`".to_string()
        } else {
            format!("Content-Type `{media}` is not supported; send `application/json`")
        };
        return errors_response(StatusCode::BAD_REQUEST, &msg, "BAD_REQUEST", quota);
    }
    let (status, body) = answer(&app, key, &bytes);
    bytes_response(status, body, quota)
}

fn too_large(app: &App, quota: Option<&Quota>) -> Response {
    errors_response(
        StatusCode::PAYLOAD_TOO_LARGE,
        &format!("the request body is larger than {} bytes", app.opts.max_body),
        "PAYLOAD_TOO_LARGE",
        quota,
    )
}

/// Most errors in one answer, as graphql-js's `validate` (`maxErrors: 100`):
/// a document that repeats one mistake thousands of times is answered with the
/// first 100 and a last error saying the rest were left out, not with megabytes.
const MAX_ERRORS: usize = 100;

/// A GraphQL error for a contract finding; `at` is its line and column in the
/// GraphQL document, for the error's `locations` (GraphQL spec §7.1.2).
fn finding_error(d: &Diagnostic, code: &str, at: Option<(usize, usize)>) -> Value {
    let mut e = Map::new();
    e.insert("message".into(), d.message.as_str().into());
    if let Some((line, column)) = at {
        e.insert("locations".into(), json!([{"line": line, "column": column}]));
    }
    let pointer = d.pointer.as_deref().unwrap_or("");
    e.insert(
        "extensions".into(),
        json!({"code": code, "contractCode": d.code.as_str(), "pointer": pointer}),
    );
    Value::Object(e)
}

/// The request's findings as GraphQL errors. A finding about the document
/// (pointer `/query`) is located in the query text: the operation cache holds
/// the document's own findings, in the same order and with the same codes and
/// messages, at their line:col in that text.
fn request_errors(app: &App, findings: &[Diagnostic], query: Option<&str>) -> Vec<Value> {
    let code = |c: Code| match c.as_str() {
        "GQ001" => "GRAPHQL_PARSE_FAILED",
        s if s.starts_with("GQ") => "GRAPHQL_VALIDATION_FAILED",
        _ => "BAD_USER_INPUT",
    };
    let analysis = query.map(|q| app.cache.get(&app.contract.schema, q));
    let mut in_doc = analysis
        .iter()
        .flat_map(|a| a.findings.iter())
        .filter(|d| d.severity == Severity::Error);
    let mut errors: Vec<Value> = findings
        .iter()
        .take(MAX_ERRORS)
        .map(|d| {
            let at = if d.pointer.as_deref() == Some("/query") {
                in_doc
                    .find(|f| f.code == d.code && f.message == d.message)
                    .map(|f| (f.line, f.column))
            } else {
                None
            };
            finding_error(d, code(d.code), at)
        })
        .collect();
    if findings.len() > MAX_ERRORS {
        let rest = findings.len() - MAX_ERRORS;
        errors.push(json!({
            "message": format!("Too many errors, error limit reached: {rest} more left out. Validation aborted."),
            "extensions": {"code": code(findings[MAX_ERRORS].code)},
        }));
    }
    errors
}

/// The request pipeline without HTTP (steps 4 to 7 for a known key), for
/// benches and embedding: what `serve` does once the body has arrived.
pub struct Service(Arc<App>);

impl Service {
    /// A service over a store.
    pub fn new(contract: Contract, store: Store, opts: Options) -> Service {
        Service(app(contract, store, opts))
    }

    /// Answers a JSON request body sent with `token`: the status and the
    /// response body's bytes; `None` for an unknown key (a 401).
    pub fn answer(&self, token: &str, body: &[u8]) -> Option<(u16, Vec<u8>)> {
        let key = self.0.keys.get(token)?;
        let (status, v) = answer(&self.0, key, body);
        Some((status.as_u16(), v))
    }

    /// The whole HTTP pipeline `serve` runs (method, auth, rate limit, body,
    /// checks, limits, permissions, execution) as an axum router, to drive
    /// in-process without a socket: the fuzz target `serve_request` sends
    /// it arbitrary requests with `tower::ServiceExt::oneshot`.
    pub fn router(&self) -> Router {
        router(self.0.clone())
    }
}

/// Steps 4 to 7 on a body that arrived whole.
fn answer(app: &App, key: &ApiKey, bytes: &[u8]) -> (StatusCode, Vec<u8>) {
    match checked(app, key, bytes) {
        Ok(out) => (StatusCode::OK, out),
        Err((status, v)) => (status, serde_json::to_vec(&v).unwrap_or_default()),
    }
}

/// Steps 4 to 7; `Err` is an answer made here (not by execution).
fn checked(app: &App, key: &ApiKey, bytes: &[u8]) -> Result<Vec<u8>, (StatusCode, Value)> {
    let bad = |msg: String| {
        Err((
            StatusCode::BAD_REQUEST,
            json!({"errors": [{"message": msg, "extensions": {"code": "BAD_REQUEST"}}]}),
        ))
    };
    let Ok(text) = std::str::from_utf8(bytes) else {
        return bad("the request body is not UTF-8".into());
    };
    // serde_json refuses nesting deeper than 128, so no value can exhaust the stack.
    let body: Node = match serde_json::from_str(text) {
        Ok(b) => b,
        Err(e) => return bad(format!("the request body is not valid JSON: {e}")),
    };
    let src = Source::new("<request>", "");
    let api = &app.contract.openapi;
    let schema = &app.contract.schema;
    let findings: Vec<_> = check_request(api, schema, &app.cache, &src, &body, "")
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    if let Some(d) = findings.iter().find(|d| d.code == Code::RequestBodySchema) {
        return bad(format!("{}: {}", d.message, d.notes.join("; ")).trim_end_matches(": ").to_string());
    }
    if !findings.is_empty() {
        let errors = request_errors(app, &findings, body.get("query").and_then(Node::as_str));
        return Err((StatusCode::OK, json!({ "errors": errors })));
    }
    let Some(query) = body.get("query").and_then(Node::as_str) else {
        return bad("the request body has no `query`".into());
    };
    let analysis = app.cache.get(schema, query);
    let Some(doc) = analysis.doc.as_ref() else {
        return bad("the document is not valid".into());
    };
    let op_name = body.get("operationName").and_then(Node::as_str);
    let Ok(operation) = doc.operations.get(op_name) else {
        return bad("operationName names no operation of the document".into());
    };
    // 5. Limits.
    if let Err(msg) = limits(doc, operation, &app.opts) {
        return Err((
            StatusCode::OK,
            json!({"errors": [{"message": msg, "extensions": {"code": "GRAPHQL_VALIDATION_FAILED"}}]}),
        ));
    }
    // Pagination arguments out of the documented range (SEMANTICS.md §2: "a
    // validation error") are refused before execution, by the rule `check`
    // applies to recorded requests (PL008), so the answer has no `data`.
    if let Some(query_node) = body.get("query") {
        let text = crate::check::plain::QueryText {
            node: query_node,
            text: query,
            pointer: "/query".into(),
        };
        let vars = body.get("variables").filter(|v| v.members().is_some());
        let pagination: Vec<Diagnostic> = crate::check::plain::check_request(schema, doc, operation, vars, "/variables", &text, &src)
            .into_iter()
            .filter(|d| d.code == Code::Pagination)
            .collect();
        if !pagination.is_empty() {
            return Err((StatusCode::OK, json!({ "errors": request_errors(app, &pagination, None) })));
        }
    }
    // 6. Permissions of queries (mutations answer with a MutationError).
    // The error names the root field (`path`) and its place in the document
    // (`locations`), as a resolver's error would: Plain's SDK v5 shows a 403's
    // message only when every error has `message`, `locations` and
    // `extensions.code` (SEMANTICS.md §3).
    if operation.operation_type == OperationType::Query {
        let missing = operation
            .selection_set
            .selections
            .iter()
            .filter_map(|s| match s {
                Selection::Field(f) => Some(f),
                _ => None,
            })
            .find_map(|f| {
                let lacking = exec::required_permissions(f.name.as_str())
                    .iter()
                    .find(|p| !key.permissions.contains(**p))?;
                Some((f, lacking))
            });
        if let Some((field, p)) = missing {
            let locations: Vec<Value> = field
                .line_column_range(&doc.sources)
                .map(|r| json!({"line": r.start.line, "column": r.start.column}))
                .into_iter()
                .collect();
            return Err((
                StatusCode::FORBIDDEN,
                json!({"errors": [{
                    "message": format!("Insufficient permissions, missing \"{p}\"."),
                    "locations": locations,
                    "path": [field.response_key().as_str()],
                    "extensions": {"code": "FORBIDDEN"},
                }]}),
            ));
        }
    }
    // 7. Execution.
    let variables = match body.get("variables").map(|v| exec::node_to_json_bytes(v, 0)) {
        Some(apollo_compiler::response::JsonValue::Object(m)) => m,
        _ => Default::default(),
    };
    let caller = Caller {
        permissions: &key.permissions,
        actor_id: &key.actor_id,
    };
    // The walker accepted the variables above (a finding would have answered already).
    Ok(exec::execute_checked_to_vec(
        &schema.schema,
        doc,
        op_name,
        variables,
        &app.store,
        &caller,
    ))
}

/// Depth, aliases and the expanded size of the operation, each bounded.
fn limits(doc: &ExecutableDocument, op: &Operation, opts: &Options) -> Result<(), String> {
    struct Walk<'a> {
        doc: &'a ExecutableDocument,
        opts: &'a Options,
        fields: usize,
        aliases: usize,
    }
    impl Walk<'_> {
        fn set(&mut self, set: &SelectionSet, depth: usize) -> Result<(), String> {
            for sel in &set.selections {
                match sel {
                    Selection::Field(f) => {
                        self.fields += 1;
                        if f.alias.is_some() {
                            self.aliases += 1;
                        }
                        if self.aliases > self.opts.max_aliases {
                            return Err(format!("the operation uses more than {} aliases", self.opts.max_aliases));
                        }
                        if self.fields > self.opts.max_fields {
                            return Err(format!(
                                "the operation selects more than {} fields (fragments counted at each spread)",
                                self.opts.max_fields
                            ));
                        }
                        if !f.selection_set.selections.is_empty() {
                            if depth + 1 > self.opts.max_depth {
                                return Err(format!(
                                    "the operation is nested deeper than {} levels (at `{}`)",
                                    self.opts.max_depth, f.name
                                ));
                            }
                            self.set(&f.selection_set, depth + 1)?;
                        }
                    }
                    Selection::InlineFragment(i) => self.set(&i.selection_set, depth)?,
                    Selection::FragmentSpread(s) => {
                        if let Some(frag) = self.doc.fragments.get(&s.fragment_name) {
                            // Counted per spread; the field budget bounds the expansion.
                            self.fields += 1;
                            self.set(&frag.selection_set, depth)?;
                        }
                    }
                }
            }
            Ok(())
        }
    }
    let mut w = Walk {
        doc,
        opts,
        fields: 0,
        aliases: 0,
    };
    w.set(&op.selection_set, 1)
}
