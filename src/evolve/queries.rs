//! The GraphQL queries held in JSON and YAML inputs, for `schema diff
//! --against` ([`super::impact`]): request body files (`{"query": …}`,
//! batches), native fixtures (`.json`/`.yaml` exchanges), HAR files and
//! NDJSON streams. Each query comes with its place in the file, so a use
//! inside it is reported where the user reads it: exactly, through the
//! string's escapes ([`crate::check::operation::embedded_offset`]), when the
//! query is a string of the file; at the start of the string when the query
//! sits in a JSON text inside a string (a HAR `postData.text`, a fixture body
//! given as text).
//!
//! Why a search of the tree rather than each format's reader: the impact
//! needs only the queries and their places, the same in every layout, and
//! the check pass (which reads each format with its rules and limits) runs
//! beside it. Any member `query` holding a string is a query, except under
//! `variables` (a variable may be called `query`); a string that is no
//! GraphQL document adds no use. Files are read through
//! [`crate::input::read::read_source_limited`] (the run's size limit), and the
//! search is bounded by [`crate::node::MAX_DEPTH`].

use crate::node::{Node, Syntax, Value};
use crate::source::Source;
use std::path::Path;
use std::sync::Arc;

/// One query found in a file.
pub(crate) struct Query {
    /// The query text (the string's value).
    pub text: String,
    /// Where it stands.
    place: Place,
}

enum Place {
    /// A string of `scope` (the file, or one NDJSON line starting at `base`).
    String { scope: Arc<Source>, base: usize, node: Node },
    /// Inside a string (JSON text) that starts at this offset of the file.
    Inside(usize),
}

impl Query {
    /// The offset in the file of byte `off` of the query text.
    pub(crate) fn file_offset(&self, off: usize) -> usize {
        match &self.place {
            Place::String { scope, base, node } => base + crate::check::operation::embedded_offset(scope, node, &self.text, off),
            Place::Inside(at) => *at,
        }
    }
}

/// Which files hold JSON inputs, by extension: `.json`, `.yaml`, `.yml`,
/// `.har` as one tree, `.ndjson` and `.jsonl` a tree per line.
fn syntax_of(path: &Path) -> Option<(Syntax, bool)> {
    match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
        Some("json") | Some("har") => Some((Syntax::Json, false)),
        Some("yaml") | Some("yml") => Some((Syntax::Yaml, false)),
        Some("ndjson") | Some("jsonl") => Some((Syntax::Json, true)),
        _ => None,
    }
}

/// The queries of one input file (none when it is no JSON input, cannot be
/// read, is over `max_bytes`, or does not parse: the check pass reports
/// those), with the file's source.
pub(crate) fn queries(path: &Path, max_bytes: u64) -> Option<(Arc<Source>, Vec<Query>)> {
    let (syntax, lines) = syntax_of(path)?;
    let src = crate::input::read::read_source_limited(path, max_bytes).ok()?;
    let mut out = Vec::new();
    if lines {
        let mut base = 0;
        for line in src.text.split_inclusive('\n') {
            let here = base;
            base += line.len();
            if line.trim().is_empty() {
                continue;
            }
            let scope = Source::new(src.path.clone(), line.to_string());
            if let Ok(node) = crate::node::parse(&scope, Syntax::Json) {
                find(&scope, here, &node, 0, &mut out);
            }
        }
    } else if let Ok(node) = crate::node::parse(&src, syntax) {
        find(&src, 0, &node, 0, &mut out);
    }
    Some((src, out))
}

/// Every query under `node` (a tree of `scope`, which starts at `base` of the file).
fn find(scope: &Arc<Source>, base: usize, node: &Node, depth: usize, out: &mut Vec<Query>) {
    if depth > crate::node::MAX_DEPTH {
        return;
    }
    match &node.value {
        Value::Object(members) => {
            for (key, value) in members {
                match (&value.value, key.name.as_str()) {
                    (_, "variables") => {}
                    (Value::String(text), "query") => out.push(Query {
                        text: text.clone(),
                        place: Place::String {
                            scope: scope.clone(),
                            base,
                            node: value.clone(),
                        },
                    }),
                    (Value::String(text), _) => inside(text, base + value.start, out),
                    _ => find(scope, base, value, depth + 1, out),
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                find(scope, base, item, depth + 1, out);
            }
        }
        _ => {}
    }
}

/// Queries in a JSON text held by a string (a HAR `postData.text`), placed
/// at the string.
fn inside(text: &str, at: usize, out: &mut Vec<Query>) {
    let t = text.trim_start();
    if !(t.starts_with('{') || t.starts_with('[')) || !t.contains("\"query\"") {
        return;
    }
    fn walk(v: &serde_json::Value, at: usize, depth: usize, out: &mut Vec<Query>) {
        if depth > crate::node::MAX_DEPTH {
            return;
        }
        match v {
            serde_json::Value::Object(m) => {
                for (k, v) in m {
                    match (k.as_str(), v) {
                        ("variables", _) => {}
                        ("query", serde_json::Value::String(q)) => out.push(Query {
                            text: q.clone(),
                            place: Place::Inside(at),
                        }),
                        _ => walk(v, at, depth + 1, out),
                    }
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(|i| walk(i, at, depth + 1, out)),
            _ => {}
        }
    }
    // serde_json refuses nesting past 128 levels by itself.
    if let Ok(v) = serde_json::from_str::<serde_json::Value>(t) {
        walk(&v, at, 0, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(name: &str, text: &str) -> Vec<(String, usize)> {
        let dir = std::env::temp_dir().join(format!("pc-queries-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join(name);
        std::fs::write(&p, text).unwrap();
        let (_, qs) = queries(&p, 1 << 20).unwrap();
        let _ = std::fs::remove_dir_all(&dir);
        qs.iter()
            .map(|q| (q.text.clone(), q.file_offset(q.text.find('c').unwrap_or(0))))
            .collect()
    }

    #[test]
    fn queries_are_found_at_their_place_in_every_json_input() {
        // A request body: the offset of `c` (of `customer`) inside the string.
        let body = r#"{"query": "{ customer }", "variables": {"query": "not a document"}}"#;
        assert_eq!(
            found("b.json", body),
            vec![("{ customer }".to_string(), body.find("customer").unwrap())]
        );
        // A fixture in YAML.
        let yaml = "request:\n  body:\n    query: '{ customer }'\n";
        assert_eq!(
            found("f.yaml", yaml),
            vec![("{ customer }".to_string(), yaml.find("customer").unwrap())]
        );
        // HAR: a JSON text in `postData.text`, placed at that string.
        let har = r#"{"log":{"entries":[{"request":{"postData":{"text":"{\"query\":\"{ customer }\"}"}}}]}}"#;
        assert_eq!(
            found("t.har", har),
            vec![("{ customer }".to_string(), har.find("\"{\\\"query").unwrap())]
        );
        // NDJSON: the second line's query, at its place in the file.
        let nd = "{\"query\":\"{ a }\"}\n{\"query\":\"{ customer }\"}\n";
        assert_eq!(
            found("s.ndjson", nd),
            vec![
                ("{ a }".to_string(), nd.find("{ a }").unwrap()),
                ("{ customer }".to_string(), nd.find("customer").unwrap())
            ]
        );
        // Not an input of these kinds.
        let dir = std::env::temp_dir();
        assert!(queries(&dir.join("x.graphql"), 1 << 20).is_none());
    }
}
