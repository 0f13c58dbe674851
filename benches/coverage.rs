//! Criterion benches of the coverage pass: `check` with and without the
//! coverage counts collected (the target: `coverage` within 1.3× of
//! `check`), over fixtures/ and over 2,000 upsertCustomer exchanges as an
//! NDJSON stream; and the schema's coordinates listed for Plain's full schema.

use criterion::{criterion_group, criterion_main, Criterion};
use plain_contract::__private::check::{check_paths, operation::OpCache};
use plain_contract::__private::contract_parts;
use plain_contract::__private::coverage::{collecting, universe_len};
use plain_contract::{Contract, Settings};
use std::hint::black_box;
use std::path::{Path, PathBuf};

#[path = "../src/allocator.rs"]
mod allocator;

// The binary's allocator, so figures match what `plain-contract` does.
#[global_allocator]
static GLOBAL: allocator::Mimalloc = allocator::Mimalloc;

/// `check` and `coverage` over `paths`, side by side in one group.
fn pair(c: &mut Criterion, group: &str, contract: &Contract, paths: &[PathBuf]) {
    let mut g = c.benchmark_group(group);
    g.bench_function("check", |b| {
        let (cache, settings) = (OpCache::default(), Settings::default());
        b.iter(|| black_box(check_paths(contract, &cache, &settings, paths)))
    });
    g.bench_function("coverage", |b| {
        let cache = OpCache::default();
        b.iter(|| {
            let settings = collecting(Settings::default());
            black_box(check_paths(contract, &cache, &settings, paths))
        })
    });
    g.finish();
}

fn benches(c: &mut Criterion) {
    let contract = Contract::embedded().expect("embedded contract");
    pair(c, "coverage_fixtures", &contract, &[PathBuf::from("fixtures")]);

    // 2,000 upsertCustomer exchanges (the fixture stream's, repeated), as a file.
    let lines = std::fs::read_to_string("fixtures/streams/upserts.ndjson").expect("fixture stream");
    let lines: Vec<&str> = lines.lines().filter(|l| l.contains("upsertCustomer")).collect();
    let text: String = (0..2000).map(|i| format!("{}\n", lines[i % lines.len()])).collect();
    let stream = Path::new(env!("CARGO_TARGET_TMPDIR")).join("coverage-bench-upserts.ndjson");
    std::fs::write(&stream, text).expect("write the bench stream");
    let paths = [stream];
    let out = check_paths(&contract, &OpCache::default(), &Settings::default(), &paths);
    assert_eq!(out.diagnostics.len(), 0, "the bench stream must pass");
    pair(c, "coverage_ndjson_2000_upsert_exchanges", &contract, &paths);

    let full = Contract::load(None, Some(Path::new("plain"))).expect("built-in full schema");
    c.bench_function("coverage universe of Plain's full schema", |b| {
        b.iter(|| universe_len(contract_parts(&full).1))
    });
}

criterion_group! {
    name = group;
    config = Criterion::default().sample_size(10);
    targets = benches
}
criterion_main!(group);
