//! The client repository (tests/client-repo) read ahead of the schema load.

use std::path::Path;

/// What the CLI reads and parses ahead (while the schema loads) changes no
/// finding: the fixture's project, whole and one file, with and without it.
#[test]
fn reading_ahead_gives_the_same_outcome() {
    use crate::check::{self, ProjectDocs, ReadAhead};
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/client-repo");
    let root = root.as_path();
    let schema = crate::contract::Contract::load(None, Some(&root.join("schema.graphql"))).expect("schema");
    let documents: Vec<_> = ["src", "web"].iter().flat_map(|d| check::expand_paths(&[root.join(d)])).collect();
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
