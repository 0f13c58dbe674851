//! The client repository (tests/client-repo) read ahead of the schema load.

use std::path::Path;

/// What the CLI reads and parses ahead (while the schema loads) changes no
/// finding: the fixture's project, whole and one file, with and without it.
#[test]
fn reading_ahead_gives_the_same_outcome() {
    use crate::check;
    use crate::input::{self, ProjectDocs, ReadAhead};
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/client-repo");
    let root = root.as_path();
    let schema = crate::contract::Contract::load(None, Some(&root.join("schema.graphql"))).expect("schema");
    let documents: Vec<_> = ["src", "web"].iter().flat_map(|d| input::expand_paths(&[root.join(d)])).collect();
    for paths in [documents.clone(), vec![root.join("src/fragments/CustomerParts.graphql")]] {
        let plain = ProjectDocs {
            documents: documents.clone(),
            schema_files: vec![root.join("schema.graphql")],
            read_ahead: None,
        };
        let ahead = ProjectDocs {
            read_ahead: Some(std::sync::Arc::new(ReadAhead::new(&paths, &documents, 1 << 20))),
            ..plain.clone()
        };
        let run = |p: &ProjectDocs| {
            let o = check::check_paths_in(&schema, &Default::default(), &Default::default(), &paths, None, None, p);
            let d: Vec<String> = o.diagnostics.iter().map(|d| format!("{d:?}")).collect();
            let i: Vec<String> = o.items.iter().map(|i| format!("{i:?}")).collect();
            (d, i)
        };
        let (a, b) = (run(&plain), run(&ahead));
        assert!(!a.1.is_empty());
        assert_eq!(a, b, "{paths:?}");
    }
}

/// The order of findings does not depend on the order the files were parsed
/// in (apollo-compiler numbers files as they are parsed, in parallel in a
/// run, and sorts its findings by that number).
#[test]
fn findings_keep_their_order_whatever_order_files_are_parsed_in() {
    use crate::check::documents;
    use crate::input::documents::{read as read_docs, Doc};
    use crate::outcome::Outcome;
    use crate::source::Source;
    let contract = crate::contract::Contract::load(None, None).expect("embedded contract");
    let op = ("ops/Get.graphql", "query Get { customer(customerId: \"c\") { ...Parts nope } }\n");
    let frag = ("fragments/Parts.graphql", "fragment Parts on Customer { id bogus }\n");
    let run = |first_op: bool| {
        let files = if first_op { [op, frag] } else { [frag, op] };
        let mut docs: Vec<Doc> = files.iter().flat_map(|(p, t)| read_docs(&Source::new(*p, *t))).collect();
        if !first_op {
            docs.reverse(); // the same documents, given in the same order, parsed in the other
        }
        let mut out = Outcome::default();
        documents::check(&contract.schema, &docs, &documents::Reported::default(), &mut out);
        out.diagnostics
            .iter()
            .map(|d| format!("{}:{} {}", d.file, d.span.0, d.message))
            .collect::<Vec<_>>()
    };
    let (a, b) = (run(true), run(false));
    assert_eq!(a.len(), 2, "one finding in each file: {a:?}");
    assert_eq!(a, b);
}

/// The lexical scan a pre-commit run uses to find the files it needs: names
/// after `fragment … on`, `...` and an operation keyword, with GraphQL's
/// ignored commas and non-ASCII text around them.
#[test]
fn the_scan_finds_definitions_spreads_and_operation_names() {
    let s = crate::input::documents::scan(
        "# café ünïcode\nfragment, Parts on Customer { ...Inner, ... on Customer { id } é: id }\nquery,GetOne { ...Parts }\nmutation Upsert { x }\nfragment\tInner\non Customer { ...é }\n",
    );
    let set = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<hashbrown::HashSet<_>>();
    assert_eq!(s.defs, set(&["Parts", "Inner"]));
    assert_eq!(s.spreads, set(&["Inner", "Parts"]), "`... on` is an inline fragment, not a spread");
    assert_eq!(s.ops, set(&["GetOne", "Upsert"]));
}
