//! Talking to the target (ureq, blocking) and checking each exchange with
//! the project's own checks.
//!
//! Every request and response becomes a native exchange object
//! (docs/exchanges.md) with the credential stored as `Bearer <redacted>`;
//! that line is what [`check_line`] checks (through
//! [`Checker::check_ndjson`], the code `plain-contract check`
//! runs on NDJSON) and what `--save-exchanges` writes. The token itself is
//! only ever put in the Authorization header of the outgoing request, and is
//! blanked out of response text before anything keeps or prints it.

use crate::diagnostic::Diagnostic;
use crate::Checker;
use serde_json::{json, Map, Value};
use std::time::Duration;

/// Largest response body read.
const MAX_BODY: u64 = 16 << 20;
/// Retries of one request answered 429 (rate limited).
const MAX_THROTTLED: usize = 6;

/// A response as received.
#[derive(Clone, Debug)]
pub(crate) struct Reply {
    /// HTTP status.
    pub status: u16,
    /// The Content-Type header, if any.
    pub content_type: Option<String>,
    /// The rate-limit headers (`x-ratelimit-*`, `retry-after`), as received.
    pub rate_headers: Vec<(String, String)>,
    /// The body text (the token blanked out).
    pub text: String,
    /// The body, when it is JSON.
    pub json: Option<Value>,
}

/// The HTTP side of a run.
pub(crate) struct Client {
    agent: ureq::Agent,
    url: String,
    path: String,
    token: String,
    /// Further request headers (`verify --header`), sent as given.
    extra: Vec<(String, String)>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("url", &self.url)
            .field("token", &"<redacted>")
            .finish()
    }
}

/// Why a target URL is unusable.
#[derive(Debug, thiserror::Error)]
pub enum TargetError {
    /// Not a URL at all.
    #[error("--target {url:?} is not a URL: {reason}")]
    NotUrl {
        /// The URL given.
        url: String,
        /// The parser's reason.
        reason: String,
    },
    /// Not http(s).
    #[error("--target {0:?} must be an http:// or https:// URL")]
    NotHttp(String),
    /// No host.
    #[error("--target {0:?} has no host")]
    NoHost(String),
    /// No path: the endpoint is needed, not the origin.
    #[error("--target {0:?} has no path: give the GraphQL endpoint, such as https://core-api.uk.plain.com/graphql/v1")]
    NoPath(String),
}

/// A request that got no response: the transport's reason (the token
/// scrubbed from it).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub(crate) struct TransportError(String);

/// The target's path, or why the URL is unusable.
pub(crate) fn validate_url(url: &str) -> Result<String, TargetError> {
    let uri: ureq::http::Uri = url.parse().map_err(|e: ureq::http::uri::InvalidUri| TargetError::NotUrl {
        url: url.to_string(),
        reason: e.to_string(),
    })?;
    match uri.scheme_str() {
        Some("http" | "https") => {}
        _ => return Err(TargetError::NotHttp(url.to_string())),
    }
    if uri.host().is_none_or(str::is_empty) {
        return Err(TargetError::NoHost(url.to_string()));
    }
    let path = uri.path();
    if path.is_empty() || path == "/" {
        return Err(TargetError::NoPath(url.to_string()));
    }
    Ok(path.to_string())
}

impl Client {
    /// A client for `url` (already validated) with the API key `token`.
    pub(crate) fn new(url: &str, token: &str) -> Result<Client, TargetError> {
        Client::with(url, token, Duration::from_secs(60), Vec::new())
    }

    /// A client whose requests each take at most `timeout`, sending the
    /// `extra` headers too (`verify`).
    pub(crate) fn with(url: &str, token: &str, timeout: Duration, extra: Vec<(String, String)>) -> Result<Client, TargetError> {
        let path = validate_url(url)?;
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_connect(Some(Duration::from_secs(10).min(timeout)))
            .timeout_global(Some(timeout))
            .max_redirects(0)
            // One kept connection per worker (`verify --concurrency`, `conform
            // --jobs`): ureq keeps 3 per host by default, so a fourth worker
            // would connect again for every request.
            .max_idle_connections_per_host(16)
            .user_agent(concat!("plain-contract-conform/", env!("CARGO_PKG_VERSION")))
            .build();
        Ok(Client {
            agent: config.into(),
            url: url.to_string(),
            path,
            token: token.to_string(),
            extra,
        })
    }

    /// The target URL.
    pub(crate) fn url(&self) -> &str {
        &self.url
    }

    fn scrub(&self, text: String) -> String {
        if self.token.len() >= 8 && text.contains(&self.token) {
            text.replace(&self.token, crate::secrets::REDACTED)
        } else {
            text
        }
    }

    fn post_once(&self, body: &[u8]) -> Result<(Reply, Option<Duration>), TransportError> {
        let mut req = self
            .agent
            .post(&self.url)
            .header("Authorization", &format!("Bearer {}", self.token))
            .header("Content-Type", "application/json");
        for (n, v) in &self.extra {
            req = req.header(n, v);
        }
        let mut resp = req.send(body).map_err(|e| TransportError(self.scrub(e.to_string())))?;
        let status = resp.status().as_u16();
        let header = |name: &str| resp.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
        let content_type = header("content-type");
        let rate_headers: Vec<(String, String)> = resp
            .headers()
            .iter()
            .filter(|(n, _)| n.as_str().starts_with("x-ratelimit-") || n.as_str() == "retry-after")
            .filter_map(|(n, v)| Some((n.as_str().to_string(), v.to_str().ok()?.to_string())))
            .collect();
        // How long a 429 asks to wait: Retry-After (seconds), else until
        // x-ratelimit-reset (an ISO time, SEMANTICS.md §3 Rate limits).
        let retry_after = header("retry-after")
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map(Duration::from_secs)
            .or_else(|| {
                let reset = crate::util::date::parse_iso8601(header("x-ratelimit-reset")?.trim())?;
                let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).ok()?.as_millis() as i64;
                Some(Duration::from_millis(u64::try_from(reset - now).unwrap_or(0)).max(Duration::from_secs(1)))
            });
        let bytes = resp
            .body_mut()
            .with_config()
            .limit(MAX_BODY)
            .read_to_vec()
            .map_err(|e| TransportError(format!("reading the response failed: {}", self.scrub(e.to_string()))))?;
        let text = self.scrub(String::from_utf8_lossy(&bytes).into_owned());
        let json = serde_json::from_str(&text).ok();
        Ok((
            Reply {
                status,
                content_type,
                rate_headers,
                text,
                json,
            },
            retry_after,
        ))
    }

    /// POSTs a GraphQL body. A 429 is waited out (Retry-After, else a
    /// growing pause) and retried; the 429s come back too, as exchanges.
    /// `Err` is a transport failure (no response).
    pub(crate) fn post(&self, body: &Value) -> Result<(Reply, Vec<Reply>), TransportError> {
        // A Value always serializes (its keys are strings).
        let bytes = body.to_string().into_bytes();
        let mut throttled = Vec::new();
        let mut pause = Duration::from_secs(2);
        loop {
            let (reply, retry_after) = self.post_once(&bytes)?;
            if reply.status != 429 || throttled.len() >= MAX_THROTTLED {
                return Ok((reply, throttled));
            }
            throttled.push(reply);
            std::thread::sleep(retry_after.unwrap_or(pause).min(Duration::from_secs(60)));
            pause = (pause * 2).min(Duration::from_secs(60));
        }
    }

    /// The exchange as one NDJSON line (docs/exchanges.md, native format).
    pub(crate) fn exchange_line(&self, name: &str, body: &Value, reply: &Reply) -> String {
        let mut response = Map::new();
        response.insert("status".into(), json!(reply.status));
        let mut headers = Map::new();
        if let Some(ct) = &reply.content_type {
            headers.insert("Content-Type".into(), json!(ct));
        }
        for (name, value) in &reply.rate_headers {
            headers.insert(name.clone(), json!(value));
        }
        response.insert("headers".into(), Value::Object(headers));
        match &reply.json {
            Some(v) => response.insert("body".into(), v.clone()),
            None => response.insert("bodyText".into(), json!(reply.text)),
        };
        let exchange = json!({
            "name": name,
            "request": {
                "method": "POST",
                "path": self.path,
                "headers": {"Authorization": "Bearer <redacted>", "Content-Type": "application/json"},
                "body": body,
            },
            "response": response,
        });
        exchange.to_string()
    }
}

/// The findings of `plain-contract check` on one exchange line: (errors, warnings).
pub(crate) fn check_line(checker: &Checker, line: &str) -> (Vec<Diagnostic>, usize) {
    let out = checker.check_ndjson("conform", line.as_bytes());
    let warnings = out.diagnostics.iter().filter(|d| !d.is_error()).count();
    (out.diagnostics.into_iter().filter(Diagnostic::is_error).collect(), warnings)
}
