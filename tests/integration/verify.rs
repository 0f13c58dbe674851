//! `verify`: recorded exchanges replayed against `serve` and against a drift
//! server (a raw TcpListener on 127.0.0.1 that changes one thing per case),
//! matchers, `--update` round trips, pacing and unusable input.

use super::checker;
use plain_contract::conform::{self, Options};
use plain_contract::serve::{self, Store, DEV_KEY};
use plain_contract::Contract;
use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub(super) fn verify(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_plain-contract"))
        .arg("verify")
        .args(args)
        .env("PLAIN_API_KEY", DEV_KEY)
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs")
}

pub(super) fn text(out: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

pub(super) fn json_of(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("JSON report ({e}): {}", text(out)))
}

pub(super) fn tmp(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("verify-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp dir");
    dir.join(name)
}

pub(super) fn fresh_serve() -> serve::Running {
    let opts = serve::Options {
        listen: "127.0.0.1:0".parse().expect("addr"),
        ..serve::Options::default()
    };
    serve::start(Contract::embedded().expect("contract"), Store::new(), opts).expect("serve starts")
}

#[test]
fn fixtures_recorded_from_serve_verify_against_a_fresh_serve() {
    // Recorded: every exchange of a conform run against the built-in server.
    let file = tmp("recorded.ndjson");
    let opts = Options {
        cases: 20,
        seed: 0x5eed,
        save_exchanges: Some(file.clone()),
        ..Options::default()
    };
    let report = conform::run(checker(), &opts).expect("the run can be done");
    assert!(report.passed());
    let lines = std::fs::read_to_string(&file).expect("saved").lines().count();
    assert!(lines > 50, "{lines} exchanges");
    let server = fresh_serve();
    let out = verify(&[
        "--target",
        &server.url(),
        "--allow-mutations",
        "--format",
        "json",
        file.to_str().expect("utf-8"),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let v = json_of(&out);
    assert_eq!(v["summary"]["verified"], json!(lines), "{v}");
    assert_eq!(v["exchanges"].as_array().map(Vec::len), Some(lines));
    assert!(v["exchanges"]
        .as_array()
        .into_iter()
        .flatten()
        .all(|e| e["status"] == "verified" && e["differences"] == json!([])));
    // Without --allow-mutations the upserts are skipped, with why (and the
    // lookups of what they would have created drift).
    let out = verify(&["--target", &server.url(), "--format", "json", file.to_str().expect("utf-8")]);
    let v = json_of(&out);
    let list = v["exchanges"].as_array().expect("exchanges");
    let skipped: Vec<&Value> = list.iter().filter(|e| e["status"] == "skipped").collect();
    assert!(!skipped.is_empty() && skipped.len() < lines, "{v}");
    assert!(skipped
        .iter()
        .all(|e| e["reason"] == "a mutation: replayed only with --allow-mutations"));
    let bad = list.iter().filter(|e| e["status"] == "drifted" || e["status"] == "failed").count();
    assert_eq!(out.status.code(), Some(if bad > 0 { 1 } else { 0 }));
}

// ---- the drift server ----

/// What the drift server answers to one replayed request.
#[derive(Clone)]
enum Answer {
    Json(u16, Vec<(&'static str, String)>, Value),
    Slow(Duration, Value),
    Reset,
}

/// A server on 127.0.0.1 that answers the probe with a lookup's `null`, and
/// the `n`th other request as `answer(n)` says. Counts requests and keeps
/// their arrival times.
struct Drift {
    url: String,
    times: Arc<Mutex<Vec<Instant>>>,
}

fn drift(answer: impl Fn(usize) -> Answer + Send + Sync + 'static) -> Drift {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}/graphql/v1", listener.local_addr().expect("addr"));
    let answer = Arc::new(answer);
    let count = Arc::new(AtomicUsize::new(0));
    let times = Arc::new(Mutex::new(Vec::new()));
    let t = times.clone();
    std::thread::spawn(move || {
        for conn in listener.incoming().flatten() {
            let (answer, count, times) = (answer.clone(), count.clone(), t.clone());
            std::thread::spawn(move || serve_conn(conn, &*answer, &count, &times));
        }
    });
    Drift { url, times }
}

fn serve_conn(conn: TcpStream, answer: &dyn Fn(usize) -> Answer, count: &AtomicUsize, times: &Mutex<Vec<Instant>>) {
    let mut r = BufReader::new(conn.try_clone().expect("clone"));
    let mut w = conn;
    loop {
        let mut len = 0usize;
        let mut line = String::new();
        loop {
            line.clear();
            if r.read_line(&mut line).unwrap_or(0) == 0 {
                return;
            }
            if line == "\r\n" {
                break;
            }
            if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                len = v.trim().parse().unwrap_or(0);
            }
        }
        let mut body = vec![0; len];
        if r.read_exact(&mut body).is_err() {
            return;
        }
        let body = String::from_utf8_lossy(&body);
        let a = if body.contains("vfprobe-probe@example.com") {
            Answer::Json(200, vec![], json!({"data": {"customerByEmail": null}}))
        } else {
            times.lock().expect("times").push(Instant::now());
            answer(count.fetch_add(1, Ordering::SeqCst))
        };
        let (status, headers, value) = match a {
            Answer::Reset => return,
            Answer::Slow(d, v) => {
                std::thread::sleep(d);
                (200, vec![], v)
            }
            Answer::Json(s, h, v) => (s, h, v),
        };
        let text = value.to_string();
        let mut head = format!(
            "HTTP/1.1 {status} X\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: {}\r\n",
            text.len()
        );
        for (n, v) in headers {
            head.push_str(&format!("{n}: {v}\r\n"));
        }
        head.push_str("\r\n");
        if w.write_all(head.as_bytes()).and_then(|()| w.write_all(text.as_bytes())).is_err() {
            return;
        }
    }
}

const FIXTURE: &str = r#"# Recorded against Plain on 2024-05-01 (this comment must survive --update)
name: upsert creates Ada
request:
  method: POST
  path: /graphql/v1
  headers:
    Authorization: Bearer <redacted>
    Content-Type: application/json
  body:
    query: "mutation upsertCustomer($input: UpsertCustomerInput!) { upsertCustomer(input: $input) { result customer { id fullName email { email isVerified } } error { message type code } } }"
    variables:
      input:
        identifier: {emailAddress: ada@example.com}
        onCreate: {fullName: Ada, email: {email: ada@example.com, isVerified: false}}
        onUpdate: {}
response:
  status: 200
  headers:
    Content-Type: application/json
  body:
    data:
      upsertCustomer:
        result: CREATED   # the first time only
        customer:
          id: c_01HZEP1NTJZJ801PQF15EE02WN
          fullName: Ada
          email:
            email: ada@example.com
            isVerified: false
        error: null
"#;

fn live_ok() -> Value {
    json!({"data": {"upsertCustomer": {
        "result": "CREATED",
        "customer": {"id": "c_other", "fullName": "Ada L.", "email": {"email": "ada@example.com", "isVerified": false}},
        "error": null
    }}})
}

fn conflict(code: &str) -> Value {
    json!({"data": {"upsertCustomer": {
        "result": null,
        "customer": null,
        "error": {"message": "A customer already exists with this email.", "type": "VALIDATION", "code": code}
    }}})
}

fn fixture(name: &str, text: &str) -> PathBuf {
    let p = tmp(name);
    std::fs::write(&p, text).expect("write fixture");
    p
}

/// One drift case: the fixture replayed against a server answering `answer`,
/// the JSON report's single exchange.
fn case(name: &str, body: &str, extra: &[&str], answer: impl Fn(usize) -> Answer + Send + Sync + 'static) -> (Value, Output) {
    let f = fixture(&format!("{name}.yaml"), body);
    let server = drift(answer);
    let mut args = vec!["--target", server.url.as_str(), "--allow-mutations", "--format", "json"];
    args.extend_from_slice(extra);
    args.push(f.to_str().expect("utf-8"));
    let out = verify(&args);
    let v = json_of(&out);
    assert_eq!(v["exchanges"].as_array().map(Vec::len), Some(1), "{v}");
    (v["exchanges"][0].clone(), out)
}

fn kinds(e: &Value) -> Vec<(String, String)> {
    e["differences"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|d| {
            (
                d["pointer"].as_str().unwrap_or("").to_string(),
                d["kind"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn ids_names_and_timestamps_that_differ_are_not_drift() {
    let (e, out) = case("same", FIXTURE, &[], |_| Answer::Json(200, vec![], live_ok()));
    assert_eq!(e["status"], "verified", "{e}");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!((e["line"].as_u64(), e["column"].as_u64()), (Some(2), Some(1)), "{e}");
}

#[test]
fn a_removed_field_drifts_at_its_pointer() {
    let (e, out) = case("removed", FIXTURE, &[], |_| {
        let mut v = live_ok();
        v["data"]["upsertCustomer"]["customer"]
            .as_object_mut()
            .expect("customer")
            .remove("fullName");
        Answer::Json(200, vec![], v)
    });
    assert_eq!(out.status.code(), Some(1));
    // The live response lacks a selected field: the contract layer finds it too.
    assert!(
        kinds(&e).contains(&("/body/data/upsertCustomer/customer/fullName".into(), "removed".into())),
        "{e}"
    );
}

#[test]
fn null_for_an_object_drifts() {
    let (e, out) = case("null", FIXTURE, &[], |_| {
        let mut v = live_ok();
        v["data"]["upsertCustomer"]["customer"] = Value::Null;
        Answer::Json(200, vec![], v)
    });
    assert_eq!(out.status.code(), Some(1));
    // CREATED without a customer also breaks Plain's rules: failed, with the drift.
    assert_eq!(e["status"], "failed", "{e}");
    assert_eq!(
        kinds(&e),
        vec![("/body/data/upsertCustomer/customer".to_string(), "null".to_string())]
    );
    assert_eq!(e["differences"][0]["live"], Value::Null);
    assert_eq!(e["differences"][0]["recorded"]["fullName"], "Ada");
}

#[test]
fn another_result_value_and_a_new_enum_value() {
    let (e, _) = case("result", FIXTURE, &[], |_| {
        let mut v = live_ok();
        v["data"]["upsertCustomer"]["result"] = json!("UPDATED");
        Answer::Json(200, vec![], v)
    });
    assert_eq!(e["status"], "drifted", "{e}");
    assert_eq!(
        kinds(&e),
        vec![("/body/data/upsertCustomer/result".to_string(), "result".to_string())]
    );
    assert_eq!(
        (&e["differences"][0]["recorded"], &e["differences"][0]["live"]),
        (&json!("CREATED"), &json!("UPDATED"))
    );
    // A value the schema does not have: drift, and the contract layer fails it.
    let (e, out) = case("new-enum", FIXTURE, &[], |_| {
        let mut v = live_ok();
        v["data"]["upsertCustomer"]["result"] = json!("MERGED");
        Answer::Json(200, vec![], v)
    });
    assert_eq!(e["status"], "failed", "{e}");
    assert_eq!(
        kinds(&e),
        vec![("/body/data/upsertCustomer/result".to_string(), "result".to_string())]
    );
    let v = json_of(&out);
    assert!(
        v["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .any(|d| d["code"].as_str().is_some_and(|c| c.starts_with("GR"))
                && d["pointer"] == "/response/body/data/upsertCustomer/result"
                && d["line"] == 23),
        "{v}"
    );
}

#[test]
fn another_mutation_error_code_drifts() {
    let recorded = FIXTURE.replace(
        "        result: CREATED   # the first time only\n        customer:\n          id: c_01HZEP1NTJZJ801PQF15EE02WN\n          fullName: Ada\n          email:\n            email: ada@example.com\n            isVerified: false\n        error: null\n",
        "        result: null\n        customer: null\n        error:\n          message: A customer already exists with this email.\n          type: VALIDATION\n          code: customer_already_exists_with_email\n",
    );
    assert_ne!(recorded, FIXTURE);
    let (e, _) = case("same-code", &recorded, &[], |_| {
        Answer::Json(200, vec![], conflict("customer_already_exists_with_email"))
    });
    assert_eq!(e["status"], "verified", "{e}");
    let (e, _) = case("code", &recorded, &[], |_| {
        Answer::Json(200, vec![], conflict("customer_email_taken"))
    });
    assert_eq!(e["status"], "drifted", "{e}");
    assert_eq!(
        kinds(&e),
        vec![("/body/data/upsertCustomer/error/code".to_string(), "error-code".to_string())]
    );
}

#[test]
fn a_type_change_drifts_and_fails_the_contract() {
    let (e, out) = case("type", FIXTURE, &[], |_| {
        let mut v = live_ok();
        v["data"]["upsertCustomer"]["customer"]["fullName"] = json!(42);
        Answer::Json(200, vec![], v)
    });
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(e["status"], "failed", "{e}");
    assert!(
        kinds(&e).contains(&("/body/data/upsertCustomer/customer/fullName".into(), "type".into())),
        "{e}"
    );
}

/// `t` as ISO 8601 UTC with milliseconds.
fn iso(t: std::time::SystemTime) -> String {
    let ms = t.duration_since(std::time::UNIX_EPOCH).expect("after 1970").as_millis() as i64;
    let (days, rem) = (ms.div_euclid(86_400_000), ms.rem_euclid(86_400_000));
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{:03}Z",
        rem / 3_600_000,
        rem / 60_000 % 60,
        rem / 1000 % 60,
        rem % 1000
    )
}

#[test]
fn a_429_is_waited_out_until_its_reset_and_counted() {
    let started = Instant::now();
    let (e, out) = case("429", FIXTURE, &[], |n| {
        if n == 0 {
            let reset = iso(std::time::SystemTime::now() + Duration::from_millis(1500));
            Answer::Json(
                429,
                vec![
                    ("x-ratelimit-limit", "450".into()),
                    ("x-ratelimit-remaining", "0".into()),
                    ("x-ratelimit-reset", reset),
                ],
                json!({"errors": [{"message": "Too many requests", "extensions": {"code": "RATE_LIMITED"}}]}),
            )
        } else {
            Answer::Json(200, vec![], live_ok())
        }
    });
    assert_eq!(e["status"], "verified", "{e}");
    let v = json_of(&out);
    assert_eq!(v["summary"]["waits"], 1, "{v}");
    assert_eq!(v["summary"]["requests"], 2, "{v}");
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "waited for the reset: {:?}",
        started.elapsed()
    );
}

#[test]
fn a_500_a_slow_answer_and_a_reset_connection_fail_with_why() {
    let (e, out) = case("500", FIXTURE, &[], |_| {
        Answer::Json(
            500,
            vec![],
            json!({"errors": [{"message": "internal", "extensions": {"code": "INTERNAL_SERVER_ERROR"}}]}),
        )
    });
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(e["status"], "failed", "{e}");
    assert!(e["reason"].as_str().unwrap_or("").contains("500"), "{e}");
    assert!(kinds(&e).contains(&("/status".into(), "status".into())), "{e}");
    let v = json_of(&out);
    assert!(v["diagnostics"].as_array().expect("d").iter().any(|d| d["code"] == "VF002"), "{v}");

    let (e, _) = case("slow", FIXTURE, &["--timeout", "1"], |_| {
        Answer::Slow(Duration::from_secs(3), live_ok())
    });
    assert_eq!(e["status"], "failed", "{e}");
    assert!(e["reason"].as_str().unwrap_or("").starts_with("no answer"), "{e}");

    let (e, _) = case("reset", FIXTURE, &[], |_| Answer::Reset);
    assert_eq!(e["status"], "failed", "{e}");
    assert!(e["reason"].as_str().unwrap_or("").starts_with("no answer"), "{e}");
}

#[test]
fn matchers_decide_what_is_compared() {
    let with = FIXTURE.replace(
        "response:\n",
        "matchers:\n  /data/upsertCustomer/customer/fullName: equal\n  /data/upsertCustomer/customer/email/email: {match: regex, regex: \"[a-z]+@example\\\\.com\"}\n  /data/upsertCustomer/result: ignore\nresponse:\n",
    );
    // fullName must now be equal ("Ada L." is not "Ada"); result is ignored.
    let (e, _) = case("matchers", &with, &[], |_| {
        let mut v = live_ok();
        v["data"]["upsertCustomer"]["result"] = json!("UPDATED");
        Answer::Json(200, vec![], v)
    });
    assert_eq!(
        kinds(&e),
        vec![("/body/data/upsertCustomer/customer/fullName".to_string(), "value".to_string())],
        "{e}"
    );
    let (e, _) = case("regex", &with, &[], |_| {
        let mut v = live_ok();
        v["data"]["upsertCustomer"]["customer"]["fullName"] = json!("Ada");
        v["data"]["upsertCustomer"]["customer"]["email"]["email"] = json!("ADA@other.org");
        Answer::Json(200, vec![], v)
    });
    assert_eq!(
        kinds(&e),
        vec![("/body/data/upsertCustomer/customer/email/email".to_string(), "regex".to_string())],
        "{e}"
    );
    // `type` under a path: another value of the same kind is fine, under `*`.
    let typed = FIXTURE.replace("response:\n", "matchers:\n  /data/*/result: type\nresponse:\n");
    let (e, _) = case("type-matcher", &typed, &[], |_| {
        let mut v = live_ok();
        v["data"]["upsertCustomer"]["result"] = json!("UPDATED");
        Answer::Json(200, vec![], v)
    });
    assert_eq!(e["status"], "verified", "{e}");
}

#[test]
fn a_malformed_matcher_stops_the_run_with_its_place() {
    let bad = FIXTURE.replace(
        "response:\n",
        "matchers:\n  /data/x: {match: regex, regex: \"(\"}\n  data/y: type\nresponse:\n",
    );
    let f = fixture("bad-matcher.yaml", &bad);
    let server = drift(|_| Answer::Json(200, vec![], live_ok()));
    let out = verify(&["--target", &server.url, "--allow-mutations", f.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    let t = text(&out);
    assert!(
        t.contains("HX001") && t.contains("regex does not compile") && t.contains("bad-matcher.yaml:17:"),
        "{t}"
    );
    assert!(t.contains("`data/y` is not a JSON pointer"), "{t}");
    assert!(server.times.lock().expect("times").is_empty(), "nothing was sent");
}

#[test]
fn update_rewrites_in_place_keeping_comments_then_check_and_verify_pass() {
    let f = fixture("update.yaml", FIXTURE);
    let server = drift(|_| {
        let mut v = live_ok();
        v["data"]["upsertCustomer"]["result"] = json!("UPDATED");
        v["data"]["upsertCustomer"]["customer"]["email"]["isVerified"] = json!(true);
        Answer::Json(200, vec![], v)
    });
    let path = f.to_str().expect("utf-8");
    let out = verify(&["--target", &server.url, "--allow-mutations", "--update", path]);
    assert_eq!(out.status.code(), Some(1), "drift is reported: {}", text(&out));
    assert!(text(&out).contains(&format!("updated {path}")), "{}", text(&out));
    let after = std::fs::read_to_string(&f).expect("read");
    assert!(after.starts_with("# Recorded against Plain on 2024-05-01"), "{after}");
    assert!(after.contains("result: \"UPDATED\"   # the first time only"), "{after}");
    assert!(
        after.contains("Authorization: Bearer <redacted>") && !after.contains(DEV_KEY),
        "{after}"
    );
    let check = Command::new(env!("CARGO_BIN_EXE_plain-contract"))
        .args(["check", path])
        .output()
        .expect("check runs");
    assert_eq!(check.status.code(), Some(0), "{}", text(&check));
    let out = verify(&["--target", &server.url, "--allow-mutations", "--format", "json", path]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert_eq!(json_of(&out)["summary"]["verified"], 1);
}

#[test]
fn update_of_ndjson_and_har_and_a_failed_file_untouched() {
    let line = |result: &str| {
        json!({"name": "up", "request": {"method": "POST", "path": "/graphql/v1",
            "headers": {"Authorization": "Bearer <redacted>", "Content-Type": "application/json"},
            "body": {"query": "mutation upsertCustomer($input: UpsertCustomerInput!) { upsertCustomer(input: $input) { result customer { id fullName email { email isVerified } } error { message type code } } }",
                     "variables": {"input": {"identifier": {"emailAddress": "ada@example.com"}, "onCreate": {"fullName": "Ada", "email": {"email": "ada@example.com", "isVerified": false}}, "onUpdate": {}}}}},
            "response": {"status": 200, "headers": {"Content-Type": "application/json"},
            "body": {"data": {"upsertCustomer": {"result": result, "customer": {"id": "c_1", "fullName": "Ada", "email": {"email": "ada@example.com", "isVerified": false}}, "error": null}}}}})
    };
    let nd = fixture("update.ndjson", &format!("{}\n{}\n", line("CREATED"), line("UPDATED")));
    let server = drift(|_| Answer::Json(200, vec![], live_ok()));
    let out = verify(&[
        "--target",
        &server.url,
        "--allow-mutations",
        "--update",
        nd.to_str().expect("utf-8"),
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let after = std::fs::read_to_string(&nd).expect("read");
    let lines: Vec<Value> = after.lines().map(|l| serde_json::from_str(l).expect("a JSON line")).collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[1]["response"]["body"]["data"]["upsertCustomer"]["result"], "CREATED");
    assert_eq!(lines[1]["name"], "up", "{after}");
    let out = verify(&["--target", &server.url, "--allow-mutations", nd.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));

    // A HAR entry is updated where it stands: its status and content.text.
    let req = line("CREATED")["request"]["body"].to_string();
    let recorded = json!({"data": {"upsertCustomer": {"result": "UPDATED", "customer": {"id": "c_1", "fullName": "Ada", "email": {"email": "ada@example.com", "isVerified": false}}, "error": null}}});
    let har = json!({"log": {"version": "1.2", "creator": {"name": "browser", "version": "1"}, "entries": [{
        "startedDateTime": "2024-05-01T10:00:00.000Z", "time": 12,
        "request": {"method": "POST", "url": "https://core-api.uk.plain.com/graphql/v1", "httpVersion": "HTTP/1.1",
            "headers": [{"name": "Authorization", "value": "Bearer <redacted>"}, {"name": "Content-Type", "value": "application/json"}],
            "postData": {"mimeType": "application/json", "text": req}},
        "response": {"status": 200, "statusText": "OK", "httpVersion": "HTTP/1.1",
            "headers": [{"name": "Content-Type", "value": "application/json"}],
            "content": {"size": 10, "mimeType": "application/json", "text": recorded.to_string()}}}]}});
    let har_text = serde_json::to_string_pretty(&har).expect("json");
    let hf = fixture("update.har", &har_text);
    let out = verify(&[
        "--target",
        &server.url,
        "--allow-mutations",
        "--update",
        hf.to_str().expect("utf-8"),
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let after = std::fs::read_to_string(&hf).expect("read");
    let v: Value = serde_json::from_str(&after).expect("still JSON");
    let body: Value =
        serde_json::from_str(v["log"]["entries"][0]["response"]["content"]["text"].as_str().expect("text")).expect("JSON body");
    assert_eq!(body["data"]["upsertCustomer"]["result"], "CREATED");
    assert_eq!(after.lines().count(), har_text.lines().count(), "edited in place:\n{after}");
    let check = Command::new(env!("CARGO_BIN_EXE_plain-contract"))
        .args(["check", hf.to_str().expect("utf-8")])
        .output()
        .expect("check runs");
    assert_eq!(check.status.code(), Some(0), "{}", text(&check));
    let out = verify(&["--target", &server.url, "--allow-mutations", hf.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));

    // A last line cut off by a stopped recording is skipped with a note.
    let cut = fixture(
        "cut.ndjson",
        &format!("{}\n{}", line("CREATED"), &line("CREATED").to_string()[..40]),
    );
    let out = verify(&[
        "--target",
        &server.url,
        "--allow-mutations",
        "--format",
        "json",
        cut.to_str().expect("utf-8"),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let v = json_of(&out);
    assert_eq!(v["summary"]["verified"], 1, "{v}");
    assert!(
        v["diagnostics"]
            .as_array()
            .expect("d")
            .iter()
            .any(|d| d["code"] == "VF004" && d["line"] == 2),
        "{v}"
    );

    // A file whose replay failed is never touched.
    let f = fixture("failed.yaml", FIXTURE);
    let server = drift(|_| Answer::Reset);
    let out = verify(&["--target", &server.url, "--allow-mutations", "--update", f.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&f).expect("read"), FIXTURE);
}

#[test]
fn unusable_targets_and_files_exit_2_before_replaying() {
    let f = fixture("plain.yaml", FIXTURE);
    let path = f.to_str().expect("utf-8");
    // Nothing listens on the port of a listener just dropped.
    let port = TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port();
    let out = verify(&["--target", &format!("http://127.0.0.1:{port}/graphql/v1"), path]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("cannot reach"), "{}", text(&out));
    // A key the target refuses (serve knows only its dev key).
    let server = fresh_serve();
    let out = Command::new(env!("CARGO_BIN_EXE_plain-contract"))
        .args([
            "verify",
            "--target",
            &server.url(),
            "--header",
            "Authorization: Bearer wrong-key-123456",
            path,
        ])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(
        text(&out).contains("refused the API key") && !text(&out).contains("wrong-key-123456"),
        "{}",
        text(&out)
    );
    // --update on a read-only file.
    let ro = fixture("readonly.yaml", FIXTURE);
    let mut perms = std::fs::metadata(&ro).expect("meta").permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&ro, perms).expect("chmod");
    if std::fs::OpenOptions::new().append(true).open(&ro).is_ok() {
        eprintln!("running as root: a read-only file is still writable; skipping that case");
    } else {
        let out = verify(&["--target", &server.url(), "--update", ro.to_str().expect("utf-8")]);
        assert_eq!(out.status.code(), Some(2), "{}", text(&out));
        assert!(text(&out).contains("--update cannot write"), "{}", text(&out));
    }
}

#[test]
fn pacing_spaces_requests_at_the_rate() {
    // 600/min: one request every 100 ms. 11 queries, seen from the server side.
    let q = r#"{"name": "q", "request": {"method": "POST", "path": "/graphql/v1", "headers": {"Content-Type": "application/json"}, "body": {"query": "query customerByEmail($email: String!) { customerByEmail(email: $email) { id } }", "variables": {"email": "a@example.com"}}}, "response": {"status": 200, "headers": {"Content-Type": "application/json"}, "body": {"data": {"customerByEmail": null}}}}"#;
    let f = fixture("paced.ndjson", &format!("{}\n", [q; 11].join("\n")));
    let server = drift(|_| Answer::Json(200, vec![], json!({"data": {"customerByEmail": null}})));
    let out = verify(&[
        "--target",
        &server.url,
        "--rate",
        "600/min",
        "--format",
        "json",
        f.to_str().expect("utf-8"),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let times = server.times.lock().expect("times").clone();
    assert_eq!(times.len(), 11);
    let span = times[10] - times[0];
    assert!(span >= Duration::from_millis(900), "11 requests at 600/min span 1 s, got {span:?}");
    assert!(span < Duration::from_millis(3000), "{span:?}");
    for w in times.windows(2) {
        assert!(w[1] - w[0] >= Duration::from_millis(40), "spaced: {:?}", w[1] - w[0]);
    }
}

#[test]
fn given_setup_requests_run_first_and_their_failure_is_reported() {
    let given = FIXTURE.replace(
        "response:\n",
        "given:\n  - method: POST\n    path: /graphql/v1\n    headers: {Authorization: Bearer <redacted>, Content-Type: application/json}\n    body:\n      query: \"mutation upsertCustomer($input: UpsertCustomerInput!) { upsertCustomer(input: $input) { result } }\"\n      variables: {input: {identifier: {emailAddress: ada@example.com}, onCreate: {fullName: Ada, email: {email: ada@example.com, isVerified: false}}, onUpdate: {}}}\nresponse:\n",
    );
    let (e, out) = case("given", &given, &[], |_| Answer::Json(200, vec![], live_ok()));
    assert_eq!(e["status"], "verified", "{e}");
    assert_eq!(json_of(&out)["summary"]["requests"], 2);
    let (e, out) = case("given-fails", &given, &[], |n| {
        if n == 0 {
            Answer::Json(400, vec![], json!({"errors": [{"message": "bad input"}]}))
        } else {
            Answer::Json(200, vec![], live_ok())
        }
    });
    assert_eq!(e["status"], "failed", "{e}");
    assert!(
        e["reason"]
            .as_str()
            .unwrap_or("")
            .contains("setup request 1 was answered 400: bad input"),
        "{e}"
    );
    assert!(text(&out).contains("VF003"));
    // `check` reads the fixture with its `given:` and `matchers:`.
    let f = fixture("given-check.yaml", &given);
    let check = Command::new(env!("CARGO_BIN_EXE_plain-contract"))
        .args(["check", f.to_str().expect("utf-8")])
        .output()
        .expect("check runs");
    assert_eq!(check.status.code(), Some(0), "{}", text(&check));
}

#[test]
fn every_format_and_junit_has_one_case_per_exchange() {
    let f = fixture("formats.yaml", FIXTURE);
    let server = drift(|_| {
        let mut v = live_ok();
        v["data"]["upsertCustomer"]["customer"] = Value::Null;
        Answer::Json(200, vec![], v)
    });
    let path = f.to_str().expect("utf-8");
    for (format, needle) in [
        ("human", "VF001"),
        ("junit", "<testcase name=\"exchange upsert creates Ada (2:1)\""),
        ("sarif", "\"ruleId\": \"VF001\""),
        ("github", "::error file="),
    ] {
        let out = verify(&["--target", &server.url, "--allow-mutations", "--format", format, path]);
        assert_eq!(out.status.code(), Some(1), "{format}: {}", text(&out));
        assert!(String::from_utf8_lossy(&out.stdout).contains(needle), "{format}: {}", text(&out));
    }
}
