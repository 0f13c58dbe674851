//! Our variables walker against `apollo_compiler::request::coerce_variable_values`:
//! on every corpus request (and every OpenAPI example) they must agree on
//! accept/reject. The one intended difference: apollo-compiler 1.x does not
//! enforce `@oneOf`, so a request whose only errors are GV009 must be accepted
//! by apollo.

use super::{contract, entries};
use crate::check::{operation, variables};
use crate::input::read::read_source;
use crate::node::{self, Node, Syntax, Value};
use apollo_compiler::response::JsonMap;

fn has_non_finite(n: &Node) -> bool {
    match &n.value {
        Value::NonFinite(_) => true,
        Value::Array(a) => a.iter().any(has_non_finite),
        Value::Object(m) => m.iter().any(|(_, v)| has_non_finite(v)),
        _ => false,
    }
}

/// Compares one request body; returns whether it was comparable.
fn compare(label: &str, body: &Node, source: &crate::source::Source) -> bool {
    let c = contract();
    let Some(query) = body.get("query").and_then(Node::as_str) else {
        return false;
    };
    let analysis = operation::analyze(&c.schema, query);
    let Some(doc) = &analysis.doc else { return false };
    let name = body.get("operationName").and_then(Node::as_str);
    let Ok(op) = doc.operations.get(name) else { return false };
    let vars = body.get("variables");
    let vars_json = match vars {
        None => serde_json::json!({}),
        Some(v) if v.value == Value::Null => serde_json::json!({}),
        Some(v) if v.members().is_some() && !has_non_finite(v) => v.to_json(),
        Some(_) => return false,
    };
    let ours = variables::check_variables(&c.schema, op, vars, body, "/variables", source);
    let our_errors: Vec<&str> = ours.iter().filter(|d| d.is_error()).map(|d| d.code.as_str()).collect();
    let ours_accept_without_oneof = our_errors.iter().all(|c| *c == "GV009");
    let map: JsonMap = serde_json::from_value(vars_json).expect("variables convert to apollo's JsonMap");
    let apollo = apollo_compiler::request::coerce_variable_values(&c.schema.schema, op, &map);
    assert_eq!(
        ours_accept_without_oneof,
        apollo.is_ok(),
        "{label}: we found {our_errors:?}, apollo says {:?}",
        apollo.err().map(|e| e.message().to_string())
    );
    true
}

#[test]
fn walker_agrees_with_apollo_on_every_corpus_request() {
    let mut compared = 0;
    let mut rejected = 0;
    for dir in ["tests/corpus/requests/ok", "tests/corpus/requests/invalid"] {
        for path in entries(dir) {
            let src = read_source(&path).expect("readable");
            let Ok(root) = node::parse(&src, Syntax::guess(&src.path, &src.text)) else {
                continue;
            };
            if compare(&path.display().to_string(), &root, &src) {
                compared += 1;
                if dir.ends_with("invalid") {
                    rejected += 1;
                }
            }
        }
    }
    // The OpenAPI examples too.
    let api = &contract().openapi;
    for ex in &api.graphql.as_ref().unwrap().examples {
        assert!(compare(&ex.name, api.node(&ex.pointer), &api.source));
        compared += 1;
    }
    assert!(compared >= 30, "only {compared} requests were comparable");
    assert!(rejected >= 12, "only {rejected} invalid requests reached coercion");
}
