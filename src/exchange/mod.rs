//! Recorded HTTP exchanges: a request and an optional response, read from a
//! native fixture file, a HAR 1.2 capture or one NDJSON line, always over
//! the positioned [`Node`] tree so every finding points into the user's file.
//!
//! Why not the `har` crate? It deserializes into plain structs through
//! serde_json, which loses every position; our findings need the line:col of
//! each header and body value. HAR's shape is small (`log.entries[]` with
//! `request` and `response`), so it is read here from the same tree as the
//! native format (docs/exchanges.md).

pub(crate) mod hosts;
pub(crate) mod pact;
pub(crate) mod pact_export;

use crate::diagnostic::{Code, Diagnostic};
use crate::node::{push_token, Node, Value};
use crate::source::Source;
pub(crate) use crate::util::negative::Expect;
pub(crate) use hosts::Hosts;

/// What a reader needs to know of the contract to pick the exchanges from a
/// capture: the documented GraphQL path, the server URL's base path, and
/// which hosts are Plain's.
#[derive(Debug, Clone)]
pub(crate) struct Target<'t> {
    /// The operation's path, e.g. `/graphql/v1`.
    pub graphql_path: &'t str,
    /// The server URL's base path (`""` for none).
    pub base_path: &'t str,
    /// Plain's hosts.
    pub hosts: Hosts,
}

impl Target<'_> {
    /// The target of a contract (the documented operation and its servers),
    /// with the `extra` hosts of the run's settings (`[check] hosts`).
    pub(crate) fn of<'c>(contract: &'c crate::contract::Contract, extra: &[String]) -> Target<'c> {
        match contract.openapi.graphql.as_ref() {
            Some(g) => Target {
                graphql_path: &g.path,
                base_path: &g.base_path,
                hosts: Hosts::new(g.servers.iter().map(String::as_str), extra),
            },
            None => Target {
                graphql_path: "/graphql/v1",
                base_path: "",
                hosts: Hosts::new([], extra),
            },
        }
    }
}

/// A body as recorded.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Body<'a> {
    /// No body.
    None,
    /// A body recorded as data (`body:` in a fixture).
    Data(&'a Node),
    /// A body recorded as text (`bodyText:`, a HAR text): the string node and its text.
    Text(&'a Node, &'a str),
    /// A body that was sent but cannot be checked: base64 in a HAR (the
    /// reader reported why), or a HAR response whose body the browser did not
    /// keep (`content.size` without `text`; nothing to report).
    Opaque,
}

/// One header: its lowercased name and its value node.
#[derive(Debug, Clone)]
pub(crate) struct Header<'a> {
    /// Lowercased name.
    pub name: String,
    /// The value (a string node; other kinds were reported).
    pub value: &'a str,
    /// Where the value stands.
    pub node: &'a Node,
    /// Pointer of the value.
    pub pointer: String,
}

/// A request or a response.
#[derive(Debug, Clone)]
pub(crate) struct Message<'a> {
    /// The message object.
    pub node: &'a Node,
    /// Its pointer.
    pub pointer: String,
    /// Headers, in order.
    pub headers: Vec<Header<'a>>,
    /// The body.
    pub body: Body<'a>,
    /// Pointer of the body (`.../body`, `.../bodyText`, `.../postData/text`).
    pub body_pointer: String,
    /// Request method, with its node.
    pub method: Option<(&'a str, &'a Node)>,
    /// Request path or URL, with its node and pointer.
    pub target: Option<(&'a str, &'a Node, String)>,
    /// Response status, with its node.
    pub status: Option<(u16, &'a Node)>,
}

impl<'a> Message<'a> {
    /// The value of a header (first occurrence), by lowercase name.
    pub(crate) fn header(&self, name: &str) -> Option<&Header<'a>> {
        self.headers.iter().find(|h| h.name == name)
    }
}

/// One recorded exchange.
#[derive(Debug, Clone)]
pub(crate) struct Exchange<'a> {
    /// The exchange object.
    pub node: &'a Node,
    /// Its pointer in the file.
    pub pointer: String,
    /// The name the file gives it (`name:`), if any; see [`Exchange::label`].
    pub name: Option<&'a str>,
    /// The request, when it could be read.
    pub request: Option<Message<'a>>,
    /// The response, if recorded.
    pub response: Option<Message<'a>>,
    /// HX001 findings made while reading it.
    pub findings: Vec<Diagnostic>,
    /// What the exchange says it records (`expect: accepted|rejected|either`),
    /// if it says; the file's expectation (`[check] negative`/`either`,
    /// `--expect`) applies otherwise. A rejection is checked the other way
    /// round (`check::verdict`).
    pub expect: Option<Expect>,
    /// Provider states: requests (`given:`, each in the request shape) that
    /// `verify` sends before this exchange's own; `check` checks them as requests.
    pub given: Vec<Message<'a>>,
    /// Per-pointer matchers (`matchers:`) that `verify` compares the live
    /// response body with, instead of its default drift rules (read, and
    /// their shape checked, in every build; used with the `verify` feature).
    #[cfg_attr(not(feature = "verify"), allow(dead_code))]
    pub matchers: Vec<Matcher>,
    /// Set when the exchange is an interaction of a Pact file: its provider
    /// states (for `verify` to run as `given:`), its matching rules, and the
    /// pact's names. A pact interaction may leave out `Authorization` (the
    /// Pact verifier adds it); everything else is checked as for a fixture.
    pub pact: Option<pact::PactInfo<'a>>,
}

/// How `verify` compares one place of the response body (in Pact's spirit).
#[derive(Debug, Clone)]
#[cfg_attr(not(feature = "verify"), allow(dead_code))]
pub(crate) enum Rule {
    /// The same kind of value (string, number, object, ...), any value.
    Type,
    /// A string matching the expression (anchored at both ends).
    Regex(regex::Regex),
    /// The same value, exactly.
    Equal,
    /// Not compared at all.
    Ignore,
}

/// One matcher of an exchange: a JSON pointer into the response body
/// (`*` stands for any one key or index) and its rule.
#[derive(Debug, Clone)]
#[cfg_attr(not(feature = "verify"), allow(dead_code))]
pub(crate) struct Matcher {
    /// The pointer into the response body, split into its tokens (unescaped).
    pub tokens: Vec<String>,
    /// The rule.
    pub rule: Rule,
}

impl Exchange<'_> {
    /// A name for reports: the given one, else the operation name and status.
    pub(crate) fn label(&self) -> String {
        match self.name {
            Some(n) => n.to_string(),
            None => default_name(self.request.as_ref(), self.response.as_ref()),
        }
    }
}

/// Is this value shaped like one native exchange?
pub(crate) fn is_exchange(n: &Node) -> bool {
    n.get("request").is_some() && n.members().is_some()
}

/// Is this value a HAR log?
pub(crate) fn is_har(n: &Node) -> bool {
    n.get("log").is_some_and(|l| l.members().is_some())
}

struct Reader<'s> {
    source: &'s Source,
    findings: Vec<Diagnostic>,
}

impl<'s> Reader<'s> {
    fn shape(&mut self, n: &Node, ptr: &str, msg: String) {
        self.findings
            .push(Diagnostic::at(Code::ExchangeShape, msg, self.source, n.start, n.len).with_pointer(ptr));
    }

    fn string<'a>(&mut self, parent: &'a Node, key: &str, ptr: &str) -> Option<(&'a str, &'a Node)> {
        let n = parent.get(key)?;
        match n.as_str() {
            Some(s) => Some((s, n)),
            None => {
                self.shape(n, &push_token(ptr, key), format!("`{key}` must be a string, found {}", n.kind()));
                None
            }
        }
    }

    fn known_keys(&mut self, n: &Node, ptr: &str, allowed: &[&str], what: &str) {
        for (k, v) in n.members().unwrap_or(&[]) {
            if !allowed.contains(&k.name.as_str()) {
                let mut d = Diagnostic::at(
                    Code::ExchangeShape,
                    format!("unknown key `{}` in {what}", k.name),
                    self.source,
                    k.start,
                    k.name.len(),
                )
                .with_pointer(push_token(ptr, &k.name));
                d = d.with_note(format!("{what} takes: {}", allowed.join(", ")));
                let _ = v;
                self.findings.push(d);
            }
        }
    }

    /// Headers as a map `{name: value}` or a list of `{name, value}`.
    fn headers<'a>(&mut self, msg: &'a Node, ptr: &str) -> Vec<Header<'a>> {
        let Some(h) = msg.get("headers") else { return Vec::new() };
        let hptr = push_token(ptr, "headers");
        let mut out = Vec::new();
        match &h.value {
            Value::Object(members) => {
                for (k, v) in members {
                    let p = push_token(&hptr, &k.name);
                    match v.as_str() {
                        Some(s) => out.push(Header {
                            name: k.name.to_ascii_lowercase(),
                            value: s,
                            node: v,
                            pointer: p,
                        }),
                        None if matches!(v.value, Value::Number(_) | Value::Bool(_)) => {
                            // YAML `x-ratelimit-limit: 600`: a header value is text, and this one is clear.
                            self.shape(
                                v,
                                &p,
                                format!("header `{}` must be a string (quote it), found {}", k.name, v.kind()),
                            );
                        }
                        None => self.shape(v, &p, format!("header `{}` must be a string, found {}", k.name, v.kind())),
                    }
                }
            }
            Value::Array(items) => {
                for (i, it) in items.iter().enumerate() {
                    let p = push_token(&hptr, &i.to_string());
                    match (it.get("name").and_then(Node::as_str), it.get("value")) {
                        (Some(name), Some(v)) if v.as_str().is_some() => out.push(Header {
                            name: name.to_ascii_lowercase(),
                            value: v.as_str().unwrap_or_default(),
                            node: v,
                            pointer: push_token(&p, "value"),
                        }),
                        _ => self.shape(it, &p, "a header in a list must be an object {name: string, value: string}".into()),
                    }
                }
            }
            _ => self.shape(
                h,
                &hptr,
                format!("`headers` must be a map or a list of {{name, value}}, found {}", h.kind()),
            ),
        }
        out
    }

    fn native<'a>(&mut self, n: &'a Node, ptr: &str) -> Exchange<'a> {
        self.known_keys(
            n,
            ptr,
            &["name", "expect", "request", "response", "given", "matchers"],
            "an exchange",
        );
        let name = n.get("name").and_then(Node::as_str);
        let expect = match n.get("expect") {
            None => None,
            Some(e) if e.as_str().and_then(Expect::parse).is_some() => e.as_str().and_then(Expect::parse),
            Some(e) => {
                self.shape(
                    e,
                    &push_token(ptr, "expect"),
                    format!(
                        "`expect` takes `accepted`, `rejected` or `either`, found {}",
                        e.as_str().map_or(e.kind().to_string(), |s| format!("`{s}`"))
                    ),
                );
                None
            }
        };
        let request = match n.get("request") {
            Some(r) if r.members().is_some() => Some(self.native_message(r, &push_token(ptr, "request"), true)),
            Some(r) => {
                self.shape(
                    r,
                    &push_token(ptr, "request"),
                    format!("`request` must be an object, found {}", r.kind()),
                );
                None
            }
            None => {
                self.shape(n, ptr, "an exchange must have a `request`".into());
                None
            }
        };
        let response = match n.get("response") {
            Some(r) if r.members().is_some() => Some(self.native_message(r, &push_token(ptr, "response"), false)),
            Some(r) if r.value == Value::Null => None,
            Some(r) => {
                self.shape(
                    r,
                    &push_token(ptr, "response"),
                    format!("`response` must be an object, found {}", r.kind()),
                );
                None
            }
            None => None,
        };
        let given = self.given(n, ptr);
        let matchers = self.matchers(n, ptr);
        Exchange {
            node: n,
            pointer: ptr.to_string(),
            name,
            request,
            response,
            findings: std::mem::take(&mut self.findings),
            expect,
            given,
            matchers,
            pact: None,
        }
    }

    /// `given:`: a list of requests, each read as an exchange's request is.
    fn given<'a>(&mut self, n: &'a Node, ptr: &str) -> Vec<Message<'a>> {
        let Some(g) = n.get("given") else { return Vec::new() };
        let gptr = push_token(ptr, "given");
        let Value::Array(items) = &g.value else {
            self.shape(g, &gptr, format!("`given` must be a list of requests, found {}", g.kind()));
            return Vec::new();
        };
        let mut out = Vec::new();
        for (i, it) in items.iter().enumerate() {
            let p = push_token(&gptr, &i.to_string());
            if it.members().is_some() {
                out.push(self.native_message(it, &p, true));
            } else {
                self.shape(it, &p, format!("a `given` request must be an object, found {}", it.kind()));
            }
        }
        out
    }

    /// `matchers:`: a map from a JSON pointer into the response body to a
    /// rule: `type`, `equal`, `ignore`, or `{match: regex, regex: "..."}`.
    fn matchers(&mut self, n: &Node, ptr: &str) -> Vec<Matcher> {
        let Some(m) = n.get("matchers") else { return Vec::new() };
        let mptr = push_token(ptr, "matchers");
        let Some(members) = m.members() else {
            self.shape(
                m,
                &mptr,
                format!(
                    "`matchers` must be a map from a JSON pointer into the response body to a rule, found {}",
                    m.kind()
                ),
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        for (k, v) in members {
            let p = push_token(&mptr, &k.name);
            if !(k.name.is_empty() || k.name.starts_with('/')) {
                let d = Diagnostic::at(
                    Code::ExchangeShape,
                    format!(
                        "matcher key `{}` is not a JSON pointer (it starts with `/`, such as `/data/customer/id`)",
                        k.name
                    ),
                    self.source,
                    k.start,
                    k.name.len().max(1),
                )
                .with_pointer(p.clone());
                self.findings.push(d);
                continue;
            }
            let (kind, regex) = match (v.as_str(), v.get("match").and_then(Node::as_str)) {
                (Some(s), _) => (Some(s), None),
                (None, Some(s)) => (Some(s), v.get("regex")),
                (None, None) => (None, None),
            };
            let rule = match kind {
                Some("type") => Some(Rule::Type),
                Some("equal") => Some(Rule::Equal),
                Some("ignore") => Some(Rule::Ignore),
                Some("regex") => match regex.map(|r| (r, r.as_str())) {
                    Some((r, Some(text))) => match regex::Regex::new(&format!("^(?:{text})$")) {
                        Ok(re) => Some(Rule::Regex(re)),
                        Err(e) => {
                            let first = e
                                .to_string()
                                .lines()
                                .last()
                                .unwrap_or("")
                                .trim()
                                .trim_start_matches("error: ")
                                .to_string();
                            self.shape(
                                r,
                                &push_token(&p, "regex"),
                                format!("the matcher's regex does not compile: {first}"),
                            );
                            None
                        }
                    },
                    Some((r, None)) => {
                        self.shape(r, &push_token(&p, "regex"), format!("`regex` must be a string, found {}", r.kind()));
                        None
                    }
                    None => {
                        self.shape(v, &p, "a `regex` matcher needs `regex: \"...\"`".into());
                        None
                    }
                },
                other => {
                    let found = other.map_or(v.kind().to_string(), |s| format!("`{s}`"));
                    self.shape(
                        v,
                        &p,
                        format!("a matcher is `type`, `equal`, `ignore` or {{match: regex, regex: \"...\"}}, found {found}"),
                    );
                    None
                }
            };
            if let Some(rule) = rule {
                let tokens = k.name.split('/').skip(1).map(|t| t.replace("~1", "/").replace("~0", "~")).collect();
                out.push(Matcher { tokens, rule });
            }
        }
        out
    }

    fn native_message<'a>(&mut self, m: &'a Node, ptr: &str, is_request: bool) -> Message<'a> {
        let allowed: &[&str] = if is_request {
            &["method", "path", "url", "headers", "body", "bodyText"]
        } else {
            &["status", "headers", "body", "bodyText"]
        };
        self.known_keys(m, ptr, allowed, if is_request { "a request" } else { "a response" });
        let headers = self.headers(m, ptr);
        let (body, body_pointer) = match (m.get("body"), m.get("bodyText")) {
            (Some(b), None) => (Body::Data(b), push_token(ptr, "body")),
            (None, Some(t)) => match t.as_str() {
                Some(s) => (Body::Text(t, s), push_token(ptr, "bodyText")),
                None => {
                    self.shape(
                        t,
                        &push_token(ptr, "bodyText"),
                        format!("`bodyText` must be a string, found {}", t.kind()),
                    );
                    (Body::None, push_token(ptr, "bodyText"))
                }
            },
            (Some(b), Some(_)) => {
                self.shape(b, &push_token(ptr, "body"), "give `body` or `bodyText`, not both".into());
                (Body::Data(b), push_token(ptr, "body"))
            }
            (None, None) => (Body::None, push_token(ptr, "body")),
        };
        let mut msg = Message {
            node: m,
            pointer: ptr.to_string(),
            headers,
            body,
            body_pointer,
            method: None,
            target: None,
            status: None,
        };
        if is_request {
            msg.method = self.string(m, "method", ptr);
            if msg.method.is_none() && m.get("method").is_none() {
                self.shape(m, ptr, "a request must have a `method`".into());
            }
            let target = match (m.get("path"), m.get("url")) {
                (Some(_), _) => self.string(m, "path", ptr).map(|(s, n)| (s, n, push_token(ptr, "path"))),
                (None, Some(_)) => self.string(m, "url", ptr).map(|(s, n)| (s, n, push_token(ptr, "url"))),
                (None, None) => {
                    self.shape(m, ptr, "a request must have a `path` or a `url`".into());
                    None
                }
            };
            msg.target = target;
        } else {
            msg.status = self.status(m, "status", ptr);
        }
        msg
    }

    fn status<'a>(&mut self, m: &'a Node, key: &str, ptr: &str) -> Option<(u16, &'a Node)> {
        match m.get(key) {
            Some(n) => match &n.value {
                Value::Number(x) if x.as_u64().is_some_and(|v| (100..=599).contains(&v)) => {
                    Some((x.as_u64().unwrap_or_default() as u16, n))
                }
                _ => {
                    let found = match &n.value {
                        Value::Number(x) => format!("`{x}`"),
                        _ => n.kind().to_string(),
                    };
                    self.shape(
                        n,
                        &push_token(ptr, key),
                        format!("`{key}` must be an integer HTTP status (100-599), found {found}"),
                    );
                    None
                }
            },
            None => {
                self.shape(m, ptr, format!("a response must have a `{key}`"));
                None
            }
        }
    }

    /// One HAR entry (HAR 1.2 §entries): `request.{method,url,headers,postData.text}`,
    /// `response.{status,headers,content.text}`.
    fn har_entry<'a>(&mut self, e: &'a Node, ptr: &str) -> Exchange<'a> {
        let req_ptr = push_token(ptr, "request");
        let request = e.get("request").filter(|r| r.members().is_some()).map(|r| {
            let headers = self.headers(r, &req_ptr);
            let text_ptr = format!("{req_ptr}/postData/text");
            let body = match r.get("postData").and_then(|p| p.get("text")) {
                Some(t) => match t.as_str() {
                    Some(s) => Body::Text(t, s),
                    None => {
                        self.shape(t, &text_ptr, format!("`postData.text` must be a string, found {}", t.kind()));
                        Body::None
                    }
                },
                None => Body::None,
            };
            Message {
                node: r,
                method: self.string(r, "method", &req_ptr),
                target: self.string(r, "url", &req_ptr).map(|(s, n)| (s, n, push_token(&req_ptr, "url"))),
                pointer: req_ptr.clone(),
                headers,
                body,
                body_pointer: text_ptr,
                status: None,
            }
        });
        if request.is_none() {
            self.shape(e, ptr, "a HAR entry must have a `request` object".into());
        }
        let resp_ptr = push_token(ptr, "response");
        let response = e.get("response").filter(|r| r.members().is_some()).and_then(|r| {
            // Browsers record aborted and blocked requests with status 0: no
            // response was seen, so only the request is checked.
            if r.get("status").and_then(|s| match &s.value {
                Value::Number(n) => n.as_u64(),
                _ => None,
            }) == Some(0)
            {
                return None;
            }
            let status = self.status(r, "status", &resp_ptr)?;
            let headers = self.headers(r, &resp_ptr);
            let text_ptr = format!("{resp_ptr}/content/text");
            let content = r.get("content");
            let body = match content.and_then(|c| c.get("text")) {
                Some(t) => match t.as_str() {
                    Some(_) if content.and_then(|c| c.get("encoding")).and_then(Node::as_str) == Some("base64") => {
                        // One fault, one finding: the body is there (no HX008
                        // "no body"), it just cannot be read.
                        self.shape(
                            t,
                            &text_ptr,
                            "a base64-encoded body cannot be checked; export the HAR with text bodies".into(),
                        );
                        Body::Opaque
                    }
                    Some(s) => Body::Text(t, s),
                    None => {
                        self.shape(t, &text_ptr, format!("`content.text` must be a string, found {}", t.kind()));
                        Body::None
                    }
                },
                // HAR 1.2 leaves `text` out "if the information is not
                // available": browsers export responses whose body devtools
                // did not keep (a request made before it opened, a page
                // navigated away) with `content.size` but no `text`. The
                // server sent a body, the capture lacks it: nothing to check,
                // and no HX008 "no body".
                None if content.and_then(|c| c.get("size")).is_some_and(|n| match &n.value {
                    Value::Number(x) => x.as_f64().is_some_and(|x| x > 0.0),
                    _ => false,
                }) =>
                {
                    Body::Opaque
                }
                None => Body::None,
            };
            Some(Message {
                node: r,
                pointer: resp_ptr.clone(),
                headers,
                body,
                body_pointer: text_ptr,
                method: None,
                target: None,
                status: Some(status),
            })
        });
        Exchange {
            node: e,
            pointer: ptr.to_string(),
            name: None,
            request,
            response,
            findings: std::mem::take(&mut self.findings),
            expect: None,
            given: Vec::new(),
            matchers: Vec::new(),
            pact: None,
        }
    }
}

fn default_name(req: Option<&Message>, resp: Option<&Message>) -> String {
    let op = req
        .and_then(|r| match r.body {
            Body::Data(b) => b.get("operationName").and_then(Node::as_str).map(str::to_string),
            Body::Text(_, t) => operation_name_in_text(t),
            Body::None | Body::Opaque => None,
        })
        .or_else(|| {
            req.and_then(|r| match r.body {
                Body::Data(b) => b.get("query").and_then(Node::as_str).and_then(first_operation_name),
                Body::Text(_, t) => serde_json::from_str::<serde_json::Value>(t)
                    .ok()
                    .and_then(|v| v.get("query").and_then(|q| q.as_str()).and_then(first_operation_name)),
                Body::None | Body::Opaque => None,
            })
        });
    let status = resp.and_then(|r| r.status).map(|(s, _)| format!(" → {s}")).unwrap_or_default();
    format!("{}{status}", op.unwrap_or_else(|| "request".to_string()))
}

fn operation_name_in_text(t: &str) -> Option<String> {
    let v: serde_json::Value = serde_json::from_str(t).ok()?;
    v.get("operationName")?.as_str().map(str::to_string)
}

/// `mutation upsertCustomer(...)` → `upsertCustomer`: a cheap label, not a parse.
fn first_operation_name(q: &str) -> Option<String> {
    let q = q.trim_start();
    let rest = q
        .strip_prefix("query")
        .or_else(|| q.strip_prefix("mutation"))
        .or_else(|| q.strip_prefix("subscription"))?;
    let name: String = rest.trim_start().chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
    (!name.is_empty()).then_some(name)
}

/// What a data file holds, as far as exchanges go.
pub(crate) enum Contents<'a> {
    /// Exchanges, plus notes about what was skipped (HAR), plus the headers
    /// of skipped entries to Plain's hosts (other paths), which are not
    /// checked against the contract but may still hold a credential.
    Exchanges(Vec<Exchange<'a>>, Vec<Diagnostic>, Vec<Header<'a>>),
    /// Not exchanges.
    Other,
}

/// Reads the exchanges of a parsed file: a native exchange, a list of them,
/// a HAR log, or a Pact file. `target` picks the HAR entries and the pact
/// interactions to keep. `check` reads a HAR log in JSON with the stream
/// reader instead (`crate::input::har`); this tree reader of HAR serves
/// `verify`, `pact export` and a HAR log in YAML.
pub(crate) fn read<'a>(source: &Source, root: &'a Node, target: &Target) -> Contents<'a> {
    let mut r = Reader {
        source,
        findings: Vec::new(),
    };
    if is_exchange(root) {
        return Contents::Exchanges(vec![r.native(root, "")], Vec::new(), Vec::new());
    }
    if let Value::Array(items) = &root.value {
        if !items.is_empty() && items.iter().any(is_exchange) {
            let list = items
                .iter()
                .enumerate()
                .map(|(i, it)| {
                    let p = push_token("", &i.to_string());
                    if it.members().is_some() {
                        r.native(it, &p)
                    } else {
                        r.shape(it, &p, format!("a list of exchanges holds {}", it.kind()));
                        empty(it, p, &mut r)
                    }
                })
                .collect();
            return Contents::Exchanges(list, Vec::new(), Vec::new());
        }
        return Contents::Other;
    }
    if is_har(root) {
        return read_har(&mut r, root, target);
    }
    if pact::is_pact(root) {
        let (list, notes) = r.pact(root, target);
        return Contents::Exchanges(list, notes, Vec::new());
    }
    Contents::Other
}

fn empty<'a>(n: &'a Node, pointer: String, r: &mut Reader) -> Exchange<'a> {
    Exchange {
        node: n,
        pointer,
        name: None,
        request: None,
        response: None,
        findings: std::mem::take(&mut r.findings),
        expect: None,
        given: Vec::new(),
        matchers: Vec::new(),
        pact: None,
    }
}

/// How a HAR entry is taken.
pub(crate) enum EntryRole {
    /// A request to the GraphQL path on one of Plain's hosts: checked.
    Checked,
    /// Skipped, described (`POST https://other/x`); `plain` when it went to
    /// one of Plain's hosts (its credentials are still looked at).
    Skipped {
        /// `METHOD url-without-query`.
        what: String,
        /// Was it to one of Plain's hosts?
        plain: bool,
    },
    /// Not an object with a `request`: an HX001 finding.
    Invalid,
}

/// How one HAR entry is taken: checked when its request goes to the GraphQL
/// path on one of Plain's hosts (CORS preflights, OPTIONS, are the
/// browser's, not the client's, and are skipped).
pub(crate) fn entry_role(e: &Node, target: &Target) -> EntryRole {
    let Some(req) = e.get("request").filter(|_| e.members().is_some()) else {
        return EntryRole::Invalid;
    };
    let url = req.get("url").and_then(Node::as_str).unwrap_or("");
    let method = req.get("method").and_then(Node::as_str).unwrap_or("");
    let plain = target.hosts.takes(url);
    let path_ok = url_path(url) == Some(&format!("{}{}", target.base_path, target.graphql_path));
    if plain && path_ok && method != "OPTIONS" {
        return EntryRole::Checked;
    }
    EntryRole::Skipped {
        what: format!("{} {}", if method.is_empty() { "?" } else { method }, redact_url(url)),
        plain,
    }
}

/// The HX010 summary of skipped HAR entries, at `at` (the `entries` list).
/// `count` entries were skipped; `skipped` describes (at least) the first five.
pub(crate) fn skipped_summary(source: &Source, at: usize, total: usize, count: usize, skipped: &[String], target: &Target) -> Diagnostic {
    let mut d = Diagnostic::at(
        Code::HarSkipped,
        format!(
            "{count} of {total} HAR entries are not requests to {}{} on Plain's hosts; skipped",
            target.base_path, target.graphql_path
        ),
        source,
        at,
        1,
    )
    .with_pointer("/log/entries");
    for s in skipped.iter().take(5) {
        d = d.with_note(format!("skipped: {s}"));
    }
    if count > 5 {
        d = d.with_note(format!("and {} more", count - 5));
    }
    d
}

impl<'s> Reader<'s> {
    /// Reads one HAR entry at pointer `p` as `role` says: an exchange to
    /// check, or the credential headers of a skipped entry to Plain.
    fn take_entry<'a>(&mut self, e: &'a Node, p: String, role: &EntryRole, out: &mut Vec<Exchange<'a>>, leaks: &mut Vec<Header<'a>>) {
        match role {
            EntryRole::Checked => out.push(self.har_entry(e, &p)),
            EntryRole::Invalid => {
                self.shape(e, &p, "a HAR entry must be an object with a `request`".into());
                out.push(empty(e, p, self));
            }
            EntryRole::Skipped { plain: true, .. } => {
                let req = e.get("request").filter(|q| q.members().is_some());
                leaks.extend(req.map(|q| self.headers(q, &format!("{p}/request"))).unwrap_or_default());
            }
            EntryRole::Skipped { plain: false, .. } => {}
        }
    }
}

/// Reads one HAR entry given alone (the streaming reader parses entries one
/// at a time): the exchange it is, if checked, the headers of a skipped
/// entry to Plain, and its findings.
pub(crate) fn read_har_entry<'a>(
    source: &Source,
    e: &'a Node,
    pointer: String,
    role: &EntryRole,
) -> (Vec<Exchange<'a>>, Vec<Header<'a>>, Vec<Diagnostic>) {
    let mut r = Reader {
        source,
        findings: Vec::new(),
    };
    let (mut out, mut leaks) = (Vec::new(), Vec::new());
    r.take_entry(e, pointer, role, &mut out, &mut leaks);
    (out, leaks, r.findings)
}

fn read_har<'a>(r: &mut Reader, root: &'a Node, target: &Target) -> Contents<'a> {
    let log = root.get("log").unwrap_or(root);
    let Some(entries) = log.get("entries") else {
        let d = Diagnostic::at(Code::ExchangeShape, "a HAR log must have an `entries` list", r.source, log.start, 1).with_pointer("/log");
        return Contents::Exchanges(Vec::new(), vec![d], Vec::new());
    };
    let Value::Array(items) = &entries.value else {
        let d = Diagnostic::at(
            Code::ExchangeShape,
            format!("HAR `log.entries` must be a list, found {}", entries.kind()),
            r.source,
            entries.start,
            entries.len,
        )
        .with_pointer("/log/entries");
        return Contents::Exchanges(Vec::new(), vec![d], Vec::new());
    };
    let mut out = Vec::new();
    let mut leaks = Vec::new();
    let mut skipped = Vec::new();
    if items.is_empty() {
        let d = Diagnostic::at(
            Code::HarSkipped,
            "the HAR log holds no entries; nothing was checked",
            r.source,
            entries.start,
            1,
        )
        .with_pointer("/log/entries");
        return Contents::Exchanges(Vec::new(), vec![d], Vec::new());
    }
    for (i, e) in items.iter().enumerate() {
        let role = entry_role(e, target);
        if let EntryRole::Skipped { what, .. } = &role {
            skipped.push(what.clone());
        }
        r.take_entry(e, format!("/log/entries/{i}"), &role, &mut out, &mut leaks);
    }
    let mut notes = std::mem::take(&mut r.findings);
    if !skipped.is_empty() {
        notes.push(skipped_summary(
            r.source,
            entries.start,
            items.len(),
            skipped.len(),
            &skipped,
            target,
        ));
    }
    Contents::Exchanges(out, notes, leaks)
}

pub(crate) use crate::util::url::url_path;

/// A URL for messages, without its query string (which may hold tokens).
pub(crate) fn redact_url(url: &str) -> String {
    let end = url.find(['?', '#']).unwrap_or(url.len());
    let mut s: String = url[..end].chars().take(120).collect();
    if end < url.len() {
        s.push_str("?…");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_paths() {
        assert_eq!(url_path("https://core-api.uk.plain.com/graphql/v1?x=1"), Some("/graphql/v1"));
        assert_eq!(url_path("/graphql/v1"), Some("/graphql/v1"));
        assert_eq!(url_path("https://host"), Some("/"));
        assert_eq!(url_path("graphql"), None);
        assert_eq!(
            first_operation_name("mutation upsertCustomer($i: X) {"),
            Some("upsertCustomer".into())
        );
        assert_eq!(redact_url("https://h/p?key=secret"), "https://h/p?…");
    }
}
