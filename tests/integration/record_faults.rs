//! `record` under faults (issue 27, item 8): an upstream that is down, slow,
//! resets the connection, answers something that is not HTTP, or answers
//! 100 MB gives the client a 502 or 504 (docs/record.md) and the proxy keeps
//! serving; a `kill -9` in the middle of a burst of concurrent requests loses
//! no exchange a client received and leaves no half-written fixture; an
//! NDJSON output is whole lines, repaired at the next start when a kill cut
//! its last one.
//!
//! The upstream is a small HTTP/1.1 server on 127.0.0.1 written here on
//! `std::net`, so that it can misbehave on purpose: what it does is chosen by
//! the first segment of the request path (the proxy keeps paths).

use plain_contract::record;
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{mpsc, Arc};
use std::time::Duration;

/// 100 MB, generated on the fly by the upstream (no file).
const HUGE: u64 = 100 * 1024 * 1024;

/// The proxy's upstream timeout in these tests: short, so that the slow cases
/// are quick, and far above what a healthy answer takes on a loaded machine.
const TIMEOUT: Duration = Duration::from_secs(3);

/// The misbehaving upstream.
struct Upstream {
    addr: SocketAddr,
    /// Bytes of the 100 MB body the upstream managed to write before the
    /// proxy stopped reading, once that connection is over.
    huge_sent: mpsc::Receiver<u64>,
}

fn upstream(delay: Duration) -> Upstream {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind the test upstream");
    let addr = listener.local_addr().unwrap();
    let (tx, huge_sent) = mpsc::channel();
    std::thread::spawn(move || {
        for conn in listener.incoming() {
            let Ok(conn) = conn else { continue };
            let tx = tx.clone();
            std::thread::spawn(move || serve_one(conn, delay, &tx));
        }
    });
    Upstream { addr, huge_sent }
}

/// One connection: the behaviour its path's first segment names.
fn serve_one(mut conn: TcpStream, delay: Duration, huge_sent: &mpsc::Sender<u64>) {
    // The request line, peeked (not read), so that `reset` can close with the
    // request unread, which makes the kernel send a reset (RST).
    let mut peek = [0u8; 64];
    let mut n = 0;
    for _ in 0..100 {
        n = conn.peek(&mut peek).unwrap_or(0);
        if peek[..n].windows(2).any(|w| w == b"\r\n") {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let line = String::from_utf8_lossy(&peek[..n]).into_owned();
    let mode = line.split(' ').nth(1).and_then(|p| p.split('/').nth(1)).unwrap_or("").to_string();
    if mode == "reset" {
        std::thread::sleep(Duration::from_millis(100)); // the whole request arrives, unread
        drop(conn);
        return;
    }
    let body = read_request(&mut conn);
    let _ = match mode.as_str() {
        // Answer `n` comes `n` times `delay` late, so that a burst's answers
        // are spread out and some are in flight at any moment.
        "graphql" => {
            let (n, answer_body) = echo(&body);
            std::thread::sleep(delay * n);
            answer(&mut conn, &answer_body)
        }
        // Accepts the request and answers nothing for longer than the proxy waits.
        "slow" => {
            std::thread::sleep(TIMEOUT * 3);
            Ok(())
        }
        // Headers at once, then a body that trickles in past the timeout.
        "trickle" => (|| {
            conn.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{")?;
            for _ in 0..(TIMEOUT.as_millis() / 100 * 3) {
                std::thread::sleep(Duration::from_millis(100));
                conn.write_all(b" ")?;
            }
            Ok(())
        })(),
        "garbage" => conn.write_all(b"SSH-2.0-OpenSSH_9.6\r\nthis is not HTTP at all\r\n\r\n"),
        // 100 MB declared up front.
        "huge" => {
            let head = format!("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {HUGE}\r\n\r\n");
            let sent = conn.write_all(head.as_bytes()).map_or(0, |()| stream_huge(&mut conn, false));
            let _ = huge_sent.send(sent);
            Ok(())
        }
        // 100 MB, chunked: no length to refuse on, the proxy must stop reading.
        "huge-chunked" => {
            let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
            let sent = conn.write_all(head.as_bytes()).map_or(0, |()| stream_huge(&mut conn, true));
            let _ = huge_sent.send(sent);
            Ok(())
        }
        _ => conn.write_all(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"),
    };
}

/// Writes up to [`HUGE`] bytes of a JSON array, 64 KiB at a time; the bytes
/// written before the reader went away.
fn stream_huge(conn: &mut TcpStream, chunked: bool) -> u64 {
    let block = vec![b' '; 64 * 1024];
    let mut sent = 0u64;
    while sent < HUGE {
        let ok = if chunked {
            conn.write_all(format!("{:x}\r\n", block.len()).as_bytes())
                .and_then(|()| conn.write_all(&block))
                .and_then(|()| conn.write_all(b"\r\n"))
        } else {
            conn.write_all(&block)
        };
        if ok.is_err() {
            break;
        }
        sent += block.len() as u64;
    }
    sent
}

/// Reads a request's head and its `Content-Length` body; returns the body.
fn read_request(conn: &mut TcpStream) -> Vec<u8> {
    let mut r = BufReader::new(conn);
    let mut len = 0usize;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
        if let Some((k, v)) = line.split_once(':') {
            if k.eq_ignore_ascii_case("content-length") {
                len = v.trim().parse().unwrap_or(0);
            }
        }
    }
    let mut body = vec![0u8; len];
    let _ = r.read_exact(&mut body);
    body
}

/// The answer to `{ rN: __typename }`: N and `{"data": {"rN": "Query"}}`.
fn echo(request: &[u8]) -> (u32, Value) {
    let v: Value = serde_json::from_slice(request).unwrap_or(Value::Null);
    let q = v["query"].as_str().unwrap_or("");
    let alias = q.trim_start_matches(['{', ' ']).split(':').next().unwrap_or("r").to_string();
    let n = alias.trim_start_matches('r').parse().unwrap_or(0);
    (n, json!({"data": {alias: "Query"}}))
}

fn answer(conn: &mut TcpStream, body: &Value) -> std::io::Result<()> {
    let body = body.to_string();
    let head = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    conn.write_all(head.as_bytes())?;
    conn.write_all(body.as_bytes())
}

/// The request body of exchange `n`.
fn request(n: usize) -> String {
    json!({"query": format!("{{ r{n}: __typename }}")}).to_string()
}

/// POSTs request `n` to `url`: the status and the body, or why not.
fn send(url: &str, n: usize) -> Result<(u16, String), ureq::Error> {
    let req = axum::http::Request::builder()
        .method("POST")
        .uri(url)
        .header("Authorization", "Bearer plainApiKey_record_fault_test")
        .header("Content-Type", "application/json")
        .body(request(n).into_bytes())
        .unwrap();
    let resp = crate::serve::agent().run(req)?;
    let status = resp.status().as_u16();
    let body = resp.into_body().read_to_string()?;
    Ok((status, body))
}

fn tmp(name: &str) -> PathBuf {
    let p = std::env::temp_dir().join(format!("pc-record-faults-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&p);
    let _ = std::fs::remove_file(&p);
    p
}

fn proxy(upstream: String, out: &Path) -> plain_contract::serve::Running {
    record::start(record::Options {
        listen: "127.0.0.1:0".parse().unwrap(),
        upstream,
        out: out.to_path_buf(),
        mark_rejections: false,
        log: None,
        timeout: TIMEOUT,
    })
    .expect("the proxy starts")
}

/// The error code of the proxy's own error body.
fn code(body: &str) -> String {
    let v: Value = serde_json::from_str(body).unwrap_or_else(|e| panic!("not JSON ({e}): {body}"));
    v["errors"][0]["extensions"]["code"].as_str().unwrap_or("").to_string()
}

/// Every fault gives its documented status, nothing is recorded for it, and
/// the next request through the same proxy is answered and recorded.
#[test]
fn record_faults_give_502_or_504_and_the_proxy_stays_up() {
    let up = upstream(Duration::ZERO);
    let out = tmp("faults");
    let p = proxy(format!("http://{}", up.addr), &out);
    let base = format!("http://{}", p.addr);
    let mut n = 0;
    let mut ok = || {
        n += 1;
        let (status, body) = send(&format!("{base}/graphql/v1"), n).expect("the proxy answers");
        assert_eq!(status, 200, "the proxy stopped serving after a fault: {body}");
        assert_eq!(serde_json::from_str::<Value>(&body).unwrap()["data"][format!("r{n}")], "Query");
    };
    ok();
    for (path, status, want) in [
        ("slow", 504, "GATEWAY_TIMEOUT"),
        ("trickle", 504, "GATEWAY_TIMEOUT"),
        ("reset", 502, "BAD_GATEWAY"),
        ("garbage", 502, "BAD_GATEWAY"),
        ("huge", 502, "BAD_GATEWAY"),
        ("huge-chunked", 502, "BAD_GATEWAY"),
    ] {
        let (got, body) = send(&format!("{base}/{path}/graphql/v1"), 0).expect("the proxy answers a fault");
        assert_eq!((got, code(&body).as_str()), (status, want), "{path}: {body}");
        if path.starts_with("huge") {
            assert!(body.contains("larger than 8388608 bytes"), "{path}: {body}");
            let sent = up.huge_sent.recv_timeout(Duration::from_secs(60)).expect("the 100 MB answer ends");
            // Read up to the 8 MiB limit (and socket buffers), never the 100 MB.
            assert!(sent < 40 << 20, "{path}: the proxy read {sent} bytes of the 100 MB answer");
        }
        ok();
    }
    // An upstream that is down: nothing listens on its port.
    let down = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    let p2 = proxy(format!("http://{down}"), &out);
    let (got, body) = send(&p2.url(), 0).expect("the proxy answers");
    assert_eq!((got, code(&body).as_str()), (502, "BAD_GATEWAY"), "down: {body}");
    drop(p2);
    ok();
    drop(p);

    // Only the answered exchanges were recorded, and they pass `check`.
    let files = fixture_names(&out);
    let want: Vec<String> = (1..=8).map(|n| format!("{n:04}-r{n}.json")).collect();
    assert_eq!(files, want);
    let check = check(&out);
    assert!(check.0, "{}", check.1);
    let _ = std::fs::remove_dir_all(&out);
}

/// The non-hidden files of a folder, sorted.
fn fixture_names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| !n.starts_with('.'))
        .collect();
    v.sort();
    v
}

/// `plain-contract check PATH`: whether it passed, and its output.
fn check(path: &Path) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_plain-contract"))
        .args(["check", "--color", "never"])
        .arg(path)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.success(), text)
}

/// `plain-contract record` as a process (so that it can be killed), and its address.
fn record_process(upstream: SocketAddr, out: &Path) -> (std::process::Child, SocketAddr, mpsc::Receiver<String>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_plain-contract"))
        .args(["record", "--listen", "127.0.0.1:0", "--upstream"])
        .arg(format!("http://{upstream}"))
        .arg("--out")
        .arg(out)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("plain-contract record starts");
    let stderr = BufReader::new(child.stderr.take().unwrap());
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in stderr.lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    // A restarted proxy first notes the partial fixtures it removed; the
    // listen line is the first one that names an address.
    let mut seen = Vec::new();
    let addr = loop {
        let line = rx
            .recv_timeout(Duration::from_secs(120))
            .unwrap_or_else(|_| panic!("record says where it listens; it said only {seen:?}"));
        let addr = line
            .split("http://")
            .nth(1)
            .and_then(|r| r.split_whitespace().next())
            .and_then(|a| a.parse().ok());
        match addr {
            Some(a) => break a,
            None => seen.push(line),
        }
    };
    (child, addr, rx)
}

/// Fires `count` concurrent requests through the proxy and `kill -9`s it once
/// `kill_after` answers came back; the numbers of the requests whose answer
/// the client received in full.
fn burst_and_kill(mut child: std::process::Child, addr: SocketAddr, count: usize, kill_after: usize) -> BTreeSet<usize> {
    let url = format!("http://{addr}/graphql/v1");
    let answered = Arc::new(AtomicUsize::new(0));
    let received = Arc::new(std::sync::Mutex::new(BTreeSet::new()));
    let clients: Vec<_> = (1..=count)
        .map(|n| {
            let (url, answered, received) = (url.clone(), Arc::clone(&answered), Arc::clone(&received));
            std::thread::spawn(move || {
                if let Ok((200, body)) = send(&url, n) {
                    let v: Value = serde_json::from_str(&body).unwrap_or(Value::Null);
                    if v["data"][format!("r{n}")] == "Query" {
                        received.lock().unwrap().insert(n);
                    }
                }
                answered.fetch_add(1, Ordering::SeqCst);
            })
        })
        .collect();
    let waited = std::time::Instant::now();
    while answered.load(Ordering::SeqCst) < kill_after && waited.elapsed() < Duration::from_secs(120) {
        std::thread::sleep(Duration::from_millis(1));
    }
    child.kill().expect("kill -9"); // SIGKILL on Unix
    let _ = child.wait();
    for c in clients {
        c.join().unwrap();
    }
    let got = received.lock().unwrap().clone();
    assert!(got.len() >= kill_after.min(count), "only {} answers before the kill", got.len());
    assert!(got.len() < count, "the kill came after the whole burst; nothing was in flight");
    got
}

/// The request number a recorded exchange holds.
fn number(exchange: &Value) -> usize {
    let q = exchange["request"]["body"]["query"].as_str().unwrap_or("");
    q.trim_start_matches(['{', ' ', 'r'])
        .split(':')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no request number in {exchange}"))
}

/// `kill -9` in the middle of 50 concurrent requests (answer `n` takes
/// `n` × 20 ms upstream, so many are in flight at the kill): every fixture file parses, every
/// answer a client received has its fixture, and the next start removes the
/// temporary files of the writes the kill cut short.
#[test]
fn record_kill_9_in_a_burst_keeps_every_received_exchange() {
    let up = upstream(Duration::from_millis(20));
    let out = tmp("kill");
    let (child, addr, _log) = record_process(up.addr, &out);
    let received = burst_and_kill(child, addr, 50, 10);

    let mut recorded = BTreeSet::new();
    for name in fixture_names(&out) {
        let text = std::fs::read_to_string(out.join(&name)).unwrap();
        let v: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name} is not whole JSON ({e}): {text}"));
        recorded.insert(number(&v));
    }
    let lost: Vec<_> = received.difference(&recorded).collect();
    assert!(lost.is_empty(), "answers received but not recorded: {lost:?}");
    let check = check(&out);
    assert!(check.0, "{}", check.1);

    // The next start continues the numbering and clears what the kill left.
    let (mut again, addr, _log) = record_process(up.addr, &out);
    let (status, _) = send(&format!("http://{addr}/graphql/v1"), 99).expect("the restarted proxy answers");
    assert_eq!(status, 200);
    let _ = again.kill();
    let _ = again.wait();
    let all: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert!(!all.iter().any(|n| n.ends_with(".tmp")), "temporary files left: {all:?}");
    let last = fixture_names(&out).pop().unwrap();
    assert!(
        last.starts_with(&format!("{:04}-", recorded.len() + 1)),
        "{last} after {} files",
        recorded.len()
    );
    let _ = std::fs::remove_dir_all(&out);
}

/// The same burst into `--out FILE.ndjson`: whole lines, every received answer
/// among them, and `check` passes once the next start has cut any partial line.
#[test]
fn record_kill_9_in_a_burst_into_ndjson_keeps_whole_lines() {
    let up = upstream(Duration::from_millis(20));
    let dir = tmp("kill-ndjson");
    let file = dir.join("recorded.ndjson");
    let (child, addr, _log) = record_process(up.addr, &file);
    let received = burst_and_kill(child, addr, 50, 10);

    let text = std::fs::read_to_string(&file).unwrap();
    let mut recorded = BTreeSet::new();
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    for (i, line) in lines.iter().enumerate() {
        match serde_json::from_str::<Value>(line) {
            Ok(v) => {
                recorded.insert(number(&v));
            }
            // Only a last line without its newline may be cut.
            Err(e) => assert!(i + 1 == lines.len() && !line.ends_with('\n'), "line {}: {e}: {line}", i + 1),
        }
    }
    let lost: Vec<_> = received.difference(&recorded).collect();
    assert!(lost.is_empty(), "answers received but not recorded: {lost:?}");

    let (mut again, addr, _log) = record_process(up.addr, &file);
    let (status, _) = send(&format!("http://{addr}/graphql/v1"), 99).expect("the restarted proxy answers");
    assert_eq!(status, 200);
    let _ = again.kill();
    let _ = again.wait();
    let check = check(&file);
    assert!(check.0, "{}", check.1);
    assert!(check.1.contains(&format!("stream {} exchanges", recorded.len() + 1)), "{}", check.1);
    let _ = std::fs::remove_dir_all(&dir);
}

/// A partial last line (what a kill in the middle of a write leaves) is cut
/// at the next start and logged; a whole last line without its newline is
/// kept and given one; a second recorder on the same file is refused.
#[test]
fn record_ndjson_repairs_a_cut_last_line_and_refuses_a_second_recorder() {
    static LOG: AtomicU64 = AtomicU64::new(0);
    fn log(line: &str) {
        if line.contains("removed an incomplete last line") {
            LOG.fetch_add(1, Ordering::SeqCst);
        }
    }
    let up = upstream(Duration::ZERO);
    let dir = tmp("repair");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("out.jsonl");
    let whole = json!({"request": {"body": {"query": "{ r1: __typename }"}}}).to_string();
    let opts = |out: &Path| record::Options {
        listen: "127.0.0.1:0".parse().unwrap(),
        upstream: format!("http://{}", up.addr),
        out: out.to_path_buf(),
        mark_rejections: false,
        log: Some(log),
        timeout: TIMEOUT,
    };

    std::fs::write(&file, format!("{whole}\n{}", &whole[..whole.len() / 2])).unwrap();
    let p = record::start(opts(&file)).expect("starts");
    assert_eq!(LOG.load(Ordering::SeqCst), 1, "the cut line is reported");
    let second = record::start(opts(&file)).err().expect("a second recorder is refused");
    assert!(matches!(second, record::RecordError::Locked { .. }), "{second:?}");
    assert!(second.to_string().contains("one recorder per file"), "{second}");
    send(&p.url(), 2).expect("answers");
    drop(p);
    let text = std::fs::read_to_string(&file).unwrap();
    let numbers: Vec<usize> = text.lines().map(|l| number(&serde_json::from_str(l).unwrap())).collect();
    assert_eq!(numbers, [1, 2], "{text}");

    // A whole last line without its newline is another tool's, and kept.
    std::fs::write(&file, &whole).unwrap();
    let p = record::start(opts(&file)).expect("starts");
    send(&p.url(), 3).expect("answers");
    drop(p);
    let text = std::fs::read_to_string(&file).unwrap();
    let numbers: Vec<usize> = text.lines().map(|l| number(&serde_json::from_str(l).unwrap())).collect();
    assert_eq!(numbers, [1, 3], "{text}");
    assert_eq!(LOG.load(Ordering::SeqCst), 1);
    let _ = std::fs::remove_dir_all(&dir);
}
