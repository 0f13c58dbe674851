//! Arbitrary text never panics a loader or a check: every outcome is a value
//! or located diagnostics (property tests over random and structured junk).

use super::contract;
use crate::check::{operation, request};
use crate::node::{self, Syntax};
use crate::source::Source;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

fn junk() -> impl Strategy<Value = String> {
    // Characters that matter to JSON, YAML and GraphQL, plus anything.
    let alphabet = prop::sample::select(vec![
        '{', '}', '[', ']', '"', '\'', ':', ',', '-', '&', '*', '!', '|', '>', '#', '\n', ' ', '\\', 'a', 'q', '1', '.', '$', '@', '(',
        ')', 'é', '\t',
    ]);
    prop_oneof![prop::collection::vec(alphabet, 0..200).prop_map(String::from_iter), any::<String>(),]
}

fn runner() -> TestRunner {
    TestRunner::new(Config {
        cases: 400,
        failure_persistence: None,
        ..Config::default()
    })
}

#[test]
fn data_parsers_never_panic() {
    runner()
        .run(&junk(), |text| {
            for syntax in [Syntax::Json, Syntax::Yaml] {
                let src = Source::new("junk", text.clone());
                if let Err(d) = node::parse(&src, syntax) {
                    prop_assert!(d.line >= 1 && d.column >= 1);
                }
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn graphql_analysis_and_request_checks_never_panic() {
    let c = contract();
    let cache = operation::OpCache::default();
    runner()
        .run(&junk(), |text| {
            let a = operation::analyze(&c.schema, &text);
            for d in &a.findings {
                prop_assert!(d.line >= 1 && d.column >= 1);
            }
            // The same text as a query inside a JSON request body.
            let body = serde_json::json!({"query": text, "variables": {"input": text}}).to_string();
            let src = Source::new("junk.json", body);
            let root = node::parse(&src, Syntax::Json).expect("serde_json output parses");
            for d in request::check_request(&c.openapi, &c.schema, &cache, &src, &root, "") {
                prop_assert!(src.text.is_char_boundary(d.span.0), "{d:?}");
            }
            Ok(())
        })
        .unwrap();
}

/// Text that is not GraphQL gets one syntax error per character from the
/// parser's recovery (a fuzzed request body of 12 KB gave 8,722, and took
/// seconds to de-duplicate): at most `MAX_SYNTAX_ERRORS` are reported, the
/// last with the count of the rest; in a file, in a request body and in a
/// project document alike.
#[test]
fn a_flood_of_syntax_errors_is_capped_with_a_count() {
    use crate::contract::graphql::MAX_SYNTAX_ERRORS;
    let junk: String = "query Q { customer \u{0}"
        .chars()
        .chain(std::iter::repeat_n('\u{1}', 5000))
        .collect();
    let check = |outcome: crate::Outcome| {
        let syntax: Vec<_> = outcome
            .diagnostics
            .iter()
            .filter(|d| d.code == crate::Code::OperationSyntax)
            .collect();
        assert_eq!(
            syntax.len(),
            MAX_SYNTAX_ERRORS,
            "{:?}",
            syntax.iter().map(|d| &d.message).collect::<Vec<_>>()
        );
        let note = syntax
            .iter()
            .flat_map(|d| &d.notes)
            .find(|n| n.contains("more syntax errors"))
            .expect("a count");
        let more: usize = note.split(' ').next().and_then(|n| n.parse().ok()).expect("a number first");
        assert!(more > 4000, "{note}");
    };
    let checker = crate::Checker::builder().build().expect("embedded contract");
    check(checker.check_text("flood.graphql", &junk));
    let body = serde_json::json!({"query": junk}).to_string();
    check(checker.check_text("flood.json", &body));
}

/// The built-in OpenAPI document is parsed on the caller's thread
/// (`node::parse_here`): it must fit half the stack of a thread pool's
/// thread (2 MiB) even in a debug build.
#[test]
fn builtin_openapi_parses_on_a_small_stack() {
    let t = std::thread::Builder::new()
        .stack_size(1024 * 1024)
        .spawn(|| {
            let src = crate::source::Source::new("openapi.yml", crate::contract::EMBEDDED_OPENAPI);
            crate::node::parse_here(&src, crate::node::Syntax::Yaml).is_ok()
        })
        .unwrap();
    assert!(t.join().unwrap());
}
