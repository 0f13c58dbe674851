//! Small things a user meets in a client repository (issue 29): typed
//! `gql<T>` templates are checked, a pretty-printed HAR or fixture piped to
//! `check -` is read as one document, `explain CODE` prints one code, and
//! SARIF written from a subdirectory names files relative to the repository.

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_plain-contract"));
    c.env("NO_COLOR", "1");
    c
}

fn folder(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("pc-ux-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp folder");
    d
}

/// `check --format json -` with `input` on stdin.
fn piped(input: &[u8], dir: &Path) -> (i32, Value) {
    let mut child = bin()
        .current_dir(dir)
        .args(["check", "--format", "json", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut stdin = child.stdin.take().expect("stdin");
    let data = input.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&data);
    });
    let out = child.wait_with_output().expect("output");
    writer.join().expect("writer");
    let v = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "JSON ({e}): {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out.status.code().unwrap_or(-1), v)
}

fn codes(v: &Value) -> Vec<String> {
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn typed_gql_templates_are_checked() {
    let dir = folder("typed-gql");
    std::fs::write(
        dir.join("customer.ts"),
        "import { gql } from '@apollo/client';\n\nexport const Q = gql<GetCustomerQuery, GetCustomerQueryVariables>`\n  query GetCustomer($id: ID!) {\n    customer(customerId: $id) { id nickname }\n  }\n`;\n",
    )
    .unwrap();
    let out = bin()
        .current_dir(&dir)
        .args(["check", "--format", "json", "customer.ts"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let d = &v["diagnostics"][0];
    assert_eq!(d["code"], "GQ002", "{v:#}");
    assert!(d["message"].as_str().unwrap().contains("nickname"), "{d}");
    assert_eq!((d["line"].as_u64(), d["column"].as_u64()), (Some(5), Some(36)), "{d}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_pretty_printed_document_on_stdin_is_read_whole() {
    let dir = folder("stdin");
    // A pretty-printed HAR (as DevTools saves it): checked as the HAR it is.
    let har = std::fs::read("fixtures/har/devtools-session.har").expect("fixture");
    let (code_file, file_run) = {
        let out = bin()
            .args(["check", "--format", "json", "fixtures/har/devtools-session.har"])
            .output()
            .unwrap();
        (out.status.code(), serde_json::from_slice::<Value>(&out.stdout).unwrap())
    };
    let (code, v) = piped(&har, &dir);
    assert_eq!(Some(code), code_file);
    assert!(!codes(&v).contains(&"PC005".to_string()), "{v:#}");
    assert_eq!(codes(&v), codes(&file_run), "the same findings as the file gives");
    assert_eq!(v["diagnostics"][0]["file"], "<stdin>");
    assert_eq!(v["items"].as_array().unwrap().len(), file_run["items"].as_array().unwrap().len());

    // A pretty-printed fixture with a fault: found at its line in the input.
    let fixture = "{\n  \"request\": {\n    \"method\": \"POST\",\n    \"path\": \"/graphql/v1\",\n    \"headers\": {\"Authorization\": \"Bearer <redacted>\", \"Content-Type\": \"application/json\"},\n    \"body\": {\"query\": \"query { customer(customerId: 1) { id nickname } }\"}\n  }\n}\n";
    let (code, v) = piped(fixture.as_bytes(), &dir);
    assert_eq!(code, 1, "{v:#}");
    assert_eq!(codes(&v), ["GQ002"], "{v:#}");
    assert_eq!(v["diagnostics"][0]["line"], 6);

    // A request body on one line is no NDJSON exchange either: read as a body.
    let (_, v) = piped(b"{\"query\": \"{ customer(customerId: \\\"c_1\\\") { id } }\"}\n", &dir);
    assert!(!codes(&v).contains(&"HX001".to_string()), "{v:#}");
    assert_eq!(v["items"][0]["kind"], "request", "{v:#}");

    // A broken document is one finding, not one PC005 per line; what is
    // no exchange, body or HAR says once what stdin may hold.
    let (code, v) = piped(b"{\n  \"query\": \"{ customer }\",\n  \"variables\": {\n", &dir);
    assert_eq!((code, codes(&v)), (1, vec!["PC005".to_string()]), "{v:#}");
    let (_, v) = piped(b"[1, 2]\n", &dir);
    assert_eq!(codes(&v).iter().filter(|c| *c == "PC009").count(), 1, "{v:#}");
    assert!(!codes(&v).contains(&"PC005".to_string()), "{v:#}");

    // NDJSON is still NDJSON: two exchanges on two lines.
    let line = std::fs::read_to_string("tests/corpus/exchanges/ok/stream.ndjson").expect("stream");
    let (code, v) = piped(line.as_bytes(), &dir);
    assert_eq!(code, 0, "{v:#}");
    assert_eq!(v["items"][0]["kind"], "stream");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn explain_prints_one_code_and_suggests_on_a_typo() {
    let out = bin().args(["explain", "gq006"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("GQ006 deprecated (default: warning)"), "{text}");
    assert!(
        text.contains("What: ") && text.contains("Why: ") && text.contains("Example:"),
        "{text}"
    );
    assert!(!text.contains("GQ007"), "one code only: {text}");
    let by_name = bin().args(["explain", "accepted-invalid-request"]).output().unwrap();
    assert!(String::from_utf8_lossy(&by_name.stdout).starts_with("HX011 "));
    let out = bin().args(["explain", "HX04"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("`HX04` is not a diagnostic code; did you mean `HX004`"), "{err}");
}

#[test]
fn sarif_from_a_subdirectory_is_relative_to_the_repository_root() {
    // A repository with a fixture in it, checked from one of its subfolders.
    let repo = folder("sarif-repo");
    std::fs::create_dir_all(repo.join(".git")).unwrap();
    std::fs::create_dir_all(repo.join("web/src")).unwrap();
    std::fs::create_dir_all(repo.join("fixtures")).unwrap();
    std::fs::copy(
        "tests/corpus/exchanges/invalid/hx004-no-authorization.yaml",
        repo.join("fixtures/no-auth.yaml"),
    )
    .unwrap();
    let out = bin()
        .current_dir(repo.join("web/src"))
        .args(["check", "--format", "sarif", "../../fixtures/no-auth.yaml"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    crate::formats::assert_valid(&crate::formats::validator("tests/data/sarif-schema-2.1.0.json"), &v, "SARIF");
    let results = v["runs"][0]["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for r in results {
        let loc = &r["locations"][0]["physicalLocation"]["artifactLocation"];
        assert_eq!(loc["uri"], "fixtures/no-auth.yaml", "{r}");
        assert_eq!(loc["uriBaseId"], "%SRCROOT%");
    }
    // The GitHub format names the same path.
    let out = bin()
        .current_dir(repo.join("web/src"))
        .args(["check", "--format", "github", "../../fixtures/no-auth.yaml"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("file=fixtures/no-auth.yaml,"));
    // A file outside the repository: an absolute file: URI, no base.
    let outside = folder("sarif-outside");
    std::fs::copy("tests/corpus/exchanges/invalid/hx004-no-authorization.yaml", outside.join("x.yaml")).unwrap();
    let out = bin()
        .current_dir(&repo)
        .args(["check", "--format", "sarif"])
        .arg(outside.join("x.yaml"))
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let loc = &v["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
    assert!(loc["uri"].as_str().unwrap().starts_with("file:///"), "{loc}");
    assert!(loc["uriBaseId"].is_null(), "{loc}");
    let _ = std::fs::remove_dir_all(&repo);
    let _ = std::fs::remove_dir_all(&outside);
}
