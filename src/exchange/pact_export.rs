//! Recorded exchanges written as a Pact V4 file (`plain-contract pact
//! export`, docs/pact.md): one `Synchronous/HTTP` interaction per exchange
//! with a response, in the shape pact-js's `PactV4.addGraphQLInteraction`
//! writes, so the Pact verifier (`pact_verifier_cli`, or pact-js's
//! `Verifier`, the same Rust core) replays them against a provider.
//!
//! - The request keeps its method, path, Content-Type and body; the
//!   `$.query` gets pact-js's whitespace-insensitive regex matcher
//!   ([`pact_js_regex`]), so a consumer's mock server takes the query however
//!   it is spaced. `Authorization` and every other credential header are
//!   never written: the verifier adds the key (`--header`,
//!   `customProviderHeaders`).
//! - The response keeps its status, Content-Type and body. Values that
//!   differ by nature between two runs of the same exchange get a `type`
//!   matcher, so the verifier compares their kind and not their value: ids
//!   (`id`, `…Id`), timestamps (`iso8601`, `unixTimestamp`) and cursors
//!   (`cursor`, `startCursor`, `endCursor`).
//! - Provider states come from the exchange (a pact read back keeps its own).
//!
//! Written here because the Pact V4 shape is a few keys of JSON; the
//! `pact_models` crate would bring the Pact foundation's whole model.

use super::pact::Part;
use super::{Body, Exchange, Expect, Message};
use crate::node::Node;
use serde_json::{json, Map, Value as Json};

/// Keys whose values differ by nature between runs (see the module docs).
fn differs_by_nature(key: &str) -> bool {
    matches!(key, "id" | "iso8601" | "unixTimestamp" | "cursor" | "startCursor" | "endCursor")
        || (key.len() > 2 && key.ends_with("Id") && key.chars().next().is_some_and(char::is_lowercase))
}

/// The regex pact-js writes for a query (`escapeGraphQlQuery`): the
/// characters `-[]/{}()*+?.\^$|` escaped, each run of whitespace `\s*`.
pub(crate) fn pact_js_regex(query: &str) -> String {
    let mut out = String::with_capacity(query.len() * 2);
    let mut in_space = false;
    for c in query.chars() {
        if c.is_whitespace() {
            if !in_space {
                out.push_str("\\s*");
            }
            in_space = true;
            continue;
        }
        in_space = false;
        if "-[]/{}()*+?.\\^$|".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A pact under construction.
pub(crate) struct PactWriter {
    consumer: String,
    provider: String,
    interactions: Vec<Json>,
    descriptions: std::collections::HashMap<String, usize>,
    /// Exchanges left out, and why (`file#pointer: no response`).
    pub skipped: Vec<String>,
}

impl PactWriter {
    /// An empty pact between `consumer` and `provider`.
    pub(crate) fn new(consumer: &str, provider: &str) -> PactWriter {
        PactWriter {
            consumer: consumer.to_string(),
            provider: provider.to_string(),
            interactions: Vec::new(),
            descriptions: Default::default(),
            skipped: Vec::new(),
        }
    }

    /// How many interactions were added.
    pub(crate) fn len(&self) -> usize {
        self.interactions.len()
    }

    /// Adds one exchange of `file`, whose expectation is `expect` (the
    /// exchange's own, else the file's). Left out, and said why: an exchange
    /// without a request or a response (a pact interaction needs both), and
    /// a recorded rejection (`expect: rejected` or `either`): Pact has no
    /// place for the expectation, and the verifier adds the key to every
    /// request, so a refusal (a missing key's 401) is not replayed as it was.
    pub(crate) fn add(&mut self, file: &str, ex: &Exchange, expect: Option<Expect>) {
        if let Some(e @ (Expect::Rejected | Expect::Either)) = expect {
            let what = if e == Expect::Rejected { "rejected" } else { "either" };
            self.skipped
                .push(format!("{}: a recorded rejection (expect: {what})", place(file, ex)));
            return;
        }
        let (Some(req), Some(resp)) = (&ex.request, &ex.response) else {
            self.skipped.push(format!(
                "{file}#{}: no {}",
                ex.pointer,
                if ex.request.is_none() { "request" } else { "response" }
            ));
            return;
        };
        let Some((status, _)) = resp.status else {
            self.skipped.push(format!("{}: no status", place(file, ex)));
            return;
        };
        let mut description = ex.label();
        let n = self.descriptions.entry(description.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            description = format!("{description} #{n}");
        }
        let path = req
            .target
            .as_ref()
            .and_then(|(t, _, _)| super::url_path(t))
            .unwrap_or("/")
            .to_string();
        let mut request = Map::new();
        request.insert("method".into(), json!(req.method.map_or("POST", |(m, _)| m)));
        request.insert("path".into(), json!(path));
        let req_type = content_type(req).unwrap_or("application/json").to_string();
        request.insert("headers".into(), json!({ "Content-Type": [req_type] }));
        let req_body = body_json(req.body);
        if let Some(b) = &req_body {
            request.insert("body".into(), v4_body(b, &req_type));
        }
        if let Some(q) = req_body.as_ref().and_then(|b| b.get("query")).and_then(Json::as_str) {
            request.insert(
                "matchingRules".into(),
                json!({ "body": { "$.query": { "combine": "AND", "matchers": [ { "match": "regex", "regex": pact_js_regex(q) } ] } } }),
            );
        }
        let mut response = Map::new();
        let mut own: Vec<String> = Vec::new();
        response.insert("status".into(), json!(status));
        let mut headers = Map::new();
        let mut header_rules = Map::new();
        if let Some(t) = content_type(resp) {
            headers.insert("Content-Type".into(), json!([t]));
        }
        if status == 429 {
            // Plain's rule PL007: a 429 carries its limits. Their values
            // differ by nature: present, any value.
            for h in resp.headers.iter().filter(|h| h.name.starts_with("x-ratelimit-")) {
                headers.insert(h.name.clone(), json!([h.value]));
                header_rules.insert(
                    h.name.clone(),
                    json!({ "combine": "AND", "matchers": [ { "match": "regex", "regex": "^.+$" } ] }),
                );
            }
        }
        if !headers.is_empty() {
            response.insert("headers".into(), Json::Object(headers));
        }
        if let Some(b) = body_json(resp.body) {
            let mut rules = Map::new();
            nature_rules(&b, "$", &mut rules);
            // A pact read back keeps its own response body rules (over ours at the same path).
            for m in ex.pact.iter().flat_map(|p| &p.matchers) {
                if m.part == Part::Response && m.category == "body" {
                    let entry = rules
                        .entry(m.path.clone())
                        .or_insert_with(|| json!({ "combine": "AND", "matchers": [] }));
                    if let Some(list) = entry.get_mut("matchers").and_then(Json::as_array_mut) {
                        if !own.contains(&m.path) {
                            list.clear();
                            own.push(m.path.clone());
                        }
                        list.push(m.raw.clone());
                    }
                }
            }
            response.insert("body".into(), v4_body(&b, content_type(resp).unwrap_or("application/json")));
            if !rules.is_empty() {
                response.insert("matchingRules".into(), json!({ "body": rules }));
            }
        }
        if !header_rules.is_empty() {
            let rules = response.entry("matchingRules").or_insert_with(|| json!({}));
            if let Some(m) = rules.as_object_mut() {
                m.insert("header".into(), Json::Object(header_rules));
            }
        }
        let mut it = Map::new();
        it.insert("type".into(), json!("Synchronous/HTTP"));
        it.insert("description".into(), json!(description));
        if let Some(p) = &ex.pact {
            if !p.states.is_empty() {
                let states: Vec<Json> = p
                    .states
                    .iter()
                    .map(|s| match s.params {
                        Some(params) => json!({ "name": s.name, "params": params.to_json() }),
                        None => json!({ "name": s.name }),
                    })
                    .collect();
                it.insert("providerStates".into(), Json::Array(states));
            }
        }
        it.insert("request".into(), Json::Object(request));
        it.insert("response".into(), Json::Object(response));
        it.insert("pending".into(), json!(false));
        self.interactions.push(Json::Object(it));
    }

    /// The Pact V4 document.
    pub(crate) fn finish(self) -> Json {
        json!({
            "consumer": { "name": self.consumer },
            "provider": { "name": self.provider },
            "interactions": self.interactions,
            "metadata": {
                "pactSpecification": { "version": "4.0" },
                "plain-contract": { "version": env!("CARGO_PKG_VERSION") }
            }
        })
    }
}

/// `file` or `file#pointer`, for what was left out.
fn place(file: &str, ex: &Exchange) -> String {
    if ex.pointer.is_empty() {
        file.to_string()
    } else {
        format!("{file}#{}", ex.pointer)
    }
}

fn content_type<'a>(m: &Message<'a>) -> Option<&'a str> {
    m.header("content-type").map(|h| h.value)
}

/// A recorded body as JSON (a text body parsed; text that is not JSON kept
/// as a string).
fn body_json(b: Body) -> Option<Json> {
    match b {
        Body::None | Body::Opaque => None,
        Body::Data(n) => Some(Node::to_json(n)),
        Body::Text(_, t) => Some(serde_json::from_str(t).unwrap_or_else(|_| Json::String(t.to_string()))),
    }
}

fn v4_body(content: &Json, content_type: &str) -> Json {
    json!({ "content": content, "contentType": content_type, "encoded": false })
}

/// `type` matchers at the JSON paths of values that differ by nature.
fn nature_rules(v: &Json, path: &str, out: &mut Map<String, Json>) {
    match v {
        Json::Object(m) => {
            for (k, child) in m {
                let p = json_path_push(path, k);
                if differs_by_nature(k) && matches!(child, Json::String(_) | Json::Number(_)) {
                    out.insert(p, json!({ "combine": "AND", "matchers": [ { "match": "type" } ] }));
                } else {
                    nature_rules(child, &p, out);
                }
            }
        }
        Json::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                nature_rules(child, &format!("{path}[{i}]"), out);
            }
        }
        _ => {}
    }
}

fn json_path_push(path: &str, key: &str) -> String {
    if !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        format!("{path}.{key}")
    } else {
        format!("{path}['{}']", key.replace('\'', "\\'"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exchange::pact::{json_path_pointer, regex_query, same_query};

    #[test]
    fn the_query_regex_is_pact_js_s_and_reads_back() {
        let q =
            "query customerByEmail($email: String!) {\n  customerByEmail(email: $email) {\n    id\n    email { email isVerified }\n  }\n}";
        // What pact-js 17.1.4 wrote for this query (tests/data/pact/).
        assert_eq!(
            pact_js_regex(q),
            r"query\s*customerByEmail\(\$email:\s*String!\)\s*\{\s*customerByEmail\(email:\s*\$email\)\s*\{\s*id\s*email\s*\{\s*email\s*isVerified\s*\}\s*\}\s*\}"
        );
        assert_eq!(same_query(&regex_query(&pact_js_regex(q)).unwrap_or_default(), q), Some(true));
        assert!(regex::Regex::new(&pact_js_regex(q)).unwrap().is_match(q));
    }

    #[test]
    fn values_that_differ_by_nature_get_type_matchers() {
        let body = json!({"data": {"customers": {"edges": [{"node": {"id": "c_1", "fullName": "Ada", "createdAt": {"iso8601": "x"}}}],
            "pageInfo": {"endCursor": "e", "hasNextPage": false}}, "odd-key": {"customerId": "c_2"}}});
        let mut rules = Map::new();
        nature_rules(&body, "$", &mut rules);
        let mut paths: Vec<&str> = rules.keys().map(String::as_str).collect();
        paths.sort();
        assert_eq!(
            paths,
            [
                "$.data.customers.edges[0].node.createdAt.iso8601",
                "$.data.customers.edges[0].node.id",
                "$.data.customers.pageInfo.endCursor",
                "$.data['odd-key'].customerId",
            ]
        );
        // Each path is one the reader takes back.
        for p in paths {
            assert!(json_path_pointer(p).is_some(), "{p}");
        }
        assert!(!differs_by_nature("Id") && !differs_by_nature("fullName") && differs_by_nature("machineUserId"));
    }
}
