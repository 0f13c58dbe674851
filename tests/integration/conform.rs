//! `conform`: stateful conformance runs against the built-in server, a
//! deliberately broken target, and unusable input. Everything runs on
//! 127.0.0.1.

use super::checker;
use super::formats::{assert_valid, validator};
use plain_contract::conform::{self, Options, Report};
use plain_contract::serve::{self, DEV_KEY};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

fn bin(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_plain-contract"))
        .args(args)
        .env_remove("PLAIN_API_KEY")
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs")
}

fn text(out: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

fn tmp(name: &str) -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("conform-{}-{name}", std::process::id()))
}

/// One run of 500 sequences against the built-in server, shared by the tests
/// that look at it: the report and the saved exchanges. (How long it takes
/// is timed in benches/timeouts.rs, not here.)
fn big_run() -> &'static (Report, PathBuf) {
    static RUN: OnceLock<(Report, PathBuf)> = OnceLock::new();
    RUN.get_or_init(|| {
        let file = tmp("big.ndjson");
        let opts = Options {
            cases: 500,
            seed: 0x5eed,
            save_exchanges: Some(file.clone()),
            ..Options::default()
        };
        let report = conform::run(checker(), &opts).expect("the run can be done");
        (report, file)
    })
}

#[test]
fn five_hundred_sequences_pass_against_the_built_in_server() {
    let (report, file) = big_run();
    assert!(report.passed(), "{}", report.render());
    assert_eq!(report.sequences, 500);
    assert!(report.requests >= 2000, "{} requests", report.requests);
    let summary = report.summary();
    assert!(summary.starts_with("conform: 500 sequences, "), "{summary}");
    assert!(summary.contains("all passed against http://127.0.0.1:"), "{summary}");
    assert!(summary.ends_with("seed 0x5eed"), "{summary}");
    // The runs cover every upsert result and the documented conflicts.
    let saved = std::fs::read_to_string(file).expect("the exchanges were saved");
    assert_eq!(saved.lines().count() as u64, report.requests);
    for wanted in [
        "\"result\":\"CREATED\"",
        "\"result\":\"UPDATED\"",
        "\"result\":\"NOOP\"",
        "\"code\":\"customer_already_exists_with_email\"",
        "\"code\":\"customer_already_exists_with_external_id\"",
        "\"code\":\"customer_group_key_already_exists\"",
        "\"code\":\"customer_group_has_memberships\"",
        "\"code\":\"customer_is_not_marked_as_spam\"",
    ] {
        assert!(saved.contains(wanted), "no exchange has {wanted}");
    }
    for k in ["CREATED", "UPDATED", "NOOP", "customer_already_exists_with_email"] {
        assert!(report.tally.get(k).copied().unwrap_or(0) > 0, "tally {:?}", report.tally);
    }
    // The token never reaches the file.
    assert!(!saved.contains(DEV_KEY));
    assert!(saved.contains("\"Authorization\":\"Bearer <redacted>\""));
}

#[test]
fn every_exchange_of_the_run_passes_check() {
    let (_, file) = big_run();
    let out = Command::new(env!("CARGO_BIN_EXE_plain-contract"))
        .args(["check", "--color", "never"])
        .arg(file)
        .output()
        .expect("the binary runs");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("0 errors, 0 warnings"),
        "{}",
        text(&out)
    );
}

// ----- a broken target -----

/// A planted bug: rewrites a response (given the request body).
type Bug = fn(&str, String) -> String;

/// Answers UPDATED where the server said NOOP.
fn noop_is_updated(_request: &str, response: String) -> String {
    response.replace("\"result\":\"NOOP\"", "\"result\":\"UPDATED\"")
}

/// `unmarkCustomerAsSpam` leaves `markedAsSpamAt` set.
fn unmark_keeps_spam(request: &str, response: String) -> String {
    if request.contains("unmarkCustomerAsSpam(") {
        response.replace(
            "\"markedAsSpamAt\":null",
            "\"markedAsSpamAt\":{\"iso8601\":\"2024-01-01T00:00:00.000Z\"}",
        )
    } else {
        response
    }
}

/// A fresh built-in server on 127.0.0.1 (it lives as long as the test process).
fn fresh_server() -> String {
    let server = serve::start(
        plain_contract::Contract::embedded().expect("contract"),
        plain_contract::serve::Store::new(),
        serve::Options {
            listen: "127.0.0.1:0".parse().unwrap(),
            ..serve::Options::default()
        },
    )
    .expect("the server starts");
    let url = server.url();
    std::mem::forget(server);
    url
}

/// A proxy on 127.0.0.1 in front of a fresh built-in server, with a planted bug. Returns its URL.
fn broken_target(bug: Bug) -> String {
    let upstream = fresh_server();
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}/graphql/v1", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let upstream = upstream.clone();
            std::thread::spawn(move || proxy_one(stream, &upstream, bug));
        }
    });
    url
}

/// Serves one request (then closes the connection): forwards it, applies the bug.
fn proxy_one(stream: TcpStream, upstream: &str, bug: Bug) {
    let mut reader = BufReader::new(stream.try_clone().expect("clone"));
    let mut auth = String::new();
    let mut length = 0usize;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            match name.trim().to_ascii_lowercase().as_str() {
                "authorization" => auth = value.trim().to_string(),
                "content-length" => length = value.trim().parse().unwrap_or(0),
                _ => {}
            }
        }
    }
    let mut body = vec![0u8; length];
    if reader.read_exact(&mut body).is_err() {
        return;
    }
    let agent: ureq::Agent = ureq::Agent::config_builder().http_status_as_error(false).build().into();
    let Ok(mut resp) = agent
        .post(upstream)
        .header("Authorization", &auth)
        .header("Content-Type", "application/json")
        .send(&body[..])
    else {
        return;
    };
    let status = resp.status().as_u16();
    let answer = bug(
        &String::from_utf8_lossy(&body),
        resp.body_mut().read_to_string().unwrap_or_default(),
    );
    let head = format!(
        "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        answer.len()
    );
    let mut out = stream;
    let _ = out.write_all(head.as_bytes());
    let _ = out.write_all(answer.as_bytes());
}

fn run_against(url: &str, cases: u64) -> Report {
    let opts = Options {
        target: Some(url.to_string()),
        token: Some(DEV_KEY.to_string()),
        cases,
        seed: 0x5eed,
        jobs: 1,
        ..Options::default()
    };
    conform::run(checker(), &opts).expect("the run can be done")
}

#[test]
fn a_broken_target_fails_shrinks_and_prints_a_curl_script() {
    let url = broken_target(noop_is_updated);
    let report = run_against(&url, 100);
    let failure = report.failure.as_ref().expect("the planted bug is found");
    let out = report.render();
    assert!(failure.reproduced, "{out}");
    // Shrunk to its core: create, then the same upsert again.
    assert_eq!(failure.ops, 2, "{out}");
    assert!(failure.original_ops >= failure.ops);
    assert_eq!(failure.expected, "NOOP", "{out}");
    assert!(failure.reason.contains("expected result NOOP, got UPDATED"), "{out}");
    assert!(
        out.contains(&format!("reproduce: plain-contract conform --target {url} --cases ")),
        "{out}"
    );
    assert!(out.contains("seed 0x5eed"), "{out}");
    // The token is nowhere; the script takes it from the environment.
    assert!(!out.contains(DEV_KEY), "{out}");
    assert!(failure.script.contains(r#"-H "Authorization: Bearer $PLAIN_API_KEY""#));
    assert_eq!(failure.script.matches("curl -sS \"$TARGET\"").count(), failure.steps, "{out}");
    insta::assert_snapshot!("conform_broken_target_script", failure.script);
}

/// Runs `script` with sh against a fresh built-in server; None when sh, curl or jq is missing.
fn replay(script: &str) -> Option<Output> {
    for tool in ["curl", "jq"] {
        if !crate::prereq::tool(tool) {
            return None;
        }
    }
    let file = tmp("replay.sh");
    std::fs::write(&file, script).expect("write the script");
    let out = Command::new("sh")
        .arg(&file)
        .env("TARGET", fresh_server())
        .env("PLAIN_API_KEY", DEV_KEY)
        .output()
        .expect("sh runs");
    let _ = std::fs::remove_file(&file);
    Some(out)
}

#[test]
fn a_spam_bug_shrinks_to_create_mark_unmark_and_the_script_replays() {
    let report = run_against(&broken_target(unmark_keeps_spam), 100);
    let failure = report.failure.as_ref().expect("the planted bug is found");
    let out = report.render();
    assert_eq!(failure.ops, 3, "{out}");
    assert!(failure.step_label.starts_with("unmarkCustomerAsSpam C1"), "{out}");
    assert!(failure.reason.contains("customer.markedAsSpamAt.iso8601: expected null"), "{out}");
    // The id the first step created is kept in C1 and spliced into the later bodies.
    assert!(failure.script.contains("C1=$(curl -sS"), "{out}");
    assert_eq!(failure.script.matches(r#"{"customerId":"'"$C1"'"}"#).count(), 2, "{out}");
    assert!(!failure.script.contains("c_0000"), "no literal ids: {out}");
    // Against a correct server, the script runs through and the last step clears the mark.
    if let Some(run) = replay(&failure.script) {
        let stdout = String::from_utf8_lossy(&run.stdout);
        assert!(run.status.success(), "{}{}", stdout, String::from_utf8_lossy(&run.stderr));
        let last = stdout.lines().last().unwrap_or_default();
        let v: serde_json::Value = serde_json::from_str(last).expect("the last response is JSON");
        assert!(
            v["data"]["unmarkCustomerAsSpam"]["customer"]["markedAsSpamAt"].is_null(),
            "{stdout}"
        );
    }
}

#[test]
fn the_binary_reports_a_failing_sequence_with_exit_1_and_no_token() {
    let url = broken_target(noop_is_updated);
    let out = bin(&["conform", "--target", &url, "--token", DEV_KEY, "--cases", "30", "--seed", "5eed"]);
    let all = text(&out);
    assert_eq!(out.status.code(), Some(1), "{all}");
    assert!(all.contains("conform: FAILED at sequence"), "{all}");
    assert!(all.contains("#!/bin/sh"), "{all}");
    assert!(!all.contains(DEV_KEY), "the token was printed:\n{all}");
}

#[test]
fn machine_formats_report_the_run() {
    // A passing run: JSON that matches the committed schema, one item, no diagnostics.
    let out = bin(&["conform", "--cases", "5", "--seed", "0x1f", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    assert_valid(&validator("docs/json-output.schema.json"), &json, "conform --format json");
    assert_eq!(json["items"][0]["kind"], "conformance", "{json}");
    assert_eq!(json["items"][0]["name"], "5 sequences, seed 0x1f", "{json}");
    assert!(
        json["items"][0]["file"].as_str().unwrap().starts_with("http://127.0.0.1:"),
        "{json}"
    );
    assert_eq!(json["diagnostics"], serde_json::json!([]), "{json}");

    // A failing run: CF001 in JUnit (written to --output) and in SARIF; exit 1; no token.
    let url = broken_target(noop_is_updated);
    let file = tmp("failing.junit.xml");
    let failing = ["conform", "--target", &url, "--token", DEV_KEY, "--cases", "30", "--seed", "5eed"];
    let out = bin(&[&failing[..], &["--format", "junit", "--output", file.to_str().unwrap()]].concat());
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let junit = std::fs::read_to_string(&file).expect("the report was written");
    assert!(junit.contains("<failure") && junit.contains("CF001"), "{junit}");
    assert!(junit.contains("#!/bin/sh"), "the curl script is in the report: {junit}");
    assert!(!junit.contains(DEV_KEY) && !text(&out).contains(DEV_KEY), "the token was printed");
    let out = bin(&[&failing[..], &["--format", "sarif"]].concat());
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).expect("SARIF is JSON");
    assert_valid(&validator("tests/data/sarif-schema-2.1.0.json"), &sarif, "conform --format sarif");
    assert_eq!(sarif["runs"][0]["results"][0]["ruleId"], "CF001", "{sarif}");
    assert_eq!(sarif["runs"][0]["results"].as_array().map(Vec::len), Some(1), "{sarif}");
}

// ----- unusable input -----

#[test]
fn unusable_input_exits_2_with_a_clear_message() {
    let port = crate::closed_port();
    let closed = format!("http://127.0.0.1:{}/graphql/v1", port.port);
    let cases: &[(&[&str], &str)] = &[
        (&["conform", "--cases", "0"], "--cases must be at least 1"),
        (&["conform", "--seed", "xyz"], "malformed seed `xyz`"),
        (&["conform", "--seed", "0x12345678901234567"], "malformed seed"),
        (
            &["conform", "--target", &closed, "--token", "t0k3n-for-a-closed-port"],
            "cannot reach http://127.0.0.1:",
        ),
        (&["conform", "--target", &closed], "--target needs an API key"),
        (
            &["conform", "--target", "ftp://127.0.0.1/graphql/v1", "--token", "x"],
            "must be an http:// or https:// URL",
        ),
        (&["conform", "--target", "http://127.0.0.1:9", "--token", "x"], "has no path"),
    ];
    for (args, wanted) in cases {
        let out = bin(args);
        let all = text(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {all}");
        assert!(all.contains(wanted), "{args:?}: expected {wanted:?} in:\n{all}");
        assert!(!all.contains("t0k3n-for-a-closed-port"), "{args:?}: the token was printed");
    }
}

#[test]
fn the_binary_passes_against_the_built_in_server() {
    let out = bin(&["conform", "--cases", "20", "--seed", "0x1f"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(
        stdout.starts_with("conform: 20 sequences, ") && stdout.trim_end().ends_with("seed 0x1f"),
        "{stdout}"
    );
    assert_eq!(stdout.lines().count(), 1, "one line on success: {stdout}");
}

/// Error types that are not `MutationErrorType` values: only the contract can tell.
fn bad_error_type(_request: &str, response: String) -> String {
    response.replace("\"type\":\"VALIDATION\"", "\"type\":\"INVALID\"")
}

#[test]
fn a_contract_violation_fails_the_run_with_its_finding() {
    let report = run_against(&broken_target(bad_error_type), 100);
    let failure = report.failure.as_ref().expect("the planted bug is found");
    let out = report.render();
    assert_eq!(failure.ops, 1, "{out}");
    assert!(failure.reason.starts_with("contract: ["), "{out}");
    assert!(failure.response.as_deref().unwrap_or("").contains("\"type\":\"INVALID\""), "{out}");
}
