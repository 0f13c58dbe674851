//! Deprecations (`GQ006`) of an argument, an input field and an enum value,
//! each used in a selection's argument literal, in a variable default and in
//! a request's JSON variables (tests/data/deprecation): a warning with the
//! schema's reason and the coordinate; `[severity] GQ006 = "error"` makes it fail.

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

const DIR: &str = "tests/data/deprecation";

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_plain-contract"))
        .args(["check", "--schema", "schema.graphql", "--format", "json"])
        .args(args)
        .current_dir(DIR)
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs")
}

/// (file, line, column, severity, coordinate, message) of every GQ006, sorted; every finding must be one.
fn deprecations(out: &Output) -> Vec<(String, u64, u64, String, String, String)> {
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON output");
    let all = v["diagnostics"].as_array().expect("diagnostics");
    assert!(all.iter().all(|d| d["code"] == "GQ006"), "only deprecations expected: {all:?}");
    let mut f: Vec<_> = all
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                d["severity"].as_str().unwrap().to_string(),
                d["pointer"].as_str().unwrap_or_default().to_string(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    f.sort();
    f
}

fn expected(severity: &str) -> Vec<(String, u64, u64, String, String, String)> {
    let arg = "argument `Query.customers(pageSize:)` is deprecated: Use first";
    let field = "input field `CustomerFilter.legacyName` is deprecated: Use name";
    let value = "enum value `Status.IDLE` is deprecated: Use ACTIVE";
    let mut v: Vec<_> = [
        // A selection's argument literals.
        ("literal.graphql", 2, 13, "Query.customers(pageSize:)", arg),
        ("literal.graphql", 2, 36, "CustomerFilter.legacyName", field),
        ("literal.graphql", 2, 63, "Status.IDLE", value),
        // Variable defaults.
        ("defaults.graphql", 1, 39, "CustomerFilter.legacyName", field),
        ("defaults.graphql", 1, 71, "Status.IDLE", value),
        // A request's variables: the pointer is the JSON pointer, the coordinate in a note.
        ("request.json", 3, 39, "/variables/f/legacyName", field),
        ("request.json", 3, 51, "/variables/s", value),
    ]
    .iter()
    .map(|(f, l, c, p, m)| (f.to_string(), *l, *c, severity.to_string(), p.to_string(), m.to_string()))
    .collect();
    v.sort();
    v
}

#[test]
fn deprecated_arguments_input_fields_and_enum_values_are_warnings_with_reason_and_coordinate() {
    let out = run(&["literal.graphql", "defaults.graphql", "request.json"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "warnings only: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert_eq!(deprecations(&out), expected("warning"));
    // Request variables carry the coordinate in a note.
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    for d in v["diagnostics"].as_array().unwrap().iter().filter(|d| d["file"] == "request.json") {
        let notes = d["notes"].to_string();
        assert!(notes.contains("schema coordinate: "), "{d}");
    }
}

#[test]
fn a_severity_override_makes_a_deprecation_an_error() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("deprecation-error");
    std::fs::create_dir_all(&dir).unwrap();
    let config = dir.join("plain-contract.toml");
    std::fs::write(&config, "[severity]\nGQ006 = \"error\"\n").unwrap();
    let config = config.to_str().unwrap();
    let out = run(&["--config", config, "literal.graphql", "defaults.graphql", "request.json"]);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stdout));
    assert_eq!(deprecations(&out), expected("error"));
}
