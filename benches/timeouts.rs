//! The speed targets that tests used to assert with a stopwatch (on a 2-core
//! machine running tests in parallel, where they were flaky), kept here with
//! their figures. The tests keep what they check (answered, cut off,
//! refused, timed out), each under a generous timeout that says it is one.
//!
//! | bench | target (was asserted in) |
//! |---|---|
//! | `serve/answer_beside_a_stalled_body` | < 1 s (tests/integration/serve.rs, `hostile_requests_do_not_stop_other_clients`) |
//! | `serve/dribbled_head_cut_off_1s_timeout` | 0.9–4 s for a 1 s timeout (same test) |
//! | `serve/refuse_10000_aliases` | < 10 s (same test) |
//! | `conform/500_sequences` | < 120 s in a debug build (tests/integration/conform.rs) |
//! | `schema_diff/silent_server_timeout_2s` | < 30 s (tests/integration/schema_sources.rs) |
//!
//! Figures seen on 2026-12-06 (criterion, 10 samples each; `cargo bench
//! --profile dev --bench timeouts`, a debug build, on 2 cores with a CI run
//! going on beside it; [low median high]):
//!
//! | bench | figure |
//! |---|---|
//! | `serve/answer_beside_a_stalled_body` | [403.58 µs 419.96 µs 433.93 µs] |
//! | `serve/dribbled_head_cut_off_1s_timeout` | [1.1051 s 1.1074 s 1.1099 s] |
//! | `serve/refuse_10000_aliases` | [887.56 µs 973.45 µs 1.1889 ms] |
//! | `schema_diff/silent_server_timeout_2s` | [2.0453 s 2.0572 s 2.0777 s] |
//! | `conform/500_sequences` | [4.8542 s 5.6018 s 6.3941 s] |
//!
//! Everything runs on 127.0.0.1, on ports the system picks.

use criterion::{criterion_group, criterion_main, Criterion};
use plain_contract::serve::{self, ApiKey, Options, Running, Store};
use plain_contract::{Checker, Contract};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::time::{Duration, Instant};

const KEY: &str = "k_bench_timeouts";

fn server(body_timeout: Duration) -> Running {
    let opts = Options {
        listen: "127.0.0.1:0".parse().unwrap(),
        keys: vec![ApiKey::parse(&format!("{KEY}=*"), 0).unwrap()],
        body_timeout,
        ..Options::default()
    };
    serve::start(Contract::embedded().unwrap(), Store::new(), opts).expect("server starts on loopback")
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(60)))
        .build()
        .into()
}

fn gql(agent: &ureq::Agent, url: &str, query: &str) -> String {
    let body = serde_json::json!({ "query": query }).to_string();
    let mut resp = agent
        .post(url)
        .header("Authorization", &format!("Bearer {KEY}"))
        .header("Content-Type", "application/json")
        .send(body.as_bytes())
        .expect("the server answers");
    resp.body_mut().read_to_string().expect("a body")
}

fn serve_limits(c: &mut Criterion) {
    let mut group = c.benchmark_group("serve");
    group.sample_size(10);

    // An ordinary request while another client is stopped in its body.
    let patient = server(Duration::from_secs(600));
    let mut stalled = TcpStream::connect(patient.addr).unwrap();
    stalled
        .write_all(
            format!(
                "POST /graphql/v1 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {KEY}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{{\"query\""
            )
            .as_bytes(),
        )
        .unwrap();
    let a = agent();
    let url = patient.url();
    group.bench_function("answer_beside_a_stalled_body", |b| {
        b.iter(|| gql(&a, &url, "{ customers { totalCount } }"))
    });
    drop(stalled);

    // From the first byte of a head dribbled a line every 100 ms to the
    // server closing the connection, with a 1 s timeout.
    let s = server(Duration::from_secs(1));
    let addr = s.addr;
    group.bench_function("dribbled_head_cut_off_1s_timeout", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let mut c = TcpStream::connect(addr).unwrap();
                c.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
                let t = Instant::now();
                c.write_all(b"POST /graphql/v1 HTTP/1.1\r\nHost: x\r\n").unwrap();
                for _ in 0..100 {
                    if c.write_all(b"X-Slow: 1\r\n").is_err() {
                        break;
                    }
                    std::thread::sleep(Duration::from_millis(100));
                }
                let mut rest = Vec::new();
                let _ = c.read_to_end(&mut rest);
                total += t.elapsed();
            }
            total
        })
    });

    // 10,000 aliases, refused with a clear error.
    let aliases: String = (0..10_000).map(|i| format!("a{i}: customers {{ totalCount }} ")).collect();
    let query = format!("{{ {aliases} }}");
    let url = s.url();
    group.bench_function("refuse_10000_aliases", |b| {
        b.iter(|| {
            let answer = gql(&a, &url, &query);
            assert!(answer.contains("more than 100 aliases"), "{answer}");
        })
    });
    group.finish();
}

fn conform_run(c: &mut Criterion) {
    let checker = Checker::builder().build().expect("embedded contract loads");
    let mut group = c.benchmark_group("conform");
    group.sample_size(10);
    group.bench_function("500_sequences", |b| {
        b.iter(|| {
            let opts = plain_contract::conform::Options {
                cases: 500,
                seed: 0x5eed,
                ..plain_contract::conform::Options::default()
            };
            let report = plain_contract::conform::run(&checker, &opts).expect("the run can be done");
            assert!(report.passed());
        })
    });
    group.finish();
}

fn silent_server(c: &mut Criterion) {
    // Accepts, reads, never answers.
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/graphql", l.local_addr().unwrap());
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for s in l.incoming().flatten() {
            held.push(s);
        }
    });
    let mut group = c.benchmark_group("schema_diff");
    group.sample_size(10);
    group.bench_function("silent_server_timeout_2s", |b| {
        b.iter(|| {
            let out = std::process::Command::new(env!("CARGO_BIN_EXE_plain-contract"))
                .args(["schema", "diff", &url, "customers", "--timeout", "2"])
                .output()
                .expect("the binary runs");
            assert_eq!(out.status.code(), Some(2));
        })
    });
    group.finish();
}

criterion_group!(benches, serve_limits, conform_run, silent_server);
criterion_main!(benches);
