//! Schema sources: SDL directories, introspection JSON (both wrappings, GitHub's
//! 4.8 MB one), bad files (each one clear error, exit 2), URLs against small
//! loopback servers that misbehave (500, HTML, 401/403, a 2 GB body, no answer,
//! a closed port, a cross-host redirect, introspection refused), credentials
//! never printed, and `schema pull` against `serve`.

use plain_contract::__private::evolve;
use plain_contract::serve::Store;
use plain_contract::serve::{self, ApiKey, Options};
use plain_contract::Contract;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_plain-contract"))
}

fn text(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

#[test]
fn bad_schema_files_are_one_clear_error_each() {
    for f in crate::entries("tests/corpus/schema-sources/invalid") {
        let name = f.to_str().unwrap();
        let diags = match evolve::load(name) {
            Ok(_) => panic!("{name} loaded"),
            Err(d) => d,
        };
        assert!(
            !diags.is_empty() && diags.len() <= plain_contract::__private::contract::source::MAX_SCHEMA_DIAGNOSTICS,
            "{name}: {} findings",
            diags.len()
        );
        assert!(diags.iter().all(|d| d.file == name), "{name}: {diags:#?}");
        let shown: String = diags
            .iter()
            .map(|d| {
                format!(
                    "{} {}:{}:{} {}{}\n",
                    d.code,
                    d.file,
                    d.line,
                    d.column,
                    d.message,
                    d.pointer.as_deref().map(|p| format!(" [{p}]")).unwrap_or_default()
                )
            })
            .collect();
        insta::with_settings!({snapshot_path => "snapshots", prepend_module_to_snapshot => false, omit_expression => true}, {
            insta::assert_snapshot!(crate::snap_name(&f), shown);
        });
        // The CLI says so and exits 2, in any command that takes a schema.
        let out = bin().args(["schema", "diff", name, "customers"]).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{name}: {}", text(&out));
        let out = bin().args(["check", "--schema", name, "fixtures/"]).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{name}: {}", text(&out));
    }
}

#[test]
fn sdl_directories_merge_and_both_introspection_wrappings_load() {
    let merged = evolve::load("tests/corpus/schema-sources/ok/merged").expect("merged schema loads");
    assert_eq!(merged.sources.len(), 2);
    let q = merged.schema.schema.get_object("Query").unwrap();
    assert!(q.fields.contains_key("customer") && q.fields.contains_key("customers"));
    // Its introspection (printed by `serve`-independent code: our own SDL round trip) diffs to nothing.
    let sdl = plain_contract::__private::contract::source::to_sdl(&merged.schema.schema);
    let tmp = std::env::temp_dir().join(format!("pc-merged-{}.graphql", std::process::id()));
    std::fs::write(&tmp, &sdl).unwrap();
    let again = evolve::load(tmp.to_str().unwrap()).unwrap();
    assert!(evolve::diff(&merged, &again).is_empty(), "{sdl}");
    let _ = std::fs::remove_file(&tmp);
}

/// GitHub's public introspection (4.8 MB, from the npm package @octokit/graphql-schema
/// that `.ci/run` installs beside graphql-js) loads, and diffs against itself to nothing.
#[test]
fn githubs_introspection_loads() {
    let Some(p) = crate::prereq::npm_file("@octokit/graphql-schema/schema.json") else {
        return;
    };
    let started = Instant::now();
    let s = evolve::load(p.to_str().unwrap()).expect("GitHub's introspection loads");
    assert!(s.schema.schema.types.len() > 1000);
    assert!(evolve::diff(&s, &s).is_empty());
    eprintln!("GitHub's introspection loaded and diffed in {:?}", started.elapsed());
}

/// A loopback server answering every connection with `respond`.
fn server(respond: impl Fn(&mut TcpStream) + Send + Sync + 'static) -> String {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = l.local_addr().unwrap();
    let respond = std::sync::Arc::new(respond);
    std::thread::spawn(move || {
        for s in l.incoming() {
            let Ok(mut s) = s else { continue };
            let r = respond.clone();
            std::thread::spawn(move || {
                read_request(&mut s);
                r(&mut s);
            });
        }
    });
    format!("http://{addr}/graphql")
}

fn read_request(s: &mut TcpStream) {
    let _ = s.set_read_timeout(Some(Duration::from_secs(5)));
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    while let Ok(n) = s.read(&mut chunk) {
        if n == 0 {
            break;
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buf[..end]).to_ascii_lowercase();
            let len: usize = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse().ok())
                .unwrap_or(0);
            if buf.len() >= end + 4 + len {
                break;
            }
        }
    }
}

fn reply(status: &str, content_type: &str, body: &str) -> impl Fn(&mut TcpStream) + Send + Sync + 'static {
    let msg = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    move |s: &mut TcpStream| {
        let _ = s.write_all(msg.as_bytes());
    }
}

/// `schema diff URL customers` with `extra` args: (exit code, all output, seconds).
/// `schema diff URL customers`: its exit code and output. Killed after a
/// 60 s timeout, which fails the test (the servers below that never answer
/// sleep 120 s; how long `--timeout` takes is timed in benches/timeouts.rs).
fn diff_url(url: &str, extra: &[&str]) -> (Option<i32>, String) {
    let mut child = bin()
        .args(["schema", "diff", url, "customers"])
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("timeout: `schema diff {url}` was still running after 60 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    // Its output is a few lines: it fits in the pipe until read here.
    let out = child.wait_with_output().unwrap();
    (out.status.code(), text(&out))
}

#[test]
fn misbehaving_servers_are_clear_errors() {
    const SECRET: &str = "Authorization: Bearer sekret_value_123456";
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "500",
            server(reply(
                "500 Internal Server Error",
                "text/plain",
                "boom: you sent Bearer sekret_value_123456",
            )),
            "answered 500",
        ),
        (
            "html",
            server(reply("200 OK", "text/html", "<!doctype html><html><body>Log in</body></html>")),
            "HTML page",
        ),
        (
            "401",
            server(reply("401 Unauthorized", "application/json", "{\"errors\":[{\"message\":\"no\"}]}")),
            // Names the configuration key as it is spelled in plain-contract.toml.
            "401 Unauthorized: give credentials with --header 'Authorization: Bearer …', or name the environment variable that holds the key with `schema_token_env` under [contract]",
        ),
        (
            "403",
            server(reply("403 Forbidden", "application/json", "{\"errors\":[{\"message\":\"no\"}]}")),
            "403 Forbidden",
        ),
        (
            "refused introspection",
            server(reply(
                "200 OK",
                "application/json",
                "{\"errors\":[{\"message\":\"GraphQL introspection is not allowed\"}]}",
            )),
            "introspection is not allowed",
        ),
        ("not json", server(reply("200 OK", "text/plain", "hello")), "not JSON"),
        (
            "first line",
            server(reply("502 Bad Gateway", "text/plain", "upstream failed\n    at proxy (proxy.js:12)\n")),
            "answered 502: \"upstream failed\"",
        ),
    ];
    for (name, url, expect) in &cases {
        let (code, out) = diff_url(url, &["--header", SECRET]);
        assert_eq!(code, Some(2), "{name}: {out}");
        assert!(out.contains(expect), "{name}: expected {expect:?} in {out}");
        assert!(out.contains("GS003"), "{name}: {out}");
        assert!(!out.contains("sekret_value_123456"), "{name} printed the credential: {out}");
        // A status's body is shown by its first line only.
        assert!(!out.contains("proxy.js"), "{name}: {out}");
    }
}

#[test]
fn a_huge_body_is_cut_off() {
    // Announces 2 GB and streams zeros until the client goes away.
    let url = server(|s| {
        let _ = s.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2147483648\r\n\r\n{\"data\": \"");
        let chunk = vec![b'0'; 1 << 16];
        while s.write_all(&chunk).is_ok() {}
    });
    let dir = std::env::temp_dir().join(format!("pc-huge-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("plain-contract.toml"), "[limits]\nmax_file_mib = 4\n").unwrap();
    let out = bin()
        .current_dir(&dir)
        .args(["schema", "diff", &url, "customers"])
        .output()
        .unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("larger than 4194304 bytes"), "{}", text(&out));
}

#[test]
fn silent_servers_closed_ports_and_foreign_redirects() {
    // Accepts and never answers.
    let silent = server(|_| std::thread::sleep(Duration::from_secs(120)));
    let (code, out) = diff_url(&silent, &["--timeout", "2"]);
    assert_eq!(code, Some(2), "{out}");
    assert!(out.contains("never answers"), "{out}");
    // A closed port.
    let closed = crate::closed_port();
    let (code, out) = diff_url(&format!("http://127.0.0.1:{}/graphql", closed.port), &[]);
    assert_eq!(code, Some(2), "{out}");
    assert!(out.contains("cannot be reached"), "{out}");
    // A redirect to another host is refused (headers would follow it).
    let redirect = server(|s| {
        let _ = s.write_all(b"HTTP/1.1 302 Found\r\nLocation: http://localhost:9/graphql\r\nContent-Length: 0\r\n\r\n");
    });
    let (code, out) = diff_url(&redirect, &["--header", "Authorization: Bearer sekret_value_123456"]);
    assert_eq!(code, Some(2), "{out}");
    assert!(out.contains("redirect to another host"), "{out}");
    assert!(!out.contains("sekret_value_123456"), "{out}");
}

#[test]
fn pull_from_serve_gives_the_served_schema_as_sdl() {
    let opts = Options {
        listen: "127.0.0.1:0".parse().unwrap(),
        keys: vec![ApiKey::parse("k_pull_test=*", 0).unwrap()],
        ..Options::default()
    };
    let running = serve::start(Contract::embedded().unwrap(), Store::new(), opts).expect("server starts");
    let url = running.url();
    let dir = std::env::temp_dir().join(format!("pc-pull-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out_file = dir.join("served.graphql");
    let pull = |out: &Path| {
        bin()
            .args([
                "schema",
                "pull",
                "--url",
                &url,
                "--header",
                "Authorization: Bearer k_pull_test",
                "--out",
            ])
            .arg(out)
            .output()
            .unwrap()
    };
    let o = pull(&out_file);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let sdl = std::fs::read_to_string(&out_file).unwrap();
    assert!(sdl.contains("type Query") && sdl.contains("@oneOf"), "{sdl}");
    // `@oneOf` inputs come back as `@oneOf` (the pull asks `__Type.isOneOf`).
    assert!(sdl.contains("input CustomerIdentifierInput @oneOf"), "{sdl}");
    assert!(sdl.contains("input UpsertCustomerInput {"), "{sdl}");
    assert!(sdl.contains("\"\"\"") || sdl.contains('"'), "descriptions are kept");
    // Stable: a second pull is byte-identical.
    let second = dir.join("again.graphql");
    assert_eq!(pull(&second).status.code(), Some(0));
    assert_eq!(sdl, std::fs::read_to_string(&second).unwrap());
    // The pulled SDL, and serve's introspection itself, diff to nothing against the SDL it serves.
    for new in [out_file.to_str().unwrap(), url.as_str()] {
        let o = bin()
            .args([
                "schema",
                "diff",
                "specs/plain-support-schema.graphql",
                new,
                "--format",
                "json",
                "--header",
                "Authorization: Bearer k_pull_test",
            ])
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap_or_else(|_| panic!("{}", text(&o)));
        assert_eq!(v["changes"].as_array().unwrap().len(), 0, "{new}: {v:#}");
        assert_eq!(o.status.code(), Some(0));
    }
    // Without the key, a clear 401 and exit 2.
    let o = bin().args(["schema", "pull", "--url", &url]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains("401"), "{}", text(&o));
    // `check --schema URL` with the token from the variable the configuration names.
    std::fs::write(
        dir.join("plain-contract.toml"),
        format!("[contract]\nschema = \"{url}\"\nschema_token_env = \"PC_TEST_TOKEN\"\n"),
    )
    .unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let o = bin()
        .current_dir(&dir)
        .env("PC_TEST_TOKEN", "k_pull_test")
        .arg("check")
        .arg(&fixtures)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let o = bin()
        .current_dir(&dir)
        .env_remove("PC_TEST_TOKEN")
        .arg("check")
        .arg(&fixtures)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    let _ = std::fs::remove_dir_all(&dir);
}
