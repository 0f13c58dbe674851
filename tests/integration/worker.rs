//! `plain-contract worker`, the npm package's batched API: NDJSON requests on
//! stdin, one outcome per line on stdout, in the order asked; a request that
//! cannot be done is an `error` line and the worker goes on; a contract that
//! cannot be loaded stops it at once with exit 2 and the report.

use serde_json::{json, Value};
use std::io::Write;
use std::process::{Command, Output, Stdio};

/// Runs the worker with `args`, feeds it `lines`, closes stdin, waits.
fn worker(args: &[&str], lines: &[String]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_plain-contract"))
        .arg("worker")
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut stdin = child.stdin.take().expect("stdin");
    for l in lines {
        stdin.write_all(l.as_bytes()).expect("write");
        stdin.write_all(b"\n").expect("write");
    }
    drop(stdin);
    child.wait_with_output().expect("the worker ends when stdin closes")
}

fn responses(out: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("each line is JSON ({e}): {l}")))
        .collect()
}

fn codes(outcome: &Value) -> Vec<String> {
    outcome["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| d["code"].as_str().unwrap_or("").to_string())
        .collect()
}

#[test]
fn answers_each_request_in_order_and_goes_on_after_bad_ones() {
    let good = r#"{"query": "query { customers(first: 2) { edges { node { id } } } }"}"#;
    let bad = std::fs::read_to_string("tests/corpus/requests/invalid/gv003-isVerified-string.json").expect("corpus file");
    let lines = vec![
        json!({"id": 1, "command": "check", "text": good, "name": "body.json"}).to_string(),
        json!({"id": "two", "text": bad}).to_string(),
        "this is not JSON".to_string(),
        json!({"id": 4, "command": "lint", "text": good}).to_string(),
        json!({"id": 5, "text": good, "paths": ["x.json"]}).to_string(),
        json!({"id": 6, "paths": ["fixtures/customers", "tests/corpus/requests/invalid/gq001-stray-token.json"]}).to_string(),
        json!({"id": 7, "paths": ["no/such/file.json"]}).to_string(),
        json!({"id": 8, "text": "{ __typename }"}).to_string(),
        json!({"id": 9, "text": "hello", "name": "notes.txt"}).to_string(),
        json!({"id": 10, "text": "hello", "name": "notes.txt", "allowEmpty": true}).to_string(),
        json!({"id": 11, "text": "{\n  // TypeScript's options\n  \"compilerOptions\": {},\n}\n", "name": "tsconfig.json"}).to_string(),
    ];
    let out = worker(&["--format", "json"], &lines);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let r = responses(&out);
    let ids: Vec<Value> = r.iter().map(|v| v["id"].clone()).collect();
    assert_eq!(
        ids,
        vec![
            json!(1),
            json!("two"),
            Value::Null,
            json!(4),
            json!(5),
            json!(6),
            json!(7),
            json!(8),
            json!(9),
            json!(10),
            json!(11)
        ]
    );

    // 1: clean, the `check --format json` object.
    assert_eq!((r[0]["exit"].clone(), r[0]["outcome"]["version"].clone()), (json!(0), json!(1)));
    assert_eq!(r[0]["outcome"]["summary"]["items"], json!(1));
    assert_eq!(r[0]["outcome"]["items"][0]["file"], json!("body.json"));
    // 2: findings are a result (exit 1), located with pointer and line:col;
    // with no name, the kind came from the content.
    assert_eq!(r[1]["exit"], json!(1));
    let d = &r[1]["outcome"]["diagnostics"][0];
    assert_eq!(
        (d["code"].as_str(), d["pointer"].as_str(), d["file"].as_str(), d["line"].as_u64()),
        (
            Some("GV003"),
            Some("/variables/input/onCreate/email/isVerified"),
            Some("<text>.json"),
            Some(12)
        )
    );
    // 3, 4, 5: requests that cannot be done are errors, and the worker goes on.
    assert!(
        r[2]["error"]["message"].as_str().unwrap().starts_with("not a worker request"),
        "{}",
        r[2]
    );
    assert!(
        r[3]["error"]["message"].as_str().unwrap().contains("unknown command `lint`"),
        "{}",
        r[3]
    );
    assert!(
        r[4]["error"]["message"].as_str().unwrap().contains("either `text` or `paths`"),
        "{}",
        r[4]
    );
    for e in &r[2..5] {
        assert!(e.get("outcome").is_none(), "never a partial result: {e}");
    }
    // 6: paths as `check PATHS...`: a folder walked, and a broken body.
    assert_eq!(r[5]["exit"], json!(1));
    assert_eq!(codes(&r[5]["outcome"]), vec!["GQ001"]);
    assert!(
        r[5]["outcome"]["summary"]["items"].as_u64().unwrap() > 3,
        "{}",
        r[5]["outcome"]["summary"]
    );
    // 7: a missing file is a finding, as on the command line.
    assert_eq!(
        (r[6]["exit"].clone(), codes(&r[6]["outcome"])),
        (json!(1), vec!["PC001".to_string()])
    );
    // 8: a GraphQL document, told from its content.
    assert_eq!(r[7]["outcome"]["items"][0]["file"], json!("<text>.graphql"));
    assert_eq!(r[7]["exit"], json!(0));
    // 9, 10: nothing to check is PC012 unless allowEmpty.
    assert_eq!(
        (r[8]["exit"].clone(), codes(&r[8]["outcome"])),
        (json!(1), vec!["PC009".to_string(), "PC012".to_string()])
    );
    assert_eq!(
        (r[9]["exit"].clone(), codes(&r[9]["outcome"])),
        (json!(0), vec!["PC009".to_string()])
    );
    // 11: another tool's file (JSON with comments) is not ours: skipped, and PC012 says nothing was checked.
    assert_eq!(codes(&r[10]["outcome"]), vec!["PC012".to_string()]);
}

#[test]
fn an_unusable_contract_stops_the_worker_with_its_report() {
    let out = worker(
        &["--format", "json", "--schema", "tests/no-such-schema.graphql"],
        &[json!({"id": 1, "text": "{}"}).to_string()],
    );
    assert_eq!(out.status.code(), Some(2));
    let report: Value = serde_json::from_slice(&out.stdout).expect("the report is the --format json object");
    assert!(report["summary"]["errors"].as_u64().unwrap() >= 1, "{report}");
    assert!(
        report["diagnostics"][0]["file"].as_str().unwrap().contains("no-such-schema"),
        "{report}"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("could not be loaded"));
}

#[test]
fn is_hidden_from_help() {
    let out = Command::new(env!("CARGO_BIN_EXE_plain-contract"))
        .arg("--help")
        .output()
        .expect("runs");
    assert!(!String::from_utf8_lossy(&out.stdout).contains("worker"));
}
