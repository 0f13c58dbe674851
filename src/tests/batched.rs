//! Operations validated in batches (one document holding several operations
//! and the fragments they need) give exactly the findings of validating each
//! operation on its own, as graphql-js does: on Plain's SDK layout, on the
//! client-repository fixture, on every GraphQL file of the corpus taken as
//! one project, and on a project made to tell the two apart; in the same
//! order, and with any number of threads.

use crate::check::documents::{self, Reported};
use crate::contract::{Contract, GraphqlSchema};
use crate::input::documents::{read as read_docs, Doc};
use crate::input::expand_paths;
use crate::input::read::read_source;
use crate::outcome::Outcome;
use crate::source::Source;
use std::path::{Path, PathBuf};

fn docs_of(paths: &[PathBuf]) -> Vec<Doc> {
    expand_paths(paths)
        .iter()
        .filter(|p| {
            p.extension()
                .is_some_and(|e| e == "graphql" || e == "gql" || e == "ts" || e == "tsx")
        })
        .filter_map(|p| read_source(p).ok())
        .flat_map(|s| read_docs(&s))
        .collect()
}

/// Every finding and item, in the order of the report.
fn run(schema: &GraphqlSchema, docs: &[Doc], batched: bool) -> (Vec<String>, Vec<String>) {
    let mut out = Outcome::default();
    documents::check_with(schema, docs, &Reported::default(), &mut out, batched);
    let d: Vec<String> = out
        .diagnostics
        .iter()
        .map(|d| format!("{:?} {} {:?} {} {:?}", d.code, d.file, d.span, d.message, d.notes))
        .collect();
    let i: Vec<String> = out.items.iter().map(|i| format!("{i:?}")).collect();
    (d, i)
}

/// The same findings and items, in the same order, whether the operations
/// are validated one at a time or in batches, and however many batches the
/// cores make (their number follows the thread pool's size, and which
/// operations share a batch follows their number).
fn agree(what: &str, schema: &GraphqlSchema, docs: &[Doc]) -> usize {
    let alone = run(schema, docs, false);
    assert!(!alone.1.is_empty(), "{what}: nothing checked");
    same(&alone, &run(schema, docs, true), what);
    for threads in [1, 3] {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("a thread pool");
        same(
            &alone,
            &pool.install(|| run(schema, docs, true)),
            &format!("{what}, {threads} threads"),
        );
    }
    alone.0.len()
}

/// Fails at the first place two runs differ, showing that place.
fn same(alone: &(Vec<String>, Vec<String>), batched: &(Vec<String>, Vec<String>), what: &str) {
    for (kind, a, b) in [("finding", &alone.0, &batched.0), ("item", &alone.1, &batched.1)] {
        if let Some(i) = (0..a.len().max(b.len())).find(|&i| a.get(i) != b.get(i)) {
            panic!(
                "{what}: {kind} {i} of {} (alone) / {} (batched) differs\n alone:   {:?}\n batched: {:?}",
                a.len(),
                b.len(),
                a.get(i),
                b.get(i)
            );
        }
    }
}

#[test]
fn batches_agree_with_one_operation_at_a_time_on_real_projects() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let repo = root.join("tests/client-repo");
    let schema = Contract::load(None, Some(&repo.join("schema.graphql")))
        .expect("fixture schema")
        .schema;
    agree("client-repo", &schema, &docs_of(&[repo.join("src"), repo.join("web")]));

    let embedded = Contract::load(None, None).expect("embedded contract").schema;
    let n = agree("corpus", &embedded, &docs_of(&[root.join("tests/corpus")]));
    assert!(n > 50, "the corpus has many findings: {n}");

    // The SDK part: absent outside CI, the rest above has run.
    let Some(sdk) = super::prereq::plain_sdk() else { return };
    let full = Contract::load(None, Some(Path::new("plain"))).expect("built-in full schema").schema;
    let n = agree("SDK layout", &full, &docs_of(&[sdk.join("typescript-sdk"), sdk.join("graphql")]));
    assert!(n > 300, "@team-plain/graphql 1.3.0 is newer than the built-in schema: {n} findings");
    // The same operations as self-contained files (benches/sdk/fetch.sh
    // writes both): which copy of a fragment a batch shares followed the
    // batches' cut, and with it the order of an operation's findings.
    let sc = sdk.parent().map(|p| p.join("self-contained")).expect("the layout's parent");
    let n = agree("SDK self-contained", &full, &docs_of(&[sc]));
    assert!(n > 300, "each file reports the findings in its own copies: {n}");
}

/// A fragment whose fault depends on the operation spreading it (a variable
/// only one of them declares, fields that merge in one of them only), beside
/// clean operations with deprecated uses and Plain-rule findings, anonymous
/// operations and one name twice: every operation gets the findings it gets
/// alone, and a clean one keeps its warnings.
#[test]
fn batches_agree_where_a_fragments_fault_depends_on_the_operation() {
    let schema = Contract::load(None, None).expect("embedded contract").schema;
    let files: &[(&str, &str)] = &[
        (
            "f/ByVar.graphql",
            "fragment ByVar on Query { customer(customerId: $id) { id status } }\n",
        ),
        ("f/Names.graphql", "fragment Names on Customer { name: fullName }\n"),
        ("f/Deprecated.graphql", "fragment Deprecated on Customer { id status }\n"),
        ("o/Declares.graphql", "query Declares($id: ID!) { ...ByVar }\n"),
        ("o/Lacks.graphql", "query Lacks { ...ByVar }\n"),
        (
            "o/Merges.graphql",
            "query Merges { customer(customerId: \"c\") { name: email { email } ...Names } }\n",
        ),
        (
            "o/Clean.graphql",
            "query Clean { customer(customerId: \"c\") { ...Names ...Deprecated } }\n",
        ),
        (
            "o/Big.graphql",
            "query Big { customers(first: 500) { edges { node { ...Deprecated } } } }\n",
        ),
        ("o/Anon1.graphql", "{ customer(customerId: \"a\") { ...Names } }\n"),
        ("o/Anon2.graphql", "{ customer(customerId: \"b\") { ...Deprecated } }\n"),
        ("o/Twice1.graphql", "query Twice { customer(customerId: \"t\") { ...Names } }\n"),
        ("o/Twice2.graphql", "query Twice { customer(customerId: \"u\") { nope } }\n"),
        (
            "f/Cycle.graphql",
            "fragment CycleA on Customer { id ...CycleB }\nfragment CycleB on Customer { ...CycleA }\n",
        ),
        ("o/Cycles.graphql", "query Cycles { customer(customerId: \"c\") { ...CycleA } }\n"),
        (
            "o/Missing.graphql",
            "query Missing { customer(customerId: \"c\") { ...NoSuchFragment } }\n",
        ),
        (
            "o/Vars.graphql",
            "query Vars($a: ID!, $a: ID!, $unused: String) { customer(customerId: $a) { id } }\n",
        ),
        (
            "o/Two.graphql",
            "query TwoA { customer(customerId: \"a\") { ...Names } }\nquery TwoB($id: ID!) { ...ByVar }\n",
        ),
        (
            "o/Wrong.graphql",
            "query Wrong { customer(customerId: 5) { ... on Customer { id } ...Names } }\n",
        ),
    ];
    let docs: Vec<Doc> = files.iter().flat_map(|(p, t)| read_docs(&Source::new(*p, *t))).collect();
    let n = agree("made to differ", &schema, &docs);
    let (found, _) = run(&schema, &docs, true);
    let has = |file: &str, text: &str| found.iter().any(|f| f.contains(file) && f.contains(text));
    assert!(has("f/ByVar.graphql", "$id"), "Lacks's undefined variable: {found:#?}");
    assert!(
        has("f/Deprecated.graphql", "Deprecated"),
        "the deprecated field, through Clean: {found:#?}"
    );
    assert!(has("o/Big.graphql", "Pagination"), "Plain's page-size rule in Big: {found:#?}");
    assert!(
        has("f/ByVar.graphql", "Customer.status` is deprecated"),
        "the deprecated field through Declares, valid alone though Lacks is not: {found:#?}"
    );
    assert!(n >= 4, "{found:#?}");
}

/// Self-contained documents, each carrying byte-identical copies of the
/// fragments it uses (some of them faulty, some faults depending on the
/// operation): batches share one copy, and every finding stands in the copy
/// of the operation's own file, as when each operation is validated alone.
#[test]
fn batches_agree_on_self_contained_documents() {
    let schema = Contract::load(None, None).expect("embedded contract").schema;
    let frags = "fragment ByVar on Query { customer(customerId: $id) { id status } }\n\
                 fragment Names on Customer { name: fullName nope }\n\
                 fragment Deprecated on Customer { id status }\n";
    let ops = [
        ("o/Declares.graphql", "query Declares($id: ID!) { ...ByVar }\n"),
        ("o/Lacks.graphql", "query Lacks { ...ByVar }\n"),
        (
            "o/Merges.graphql",
            "query Merges { customer(customerId: \"c\") { name: email { email } ...Names } }\n",
        ),
        ("o/Clean.graphql", "query Clean { customer(customerId: \"c\") { ...Deprecated } }\n"),
        (
            "o/Big.graphql",
            "query Big { customers(first: 500) { edges { node { ...Deprecated ...Names } } } }\n",
        ),
    ];
    let files: Vec<(String, String)> = ops.iter().map(|(p, t)| (p.to_string(), format!("{t}\n{frags}"))).collect();
    let docs: Vec<Doc> = files
        .iter()
        .flat_map(|(p, t)| read_docs(&Source::new(p.as_str(), t.as_str())))
        .collect();
    agree("self-contained", &schema, &docs);
    let (found, _) = run(&schema, &docs, true);
    // The unknown field of Names, in each file whose operation spreads it.
    for file in ["o/Merges.graphql", "o/Big.graphql"] {
        assert!(found.iter().any(|f| f.contains(file) && f.contains("`nope`")), "{file}: {found:#?}");
    }
    assert!(
        !found.iter().any(|f| f.contains("o/Clean.graphql") && f.contains("`nope`")),
        "{found:#?}"
    );
    // Lacks's undefined variable, in its own copy of ByVar only.
    let var: Vec<_> = found.iter().filter(|f| f.contains("$id")).collect();
    assert!(var.iter().all(|f| f.contains("o/Lacks.graphql")) && !var.is_empty(), "{var:#?}");
}
