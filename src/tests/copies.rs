//! Fragment copies parsed once (src/input/documents/copies.rs) give exactly
//! the findings, places and items of parsing every file whole: on
//! self-contained documents made to hold faults in shared copies, on the
//! corpus, and on Plain's 577 SDK operations laid out self-contained.

use crate::check::documents::{self, Reported};
use crate::contract::{Contract, GraphqlSchema};
use crate::input::documents::{read as read_docs, read_many, shared_bodies, Doc};
use crate::input::expand_paths;
use crate::input::read::read_source;
use crate::outcome::Outcome;
use crate::source::Source;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Every finding (with its place, line and column) and item, in order.
fn run(schema: &GraphqlSchema, docs: &[Doc]) -> (Vec<String>, Vec<String>) {
    let mut out = Outcome::default();
    documents::check(schema, docs, &Reported::default(), &mut out);
    let d = out.diagnostics.iter().map(|d| format!("{d:?}")).collect();
    let i = out.items.iter().map(|i| format!("{i:?}")).collect();
    (d, i)
}

/// Checks `srcs` parsed whole and with copies parsed once; the outcomes
/// must be the same. Returns (definitions sharing a parse, findings).
fn agree(what: &str, schema: &GraphqlSchema, srcs: &[Arc<Source>]) -> (usize, usize) {
    let whole: Vec<Doc> = srcs.iter().flat_map(read_docs).collect();
    let once: Vec<Doc> = read_many(srcs).into_iter().flatten().collect();
    let (a, b) = (run(schema, &whole), run(schema, &once));
    assert!(!a.1.is_empty(), "{what}: nothing checked");
    assert_eq!(a.0, b.0, "{what}: findings");
    assert_eq!(a.1, b.1, "{what}: items");
    (shared_bodies(&once), a.0.len())
}

fn sources(paths: &[PathBuf]) -> Vec<Arc<Source>> {
    let mut files: Vec<PathBuf> = expand_paths(paths)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "graphql" || e == "gql"))
        .collect();
    files.sort();
    files.iter().filter_map(|p| read_source(p).ok()).collect()
}

/// Self-contained files whose copies hold faults of every kind: an unknown
/// field, a variable only some operations declare, a deprecated field, a
/// nested spread, one name with two different texts, a copy twice in one
/// file, unused copies, a file that does not parse, directives, comments
/// and strings, CRLF line ends.
#[test]
fn copies_parsed_once_agree_with_each_file_parsed_whole() {
    let schema = Contract::load(None, None).expect("embedded contract").schema;
    let by_var = "fragment ByVar on Query { customer(customerId: $id) { id status ...Names } }\n";
    let names = "fragment Names on Customer { name: fullName nope }\n";
    let deprecated = "fragment Deprecated on Customer @include(if: true) { id status # a } comment\n }\n";
    let other = "fragment Deprecated on Customer { id }\n";
    let files: Vec<(String, String)> = vec![
        (
            "o/Declares.graphql".into(),
            format!("query Declares($id: ID!) {{ ...ByVar }}\n{by_var}{names}"),
        ),
        ("o/Lacks.graphql".into(), format!("query Lacks {{ ...ByVar }}\n\n{by_var}{names}")),
        (
            "o/Merges.graphql".into(),
            format!("query Merges {{ customer(customerId: \"c}}\") {{ name: email {{ email }} ...Names }} }}\n{names}"),
        ),
        (
            "o/Clean.graphql".into(),
            format!("{deprecated}query Clean {{ customer(customerId: \"c\") {{ ...Deprecated }} }}\n"),
        ),
        (
            "o/Big.graphql".into(),
            format!("query Big {{ customers(first: 500) {{ edges {{ node {{ ...Deprecated ...Names }} }} }} }}\n{deprecated}{names}"),
        ),
        (
            "o/Other.graphql".into(),
            format!("query Other {{ customer(customerId: \"c\") {{ ...Deprecated }} }}\n{other}"),
        ),
        (
            "o/Takes.graphql".into(),
            "query Takes { customer(customerId: \"c\") { ...Deprecated } }\n".into(),
        ),
        (
            "o/Twice.graphql".into(),
            format!("query Twice {{ customer(customerId: \"c\") {{ ...Names }} }}\n{names}{names}"),
        ),
        ("o/Unused.graphql".into(), format!("\"\"\"a block string }}\"\"\"\n{names}")),
        ("o/Unused2.graphql".into(), format!("# fragment X on Y {{\n{names}")),
        (
            "o/Broken.graphql".into(),
            format!("query Broken {{ customer(customerId: \"c\") {{ ...Names }}\n{names}"),
        ),
        (
            "o/Crlf.graphql".into(),
            format!(
                "query Crlf {{ customer(customerId: \"c\") {{ ...Names }} }}\r\n{}",
                names.replace('\n', "\r\n")
            ),
        ),
        (
            "o/CrlfToo.graphql".into(),
            format!(
                "query CrlfToo {{ customer(customerId: \"d\") {{ ...Names }} }}\r\n{}",
                names.replace('\n', "\r\n")
            ),
        ),
    ];
    let srcs: Vec<Arc<Source>> = files.iter().map(|(p, t)| Source::new(p.as_str(), t.as_str())).collect();
    let (shared, found) = agree("made", &schema, &srcs);
    // Twice's second copy of Names is its own (one node cannot be two
    // definitions of a document): 11 of the 12 copies are shared.
    assert!(shared >= 11, "copies shared: {shared}");
    assert!(found >= 10, "findings: {found}");
}

#[test]
fn copies_parsed_once_agree_on_the_corpus_and_plains_sdk() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let embedded = Contract::load(None, None).expect("embedded contract").schema;
    agree("corpus", &embedded, &sources(&[root.join("tests/corpus")]));

    // Plain's SDK, self-contained: absent outside CI (`.ci/run` runs
    // benches/sdk/fetch.sh, which lays it out beside the client layout).
    let Some(sdk) = super::prereq::plain_sdk() else { return };
    let dir = sdk.with_file_name("self-contained");
    assert!(
        dir.is_dir(),
        "benches/sdk/fetch.sh lays out {} beside the SDK layout",
        dir.display()
    );
    let full = Contract::load(None, Some(Path::new("plain"))).expect("built-in full schema").schema;
    let (shared, found) = agree("SDK self-contained", &full, &sources(&[dir]));
    assert!(shared > 1_000, "copies shared: {shared}");
    assert!(found > 300, "findings: {found}");
}
