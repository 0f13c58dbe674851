//! Issue 29, "one finding hides the others", in request bodies and recorded
//! exchanges: a GraphQL validation error (GQ002) no longer stops Plain's
//! rules (PL008), the variables walker (GV0xx) or deprecations (GQ006). Each
//! case is one corpus file in two forms, a request body
//! (tests/corpus/requests/invalid) and a fixture
//! (tests/corpus/exchanges/invalid), and both forms must give every fault,
//! each once, in one run.

use super::checker;
use plain_contract::Outcome;

/// (request body, fixture, the request codes both must give).
const CASES: &[(&str, &str, &[&str])] = &[
    (
        "pl008-and-gq002-unknown-field-in-fragment.json",
        "pl008-and-gq002-unknown-field-in-fragment-multi.yaml",
        &["GQ002", "PL008"],
    ),
    (
        "pl008-and-gq002-unused-variable.json",
        "pl008-and-gq002-unused-variable-multi.yaml",
        &["GQ002", "PL008"],
    ),
    (
        "gq006-after-gq002-unknown-field.json",
        "gq006-after-gq002-unknown-field-multi.yaml",
        &["GQ002", "GQ006"],
    ),
    (
        "gv003-and-gq002-unused-variable.json",
        "gv003-and-gq002-unused-variable-multi.yaml",
        &["GQ002", "GV003"],
    ),
];

/// The sorted codes of an outcome's request findings (what the response
/// layer adds to a fixture, HX0xx and GR0xx, is not the request's).
fn request_codes(o: &Outcome) -> Vec<String> {
    let mut v: Vec<String> = o
        .diagnostics
        .iter()
        .map(|d| d.code.as_str().to_string())
        .filter(|c| c.starts_with("GQ") || c.starts_with("GV") || c.starts_with("PL"))
        .collect();
    v.sort();
    v
}

#[test]
fn a_validation_error_hides_no_other_pass_in_request_bodies_and_fixtures() {
    for (body, fixture, want) in CASES {
        for path in [
            format!("tests/corpus/requests/invalid/{body}"),
            format!("tests/corpus/exchanges/invalid/{fixture}"),
        ] {
            let o = checker().check_paths(&[&path]);
            let text = checker().render(&o, plain_contract::Format::Human);
            assert_eq!(request_codes(&o), *want, "{path}: every fault, each once:\n{text}");
            // Each finding located in the file, on the line of its fault.
            for d in &o.diagnostics {
                assert!(d.line > 1 && d.column >= 1, "{path}: {d:?}");
            }
        }
    }
}

/// The same faults give the same findings (code, message) whether the body
/// is a file of its own or a recorded exchange's request.
#[test]
fn a_body_and_its_fixture_give_the_same_request_findings() {
    for (body, fixture, _) in CASES {
        let of = |p: String| {
            let o = checker().check_paths(&[&p]);
            let mut v: Vec<(String, String)> = o
                .diagnostics
                .iter()
                .filter(|d| !d.code.as_str().starts_with("HX") && !d.code.as_str().starts_with("GR"))
                .map(|d| (d.code.as_str().to_string(), d.message.clone()))
                .collect();
            v.sort();
            v
        };
        assert_eq!(
            of(format!("tests/corpus/requests/invalid/{body}")),
            of(format!("tests/corpus/exchanges/invalid/{fixture}")),
            "{body} / {fixture}"
        );
    }
}
