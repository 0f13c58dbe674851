//! Recorded traffic as a client team checks it (issue 29): deprecations in
//! every exchange format as in request files, severity overrides that reach
//! the findings derived from a request's faults (HX011), and HX011 a warning
//! in a consumer's traffic, an error where the run checks a provider. Each
//! test runs the binary in a folder of its own, with its own
//! plain-contract.toml, as a user runs it.

use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::Command;

/// A fresh folder for one test.
fn folder(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("pc-traffic-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp folder");
    d
}

/// `check --format json FILES` in `dir`: the exit code and the report.
fn check(dir: &Path, files: &[&str]) -> (i32, Value) {
    let out = Command::new(env!("CARGO_BIN_EXE_plain-contract"))
        .current_dir(dir)
        .args(["check", "--format", "json"])
        .args(files)
        .output()
        .expect("the binary runs");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "JSON report ({e}): {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out.status.code().unwrap_or(-1), v)
}

/// (code, severity) of every finding.
fn codes(v: &Value) -> Vec<(String, String)> {
    v["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or("").to_string(),
                d["severity"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

const QUERY: &str = "query getCustomer($id: ID!) {\n  customer(customerId: $id) { id status }\n}\n";

fn body() -> Value {
    json!({"query": QUERY, "variables": {"id": "c_01J8ZQ4W5X6Y7Z8A9B0C1D2E3F"}})
}

fn answer() -> Value {
    json!({"data": {"customer": {"id": "c_01J8ZQ4W5X6Y7Z8A9B0C1D2E3F", "status": null}}})
}

/// A HAR of one POST to Plain's API, with these request headers.
fn har(headers: Value, body: &Value, answer: &Value) -> String {
    let entry = json!({
        "startedDateTime": "2026-05-11T10:15:00.000Z",
        "time": 84,
        "request": {
            "method": "POST",
            "url": "https://core-api.uk.plain.com/graphql/v1",
            "httpVersion": "HTTP/1.1",
            "cookies": [],
            "headers": headers,
            "queryString": [],
            "headersSize": -1,
            "bodySize": -1,
            "postData": {"mimeType": "application/json", "text": body.to_string()}
        },
        "response": {
            "status": 200,
            "statusText": "OK",
            "httpVersion": "HTTP/1.1",
            "cookies": [],
            "headers": [{"name": "Content-Type", "value": "application/json"}],
            "content": {"size": -1, "mimeType": "application/json", "text": answer.to_string()},
            "redirectURL": "",
            "headersSize": -1,
            "bodySize": -1
        },
        "cache": {},
        "timings": {"send": 0, "wait": 80, "receive": 4}
    });
    serde_json::to_string_pretty(&json!({"log": {"version": "1.2", "creator": {"name": "test", "version": "1"}, "entries": [entry]}}))
        .expect("HAR")
}

fn native(body: &Value, answer: &Value) -> Value {
    json!({
        "name": "customer with its legacy status",
        "request": {
            "method": "POST",
            "path": "/graphql/v1",
            "headers": {"Authorization": "Bearer <redacted>", "Content-Type": "application/json"},
            "body": body
        },
        "response": {"status": 200, "headers": {"Content-Type": "application/json"}, "body": answer}
    })
}

#[test]
fn deprecated_fields_in_every_exchange_format_as_in_a_request_file() {
    let dir = folder("deprecation");
    let auth = json!([
        {"name": "Authorization", "value": "Bearer <redacted>"},
        {"name": "Content-Type", "value": "application/json"}
    ]);
    std::fs::write(dir.join("request.json"), serde_json::to_string_pretty(&body()).unwrap()).unwrap();
    let fixture = native(&body(), &answer());
    std::fs::write(dir.join("fixture.json"), serde_json::to_string_pretty(&fixture).unwrap()).unwrap();
    let yaml = format!(
        "name: customer with its legacy status\nrequest:\n  method: POST\n  path: /graphql/v1\n  headers: {{Authorization: Bearer <redacted>, Content-Type: application/json}}\n  body:\n    query: |\n{}    variables: {{id: c_01J8ZQ4W5X6Y7Z8A9B0C1D2E3F}}\nresponse:\n  status: 200\n  headers: {{Content-Type: application/json}}\n  body: {}\n",
        QUERY.lines().map(|l| format!("      {l}\n")).collect::<String>(),
        answer()
    );
    std::fs::write(dir.join("fixture.yaml"), yaml).unwrap();
    std::fs::write(dir.join("session.har"), har(auth, &body(), &answer())).unwrap();
    std::fs::write(dir.join("stream.ndjson"), format!("{}\n", fixture)).unwrap();
    let files = ["request.json", "fixture.json", "fixture.yaml", "session.har", "stream.ndjson"];
    // By default a warning in each, at the field, and the run passes.
    for f in files {
        let (code, v) = check(&dir, &[f]);
        assert_eq!(code, 0, "{f}: {v:#}");
        let found: Vec<&Value> = v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["code"] == "GQ006")
            .collect();
        assert_eq!(found.len(), 1, "{f}: one GQ006 for Customer.status: {v:#}");
        let d = found[0];
        assert_eq!(d["severity"], "warning", "{f}");
        assert!(d["message"].as_str().unwrap().contains("`Customer.status`"), "{f}: {d}");
        assert!(d["pointer"].as_str().unwrap().ends_with("query"), "{f}: {d}");
        // The place is the field's, in the file (through YAML, JSON escapes, a HAR's text).
        let text = std::fs::read_to_string(dir.join(f)).unwrap();
        let line = d["line"].as_u64().unwrap() as usize;
        let col = d["column"].as_u64().unwrap() as usize;
        let at: String = text.lines().nth(line - 1).unwrap().chars().skip(col - 1).take(6).collect();
        assert_eq!(at, "status", "{f}: {d}");
    }
    // `[severity] GQ006 = "error"` catches them in traffic too.
    std::fs::write(dir.join("plain-contract.toml"), "[severity]\nGQ006 = \"error\"\n").unwrap();
    for f in files {
        let (code, v) = check(&dir, &[f]);
        assert_eq!(code, 1, "{f}: {v:#}");
        let c = codes(&v);
        assert!(c.contains(&("GQ006".into(), "error".into())), "{f}: {c:?}");
        // An error the server answered with data: HX011, a warning (a consumer's traffic).
        if f != "request.json" {
            assert!(c.contains(&("HX011".into(), "warning".into())), "{f}: {c:?}");
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_severity_override_reaches_hx011_and_hx011_is_a_consumer_warning() {
    let dir = folder("hx004-off");
    // A browser's sanitized export: no Authorization header.
    let plain = json!({"query": "query getCustomer($id: ID!) { customer(customerId: $id) { id fullName } }", "variables": {"id": "c_01J8ZQ4W5X6Y7Z8A9B0C1D2E3F"}});
    let data = json!({"data": {"customer": {"id": "c_01J8ZQ4W5X6Y7Z8A9B0C1D2E3F", "fullName": "Ada Lovelace"}}});
    std::fs::write(
        dir.join("sanitized.har"),
        har(json!([{"name": "Content-Type", "value": "application/json"}]), &plain, &data),
    )
    .unwrap();

    // Default (consumer): the client's fault is the one error; HX011 a warning.
    let (code, v) = check(&dir, &["sanitized.har"]);
    let c = codes(&v);
    assert_eq!(code, 1, "{c:?}");
    assert!(c.contains(&("HX004".into(), "error".into())), "{c:?}");
    let hx011: Vec<&Value> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "HX011")
        .collect();
    assert_eq!(hx011.len(), 1, "{c:?}");
    assert_eq!(hx011[0]["severity"], "warning");
    assert!(hx011[0]["message"].as_str().unwrap().contains("(HX004)"), "{}", hx011[0]);
    assert_eq!(v["summary"]["errors"], 1, "one error for one fault: {c:?}");

    // HX004 off: no fault, so nothing follows from it, and the run passes.
    std::fs::write(dir.join("plain-contract.toml"), "[severity]\nHX004 = \"off\"\n").unwrap();
    let (code, v) = check(&dir, &["sanitized.har"]);
    assert_eq!((code, codes(&v)), (0, vec![]), "{v:#}");

    // Downgraded to a warning: reported, but no fault either.
    std::fs::write(dir.join("plain-contract.toml"), "[severity]\nHX004 = \"warn\"\n").unwrap();
    let (code, v) = check(&dir, &["sanitized.har"]);
    assert_eq!((code, codes(&v)), (0, vec![("HX004".into(), "warning".into())]));

    // A provider's run: the server accepting a broken request is an error.
    std::fs::write(dir.join("plain-contract.toml"), "[check]\nrole = \"provider\"\n").unwrap();
    let (code, v) = check(&dir, &["sanitized.har"]);
    let c = codes(&v);
    assert_eq!(code, 1);
    assert!(c.contains(&("HX011".into(), "error".into())), "{c:?}");
    assert_eq!(v["summary"]["errors"], 2, "{c:?}");

    // The role is shown by `config show`, and a wrong one is PC010 at its place.
    let shown = Command::new(env!("CARGO_BIN_EXE_plain-contract"))
        .current_dir(&dir)
        .args(["config", "show"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&shown.stdout).contains("role = \"provider\""));
    std::fs::write(dir.join("plain-contract.toml"), "[check]\nrole = \"server\"\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_plain-contract"))
        .current_dir(&dir)
        .args(["check", "sanitized.har"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert!(
        text.contains("PC010") && text.contains("consumer") && text.contains("provider"),
        "{text}"
    );

    // A negative exchange that the server answered with data is an error
    // whatever the role: the refusal is what it records.
    std::fs::remove_file(dir.join("plain-contract.toml")).unwrap();
    let mut rejected = native(&plain, &data);
    rejected["expect"] = "rejected".into();
    rejected["request"]["headers"] = json!({"Content-Type": "application/json"});
    std::fs::write(dir.join("rejected.json"), serde_json::to_string_pretty(&rejected).unwrap()).unwrap();
    let (code, v) = check(&dir, &["rejected.json"]);
    assert_eq!((code, codes(&v)), (1, vec![("HX011".into(), "error".into())]), "{v:#}");
    let _ = std::fs::remove_dir_all(&dir);
}
