//! Criterion benches of `schema diff`: two versions of Plain's full schema
//! (../shared/plain/history, 2026-04-28 and 2026-05-11, about 280 KB each)
//! loaded and diffed, the diff alone, and the impact of that pair on the
//! 120 generated operations in benches/operations against checking them once.

use criterion::{criterion_group, criterion_main, Criterion};
use plain_contract::__private::contract::{GraphqlSchema, OpenApi};
use plain_contract::__private::evolve;
use plain_contract::__private::source::Source;
use plain_contract::Settings;
use std::hint::black_box;
use std::path::{Path, PathBuf};

#[path = "../src/allocator.rs"]
mod allocator;

// The binary's allocator, so figures match what `plain-contract` does.
#[global_allocator]
static GLOBAL: allocator::Mimalloc = allocator::Mimalloc;

fn history(name: &str) -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/plain/history").join(name);
    if p.exists() {
        Some(p)
    } else {
        eprintln!("skipping schema-diff benches: {} is absent", p.display());
        None
    }
}

fn openapi() -> OpenApi {
    OpenApi::load(Source::new(
        plain_contract::__private::contract::EMBEDDED_OPENAPI_PATH,
        plain_contract::__private::contract::EMBEDDED_OPENAPI,
    ))
    .expect("embedded OpenAPI")
}

fn benches(c: &mut Criterion) {
    let (Some(a), Some(b)) = (history("2026-04-28-ea8afe4.graphql"), history("2026-05-11-bca2ab2.graphql")) else {
        return;
    };
    let (a, b) = (a.to_string_lossy().to_string(), b.to_string_lossy().to_string());
    c.bench_function("schema diff: load both + diff (Plain 2026-04-28 -> 2026-05-11)", |bn| {
        bn.iter(|| {
            let old = evolve::load(&a).expect("old");
            let new = evolve::load(&b).expect("new");
            black_box(evolve::diff(&old, &new).len())
        })
    });
    let (old, new) = (evolve::load(&a).unwrap(), evolve::load(&b).unwrap());
    c.bench_function("schema diff: diff only", |bn| bn.iter(|| black_box(evolve::diff(&old, &new).len())));
    let changes = evolve::diff(&old, &new);
    let settings = Settings::default();
    let ops = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/operations")];
    c.bench_function("schema diff: impact on benches/operations (check under both)", |bn| {
        bn.iter(|| {
            let (o, n) = (evolve::load(&a).unwrap(), evolve::load(&b).unwrap());
            black_box(
                evolve::impact::impact(o, n, &changes, &ops, (openapi(), openapi()), &settings)
                    .broken
                    .len(),
            )
        })
    });
    c.bench_function("check benches/operations once (for comparison)", |bn| {
        bn.iter(|| {
            let schema: GraphqlSchema = evolve::load(&b).unwrap().schema;
            let contract = plain_contract::__private::contract_of(openapi(), schema);
            black_box(
                plain_contract::__private::check::check_paths(&contract, &Default::default(), &settings, &ops)
                    .items
                    .len(),
            )
        })
    });
}

criterion_group! {
    name = schema_diff;
    config = Criterion::default().sample_size(20);
    targets = benches
}
criterion_main!(schema_diff);
