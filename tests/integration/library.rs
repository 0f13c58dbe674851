//! The library as a Rust user sees it: a `Checker` built once, then used to
//! check a fixtures folder inside `cargo test` in a few lines.

use plain_contract::Level;
use plain_contract::{Checker, Code, Format, Settings};

#[test]
fn a_rust_user_checks_a_fixtures_folder_in_cargo_test() {
    let checker = Checker::builder().build().expect("the embedded contract loads");
    let outcome = checker.check_paths(&["fixtures"]);
    assert_eq!(outcome.errors(), 0, "{}", checker.render(&outcome, Format::Human));
    assert!(outcome.items.len() >= 20, "only {} items", outcome.items.len());
}

#[test]
fn the_same_few_lines_fail_on_a_bad_folder_and_settings_decide_severity() {
    let bad = ["tests/corpus/requests/invalid/gv003-isVerified-string.json"];
    let strict = Checker::builder().build().expect("contract");
    let outcome = strict.check_paths(&bad);
    assert_eq!(outcome.errors(), 1);
    assert_eq!(outcome.diagnostics[0].code, Code::ValueKind);
    let lenient = Checker::builder()
        .settings(Settings::default().with_severity(Code::ValueKind, Level::Warn))
        .build()
        .expect("contract");
    assert_eq!(lenient.check_paths(&bad).counts(), (0, 1));
    // JSON output of the same outcome, for a tool that reads it.
    let json: serde_json::Value = serde_json::from_str(&strict.render(&outcome, Format::Json)).expect("json");
    assert_eq!(json["diagnostics"][0]["code"], "GV003");
}

#[test]
fn a_spec_that_does_not_load_renders_from_the_error_alone() {
    let err = Checker::builder()
        .schema_text("broken.graphql", "type Query { a: Nope }")
        .build()
        .expect_err("an unknown type");
    let outcome: plain_contract::Outcome = err.into();
    let text = outcome.render(Format::Human);
    assert!(
        text.contains("broken.graphql:1:") && text.contains("type Query { a: Nope }"),
        "{text}"
    );
}
