//! Whole-folder checks beside the corpora: a huge file refused unread, and
//! fixtures/ passing. The corpora of tests/corpus run one test per file in
//! their own harness (tests/corpus_cases.rs, `cargo test --test corpus`).

use super::{checker, render};
use plain_contract::Contract;
use plain_contract::Outcome;
use std::path::PathBuf;

fn check_files(paths: &[PathBuf]) -> Outcome {
    checker().check_paths(paths)
}

/// A 100 MB file is refused by size, before it is read.
#[test]
fn huge_file_is_refused_before_reading() {
    let dir = std::env::temp_dir().join(format!("plain-contract-huge-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("huge.json");
    let f = std::fs::File::create(&path).unwrap();
    f.set_len(100 * 1024 * 1024).unwrap();
    let outcome = check_files(std::slice::from_ref(&path));
    assert_eq!(outcome.diagnostics.len(), 1);
    assert_eq!(outcome.diagnostics[0].code.as_str(), "PC004");
    let spec = Contract::load(Some(&path), None).unwrap_err();
    assert_eq!(spec.diagnostics[0].code.as_str(), "PC004");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Every fixture in fixtures/ is a realistic recording that must pass.
#[test]
fn fixtures_pass() {
    let outcome = check_files(&[PathBuf::from("fixtures")]);
    let text = render(&outcome);
    assert!(outcome.diagnostics.iter().all(|d| !d.is_error()), "fixtures/ must pass:\n{text}");
    let exchanges = outcome.items.iter().filter(|i| i.kind == "exchange").count();
    assert!(exchanges >= 25, "only {exchanges} exchanges in fixtures/");
    assert!(outcome.items.iter().any(|i| i.kind == "stream"));
    assert!(outcome.items.iter().any(|i| i.file.ends_with(".har")));
}
