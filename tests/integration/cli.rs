//! The binary end to end: exit codes, formats, the seed document's findings.

use super::full_schema_path;
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_plain-contract"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs")
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("stdout is JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)))
}

#[test]
fn embedded_contract_is_clean() {
    let out = run(&["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("0 errors, 0 warnings in 2 files (3 items checked)"), "{text}");
    assert!(!text.contains('\u{1b}'), "no colour when stdout is not a terminal");
}

/// The verbatim seed gives exactly its two defects: (a) `thread` in the
/// replyToThread example, (b) string-only `GraphQLError.path` items.
#[test]
fn seed_document_gives_exactly_two_findings() {
    let out = run(&[
        "check",
        "--openapi",
        "tests/corpus/openapi/invalid/seed-verbatim.yml",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    let diags = v["diagnostics"].as_array().unwrap();
    let got: Vec<(&str, u64, u64)> = diags
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(got, vec![("OA011", 175, 19), ("GQ002", 92, 25)]);
    let seed = std::fs::read_to_string("tests/corpus/openapi/invalid/seed-verbatim.yml").unwrap();
    let line92 = seed.lines().nth(91).unwrap();
    assert_eq!(&line92[24..30], "thread", "column 25 is where `thread` starts");
    assert_eq!(diags[0]["pointer"], "/components/schemas/GraphQLError/properties/path/items/type");
}

#[test]
fn json_output_has_the_documented_shape() {
    let out = run(&["check", "tests/corpus/requests/invalid", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    assert_eq!(v["version"], 1);
    for key in ["files", "errors", "warnings"] {
        assert!(v["summary"][key].is_u64(), "summary.{key}");
    }
    let d = &v["diagnostics"][0];
    for key in ["code", "severity", "message", "file", "pointer", "line", "column", "notes"] {
        assert!(d.get(key).is_some(), "diagnostic.{key}");
    }
    assert!(v["summary"]["errors"].as_u64().unwrap() >= 40);
}

#[test]
fn exit_2_when_the_run_cannot_be_done() {
    let out = run(&["check", "--openapi", "no/such/file.yml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stdout).contains("PC001"));
    let out = run(&["check", "--schema", "tests/corpus/bad-input/truncated.graphql"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stdout).contains("GS001"));
    let out = run(&["check", "--no-such-flag"]);
    assert_eq!(out.status.code(), Some(2));
    let out = run(&["check", "--format", "xml"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn every_subcommand_has_help() {
    for args in [
        &["--help"][..],
        &["check", "--help"],
        &["schema", "--help"],
        &["schema", "compat", "--help"],
        &["codes", "--help"],
    ] {
        let out = run(args);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert!(String::from_utf8_lossy(&out.stdout).contains("Usage:"), "{args:?}");
    }
}

#[test]
fn docs_codes_md_is_generated_from_the_registry() {
    let out = run(&["codes"]);
    let committed = std::fs::read_to_string("docs/codes.md").expect("docs/codes.md exists");
    assert!(
        committed == String::from_utf8_lossy(&out.stdout),
        "docs/codes.md drifted from the registry: run `cargo run -- codes > docs/codes.md`"
    );
}

#[test]
fn skipped_files_are_warnings_not_errors() {
    let out = run(&["check", "README.md", "Cargo.toml", "--allow-empty"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("PC009"));
    // Without --allow-empty, checking nothing at all is a failure (PC012).
    let out = run(&["check", "README.md", "Cargo.toml"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("PC012"));
}

#[test]
fn full_real_schema_replaces_the_embedded_one() {
    let Some(full) = full_schema_path() else { return };
    let full = full.to_string_lossy().into_owned();
    let out = run(&["check", "--schema", &full]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    let out = run(&["check", "--schema", &full, "tests/corpus/operations/ok"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    let out = run(&["schema", "compat", "specs/plain-support-schema.graphql", &full]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
}

#[test]
fn mistakes_a_newcomer_makes_get_a_did_you_mean() {
    let out = run(&["chek"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("'check'"));
    let out = run(&["check", "--shema", "plain"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("--schema"));
    let out = run(&["generate", "--type", "UpsertCustomerInpt"]);
    assert_ne!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean `UpsertCustomerInput`?"));
}
