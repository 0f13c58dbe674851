//! `verify` against `serve` on loopback: exchanges verified per second with
//! 4 connections (target: at least 5,000/s), beside `serve`'s own
//! throughput on the same requests sent straight by 4 clients (no checks, no
//! comparison). The fixtures: 8 NDJSON files of 500 recorded lookups each
//! (`customerByEmail`, answered `null` by an empty store), so 4 workers each
//! replay two files.
//!
//! Run: `cargo bench --bench verify` (criterion prints `thrpt` in elements,
//! exchanges, per second). Figures: docs/benchmarks.md.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use plain_contract::serve::{self, Options, Store, DEV_KEY};
use plain_contract::{Checker, Contract};
use std::path::PathBuf;
use std::time::Duration;

const FILES: usize = 8;
const PER_FILE: usize = 500;
const QUERY: &str = "query customerByEmail($email: String!) { customerByEmail(email: $email) { id fullName email { email isVerified } } }";

fn fixtures() -> Vec<PathBuf> {
    let dir = std::env::temp_dir().join(format!("plain-contract-bench-verify-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    (0..FILES)
        .map(|f| {
            let mut text = String::new();
            for i in 0..PER_FILE {
                let line = serde_json::json!({
                    "name": format!("lookup {f}-{i}"),
                    "request": {"method": "POST", "path": "/graphql/v1",
                        "headers": {"Authorization": "Bearer <redacted>", "Content-Type": "application/json"},
                        "body": {"query": QUERY, "variables": {"email": format!("nobody{i}@example.com")}}},
                    "response": {"status": 200, "headers": {"Content-Type": "application/json"},
                        "body": {"data": {"customerByEmail": null}}},
                });
                text.push_str(&line.to_string());
                text.push('\n');
            }
            let p = dir.join(format!("lookups-{f}.ndjson"));
            std::fs::write(&p, text).expect("write fixture");
            p
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let opts = Options {
        listen: "127.0.0.1:0".parse().expect("addr"),
        ..Options::default()
    };
    let server = serve::start(Contract::embedded().expect("contract"), Store::new(), opts).expect("serve starts");
    let url = server.url();
    let checker = Checker::builder().build().expect("embedded contract");
    let files = fixtures();
    let total = (FILES * PER_FILE) as u64;
    let mut g = c.benchmark_group("verify");
    g.sample_size(10)
        .measurement_time(Duration::from_secs(20))
        .throughput(Throughput::Elements(total));
    g.bench_function("4000_exchanges_4_connections", |b| {
        b.iter(|| {
            let n = plain_contract::__private::verify::run(&checker, &url, DEV_KEY, &files, 4).expect("the run can be done");
            assert_eq!(n as u64, total, "every exchange verified");
        })
    });
    let body = serde_json::json!({"query": QUERY, "variables": {"email": "nobody@example.com"}}).to_string();
    g.bench_function("serve_alone_4000_requests_4_connections", |b| {
        b.iter(|| {
            std::thread::scope(|s| {
                for _ in 0..4 {
                    s.spawn(|| {
                        let agent: ureq::Agent = ureq::Agent::config_builder().http_status_as_error(false).build().into();
                        for _ in 0..total / 4 {
                            let mut r = agent
                                .post(&url)
                                .header("Authorization", &format!("Bearer {DEV_KEY}"))
                                .header("Content-Type", "application/json")
                                .send(body.as_bytes())
                                .expect("answered");
                            assert_eq!(r.status().as_u16(), 200);
                            let _ = r.body_mut().read_to_vec();
                        }
                    });
                }
            })
        })
    });
    g.finish();
    let _ = std::fs::remove_dir_all(files[0].parent().expect("dir"));
}

criterion_group!(benches, bench);
criterion_main!(benches);
