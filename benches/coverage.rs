//! Criterion benches of the coverage pass: `check` over fixtures/ with and
//! without the coverage counts collected (the target: within 1.3×),
//! and the schema's coordinates listed for Plain's full schema.

use criterion::{criterion_group, criterion_main, Criterion};
use plain_contract::__private::check::{check_paths, operation::OpCache};
use plain_contract::__private::contract_parts;
use plain_contract::__private::coverage::{collecting, universe_len};
use plain_contract::{Contract, Settings};
use std::path::{Path, PathBuf};

fn benches(c: &mut Criterion) {
    let contract = Contract::embedded().expect("embedded contract");
    let paths = vec![PathBuf::from("fixtures")];
    let mut g = c.benchmark_group("coverage");
    g.bench_function("check fixtures", |b| {
        let (cache, settings) = (OpCache::default(), Settings::default());
        b.iter(|| check_paths(&contract, &cache, &settings, &paths))
    });
    g.bench_function("coverage fixtures", |b| {
        let cache = OpCache::default();
        b.iter(|| {
            let settings = collecting(Settings::default());
            check_paths(&contract, &cache, &settings, &paths)
        })
    });
    g.finish();
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
