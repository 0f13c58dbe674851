//! Data-driven corpora: `tests/corpus/<area>/ok/*` must give no diagnostics;
//! `tests/corpus/<area>/invalid/*` must give errors, including the code the
//! file name announces, and match their rendered snapshot. A new case needs
//! no Rust: drop a file in and run `cargo insta review`.

use super::{contract, entries, expected_code, render, snap_name};
use plain_contract::check::{self, operation::OpCache, Outcome};
use plain_contract::contract::Contract;
use std::path::{Path, PathBuf};

fn check_files(paths: &[PathBuf]) -> Outcome {
    check::check_paths(contract(), &OpCache::default(), paths)
}

fn snapshot(name: &str, text: &str) {
    insta::with_settings!({snapshot_path => "snapshots", prepend_module_to_snapshot => false, omit_expression => true}, {
        insta::assert_snapshot!(name.to_string(), text);
    });
}

fn assert_invalid(path: &Path, outcome: &Outcome, text: &str) {
    assert!(!outcome.diagnostics.is_empty(), "{}: expected findings, got none", path.display());
    if let Some(code) = expected_code(path) {
        assert!(
            outcome.diagnostics.iter().any(|d| d.code.as_str() == code),
            "{}: expected {code}, got:\n{text}",
            path.display()
        );
    }
    for d in &outcome.diagnostics {
        assert!(
            d.line >= 1 && d.column >= 1,
            "{}: diagnostic without a place: {d:?}",
            path.display()
        );
    }
}

fn run_area(area: &str) -> usize {
    let mut n = 0;
    for path in entries(&format!("tests/corpus/{area}/ok")) {
        let outcome = check_files(std::slice::from_ref(&path));
        assert!(
            outcome.diagnostics.is_empty(),
            "{} must be clean:\n{}",
            path.display(),
            render(&outcome)
        );
        assert!(!outcome.items.is_empty(), "{}: nothing was checked", path.display());
        n += 1;
    }
    for path in entries(&format!("tests/corpus/{area}/invalid")) {
        let outcome = check_files(std::slice::from_ref(&path));
        let text = render(&outcome);
        assert_invalid(&path, &outcome, &text);
        snapshot(&snap_name(&path), &text);
        n += 1;
    }
    n
}

#[test]
fn requests_corpus() {
    let n = run_area("requests");
    assert!(n >= 55, "requests corpus has only {n} cases");
}

#[test]
fn operations_corpus() {
    let n = run_area("operations");
    assert!(n >= 10, "operations corpus has only {n} cases");
}

/// OpenAPI documents are loaded as the contract's transport layer (like
/// `check --openapi FILE`), with the embedded GraphQL schema.
fn check_openapi(path: &Path) -> Outcome {
    match Contract::load(Some(path), None) {
        Ok(c) => check::check_contract(&c, &OpCache::default()),
        Err(diagnostics) => {
            let mut o = Outcome {
                diagnostics,
                files: 1,
                ..Default::default()
            };
            if let Ok(s) = plain_contract::contract::read_source(path) {
                o.sources.insert(s.path.clone(), s);
            }
            o
        }
    }
}

#[test]
fn openapi_corpus() {
    for path in entries("tests/corpus/openapi/ok") {
        let outcome = check_openapi(&path);
        assert!(
            outcome.diagnostics.is_empty(),
            "{} must be clean:\n{}",
            path.display(),
            render(&outcome)
        );
    }
    let invalid = entries("tests/corpus/openapi/invalid");
    assert!(invalid.len() >= 15);
    for path in invalid {
        let outcome = check_openapi(&path);
        let text = render(&outcome);
        assert_invalid(&path, &outcome, &text);
        snapshot(&snap_name(&path), &text);
    }
}

/// Hostile and broken files, each both as an input to `check` and as a spec
/// (`--openapi` for data, `--schema` for GraphQL): a located diagnostic,
/// never a panic, hang or blow-up.
#[test]
fn bad_input_corpus() {
    let files = entries("tests/corpus/bad-input");
    assert!(files.len() >= 15);
    for path in files {
        let as_input = check_files(std::slice::from_ref(&path));
        let is_graphql = path.extension().is_some_and(|e| e == "graphql");
        let as_spec = if is_graphql {
            Contract::load(None, Some(&path))
        } else {
            Contract::load(Some(&path), None)
        };
        let spec_diags = match as_spec {
            Ok(_) => panic!("{} must not load as a spec", path.display()),
            Err(d) => d,
        };
        for d in as_input.diagnostics.iter().chain(&spec_diags) {
            assert_eq!(d.file, path.display().to_string(), "diagnostic names the file");
            assert!(d.line >= 1 && d.column >= 1);
        }
        assert!(!spec_diags.is_empty());
        assert!(!as_input.diagnostics.is_empty(), "{}: no finding as input", path.display());
        let mut spec_outcome = Outcome {
            diagnostics: spec_diags,
            files: 1,
            ..Default::default()
        };
        spec_outcome.sources = as_input.sources.clone();
        let text = format!(
            "== as an input to `check`\n{}\n== as a spec\n{}",
            render(&as_input),
            render(&spec_outcome)
        );
        snapshot(&snap_name(&path), &text);
    }
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
    assert_eq!(spec[0].code.as_str(), "PC004");
    let _ = std::fs::remove_dir_all(&dir);
}
