//! `verify` on pacts (docs/pact.md): the pacts pact-js wrote
//! (tests/data/pact) replayed against `serve` started in-process, their
//! provider states set up through a states file, their matching rules as
//! verify's matchers; a drifted pact, a state with no setup, a malformed
//! states file.

use super::verify::{fresh_serve, json_of, text, tmp, verify};
use plain_contract::serve::DEV_KEY;
use serde_json::{json, Value};
use std::path::PathBuf;

const V3: &str = "tests/data/pact/support-widget-plain-customers.json";
const V4: &str = "tests/data/pact/support-dashboard-plain-customers.json";
const MESSAGES: &str = "tests/data/pact/support-widget-events-plain-webhooks.json";
const STATES: &str = "tests/data/pact/states.yaml";

/// `verify --allow-mutations --states STATES --format json PATHS` against `url`.
fn replay(url: &str, states: &str, paths: &[&str]) -> std::process::Output {
    let mut args = vec!["--target", url, "--allow-mutations", "--states", states, "--format", "json"];
    args.extend_from_slice(paths);
    verify(&args)
}

/// The given fields of each item of a JSON list (`null` for one it has not).
fn rows(list: &Value, keys: &[&str]) -> Vec<Vec<Value>> {
    list.as_array()
        .into_iter()
        .flatten()
        .map(|e| keys.iter().map(|k| e[*k].clone()).collect())
        .collect()
}

#[test]
fn pacts_written_by_pact_js_verify_against_serve_with_their_states() {
    let server = fresh_serve();
    let url = server.url();
    let out = replay(&url, STATES, &[V3, V4, MESSAGES]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let v = json_of(&out);
    assert_eq!(
        rows(&v["exchanges"], &["name", "status"]),
        [
            [json!("a customerByEmail query for Ada"), json!("verified")],
            [json!("an upsertCustomer mutation that creates Hedy"), json!("verified")],
            [json!("a customers page"), json!("verified")],
        ],
        "{v:#}"
    );
    // The states' setup requests went first: Ada's upsert (1), Grace's and
    // Katherine's (2), beside the three interactions.
    assert_eq!(v["summary"]["requests"], 6, "{v:#}");
    // The REST interaction and the message pact are skipped with a note each.
    assert_eq!(
        rows(&v["diagnostics"], &["code", "file"]),
        [[json!("PA001"), json!(V4)], [json!("PA001"), json!(MESSAGES)]],
        "{v:#}"
    );
    // What the states built is there: Ada, found by the pact's query.
    let ada = post(
        &url,
        &json!({"query": "query($e: String!) { customerByEmail(email: $e) { fullName } }", "variables": {"e": "ada@example.com"}}),
    );
    assert_eq!(ada["data"]["customerByEmail"]["fullName"], "Ada Lovelace", "{ada}");
}

/// A GraphQL request to serve, straight (no verify).
fn post(url: &str, body: &Value) -> Value {
    let agent: ureq::Agent = ureq::Agent::config_builder().http_status_as_error(false).build().into();
    let mut r = agent
        .post(url)
        .header("Authorization", &format!("Bearer {DEV_KEY}"))
        .header("Content-Type", "application/json")
        .send(body.to_string().as_bytes())
        .expect("serve answers");
    serde_json::from_slice(&r.body_mut().read_to_vec().expect("a body")).expect("JSON")
}

#[test]
fn a_state_with_no_setup_skips_its_interaction_with_why() {
    let server = fresh_serve();
    // No states file: interactions with states are skipped; none is sent.
    let out = verify(&["--target", &server.url(), "--allow-mutations", "--format", "json", V3, V4]);
    assert_eq!(out.status.code(), Some(0), "skipped is not a failure: {}", text(&out));
    let v = json_of(&out);
    let got = rows(&v["exchanges"], &["status", "reason"]);
    assert_eq!(got.len(), 3, "{v:#}");
    for r in got {
        assert_eq!(r[0], "skipped", "{v:#}");
        assert!(
            r[1].as_str()
                .is_some_and(|why| why.contains("cannot be set up: pass --states FILE")),
            "{v:#}"
        );
    }
    assert_eq!(v["summary"]["requests"], 0, "{v:#}");
    // A states file that maps all but one: that interaction alone is skipped, naming the state.
    let partial = tmp("partial-states.yaml");
    let text_all = std::fs::read_to_string(STATES).expect("states");
    let without = text_all.replace("the caller may read customers: []\n", "");
    assert_ne!(without, text_all);
    std::fs::write(&partial, without).expect("write");
    let partial_s = partial.to_str().expect("utf-8");
    let out = replay(&server.url(), partial_s, &[V4]);
    let v = json_of(&out);
    assert_eq!(
        rows(&v["exchanges"], &["status", "reason"]),
        [[
            json!("skipped"),
            json!(format!(
                "not replayed: provider state `the caller may read customers` has no setup requests in {partial_s}"
            ))
        ]]
    );
    assert!(text(&out).contains("VF004"), "{}", text(&out));
    // Human output names it too.
    let human = verify(&["--target", &server.url(), "--allow-mutations", "--states", partial_s, V4]);
    assert!(
        text(&human).contains("provider state `the caller may read customers` has no setup requests"),
        "{}",
        text(&human)
    );
}

#[test]
fn a_pact_whose_provider_drifted_names_each_difference() {
    let server = fresh_serve();
    // The V3 pact, edited as a consumer whose expectations no longer hold:
    // an equality rule on a name serve answers otherwise, an id regex serve's
    // ids do not match, and another `result` for the upsert.
    let mut pact: Value = serde_json::from_str(&std::fs::read_to_string(V3).expect("pact")).expect("JSON");
    let first = &mut pact["interactions"][0]["response"];
    first["body"]["data"]["customerByEmail"]["fullName"] = json!("Ada Byron");
    first["matchingRules"]["body"]["$.data.customerByEmail.fullName"]["matchers"] = json!([{"match": "equality"}]);
    first["matchingRules"]["body"]["$.data.customerByEmail.id"]["matchers"] = json!([{"match": "regex", "regex": "^cust_"}]);
    pact["interactions"][1]["response"]["body"]["data"]["upsertCustomer"]["result"] = json!("UPDATED");
    let file = tmp("drifted-pact.json");
    std::fs::write(&file, serde_json::to_string_pretty(&pact).expect("JSON")).expect("write");
    let f = file.to_str().expect("utf-8");
    let out = replay(&server.url(), STATES, &[f]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let v = json_of(&out);
    let keys = ["pointer", "kind", "recorded", "live"];
    assert_eq!(v["exchanges"][0]["status"], "drifted", "{v:#}");
    let first = rows(&v["exchanges"][0]["differences"], &keys);
    assert!(
        first.contains(&vec![
            json!("/body/data/customerByEmail/fullName"),
            json!("value"),
            json!("Ada Byron"),
            json!("Ada Lovelace")
        ]),
        "{first:?}"
    );
    assert!(
        first
            .iter()
            .any(|d| d[0] == "/body/data/customerByEmail/id" && d[1] == "regex" && d[3].as_str().is_some_and(|s| s.starts_with("c_"))),
        "{first:?}"
    );
    assert_eq!(first.len(), 2, "the type-matched isVerified and the email are not drift: {first:?}");
    assert_eq!(v["exchanges"][1]["status"], "drifted", "{v:#}");
    assert_eq!(
        rows(&v["exchanges"][1]["differences"], &keys),
        [[
            json!("/body/data/upsertCustomer/result"),
            json!("result"),
            json!("UPDATED"),
            json!("CREATED")
        ]]
    );
    // Each finding points into the pact, where the expected value stands.
    let placed: Vec<Vec<Value>> = rows(&v["diagnostics"], &["code", "pointer", "file"]);
    assert!(
        placed.contains(&vec![
            json!("VF001"),
            json!("/interactions/1/response/body/data/upsertCustomer/result"),
            json!(f)
        ]),
        "{placed:?}"
    );
}

#[test]
fn a_malformed_states_file_stops_the_run_with_its_place() {
    let server = fresh_serve();
    let bad = tmp("bad-states.yaml");
    std::fs::write(
        &bad,
        "a customer with an email address:\n  - query: 42\n    varibles: {}\nthe caller may read customers: yes\n",
    )
    .expect("write");
    let out = verify(&[
        "--target",
        &server.url(),
        "--states",
        bad.to_str().expect("utf-8"),
        "--format",
        "json",
        V3,
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    let v = json_of(&out);
    assert_eq!(
        rows(&v["diagnostics"], &["code", "pointer", "line", "column"]),
        [
            [
                json!("HX001"),
                json!("/a customer with an email address/0/varibles"),
                json!(3),
                json!(5)
            ],
            [
                json!("HX001"),
                json!("/a customer with an email address/0/query"),
                json!(2),
                json!(12)
            ],
            [json!("HX001"), json!("/the caller may read customers"), json!(4), json!(32)],
        ],
        "{v:#}"
    );
    // A states file that is not there: exit 2, said on stderr.
    let out = verify(&["--target", &server.url(), "--states", "no/such/states.yaml", V3]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("no/such/states.yaml"), "{}", text(&out));
}

#[test]
fn update_leaves_a_pact_untouched() {
    let server = fresh_serve();
    let copy = tmp("update-pact.json");
    std::fs::copy(V3, &copy).expect("copy");
    let before = std::fs::read_to_string(&copy).expect("read");
    let out = verify(&[
        "--target",
        &server.url(),
        "--allow-mutations",
        "--states",
        STATES,
        "--update",
        copy.to_str().expect("utf-8"),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(!text(&out).contains(&format!("updated {}", copy.display())), "{}", text(&out));
    assert_eq!(std::fs::read_to_string(&copy).expect("read"), before);
}

/// tests/corpus/verify-states: every malformed states file stops the run
/// (exit 2) before a request is sent, naming the file with a line:col. The
/// target is a closed port: had the run got as far as its probe, it would
/// have stopped there, with no report on stdout.
#[test]
fn every_malformed_states_file_stops_the_run_with_its_place() {
    let mut seen = 0;
    let mut files: Vec<PathBuf> = std::fs::read_dir("tests/corpus/verify-states")
        .expect("the corpus")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "json"))
        .collect();
    files.sort();
    for f in files {
        let name = f.to_str().expect("utf-8");
        let out = verify(&[
            "--target",
            "http://127.0.0.1:9/graphql/v1",
            "--states",
            name,
            "--format",
            "json",
            V3,
        ]);
        assert_eq!(out.status.code(), Some(2), "{name}: {}", text(&out));
        let v = json_of(&out);
        let d = &v["diagnostics"][0];
        assert_eq!(d["file"], name, "{name}: {v:#}");
        assert!(d["line"].as_u64().is_some_and(|l| l >= 1), "{name}: {v:#}");
        assert!(d["column"].as_u64().is_some_and(|c| c >= 1), "{name}: {v:#}");
        if d["code"] == "HX001" {
            assert!(d["pointer"].is_string(), "{name}: {v:#}");
        }
        seen += 1;
    }
    assert!(seen >= 10, "{seen} cases");
}
