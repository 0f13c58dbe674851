//! Data-driven corpora: `tests/corpus/<area>/ok/*` must give no diagnostics;
//! `tests/corpus/<area>/invalid/*` must give errors, including the code the
//! file name announces, and match their rendered snapshot. A new case needs
//! no Rust: drop a file in and run `cargo insta review`.

use super::{checker, entries, expected_code, render, snap_name};
use plain_contract::contract::Contract;
use plain_contract::{Checker, Outcome};
use std::path::{Path, PathBuf};

fn check_files(paths: &[PathBuf]) -> Outcome {
    checker().check_paths(paths)
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
    match Checker::builder().openapi(path).build() {
        Ok(c) => c.check_contract(),
        // The load error keeps the sources its findings point into.
        Err(e) => e.into(),
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

/// Recorded exchanges: `ok/` files give no error (a `warning-CODE-...` file
/// gives exactly that warning); each `invalid/` file holds one fault, so every
/// error it gives has the code its name announces (a `-multi` file, whose one
/// fault cannot avoid a second code, must give at least that code). A request
/// fault answered with data also gives HX011 (the server accepted it: a
/// second party broke the contract), which every invalid file may carry.
#[test]
fn exchanges_corpus() {
    for path in entries("tests/corpus/exchanges/ok") {
        if path.extension().is_some_and(|e| e == "md") {
            continue;
        }
        let outcome = check_files(std::slice::from_ref(&path));
        let text = render(&outcome);
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let want_warning = name.strip_prefix("warning-").and_then(|rest| expected_code(Path::new(rest)));
        let codes: Vec<&str> = outcome.diagnostics.iter().map(|d| d.code.as_str()).collect();
        match want_warning {
            Some(code) => assert_eq!(codes, [code.as_str()], "{}:\n{text}", path.display()),
            None => assert!(
                outcome.diagnostics.iter().all(|d| !d.is_error()),
                "{} must pass:\n{text}",
                path.display()
            ),
        }
        assert!(!outcome.items.is_empty(), "{}: nothing was checked", path.display());
    }
    let invalid = entries("tests/corpus/exchanges/invalid");
    assert!(invalid.len() >= 60, "only {} broken exchanges", invalid.len());
    for path in invalid {
        let outcome = check_files(std::slice::from_ref(&path));
        let text = render(&outcome);
        assert_invalid(&path, &outcome, &text);
        let multi = path.file_stem().is_some_and(|s| s.to_string_lossy().ends_with("-multi"));
        if let (Some(code), false) = (expected_code(&path), multi) {
            for d in outcome.diagnostics.iter().filter(|d| d.is_error() && d.code.as_str() != "HX011") {
                assert_eq!(d.code.as_str(), code, "{}: one fault, one code:\n{text}", path.display());
            }
        }
        assert!(
            !text.contains("plainApiKey_") && !text.to_ascii_lowercase().contains("bearer sk_"),
            "{}: a credential reached the output:\n{text}",
            path.display()
        );
        snapshot(&snap_name(&path), &text);
    }
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
