//! The reference server over HTTP, and the recording proxy, on 127.0.0.1
//! only: statuses (400, 401, 403, 413, 429), bad input while other clients
//! are served, concurrency of identical upserts, and every ordinary response
//! passing `plain-contract check`.

use plain_contract::record;
use plain_contract::serve::Store;
use plain_contract::serve::{self, ApiKey, Options, Running};
use plain_contract::Contract;
use serde_json::{json, Value};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

const FULL: &str = "k_full_test";
const READ_ONLY: &str = "k_read_only";
const WRITE_ONLY: &str = "k_write_only";

fn server(tweak: impl FnOnce(&mut Options)) -> Running {
    let mut opts = Options {
        listen: "127.0.0.1:0".parse().unwrap(),
        keys: vec![
            ApiKey::parse(&format!("{FULL}=*"), 0).unwrap(),
            ApiKey::parse(&format!("{READ_ONLY}=customer:read"), 1).unwrap(),
            ApiKey::parse(&format!("{WRITE_ONLY}=customer:create,customer:edit"), 2).unwrap(),
        ],
        ..Options::default()
    };
    tweak(&mut opts);
    serve::start(Contract::embedded().unwrap(), Store::new(), opts).expect("server starts on loopback")
}

/// A client whose only timeout is a hang guard: 120 s, generous for a debug
/// build on a loaded machine (a 5,000-error document took over 30 s there);
/// speed is timed in benches/timeouts.rs.
pub(crate) fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(120)))
        .build()
        .into()
}

/// One exchange as the server answered it.
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
}

fn post(url: &str, token: Option<&str>, content_type: &str, body: &str) -> Reply {
    let mut req = axum::http::Request::builder().method("POST").uri(url);
    if let Some(t) = token {
        req = req.header("Authorization", format!("Bearer {t}"));
    }
    if !content_type.is_empty() {
        req = req.header("Content-Type", content_type);
    }
    let resp = agent()
        .run(req.body(body.as_bytes().to_vec()).unwrap())
        .expect("the server answers (within the client's 120 s timeout)");
    let status = resp.status().as_u16();
    let headers = resp
        .headers()
        .iter()
        .map(|(k, v)| (k.as_str().to_string(), v.to_str().unwrap_or("").to_string()))
        .collect();
    let body = resp.into_body().read_to_string().unwrap_or_default();
    Reply { status, headers, body }
}

fn gql(url: &str, token: &str, query: &str, variables: Value) -> Reply {
    post(
        url,
        Some(token),
        "application/json",
        &json!({"query": query, "variables": variables}).to_string(),
    )
}

const UPSERT: &str = "mutation upsertCustomer($input: UpsertCustomerInput!) { upsertCustomer(input: $input) { result customer { id fullName } error { message type code fields { field message type } } } }";

fn upsert_vars(email: &str, name: &str) -> Value {
    json!({"input": {"identifier": {"emailAddress": email}, "onCreate": {"fullName": name, "email": {"email": email, "isVerified": true}}, "onUpdate": {"fullName": {"value": name}}}})
}

/// A native fixture line for an exchange, for `plain-contract check`. A
/// rejection the server made (400, 401, 403, 413, or 200 with `errors` and
/// no `data`) is recorded as a negative fixture (`expect: rejected`), which
/// `check` passes only when the request breaks the contract as that
/// rejection documents (or, for 401, 403 and 413, for a reason the
/// recording cannot show: an unknown key, a permission, the size).
fn fixture(request_body: &str, reply: &Reply) -> Value {
    let body = |t: &str| serde_json::from_str::<Value>(t).unwrap_or(Value::String(t.to_string()));
    let resp_headers: serde_json::Map<String, Value> = reply
        .headers
        .iter()
        .filter(|(k, _)| k == "content-type")
        .map(|(k, v)| (k.clone(), json!(v)))
        .collect();
    let resp_body = body(&reply.body);
    let rejected = matches!(reply.status, 400 | 401 | 403 | 413)
        || (reply.status == 200 && resp_body.get("data").is_none() && resp_body.get("errors").is_some());
    let mut f = json!({
        "request": {"method": "POST", "path": "/graphql/v1", "headers": {"Authorization": "Bearer <redacted>", "Content-Type": "application/json"}, "body": body(request_body)},
        "response": {"status": reply.status, "headers": resp_headers, "body": resp_body},
    });
    if rejected {
        f["expect"] = json!("rejected");
    }
    f
}

/// `plain-contract check` passes every exchange (both layers).
fn assert_all_pass_check(lines: &[Value]) {
    // Tests run at once in one process: each call gets a directory of its own.
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("pc-serve-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("exchanges.ndjson");
    let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
    std::fs::write(&file, text).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_plain-contract"))
        .args(["check", "--color", "never"])
        .arg(&file)
        .output()
        .unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn statuses_and_their_bodies() {
    let s = server(|_| {});
    let url = s.url();
    let mut exchanges = Vec::new();

    // 200: CREATED then NOOP then UPDATED.
    let body = json!({"query": UPSERT, "variables": upsert_vars("ada@example.com", "Ada")}).to_string();
    let r = post(&url, Some(FULL), "application/json", &body);
    assert_eq!(
        (r.status, r.json()["data"]["upsertCustomer"]["result"].clone()),
        (200, json!("CREATED"))
    );
    exchanges.push(fixture(&body, &r));
    let r = post(&url, Some(FULL), "application/json", &body);
    assert_eq!(r.json()["data"]["upsertCustomer"]["result"], "NOOP");
    exchanges.push(fixture(&body, &r));
    let body2 = json!({"query": UPSERT, "variables": upsert_vars("ada@example.com", "Ada L.")}).to_string();
    let r = post(&url, Some(FULL), "application/json", &body2);
    assert_eq!(r.json()["data"]["upsertCustomer"]["result"], "UPDATED");
    exchanges.push(fixture(&body2, &r));

    // 401: no key, unknown key; the body never repeats the credential.
    let r = post(&url, None, "application/json", &body);
    assert_eq!(r.status, 401);
    assert_eq!(r.json()["errors"][0]["extensions"]["code"], "UNAUTHENTICATED");
    exchanges.push(fixture(&body, &r));
    let r = post(&url, Some("plainApiKey_wrong_secret"), "application/json", &body);
    assert_eq!(r.status, 401);
    assert!(!r.body.contains("plainApiKey_wrong_secret"), "{}", r.body);
    exchanges.push(fixture(&body, &r));

    // 403: a query without customer:read.
    let q = json!({"query": "{ customerByEmail(email: \"ada@example.com\") { id } }"}).to_string();
    let r = post(&url, Some(WRITE_ONLY), "application/json", &q);
    assert_eq!(r.status, 403);
    assert_eq!(
        r.json()["errors"][0]["message"],
        "Insufficient permissions, missing \"customer:read\"."
    );
    assert_eq!(r.json()["errors"][0]["extensions"]["code"], "FORBIDDEN");
    // Where, as a resolver's error would say: the root field and its place.
    assert_eq!(r.json()["errors"][0]["path"], json!(["customerByEmail"]));
    assert_eq!(r.json()["errors"][0]["locations"], json!([{"line": 1, "column": 3}]));
    exchanges.push(fixture(&q, &r));
    // A mutation without its permission: 200 with Plain's MutationError.
    let r = post(&url, Some(READ_ONLY), "application/json", &body);
    assert_eq!(r.status, 200);
    let err = &r.json()["data"]["upsertCustomer"]["error"];
    assert_eq!(err["type"], "FORBIDDEN");
    assert_eq!(err["code"], "forbidden");
    assert_eq!(err["message"], "Insufficient permissions, missing \"customer:create\".");
    exchanges.push(fixture(&body, &r));

    // 400: malformed JSON, no query, wrong content type.
    for (ct, b) in [
        ("application/json", "{\"query\": "),
        ("application/json", "{\"variables\": {}}"),
        ("application/json", "[1, 2]"),
        ("text/plain", body.as_str()),
        ("", body.as_str()),
    ] {
        let r = post(&url, Some(FULL), ct, b);
        assert_eq!(r.status, 400, "{ct} {b}: {}", r.body);
        assert_eq!(r.json()["errors"][0]["extensions"]["code"], "BAD_REQUEST");
        if ct == "application/json" {
            exchanges.push(fixture(b, &r));
        }
    }

    // 200 with errors: parse and validation failures, bad variables, unknown operationName.
    for (b, code) in [
        (json!({"query": "{ customer(customerId: "}), "GRAPHQL_PARSE_FAILED"),
        (json!({"query": "{ notAField }"}), "GRAPHQL_VALIDATION_FAILED"),
        (
            json!({"query": "query A { customers { totalCount } }", "operationName": "B"}),
            "GRAPHQL_VALIDATION_FAILED",
        ),
        (
            json!({"query": UPSERT, "variables": {"input": {"identifier": {}}}}),
            "BAD_USER_INPUT",
        ),
    ] {
        let b = b.to_string();
        let r = post(&url, Some(FULL), "application/json", &b);
        assert_eq!(r.status, 200, "{b}: {}", r.body);
        let v = r.json();
        assert!(v.get("data").is_none(), "{}", r.body);
        assert_eq!(v["errors"][0]["extensions"]["code"], code, "{}", r.body);
        assert!(v["errors"][0]["extensions"]["contractCode"].is_string());
        exchanges.push(fixture(&b, &r));
    }

    // 413: a declared length over the limit is refused before the body is read;
    // a chunked body is cut off at the limit. (The contract does not document 413.)
    let head = format!(
        "POST /graphql/v1 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {FULL}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        2 << 20
    );
    let r = raw(s.addr, head.as_bytes());
    assert!(r.starts_with("HTTP/1.1 413"), "{r}");
    assert!(r.contains("PAYLOAD_TOO_LARGE"), "{r}");
    let mut chunked = format!(
        "POST /graphql/v1 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {FULL}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    )
    .into_bytes();
    for _ in 0..20 {
        chunked.extend_from_slice(format!("{:x}\r\n{}\r\n", 100_000, "x".repeat(100_000)).as_bytes());
    }
    let r = raw(s.addr, &chunked);
    assert!(r.starts_with("HTTP/1.1 413"), "{}", &r[..r.len().min(200)]);

    // Every other exchange passes `plain-contract check` (both layers).
    assert_all_pass_check(&exchanges);
}

#[test]
fn rate_limit_answers_429_with_headers() {
    let s = server(|o| o.rate_limit = Some(3));
    let url = s.url();
    let q = json!({"query": "{ customers { totalCount } }"}).to_string();
    let mut remaining = Vec::new();
    for _ in 0..3 {
        let r = post(&url, Some(FULL), "application/json", &q);
        assert_eq!(r.status, 200, "{}", r.body);
        assert_eq!(r.header("x-ratelimit-limit"), Some("3"));
        remaining.push(r.header("x-ratelimit-remaining").unwrap().to_string());
    }
    assert_eq!(remaining, ["2", "1", "0"]);
    let r = post(&url, Some(FULL), "application/json", &q);
    assert_eq!(r.status, 429);
    assert_eq!(
        r.json(),
        json!({"errors":[{"message":"Too Many Requests - Rate limit exceeded","extensions":{"code":"RATE_LIMITED"}}]})
    );
    let reset = r.header("x-ratelimit-reset").expect("reset header");
    assert!(reset.ends_with('Z') && reset.contains('T'), "ISO time: {reset}");
    // Another key has its own window.
    let r = post(&url, Some(READ_ONLY), "application/json", &q);
    assert_eq!(r.status, 200);
    assert_all_pass_check(&[fixture(&q, &r)]);
}

/// Identical upserts in parallel: exactly one CREATED, the rest NOOP; and
/// distinct upserts in parallel all land (no lost write).
#[test]
fn concurrent_identical_upserts_create_one_customer() {
    let s = server(|_| {});
    let url = s.url();
    let results: Vec<String> = std::thread::scope(|sc| {
        let handles: Vec<_> = (0..16)
            .map(|_| {
                let url = url.clone();
                sc.spawn(move || {
                    let r = gql(&url, FULL, UPSERT, upsert_vars("same@example.com", "Same"));
                    r.json()["data"]["upsertCustomer"]["result"].as_str().unwrap_or("?").to_string()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert_eq!(results.iter().filter(|r| *r == "CREATED").count(), 1, "{results:?}");
    assert_eq!(results.iter().filter(|r| *r == "NOOP").count(), 15, "{results:?}");

    std::thread::scope(|sc| {
        for t in 0..8 {
            let url = url.clone();
            sc.spawn(move || {
                for i in 0..25 {
                    let email = format!("t{t}-{i}@example.com");
                    let r = gql(&url, FULL, UPSERT, upsert_vars(&email, "Many"));
                    assert_eq!(r.json()["data"]["upsertCustomer"]["result"], "CREATED", "{}", r.body);
                }
            });
        }
    });
    let r = gql(&url, FULL, "{ customers { totalCount } }", json!({}));
    assert_eq!(r.json()["data"]["customers"]["totalCount"], 201, "{}", r.body);
}

/// Raw bytes on a socket (for bodies no client library would send).
fn raw(addr: std::net::SocketAddr, bytes: &[u8]) -> String {
    let mut c = TcpStream::connect(addr).unwrap();
    c.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let _ = c.write_all(bytes); // the server may answer (413) and close before all is sent
    let mut out = String::new();
    let _ = c.read_to_string(&mut out);
    out
}

/// The answer to an unknown key or another method does not depend on the
/// Authorization value: it is never echoed. A fuzz find of the target
/// `serve_request` (its property first took `Authorization: "errors"` for an
/// echo, as every error body holds `"errors"`); the property now compares
/// with the same request under another unknown key, as this test does.
#[test]
fn answers_do_not_depend_on_the_authorization_value() {
    let s = server(|_| {});
    let ask = |method: &str, auth: &str| {
        let body = r#"{"query":"{ customers { totalCount } }"}"#;
        let req = format!(
            "{method} /graphql/v1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: {auth}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        );
        let out = raw(s.addr, req.as_bytes());
        let (head, body) = out.split_once("\r\n\r\n").unwrap_or((&out, ""));
        let status = head.split(' ').nth(1).unwrap_or("").to_string();
        (status, body.to_string())
    };
    for method in ["POST", "GET"] {
        let baseline = ask(method, "Bearer plainApiKey_some_other_unknown");
        for auth in [
            "\"errors\"",
            "Bearer Authentication failed",
            "Bearer GraphQL request",
            "x plainApiKey_secret_123456",
            "Bearer plainApiKey_secret_123456",
        ] {
            let got = ask(method, auth);
            assert_eq!(got, baseline, "{method} with Authorization {auth}");
            assert!(!got.1.contains("plainApiKey_secret"), "{}", got.1);
        }
    }
}

#[test]
fn hostile_requests_do_not_stop_other_clients() {
    // A client stopped in the middle of its body does not hold up others:
    // with a body timeout far longer than the client's own timeout (120 s,
    // `agent`), an ordinary request is answered while that body is still
    // awaited. (How fast it is answered is timed in benches/timeouts.rs.)
    let patient = server(|o| o.body_timeout = Duration::from_secs(600));
    let mut stalled = TcpStream::connect(patient.addr).unwrap();
    let head = format!(
        "POST /graphql/v1 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {FULL}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{{\"query\""
    );
    stalled.write_all(head.as_bytes()).unwrap();
    let r = gql(&patient.url(), FULL, "{ customers { totalCount } }", json!({}));
    assert_eq!(r.status, 200, "{}", r.body);
    drop(stalled);

    let s = server(|o| o.body_timeout = Duration::from_secs(1));
    let url = s.url();
    let addr = s.addr;
    // A client that dribbles its body, one byte at a time, slower than the
    // body timeout allows, gets 408.
    let mut c = TcpStream::connect(addr).unwrap();
    c.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let head = format!(
        "POST /graphql/v1 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {FULL}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n"
    );
    c.write_all(head.as_bytes()).unwrap();
    for _ in 0..8 {
        if c.write_all(b" ").is_err() {
            break;
        }
        std::thread::sleep(Duration::from_millis(250));
    }
    let mut slow = String::new();
    let _ = c.read_to_string(&mut slow);
    assert!(slow.starts_with("HTTP/1.1 408"), "{slow}");

    // A client that dribbles its request head (a header line every 100 ms,
    // 40 of them) is cut off by the timeout before it is done, never
    // answered, and others are answered meanwhile. (How long the cut takes
    // is timed in benches/timeouts.rs.)
    let mut c = TcpStream::connect(addr).unwrap();
    c.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    c.write_all(b"POST /graphql/v1 HTTP/1.1\r\nHost: x\r\n").unwrap();
    let r = gql(&url, FULL, "{ customers { totalCount } }", json!({}));
    assert_eq!(r.status, 200);
    let mut rest = Vec::new();
    let mut sent = 0;
    for _ in 0..40 {
        if c.write_all(b"X-Slow: 1\r\n").is_err() {
            break;
        }
        sent += 1;
        std::thread::sleep(Duration::from_millis(100));
    }
    // Closed by the server: the end of the stream, or a reset (the lines
    // written after the close); not the 20 s read timeout.
    let read = c.read_to_end(&mut rest);
    let timed_out = read
        .as_ref()
        .is_err_and(|e| matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut));
    assert!(
        sent < 40 && !timed_out,
        "the dribbled head was not cut off: {sent} of 40 header lines went through, then {read:?}"
    );
    assert!(
        !String::from_utf8_lossy(&rest).contains("200 OK"),
        "{}",
        String::from_utf8_lossy(&rest)
    );

    // A legitimately deep query is answered; 10,000 aliases and a fragment bomb are refused with a clear error.
    let deep =
        "{ customers { edges { node { customerGroupMemberships { edges { node { customerGroup { createdBy { __typename } } } } } } } } }";
    let r = gql(&url, FULL, deep, json!({}));
    assert!(r.json().get("errors").is_none(), "{}", r.body);
    let aliases: String = (0..10_000).map(|i| format!("a{i}: customers {{ totalCount }} ")).collect();
    // (Within the client's 120 s timeout; how fast is timed in benches/timeouts.rs.)
    let r = gql(&url, FULL, &format!("{{ {aliases} }}"), json!({}));
    assert_eq!(r.status, 200);
    let msg = r.json()["errors"][0]["message"].as_str().unwrap_or("").to_string();
    assert!(msg.contains("more than 100 aliases"), "{msg}");
    let mut bomb = String::from("fragment F0 on Query { customers { totalCount } }\n");
    for i in 1..20 {
        bomb.push_str(&format!("fragment F{i} on Query {{ ...F{p} ...F{p} }}\n", p = i - 1));
    }
    bomb.push_str("{ ...F19 }");
    let r = gql(&url, FULL, &bomb, json!({}));
    let msg = r.json()["errors"][0]["message"].as_str().unwrap_or("").to_string();
    assert!(msg.contains("fields"), "{msg}");

    // Unknown operations, unknown paths, GET.
    let r = post(
        &url,
        Some(FULL),
        "application/json",
        &json!({"query": "{ customers { totalCount } }", "operationName": "Nope"}).to_string(),
    );
    assert_eq!(r.json()["errors"][0]["extensions"]["contractCode"], "GQ004", "{}", r.body);
    let r = post(&format!("http://{addr}/graphql/v2"), Some(FULL), "application/json", "{}");
    assert_eq!(r.status, 404);
    let get = raw(addr, b"GET /graphql/v1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assert!(get.starts_with("HTTP/1.1 405"), "{get}");
    // Malformed HTTP and non-UTF-8 bodies.
    let junk = raw(addr, b"\x00\x01garbage\r\n\r\n");
    assert!(junk.is_empty() || junk.starts_with("HTTP/1.1 400"), "{junk}");
    let mut nonutf = format!("POST /graphql/v1 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {FULL}\r\nContent-Type: application/json\r\nContent-Length: 4\r\nConnection: close\r\n\r\n").into_bytes();
    nonutf.extend_from_slice(b"\xff\xfe\x00{");
    let r = raw(addr, &nonutf);
    assert!(r.starts_with("HTTP/1.1 400"), "{r}");
    // JSON nested 10,000 deep.
    let deep_json = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let r = post(&url, Some(FULL), "application/json", &deep_json);
    assert_eq!(r.status, 400);

    // Still serving.
    let r = gql(&url, FULL, UPSERT, upsert_vars("after@example.com", "After"));
    assert_eq!(r.json()["data"]["upsertCustomer"]["result"], "CREATED", "{}", r.body);
}

#[test]
fn depth_limit_is_a_clear_error() {
    let s = server(|o| o.max_depth = 4);
    let q = "{ customers { edges { node { customerGroupMemberships { edges { node { customerId } } } } } } }";
    let r = gql(&s.url(), FULL, q, json!({}));
    assert_eq!(r.status, 200);
    let v = r.json();
    assert_eq!(v["errors"][0]["extensions"]["code"], "GRAPHQL_VALIDATION_FAILED");
    assert!(v["errors"][0]["message"].as_str().unwrap().contains("deeper than 4 levels"), "{v}");
    let r = gql(&s.url(), FULL, "{ customers { edges { node { id } } } }", json!({}));
    assert!(r.json().get("errors").is_none(), "{}", r.body);
}

#[test]
fn document_errors_carry_locations_and_are_capped() {
    let s = server(|_| {});
    let url = s.url();
    let mut exchanges = Vec::new();
    let mut ask = |query: &str, variables: Value| {
        let b = json!({"query": query, "variables": variables}).to_string();
        let r = post(&url, Some(FULL), "application/json", &b);
        assert_eq!(r.status, 200, "{}", r.body);
        exchanges.push(fixture(&b, &r));
        r
    };

    // A validation error at its line and column in the document (not in the JSON body).
    let r = ask("{\n  customers {\n    totalCount\n    notAField\n  }\n}", json!({}));
    let e = &r.json()["errors"][0];
    assert_eq!(e["extensions"]["code"], "GRAPHQL_VALIDATION_FAILED", "{}", r.body);
    assert_eq!(e["locations"], json!([{"line": 4, "column": 5}]), "{}", r.body);
    // A syntax error too: the end of the text, on line 1.
    let r = ask("{ customer(customerId: ", json!({}));
    let e = &r.json()["errors"][0];
    assert_eq!(e["extensions"]["code"], "GRAPHQL_PARSE_FAILED", "{}", r.body);
    assert_eq!(e["locations"][0]["line"], 1, "{}", r.body);
    // A variables error is about the JSON, not the document: no locations, a pointer.
    let r = ask(UPSERT, json!({"input": {"identifier": {}}}));
    let e = &r.json()["errors"][0];
    assert_eq!(e["extensions"]["code"], "BAD_USER_INPUT", "{}", r.body);
    assert!(e.get("locations").is_none(), "{}", r.body);
    assert!(
        e["extensions"]["pointer"].as_str().unwrap().starts_with("/variables/input"),
        "{}",
        r.body
    );

    // One mistake repeated 5,000 times: 100 errors and one saying the rest were left out.
    let q = format!("{{ customers {{ totalCount {} }} }}", "@include(if: true) ".repeat(5_000));
    let r = ask(&q, json!({}));
    let errors = r.json()["errors"].as_array().unwrap().clone();
    assert_eq!(errors.len(), 101, "{}", &r.body[..r.body.len().min(500)]);
    assert!(errors[..100].iter().all(|e| e["locations"][0]["line"] == 1));
    assert_eq!(
        errors[100]["message"],
        "Too many errors, error limit reached: 4899 more left out. Validation aborted."
    );
    assert_eq!(errors[100]["extensions"]["code"], "GRAPHQL_VALIDATION_FAILED");
    assert!(r.body.len() < 64 << 10, "{} bytes", r.body.len());

    // Every such answer passes `plain-contract check` (both layers).
    assert_all_pass_check(&exchanges);
}

#[test]
fn pagination_out_of_range_is_refused_before_execution() {
    let s = server(|_| {});
    let url = s.url();
    let mut exchanges = Vec::new();
    for (query, variables) in [
        ("{ customers(first: 101) { totalCount } }", json!({})),
        ("{ customers(last: 2, after: \"x\") { totalCount } }", json!({})),
        (
            "query($n: Int) { customerGroups(first: $n) { edges { node { id } } } }",
            json!({"n": -1}),
        ),
        (
            "{ customer(customerId: \"c_1\") { customerGroupMemberships(first: 101) { edges { node { customerId } } } } }",
            json!({}),
        ),
    ] {
        let b = json!({"query": query, "variables": variables}).to_string();
        let r = post(&url, Some(FULL), "application/json", &b);
        assert_eq!(r.status, 200, "{query}: {}", r.body);
        let v = r.json();
        // A request error: execution never began, so there is no `data` entry.
        assert!(v.get("data").is_none(), "{query}: {}", r.body);
        assert_eq!(v["errors"][0]["extensions"]["code"], "BAD_USER_INPUT", "{query}: {}", r.body);
        assert_eq!(v["errors"][0]["extensions"]["contractCode"], "PL008", "{query}: {}", r.body);
        exchanges.push(fixture(&b, &r));
    }
    // In range: answered.
    let b = json!({"query": "{ customers(first: 100) { totalCount } }"}).to_string();
    let r = post(&url, Some(FULL), "application/json", &b);
    assert_eq!(r.json()["data"]["customers"]["totalCount"], 0, "{}", r.body);
    exchanges.push(fixture(&b, &r));
    assert_all_pass_check(&exchanges);
}

#[test]
fn non_loopback_addresses_are_refused() {
    let opts = Options {
        listen: "0.0.0.0:0".parse().unwrap(),
        ..Options::default()
    };
    let err = serve::start(Contract::embedded().unwrap(), Store::new(), opts)
        .err()
        .expect("refused");
    assert!(err.to_string().contains("loopback"), "{err}");
}

/// The recording proxy in front of the reference server: fixtures are
/// written, redacted, and pass `plain-contract check`.
#[test]
fn record_writes_checkable_redacted_fixtures() {
    let upstream = server(|_| {});
    let out = std::env::temp_dir().join(format!("pc-record-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let proxy = record::start(record::Options {
        listen: "127.0.0.1:0".parse().unwrap(),
        upstream: format!("http://{}", upstream.addr),
        out: out.clone(),
        mark_rejections: true,
        log: None,
        timeout: record::DEFAULT_TIMEOUT,
    })
    .expect("proxy starts");
    let url = format!("http://{}/graphql/v1", proxy.addr);
    let r = gql(&url, FULL, UPSERT, upsert_vars("rec@example.com", "Rec"));
    assert_eq!(r.json()["data"]["upsertCustomer"]["result"], "CREATED", "{}", r.body);
    let r = gql(
        &url,
        FULL,
        "query byEmail { customerByEmail(email: \"rec@example.com\") { id fullName } }",
        json!({}),
    );
    assert_eq!(r.json()["data"]["customerByEmail"]["fullName"], "Rec");
    let r = post(
        &url,
        Some("plainApiKey_not_a_key"),
        "application/json",
        "{\"query\": \"{ customers { totalCount } }\"}",
    );
    assert_eq!(r.status, 401);
    drop(proxy);

    let mut files: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    files.sort();
    assert_eq!(files, ["0001-upsertCustomer.json", "0002-byEmail.json", "0003-customers.json"]);
    for f in &files {
        let text = std::fs::read_to_string(out.join(f)).unwrap();
        for secret in [FULL, "plainApiKey_not_a_key"] {
            assert!(!text.contains(secret), "{f} holds a credential");
        }
        assert!(text.contains("Bearer <redacted>"), "{f}");
        // --mark-rejections: the 401 (an unknown key) is a negative fixture.
        assert_eq!(
            text.contains("\"expect\":\"rejected\"") || text.contains("\"expect\": \"rejected\""),
            f.starts_with("0003"),
            "{f}"
        );
    }
    let check = std::process::Command::new(env!("CARGO_BIN_EXE_plain-contract"))
        .args(["check", "--color", "never"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stdout));
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn record_refuses_a_bad_upstream() {
    let err = record::start(record::Options {
        listen: "127.0.0.1:0".parse().unwrap(),
        upstream: "ftp://example".into(),
        out: std::env::temp_dir().join("pc-record-bad"),
        mark_rejections: false,
        log: None,
        timeout: record::DEFAULT_TIMEOUT,
    })
    .err()
    .expect("refused");
    assert!(
        matches!(err, record::RecordError::NotHttp(ref u) if u == "ftp://example"),
        "{err:?}"
    );
    assert!(err.to_string().contains("http://"), "{err}");
}
