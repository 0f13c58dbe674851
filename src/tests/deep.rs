//! A document nested past the one depth limit of the GraphQL walks
//! ([`crate::node::MAX_DEPTH`], [`crate::visit`]) gets the same clear finding
//! in every input kind that carries it (a document, a request body, an
//! exchange), while every walk over it (deprecations, `@oneOf` literals,
//! Plain's rules, coverage) stops at the limit: no stack overflow on the
//! default 2 MB stack of a test thread, which these tests run on.

use super::checker;
use crate::diagnostic::Severity;
use crate::node::MAX_DEPTH;
use crate::Outcome;

/// `__type(name:) { ofType { … name } }`, `levels` `ofType` fields deep: a
/// recursive field path every schema has (introspection's `__Type.ofType`).
fn nested_fields(levels: usize) -> String {
    format!(
        "query Deep {{ __type(name: \"Customer\") {{ {}name {}}} }}",
        "ofType { ".repeat(levels),
        "} ".repeat(levels)
    )
}

/// The same depth reached through a chain of fragments, each one level deep.
fn fragment_chain(levels: usize) -> String {
    let mut text = String::from("query Deep { __type(name: \"Customer\") { ...F0 } }\n");
    for i in 0..levels {
        text.push_str(&format!("fragment F{i} on __Type {{ ofType {{ ...F{} }} }}\n", i + 1));
    }
    text.push_str(&format!("fragment F{levels} on __Type {{ name }}\n"));
    text
}

/// The document as each input kind carries it: a `.graphql` file, a JSON
/// request body, and an exchange (request and response).
fn as_inputs(query: &str) -> Vec<(&'static str, String)> {
    let body = serde_json::json!({ "query": query }).to_string();
    let exchange = serde_json::json!([{
        "name": "deep",
        "request": {
            "method": "POST",
            "path": "/graphql/v1",
            "headers": {"Authorization": "Bearer <redacted>", "Content-Type": "application/json"},
            "body": {"query": query},
        },
        "response": {
            "status": 200,
            "headers": {"Content-Type": "application/json"},
            "body": {"data": {"__type": null}},
        },
    }])
    .to_string();
    vec![
        ("deep.graphql", query.to_string()),
        ("deep.json", body),
        ("deep.exchange.json", exchange),
    ]
}

/// The errors of an outcome, as (code, message).
fn errors(o: &Outcome) -> Vec<(String, String)> {
    o.diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| (d.code.to_string(), d.message.clone()))
        .collect()
}

/// Every input kind gives the finding the `.graphql` document gives for
/// its depth (validation's), each at a place; the document path may add
/// what only it checks (a fragment's own nesting), never lose it.
fn same_finding_everywhere(query: &str) {
    let c = checker();
    let document = errors(&c.check_text("deep.graphql", query));
    let deep: Vec<&(String, String)> = document.iter().filter(|(_, m)| m.contains("recursion")).collect();
    assert!(!deep.is_empty(), "no finding for a document nested past the limit: {document:?}");
    for (name, text) in as_inputs(query) {
        let o = c.check_text(name, &text);
        for d in &o.diagnostics {
            assert!(d.line >= 1 && d.column >= 1, "{name}: {d:?}");
        }
        let found = errors(&o);
        let here: Vec<&(String, String)> = found.iter().filter(|(_, m)| m.contains("recursion")).collect();
        assert_eq!(here, deep, "{name}: {found:?}");
    }
}

#[test]
fn fields_nested_past_the_limit_give_one_finding_in_every_input() {
    same_finding_everywhere(&nested_fields(MAX_DEPTH + 20));
}

#[test]
fn a_fragment_chain_past_the_limit_gives_one_finding_in_every_input() {
    same_finding_everywhere(&fragment_chain(2 * MAX_DEPTH));
}

#[test]
fn coverage_counts_down_to_the_limit_and_no_further() {
    let schema = &super::contract().schema.schema;
    let levels = MAX_DEPTH + 20;
    let text = nested_fields(levels);
    let ast = crate::check::operation::parser().parse_ast(&text, "deep.graphql").expect("parses");
    let mut counts = crate::coverage::Counts::default();
    let place = |offset: usize| crate::coverage::Site {
        file: "deep.graphql".into(),
        line: 1,
        column: offset + 1,
    };
    crate::coverage::walk::document(schema, &ast, &Default::default(), &place, &mut counts);
    let hits = |coordinate: &str| counts.coords.get(coordinate).map_or(0, |c| c.hits);
    // `__type` is at level 0 and the n-th `ofType` at level n: levels 0 to
    // MAX_DEPTH are counted, and `name`, below the last `ofType`, is not.
    assert_eq!(hits("Query.__type"), 1);
    assert_eq!(hits("__Type.ofType"), MAX_DEPTH as u64);
    assert_eq!(hits("__Type.name"), 0);
}
