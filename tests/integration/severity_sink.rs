//! Severity overrides are applied in one place, where a finding enters an
//! outcome (issue 25, "one front door", item 2): every input kind and every
//! derived finding follows `[severity]`. Before, seven places applied them,
//! and a finding derived from another (HX011 from HX004) did not follow.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// An operation selecting the deprecated `Customer.status` (GQ006) and a
/// page of 500 (PL008).
const QUERY: &str = "query Q { customer(customerId: \"c_1\") { id status } customers(first: 500) { totalCount } }";

const CONFIG: &str = "[severity]\nGQ006 = \"error\"\nPL008 = \"warn\"\nHX004 = \"off\"\n";

/// A folder holding each input kind, every one with the same query; the
/// recorded ones without an `Authorization` header (HX004), as browsers'
/// sanitized HAR exports are.
fn inputs() -> PathBuf {
    let d = std::env::temp_dir().join(format!("pc-severity-sink-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    let q = serde_json::to_string(QUERY).unwrap();
    let data = r#"{"data": {"customer": {"id": "c_1", "status": null}, "customers": {"totalCount": 1}}}"#;
    let exchange = format!(
        r#"{{"request": {{"method": "POST", "path": "/graphql/v1", "headers": {{"Content-Type": "application/json"}}, "body": {{"query": {q}}}}}, "response": {{"status": 200, "headers": {{"Content-Type": "application/json"}}, "body": {data}}}}}"#
    );
    let har_body = serde_json::to_string(&format!("{{\"query\": {q}}}")).unwrap();
    let har_data = serde_json::to_string(data).unwrap();
    let har = format!(
        r#"{{"log": {{"version": "1.2", "creator": {{"name": "t", "version": "1"}}, "entries": [{{
  "startedDateTime": "2026-01-01T00:00:00Z", "time": 1,
  "request": {{"method": "POST", "url": "https://core-api.uk.plain.com/graphql/v1", "httpVersion": "HTTP/1.1",
    "headers": [{{"name": "Content-Type", "value": "application/json"}}], "queryString": [], "cookies": [],
    "headersSize": -1, "bodySize": -1, "postData": {{"mimeType": "application/json", "text": {har_body}}}}},
  "response": {{"status": 200, "statusText": "OK", "httpVersion": "HTTP/1.1",
    "headers": [{{"name": "Content-Type", "value": "application/json"}}], "cookies": [],
    "content": {{"size": -1, "mimeType": "application/json", "text": {har_data}}}, "redirectURL": "", "headersSize": -1, "bodySize": -1}},
  "cache": {{}}, "timings": {{"send": 0, "wait": 1, "receive": 0}}
}}]}}}}"#
    );
    for (name, text) in [
        ("plain-contract.toml", CONFIG.to_string()),
        ("document.graphql", format!("{QUERY}\n")),
        ("body.json", format!("{{\"query\": {q}}}\n")),
        ("fixture.json", format!("{exchange}\n")),
        ("capture.har", har),
        ("stream.ndjson", format!("{exchange}\n")),
    ] {
        std::fs::write(d.join(name), text).unwrap();
    }
    d
}

#[test]
fn an_override_reaches_every_input_kind_and_every_derived_finding() {
    let dir = inputs();
    let files = ["document.graphql", "body.json", "fixture.json", "capture.har", "stream.ndjson"];
    let out = Command::new(env!("CARGO_BIN_EXE_plain-contract"))
        .current_dir(&dir)
        .env("NO_COLOR", "1")
        .args(["check", "--format", "json"])
        .args(files)
        .output()
        .expect("the binary runs");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("JSON ({e}): {}", String::from_utf8_lossy(&out.stderr)));
    let all = v["diagnostics"].as_array().expect("diagnostics");
    for file in files {
        let of = |code: &str| -> Vec<&str> {
            all.iter()
                .filter(|d| d["file"] == file && d["code"] == code)
                .map(|d| d["severity"].as_str().unwrap_or_default())
                .collect()
        };
        assert_eq!(of("GQ006"), ["error"], "{file}: GQ006 = \"error\"\n{v:#}");
        assert_eq!(of("PL008"), ["warning"], "{file}: PL008 = \"warn\"\n{v:#}");
        assert!(of("HX004").is_empty(), "{file}: HX004 = \"off\"\n{v:#}");
        // What follows from a finding follows from it as configured: no
        // HX011 blames the server for the HX004 turned off.
        for d in all.iter().filter(|d| d["file"] == file && d["code"] == "HX011") {
            assert!(!d.to_string().contains("HX004"), "{file}: {d}");
        }
    }
    // GQ006 made an error fails the run.
    assert_eq!(out.status.code(), Some(1));
    let _ = std::fs::remove_dir_all(&dir);
}

/// The one sink: outside `Outcome`'s own methods (src/outcome/mod.rs), no
/// code adds to an outcome's `diagnostics` list, so no finding can enter
/// without its override. Allowed: a HAR entry's own list (`done`), which
/// enters through `push_capped`, and the HAR stream moving a kept finding
/// to its place (`insert` after `pop`).
#[test]
fn findings_enter_an_outcome_only_through_its_sink() {
    let allowed = [
        ("src/outcome/mod.rs", "self.diagnostics"),
        ("src/input/har.rs", "done.diagnostics"),
        ("src/input/har.rs", "self.out.diagnostics.insert"),
    ];
    let mut found = Vec::new();
    let mut stack = vec![PathBuf::from("src")];
    while let Some(p) = stack.pop() {
        if p.is_dir() {
            if p.ends_with("tests") {
                continue;
            }
            stack.extend(std::fs::read_dir(&p).unwrap().map(|e| e.unwrap().path()));
            continue;
        }
        if p.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let file = p.display().to_string().replace('\\', "/");
        let text = std::fs::read_to_string(&p).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for (i, first) in lines.iter().enumerate() {
            // A call written over two lines (`out.diagnostics` then `.extend(`) is one.
            let line = match lines.get(i + 1).map(|n| n.trim_start()) {
                Some(next) if first.trim_end().ends_with(".diagnostics") && next.starts_with('.') => {
                    format!("{}{next}", first.trim_end())
                }
                _ => first.to_string(),
            };
            for op in ["push(", "extend(", "append(", "insert("] {
                let needle = format!(".diagnostics.{op}");
                if let Some(at) = line.find(&needle) {
                    let start = line[..at]
                        .rfind(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'))
                        .map_or(0, |s| s + 1);
                    let receiver = &line[start..at + needle.len() - 1];
                    let ok = allowed.iter().any(|(f, r)| *f == file && receiver.starts_with(r));
                    if !ok {
                        found.push(format!("{file}:{}: {}", i + 1, line.trim()));
                    }
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "findings pushed around the sink (use Outcome::push/extend):\n{}",
        found.join("\n")
    );
    assert!(Path::new("src/outcome/mod.rs").is_file());
}
