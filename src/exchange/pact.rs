//! Pact files (specification 2, 3 and 4) read as recorded exchanges: each
//! HTTP interaction to the GraphQL path becomes an [`Exchange`] over the same
//! positioned [`Node`] tree as a native fixture, so `check`, `coverage` and
//! `verify` take a pact wherever they take fixtures, and every finding points
//! at the pact's own file, pointer and line:col (docs/pact.md).
//!
//! A pact is recognised by its content, not its name: a JSON object with
//! `consumer`, `provider`, `interactions` (or `messages`, a V3 message pact)
//! and `metadata.pactSpecification` ([`is_pact`]). What pact-js's
//! `GraphQLInteraction`, `GraphQLPactV3` and `PactV4.addGraphQLInteraction`
//! write is a POST whose body is `{operationName, query, variables}` (V4:
//! wrapped in `{content, contentType, encoded}`), with a regex matcher on
//! `$.query` that is the query with whitespace made optional. Interactions
//! of another kind (messages, plain REST calls to other paths) are skipped,
//! and one `PA001` warning per file names them.
//!
//! Queries are matched by syntax tree, not by pact's regex: [`same_query`]
//! parses both texts with apollo-compiler and compares them with comments and
//! whitespace gone and selections, arguments and definitions in one order.
//! The regex pact-js writes is the query escaped, so it is turned back into
//! the query it was made from ([`regex_query`]) and compared with the
//! example; when they differ (a stale matcher, a hand edit), `PA002` says so,
//! since Pact's mock server takes the regex's query and `check` checks the
//! example.
//!
//! Why not the `pact_models` crate? It deserializes with serde_json into
//! structs that keep no positions, and brings the Pact foundation's whole
//! model (plugins, generators, XML) for the few keys read here.

use super::{Body, Exchange, Header, Message, Reader, Target};
use crate::diagnostic::{Code, Diagnostic};
use crate::node::{push_token, Node, Value};

/// What an exchange read from a pact carries beside the request and the
/// response: `verify` runs the provider states as `given:` and applies the
/// matching rules to what it compares; `check` does not need them.
#[derive(Debug, Clone)]
pub(crate) struct PactInfo<'a> {
    /// The consumer's name (`consumer.name`).
    pub consumer: Option<&'a str>,
    /// The provider's name (`provider.name`).
    pub provider: Option<&'a str>,
    /// Provider states, in order (`providerStates[].name/params`; a V2
    /// `providerState` string is one state without params).
    pub states: Vec<ProviderState<'a>>,
    /// The interaction's matching rules, request and response.
    pub matchers: Vec<PactMatcher>,
}

/// One provider state of an interaction.
#[derive(Debug, Clone)]
pub(crate) struct ProviderState<'a> {
    /// Its name (what a provider's state handler is keyed by).
    pub name: &'a str,
    /// Its parameters (`params`), an object, if given.
    pub params: Option<&'a Node>,
    /// Pointer of the state in the file (for `verify` to say which state
    /// failed to set up).
    #[allow(dead_code)]
    pub pointer: String,
}

/// Which message a matching rule is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    /// The request.
    Request,
    /// The response.
    Response,
}

/// One matching rule of an interaction, as Pact writes it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PactMatcher {
    /// Request or response.
    pub part: Part,
    /// Pact's category: `body`, `header`, `query`, `path` or `status`.
    pub category: String,
    /// The rule's path as written (`$.data.customers.edges[*].node.id`;
    /// for headers, the header name).
    pub path: String,
    /// For body rules: the path as a JSON pointer relative to the body,
    /// `*` standing for any key or index (`/data/customers/edges/*/node/id`).
    pub pointer: Option<String>,
    /// The rule.
    pub rule: Rule,
    /// The matcher object as written (`{"match": "type", "min": 2}`), for
    /// writing it again (`pact export`).
    pub raw: serde_json::Value,
    /// Where the rule stands in the file.
    pub at: String,
}

/// A Pact matching rule (pact specification V3 §matchers).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Rule {
    /// `type`, with optional `min`/`max` for lists.
    Type,
    /// `regex`.
    Regex(String),
    /// `equality`.
    Equality,
    /// `include` (a substring).
    Include(String),
    /// `integer`, `decimal`, `number`, `boolean`, `null`, `date`, `time`,
    /// `datetime`, `timestamp`, `values`, `semver`, `contentType`,
    /// `arrayContains`, `eachKey`, `eachValue`, `notEmpty`, `statusCode`:
    /// kept by name.
    Other(String),
}

const KNOWN_MATCHERS: &[&str] = &[
    "type",
    "regex",
    "equality",
    "include",
    "integer",
    "decimal",
    "number",
    "boolean",
    "null",
    "date",
    "time",
    "datetime",
    "timestamp",
    "values",
    "semver",
    "contentType",
    "content-type",
    "arrayContains",
    "eachKey",
    "eachValue",
    "notEmpty",
    "statusCode",
    "min",
    "max",
    "minmax",
];

/// Is this value a Pact file?
pub(crate) fn is_pact(n: &Node) -> bool {
    n.get("consumer").is_some()
        && n.get("provider").is_some()
        && (n.get("interactions").is_some() || n.get("messages").is_some())
        && n.get("metadata").is_some_and(|m| spec_node(m).is_some())
}

fn spec_node(metadata: &Node) -> Option<&Node> {
    metadata
        .get("pactSpecification")
        .or_else(|| metadata.get("pact-specification"))
        .or_else(|| metadata.get("pactSpecificationVersion"))
}

/// An interaction not taken, for the `PA001` summary.
struct Skip {
    what: String,
}

impl Reader<'_> {
    /// Reads a pact (the caller checked [`is_pact`]): the exchanges of its
    /// GraphQL interactions, and its notes (`PA001` for what was skipped).
    pub(super) fn pact<'a>(&mut self, root: &'a Node, target: &Target) -> (Vec<Exchange<'a>>, Vec<Diagnostic>) {
        let mut notes = Vec::new();
        let Some(spec) = self.spec_version(root) else {
            return (Vec::new(), std::mem::take(&mut self.findings));
        };
        let name_of = |key: &str| root.get(key).and_then(|p| p.get("name")).and_then(Node::as_str);
        let (consumer, provider) = (name_of("consumer"), name_of("provider"));
        for key in ["consumer", "provider"] {
            if let Some(p) = root.get(key) {
                if name_of(key).is_none() {
                    self.shape(p, &format!("/{key}"), format!("`{key}` must be an object with a `name` string"));
                }
            }
        }
        notes.append(&mut self.findings);
        if let Some(m) = root.get("messages") {
            let n = match &m.value {
                Value::Array(items) => items.len(),
                _ => {
                    self.shape(m, "/messages", format!("`messages` must be a list, found {}", m.kind()));
                    0
                }
            };
            notes.push(
                Diagnostic::at(
                    Code::PactSkipped,
                    format!(
                        "a message pact ({n} message{}): messages are not HTTP exchanges; skipped",
                        plural(n)
                    ),
                    self.source,
                    m.start,
                    1,
                )
                .with_pointer("/messages"),
            );
            notes.extend(std::mem::take(&mut self.findings));
            return (Vec::new(), notes);
        }
        let Some(list) = root.get("interactions") else {
            return (Vec::new(), std::mem::take(&mut self.findings));
        };
        let Value::Array(items) = &list.value else {
            self.shape(
                list,
                "/interactions",
                format!("`interactions` must be a list, found {}", list.kind()),
            );
            return (Vec::new(), std::mem::take(&mut self.findings));
        };
        let mut out = Vec::new();
        let mut skipped = Vec::new();
        for (i, it) in items.iter().enumerate() {
            let p = format!("/interactions/{i}");
            if it.members().is_none() {
                self.shape(it, &p, format!("an interaction must be an object, found {}", it.kind()));
                out.push(super::empty(it, p, self));
                continue;
            }
            match self.interaction(it, &p, spec, target) {
                Ok(mut ex) => {
                    if let Some(info) = ex.pact.as_mut() {
                        info.consumer = consumer;
                        info.provider = provider;
                    }
                    out.push(ex)
                }
                Err(Some(skip)) => {
                    // A skipped interaction's own findings (a description
                    // that is not a string) are the file's.
                    notes.append(&mut self.findings);
                    skipped.push(skip)
                }
                Err(None) => out.push(super::empty(it, p, self)),
            }
        }
        notes.extend(std::mem::take(&mut self.findings));
        if !skipped.is_empty() {
            let mut d = Diagnostic::at(
                Code::PactSkipped,
                format!(
                    "{} of {} interactions are not GraphQL over HTTP to {}{}; skipped",
                    skipped.len(),
                    items.len(),
                    target.base_path,
                    target.graphql_path
                ),
                self.source,
                list.start,
                1,
            )
            .with_pointer("/interactions");
            for s in skipped.iter().take(5) {
                d = d.with_note(format!("skipped: {}", s.what));
            }
            if skipped.len() > 5 {
                d = d.with_note(format!("and {} more", skipped.len() - 5));
            }
            notes.push(d);
        }
        (out, notes)
    }

    /// `metadata.pactSpecification.version` → its major version, or an
    /// HX001 finding.
    fn spec_version(&mut self, root: &Node) -> Option<u8> {
        let meta = root.get("metadata")?;
        let (node, ptr) = match (meta.get("pactSpecification"), meta.get("pact-specification")) {
            (Some(n), _) => (n, "/metadata/pactSpecification"),
            (None, Some(n)) => (n, "/metadata/pact-specification"),
            // Pact 1.1's `pactSpecificationVersion: "1.1.0"`.
            (None, None) => (meta.get("pactSpecificationVersion")?, "/metadata/pactSpecificationVersion"),
        };
        let (text, at, at_ptr) = match node.get("version") {
            Some(v) => (v.as_str(), v, format!("{ptr}/version")),
            None if node.as_str().is_some() => (node.as_str(), node, ptr.to_string()),
            None => {
                self.shape(node, ptr, "`pactSpecification` must be an object with a `version` string".into());
                return None;
            }
        };
        let major = text.and_then(|t| t.split('.').next()).and_then(|m| m.parse::<u8>().ok());
        match major {
            Some(m @ 1..=4) => Some(m),
            _ => {
                let found = text.map_or(at.kind().to_string(), |t| format!("`{t}`"));
                self.shape(
                    at,
                    &at_ptr,
                    format!("the pact specification version must be a string `1.x` to `4.x`, found {found}"),
                );
                None
            }
        }
    }

    /// One interaction: `Ok` an exchange to check, `Err(Some)` skipped (not
    /// GraphQL over HTTP), `Err(None)` malformed (findings made).
    fn interaction<'a>(&mut self, it: &'a Node, p: &str, spec: u8, target: &Target) -> Result<Exchange<'a>, Option<Skip>> {
        let before = self.findings.len();
        let description = match it.get("description") {
            Some(d) => match d.as_str() {
                Some(s) => Some(s),
                None => {
                    self.shape(
                        d,
                        &push_token(p, "description"),
                        format!("`description` must be a string, found {}", d.kind()),
                    );
                    None
                }
            },
            None => {
                self.shape(it, p, "an interaction must have a `description`".into());
                None
            }
        };
        let label = description.unwrap_or("?");
        if spec >= 4 {
            match it.get("type").map(|t| (t, t.as_str())) {
                None | Some((_, Some("Synchronous/HTTP"))) => {}
                Some((_, Some(kind))) => {
                    return Err(Some(Skip {
                        what: format!("{kind} \"{label}\""),
                    }))
                }
                Some((t, None)) => {
                    self.shape(t, &push_token(p, "type"), format!("`type` must be a string, found {}", t.kind()));
                    return Err(None);
                }
            }
        }
        let req_ptr = push_token(p, "request");
        let Some(req) = it.get("request") else {
            self.shape(it, p, "an HTTP interaction must have a `request`".into());
            return Err(None);
        };
        if req.members().is_none() {
            self.shape(req, &req_ptr, format!("`request` must be an object, found {}", req.kind()));
            return Err(None);
        }
        let method = self.string(req, "method", &req_ptr);
        let path = self.string(req, "path", &req_ptr);
        if req.get("method").is_none() {
            self.shape(req, &req_ptr, "a pact request must have a `method`".into());
        }
        if req.get("path").is_none() {
            self.shape(req, &req_ptr, "a pact request must have a `path`".into());
        }
        let (body, body_pointer) = self.pact_body(req, &req_ptr, spec);
        let has_query = match body {
            Body::Data(b) => b.get("query").is_some(),
            Body::Text(_, t) => serde_json::from_str::<serde_json::Value>(t).is_ok_and(|v| v.get("query").is_some()),
            Body::None | Body::Opaque => false,
        };
        let to_graphql = path.is_some_and(|(s, _)| super::url_path(s) == Some(&format!("{}{}", target.base_path, target.graphql_path)));
        if !to_graphql && !has_query && self.findings.len() == before {
            let m = method.map_or("?", |(m, _)| m);
            let pth = path.map_or("?", |(s, _)| s);
            return Err(Some(Skip {
                what: format!("{m} {} \"{label}\"", super::redact_url(pth)),
            }));
        }
        let headers = self.pact_headers(req, &req_ptr);
        let request = Message {
            node: req,
            pointer: req_ptr.clone(),
            headers,
            body,
            body_pointer,
            method,
            target: path.map(|(s, n)| (s, n, push_token(&req_ptr, "path"))),
            status: None,
        };
        let resp_ptr = push_token(p, "response");
        let response = match it.get("response") {
            Some(r) if r.members().is_some() => {
                let status = self.status(r, "status", &resp_ptr);
                let headers = self.pact_headers(r, &resp_ptr);
                let (body, body_pointer) = self.pact_body(r, &resp_ptr, spec);
                Some(Message {
                    node: r,
                    pointer: resp_ptr.clone(),
                    headers,
                    body,
                    body_pointer,
                    method: None,
                    target: None,
                    status,
                })
            }
            Some(r) => {
                self.shape(r, &resp_ptr, format!("`response` must be an object, found {}", r.kind()));
                None
            }
            None => {
                self.shape(it, p, "an HTTP interaction must have a `response`".into());
                None
            }
        };
        let states = self.states(it, p);
        let mut matchers = Vec::new();
        for (part, msg, mp) in [
            (Part::Request, Some(req), &req_ptr),
            (Part::Response, it.get("response"), &resp_ptr),
        ] {
            if let Some(m) = msg.and_then(|m| m.get("matchingRules")) {
                self.matching_rules(m, &push_token(mp, "matchingRules"), part, spec, &mut matchers);
            }
        }
        self.query_matcher(&request, &matchers);
        Ok(Exchange {
            node: it,
            pointer: p.to_string(),
            name: description,
            request: Some(request),
            response,
            findings: std::mem::take(&mut self.findings),
            expect: None,
            pact: Some(PactInfo {
                consumer: None,
                provider: None,
                states,
                matchers,
            }),
        })
    }

    /// A pact message's body: V4 `{content, contentType, encoded}`, earlier
    /// versions the value itself (text when it is a string and the message's
    /// Content-Type is not JSON).
    fn pact_body<'a>(&mut self, m: &'a Node, ptr: &str, spec: u8) -> (Body<'a>, String) {
        let bptr = push_token(ptr, "body");
        let Some(b) = m.get("body") else { return (Body::None, bptr) };
        if spec < 4 {
            let json = content_type_of(m).is_none_or(|t| t.contains("json"));
            return match b.as_str() {
                Some(s) if !json => (Body::Text(b, s), bptr),
                _ => (Body::Data(b), bptr),
            };
        }
        if b.members().is_none() {
            self.shape(
                b,
                &bptr,
                format!("a V4 body must be an object {{content, contentType, encoded}}, found {}", b.kind()),
            );
            return (Body::Opaque, bptr);
        }
        let cptr = push_token(&bptr, "content");
        let Some(c) = b.get("content") else { return (Body::None, cptr) };
        let encoded = b.get("encoded");
        match encoded.map(|e| &e.value) {
            None | Some(Value::Bool(false)) | Some(Value::Null) => match c.as_str() {
                Some(s) => (Body::Text(c, s), cptr),
                None => (Body::Data(c), cptr),
            },
            Some(Value::String(e)) if e == "json" => match c.as_str() {
                Some(s) => (Body::Text(c, s), cptr),
                None => (Body::Data(c), cptr),
            },
            Some(Value::String(e)) if e == "base64" => {
                self.shape(c, &cptr, "a base64-encoded body cannot be checked; write the body as JSON".into());
                (Body::Opaque, cptr)
            }
            Some(Value::Bool(true)) => {
                self.shape(
                    c,
                    &cptr,
                    "an encoded (base64) body cannot be checked; write the body as JSON".into(),
                );
                (Body::Opaque, cptr)
            }
            _ => {
                let e = encoded.unwrap_or(b);
                self.shape(
                    e,
                    &push_token(&bptr, "encoded"),
                    format!("`encoded` takes false, true, `base64` or `json`, found {}", e.kind()),
                );
                (Body::Opaque, cptr)
            }
        }
    }

    /// Headers: a map of strings (V2, V3) or of lists of strings (V4), one
    /// [`Header`] per value.
    fn pact_headers<'a>(&mut self, m: &'a Node, ptr: &str) -> Vec<Header<'a>> {
        let Some(h) = m.get("headers") else { return Vec::new() };
        let hptr = push_token(ptr, "headers");
        let Some(members) = h.members() else {
            self.shape(h, &hptr, format!("`headers` must be a map, found {}", h.kind()));
            return Vec::new();
        };
        let mut out = Vec::new();
        for (k, v) in members {
            let p = push_token(&hptr, &k.name);
            let one = |value: &'a Node, pointer: String| {
                value.as_str().map(|s| Header {
                    name: k.name.to_ascii_lowercase(),
                    value: s,
                    node: value,
                    pointer,
                })
            };
            match &v.value {
                Value::String(_) => out.extend(one(v, p)),
                Value::Array(items) => {
                    for (i, item) in items.iter().enumerate() {
                        let ip = push_token(&p, &i.to_string());
                        match one(item, ip.clone()) {
                            Some(hd) => out.push(hd),
                            None => self.shape(
                                item,
                                &ip,
                                format!("header `{}` values must be strings, found {}", k.name, item.kind()),
                            ),
                        }
                    }
                }
                _ => self.shape(
                    v,
                    &p,
                    format!("header `{}` must be a string or a list of strings, found {}", k.name, v.kind()),
                ),
            }
        }
        out
    }

    /// `providerStates` (V3, V4) or `providerState` (V2).
    fn states<'a>(&mut self, it: &'a Node, p: &str) -> Vec<ProviderState<'a>> {
        let mut out = Vec::new();
        if let Some(s) = it.get("providerState") {
            let sp = push_token(p, "providerState");
            match s.as_str() {
                Some(name) => out.push(ProviderState {
                    name,
                    params: None,
                    pointer: sp,
                }),
                None => self.shape(s, &sp, format!("`providerState` must be a string, found {}", s.kind())),
            }
        }
        let Some(list) = it.get("providerStates") else { return out };
        let lp = push_token(p, "providerStates");
        let Value::Array(items) = &list.value else {
            self.shape(list, &lp, format!("`providerStates` must be a list, found {}", list.kind()));
            return out;
        };
        for (i, s) in items.iter().enumerate() {
            let sp = push_token(&lp, &i.to_string());
            let Some(name) = s.get("name").and_then(Node::as_str) else {
                self.shape(s, &sp, "a provider state must be an object with a `name` string".into());
                continue;
            };
            let params = s.get("params");
            if let Some(pm) = params.filter(|pm| pm.members().is_none() && pm.value != Value::Null) {
                self.shape(
                    pm,
                    &push_token(&sp, "params"),
                    format!("`params` must be an object, found {}", pm.kind()),
                );
            }
            out.push(ProviderState {
                name,
                params: params.filter(|pm| pm.members().is_some()),
                pointer: sp,
            });
        }
        out
    }

    /// `matchingRules` of a request or response: V3/V4 `{category: {path:
    /// {matchers: [...], combine}}}` (`path`, `status`: `{matchers}` alone),
    /// V2 a flat map `{"$.body.x": {match, regex}}`.
    fn matching_rules(&mut self, rules: &Node, ptr: &str, part: Part, spec: u8, out: &mut Vec<PactMatcher>) {
        let Some(members) = rules.members() else {
            self.shape(rules, ptr, format!("`matchingRules` must be an object, found {}", rules.kind()));
            return;
        };
        for (k, v) in members {
            let kp = push_token(ptr, &k.name);
            if spec <= 2 {
                // `$.body.data.id`, `$.headers.Content-Type`, `$.path`, `$.query.x`.
                let rest = k.name.strip_prefix("$.").unwrap_or(&k.name);
                let (category, path) = match rest.split_once('.') {
                    Some(("body", tail)) => ("body", format!("$.{tail}")),
                    Some(("headers", tail)) => ("header", tail.to_string()),
                    Some((c, tail)) => (c, tail.to_string()),
                    None if rest == "body" => ("body", "$".to_string()),
                    None => (rest, String::new()),
                };
                self.one_rule(v, &kp, part, category, &path, out);
                continue;
            }
            match k.name.as_str() {
                "path" | "status" if v.get("matchers").is_some() => self.rule_list(v, &kp, part, &k.name, "", out),
                category => {
                    let Some(paths) = v.members() else {
                        self.shape(
                            v,
                            &kp,
                            format!("matching rules for `{category}` must be an object, found {}", v.kind()),
                        );
                        continue;
                    };
                    for (path, r) in paths {
                        self.rule_list(r, &push_token(&kp, &path.name), part, category, &path.name, out);
                    }
                }
            }
        }
    }

    fn rule_list(&mut self, r: &Node, ptr: &str, part: Part, category: &str, path: &str, out: &mut Vec<PactMatcher>) {
        let mp = push_token(ptr, "matchers");
        match r.get("matchers").map(|m| &m.value) {
            Some(Value::Array(items)) => {
                for (i, m) in items.iter().enumerate() {
                    self.one_rule(m, &push_token(&mp, &i.to_string()), part, category, path, out);
                }
            }
            Some(_) => self.shape(r, &mp, "`matchers` must be a list of matchers".into()),
            None => self.shape(r, ptr, "a matching rule must be an object with a `matchers` list".into()),
        }
        if let Some(c) = r.get("combine") {
            if !matches!(c.as_str(), Some("AND" | "OR")) {
                self.shape(
                    c,
                    &push_token(ptr, "combine"),
                    format!("`combine` takes `AND` or `OR`, found {}", c.kind()),
                );
            }
        }
    }

    fn one_rule(&mut self, m: &Node, ptr: &str, part: Part, category: &str, path: &str, out: &mut Vec<PactMatcher>) {
        if m.members().is_none() {
            self.shape(m, ptr, format!("a matcher must be an object, found {}", m.kind()));
            return;
        }
        // V2 may leave `match` out: `{"regex": ...}` is a regex, `{"min": 1}` a type.
        let kind = match m.get("match") {
            Some(k) => match k.as_str() {
                Some(s) if KNOWN_MATCHERS.contains(&s) => s.to_string(),
                Some(s) => {
                    self.shape(k, &push_token(ptr, "match"), format!("unknown matcher `{s}`"));
                    return;
                }
                None => {
                    self.shape(
                        k,
                        &push_token(ptr, "match"),
                        format!("`match` must be a string, found {}", k.kind()),
                    );
                    return;
                }
            },
            None if m.get("regex").is_some() => "regex".to_string(),
            None => "type".to_string(),
        };
        let text = |key: &str, this: &mut Self| -> Option<String> {
            match m.get(key) {
                Some(n) => match n.as_str() {
                    Some(s) => Some(s.to_string()),
                    None => {
                        this.shape(n, &push_token(ptr, key), format!("`{key}` must be a string, found {}", n.kind()));
                        None
                    }
                },
                None => {
                    this.shape(m, ptr, format!("a `{kind}` matcher must have a `{key}`"));
                    None
                }
            }
        };
        let rule = match kind.as_str() {
            "type" | "min" | "max" | "minmax" => Rule::Type,
            "equality" => Rule::Equality,
            "regex" => {
                let Some(re) = text("regex", self) else { return };
                if let Err(e) = regex::Regex::new(&re) {
                    let n = m.get("regex").unwrap_or(m);
                    let first = e.to_string().lines().last().unwrap_or("").trim().to_string();
                    self.shape(n, &push_token(ptr, "regex"), format!("the regex does not compile: {first}"));
                    return;
                }
                Rule::Regex(re)
            }
            "include" => {
                let Some(v) = text("value", self) else { return };
                Rule::Include(v)
            }
            other => Rule::Other(other.to_string()),
        };
        let pointer = (category == "body").then(|| json_path_pointer(path)).flatten();
        if category == "body" && pointer.is_none() {
            self.shape(
                m,
                ptr,
                format!("the body path `{path}` is not a JSON path this reader takes (`$.a.b[0]`, `$['a-b']`, `[*]`, `.*`)"),
            );
            return;
        }
        out.push(PactMatcher {
            part,
            category: category.to_string(),
            path: path.to_string(),
            pointer,
            rule,
            raw: m.to_json(),
            at: ptr.to_string(),
        });
    }

    /// PA002 when the request's `$.query` regex describes another operation
    /// than the example query (compared by syntax tree), or does not match it.
    fn query_matcher(&mut self, req: &Message, matchers: &[PactMatcher]) {
        let Body::Data(body) = req.body else { return };
        let Some(qn) = body.get("query") else { return };
        let Some(example) = qn.as_str() else { return };
        for m in matchers
            .iter()
            .filter(|m| m.part == Part::Request && m.pointer.as_deref() == Some("/query"))
        {
            let Rule::Regex(re) = &m.rule else { continue };
            let finding = match regex_query(re) {
                Some(made_from) => match same_query(&made_from, example) {
                    Some(false) => Some("the `$.query` regex matcher was made from another operation than the example `query` (compared by syntax tree: whitespace, comments and field order do not count)"),
                    _ => None,
                },
                None => regex::Regex::new(re)
                    .ok()
                    .filter(|r| !r.is_match(example))
                    .map(|_| "the `$.query` regex matcher does not match the example `query`"),
            };
            if let Some(msg) = finding {
                self.findings.push(
                    Diagnostic::at(Code::PactQueryMatcher, msg, self.source, qn.start, qn.len)
                        .with_pointer(push_token(&req.body_pointer, "query"))
                        .with_note(format!("the matcher is at {}", m.at))
                        .with_note("Pact's mock server answers the regex's query; plain-contract checks the example"),
                );
            }
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn content_type_of(m: &Node) -> Option<String> {
    m.get("headers")?
        .members()?
        .iter()
        .find(|(k, _)| k.name.eq_ignore_ascii_case("content-type"))
        .and_then(|(_, v)| match &v.value {
            Value::String(s) => Some(s.to_ascii_lowercase()),
            Value::Array(items) => items.first().and_then(Node::as_str).map(str::to_ascii_lowercase),
            _ => None,
        })
}

/// A Pact body path (`$.a.b[0].c`, `$['a.b']`, `$.a[*]`, `$.a.*`) as a JSON
/// pointer relative to the body, `*` for a wildcard; `None` when it is not
/// one of these forms.
pub(crate) fn json_path_pointer(path: &str) -> Option<String> {
    let rest = path.strip_prefix('$')?;
    let bytes: Vec<char> = rest.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            '.' => {
                let start = i + 1;
                let mut j = start;
                while j < bytes.len() && bytes[j] != '.' && bytes[j] != '[' {
                    j += 1;
                }
                let token: String = bytes[start..j].iter().collect();
                if token.is_empty() {
                    return None;
                }
                out = push_token(&out, &token);
                i = j;
            }
            '[' => {
                let close = bytes[i..].iter().position(|c| *c == ']')? + i;
                let inner: String = bytes[i + 1..close].iter().collect();
                let token = if let Some(q) = inner.strip_prefix('\'').and_then(|s| s.strip_suffix('\'')) {
                    q.to_string()
                } else if inner == "*" || inner.parse::<usize>().is_ok() {
                    inner
                } else {
                    return None;
                };
                out = push_token(&out, &token);
                i = close + 1;
            }
            _ => return None,
        }
    }
    Some(out)
}

/// The query a pact-js regex matcher was made from: pact-js escapes
/// `-[]/{}()*+?.\^$|` with a backslash and turns each run of whitespace into
/// `\s*` (`escapeGraphQlQuery`); undoing that gives the query back, spaced.
/// `None` when the regex holds anything else (a hand-written pattern).
pub(crate) fn regex_query(re: &str) -> Option<String> {
    let mut out = String::with_capacity(re.len());
    let mut chars = re.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next()? {
                's' => {
                    if chars.next() != Some('*') {
                        return None;
                    }
                    out.push(' ');
                }
                e if "-[]/{}()*+?.\\^$|".contains(e) => out.push(e),
                _ => return None,
            },
            c if "[]{}()*+?.^$|".contains(c) => return None,
            c => out.push(c),
        }
    }
    Some(out)
}

/// Do two GraphQL documents say the same thing? Both are parsed; comments,
/// whitespace, commas, and the order of selections, arguments, object fields
/// and definitions do not count. `None` when either does not parse.
pub(crate) fn same_query(a: &str, b: &str) -> Option<bool> {
    Some(normalized(a)? == normalized(b)?)
}

/// A document printed in one canonical form (see [`same_query`]).
pub(crate) fn normalized(text: &str) -> Option<String> {
    use apollo_compiler::ast::{Definition, Document};
    let mut doc = Document::parse(text, "query.graphql").ok()?;
    for def in &mut doc.definitions {
        match def {
            Definition::OperationDefinition(op) => {
                let op = op.make_mut();
                sort_selections(&mut op.selection_set);
                op.variables.sort_by(|x, y| x.name.cmp(&y.name));
            }
            Definition::FragmentDefinition(f) => sort_selections(&mut f.make_mut().selection_set),
            _ => {}
        }
    }
    let mut defs: Vec<String> = doc.definitions.iter().map(|d| d.to_string()).collect();
    defs.sort();
    Some(defs.join("\n"))
}

fn sort_selections(set: &mut [apollo_compiler::ast::Selection]) {
    use apollo_compiler::ast::Selection;
    for s in set.iter_mut() {
        match s {
            Selection::Field(f) => {
                let f = f.make_mut();
                f.arguments.sort_by(|x, y| x.name.cmp(&y.name));
                sort_selections(&mut f.selection_set);
            }
            Selection::InlineFragment(f) => sort_selections(&mut f.make_mut().selection_set),
            Selection::FragmentSpread(_) => {}
        }
    }
    set.sort_by_cached_key(|s| s.to_string());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exchange::{read, Contents};
    use crate::node::Syntax;
    use crate::source::Source;

    /// Reads a pact's text as `check` does; the exchanges' codes and pacts.
    fn with_pact(text: &str, f: impl FnOnce(&[Exchange], &[Diagnostic])) {
        let src = Source::new("p.json", text);
        let root = crate::node::parse(&src, Syntax::Json).expect("JSON");
        let contract = crate::contract::Contract::embedded().expect("contract");
        match read(&src, &root, &Target::of(&contract, &[])) {
            Contents::Exchanges(list, notes, _) => f(&list, &notes),
            Contents::Other => panic!("a pact is read as exchanges"),
        }
    }

    #[test]
    fn provider_states_and_matching_rules_are_carried_for_verify() {
        with_pact(
            include_str!("../../tests/data/pact/support-dashboard-plain-customers.json"),
            |list, notes| {
                assert_eq!(list.len(), 1);
                assert_eq!(notes.iter().map(|d| d.code).collect::<Vec<_>>(), [Code::PactSkipped]);
                let info = list[0].pact.as_ref().expect("pact info");
                assert_eq!((info.consumer, info.provider), (Some("support-dashboard"), Some("plain-customers")));
                let states: Vec<(&str, Option<serde_json::Value>)> =
                    info.states.iter().map(|s| (s.name, s.params.map(Node::to_json))).collect();
                assert_eq!(
                    states,
                    [
                        ("two customers exist", Some(serde_json::json!({"count": 2}))),
                        ("the caller may read customers", None)
                    ]
                );
                assert_eq!(info.states[1].pointer, "/interactions/0/providerStates/1");
                let rule = |part: Part, ptr: &str| {
                    info.matchers
                        .iter()
                        .find(|m| m.part == part && m.pointer.as_deref() == Some(ptr))
                        .map(|m| &m.rule)
                };
                assert!(matches!(rule(Part::Request, "/query"), Some(Rule::Regex(_))));
                assert_eq!(rule(Part::Response, "/data/customers/edges/*/node/id"), Some(&Rule::Type));
                assert_eq!(rule(Part::Response, "/data/customers/edges"), Some(&Rule::Type));
                // The V4 body is read where it stands: the `content` of `body`.
                assert_eq!(
                    list[0].request.as_ref().map(|r| r.body_pointer.as_str()),
                    Some("/interactions/0/request/body/content")
                );
                assert_eq!(list[0].label(), "a customers page");
            },
        );
    }

    #[test]
    fn a_hand_written_query_regex_must_match_the_example() {
        let base = include_str!("../../tests/corpus/exchanges/ok/pact-v3-graphql.json");
        let mut doc: serde_json::Value = serde_json::from_str(base).expect("JSON");
        let at = "/interactions/0/request/matchingRules/body/$.query/matchers/0/regex";
        for (regex, findings) in [(r"^query customer\b.*", 0), (r"^mutation\b.*", 1)] {
            *doc.pointer_mut(at).expect("the query matcher") = regex.into();
            with_pact(&doc.to_string(), |list, _| {
                let codes: Vec<Code> = list[0].findings.iter().map(|d| d.code).collect();
                assert_eq!(codes, vec![Code::PactQueryMatcher; findings], "{regex}");
            });
        }
    }

    #[test]
    fn a_v2_provider_state_and_flat_rules_are_read() {
        with_pact(
            include_str!("../../tests/corpus/exchanges/ok/pact-v2-graphql.json"),
            |list, notes| {
                assert!(notes.is_empty(), "{notes:?}");
                let info = list[0].pact.as_ref().expect("pact info");
                assert_eq!(info.states.iter().map(|s| s.name).collect::<Vec<_>>(), ["a customer exists"]);
                let ptrs: Vec<(Part, Option<&str>)> = info.matchers.iter().map(|m| (m.part, m.pointer.as_deref())).collect();
                assert_eq!(
                    ptrs,
                    [(Part::Request, Some("/query")), (Part::Response, Some("/data/customer/fullName"))]
                );
            },
        );
    }

    #[test]
    fn json_paths_become_pointers() {
        assert_eq!(
            json_path_pointer("$.data.customers.edges[*].node.id").as_deref(),
            Some("/data/customers/edges/*/node/id")
        );
        assert_eq!(json_path_pointer("$['a/b'].c[0]").as_deref(), Some("/a~1b/c/0"));
        assert_eq!(json_path_pointer("$").as_deref(), Some(""));
        assert_eq!(json_path_pointer("$.a.*").as_deref(), Some("/a/*"));
        assert_eq!(json_path_pointer("data.x"), None);
        assert_eq!(json_path_pointer("$[?(@.a)]"), None);
    }

    #[test]
    fn a_pact_js_regex_gives_its_query_back() {
        let q = "query customers($first: Int!) {\n  customers(first: $first) { edges { node { id } } }\n}";
        // pact-js's escapeGraphQlQuery, written out.
        let re = r"query\s*customers\(\$first:\s*Int!\)\s*\{\s*customers\(first:\s*\$first\)\s*\{\s*edges\s*\{\s*node\s*\{\s*id\s*\}\s*\}\s*\}\s*\}";
        let back = regex_query(re).expect("pact-js form");
        assert_eq!(same_query(&back, q), Some(true));
        assert_eq!(regex_query("query.*"), None);
    }

    #[test]
    fn queries_are_compared_by_syntax_tree() {
        let a = "query q($b: Int, $a: Int) { x(b: 1, a: 2) { id name } y }";
        let b = "# a comment\nquery q($a: Int, $b: Int) {\n  y\n  x(a: 2, b: 1) {\n    name,\n    id\n  }\n}";
        assert_eq!(same_query(a, b), Some(true));
        assert_eq!(same_query(a, "query q($a: Int, $b: Int) { x(a: 2, b: 1) { id } y }"), Some(false));
        assert_eq!(same_query(a, "query q { x(a: 3, b: 1) { id name } y }"), Some(false));
        assert_eq!(same_query(a, "query {"), None);
        // Fragments: their order in the document does not count either.
        let f1 = "query q { c { ...A ...B } } fragment A on C { a } fragment B on C { b }";
        let f2 = "fragment B on C { b } query q { c { ...B ...A } } fragment A on C { a }";
        assert_eq!(same_query(f1, f2), Some(true));
    }
}
