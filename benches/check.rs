//! Criterion benches on real inputs: Plain's full schema (../shared), the 120
//! generated operations in benches/operations, and the embedded contract's
//! upsertCustomer example. Build and check are timed apart.

use criterion::{criterion_group, criterion_main, Criterion};
use plain_contract::__private::check::{self, operation, variables};
use plain_contract::__private::contract::GraphqlSchema;
use plain_contract::__private::generate::run::Target;
use plain_contract::__private::generate::Generator;
use plain_contract::__private::source::Source;
use plain_contract::Contract;
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::TestRunner;
use std::hint::black_box;
use std::path::{Path, PathBuf};

#[path = "../src/allocator.rs"]
mod allocator;

// The binary's allocator, so figures match what `plain-contract` does.
#[global_allocator]
static GLOBAL: allocator::Mimalloc = allocator::Mimalloc;

fn full_schema_path() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/plain/schema.graphql");
    if p.exists() {
        Some(p)
    } else {
        eprintln!("skipping full-schema benches: {} is absent", p.display());
        None
    }
}

fn benches(c: &mut Criterion) {
    // Coercing the upsertCustomer example's variables (the walker alone).
    let contract = Contract::embedded().expect("embedded contract");
    let (api, schema) = plain_contract::__private::contract_parts(&contract);
    let ex = api
        .graphql
        .as_ref()
        .and_then(|g| g.examples.iter().find(|e| e.name == "upsertCustomer"))
        .expect("example");
    let body = api.node(&ex.pointer);
    let query = body.get("query").and_then(|q| q.as_str()).expect("query");
    let analysis = operation::analyze(schema, query);
    let doc = analysis.doc.as_ref().expect("valid example");
    let op = doc.operations.get(None).expect("one operation");
    let vars = body.get("variables");
    c.bench_function("coerce_upsert_customer_variables", |b| {
        b.iter(|| variables::check_variables(schema, op, black_box(vars), body, "/variables", &api.source))
    });
    // The whole request pipeline for that example, operation cache warm.
    let cache = operation::OpCache::default();
    c.bench_function("check_upsert_customer_request", |b| {
        b.iter(|| check::request::check_request(api, schema, &cache, &api.source, black_box(body), &ex.pointer))
    });
    c.bench_function("load_embedded_contract", |b| b.iter(|| Contract::embedded().expect("loads")));

    // Property testing: one UpsertCustomerInput case generated, wrapped as a
    // request body, serialized, parsed back and fully checked (OpenAPI request
    // schema, GraphQL document via the cache, variables), as `proptest` does;
    // apollo-compiler's cross-check is timed separately.
    let gen = Generator::new(&schema.schema);
    let target = Target::for_type(&contract, &gen, "UpsertCustomerInput").expect("target");
    let valid = gen.valid("UpsertCustomerInput").expect("strategy");
    let mut runner = TestRunner::deterministic();
    c.bench_function("upsert_customer_case_generate_only", |b| {
        b.iter(|| black_box(valid.new_tree(&mut runner).expect("tree").current()))
    });
    let src = Source::new("<generated>", "");
    // What `proptest` does per valid case: draw the value as a node tree
    // (the fast path), wrap it as the request body, and run every check
    // users get: OpenAPI request schema, GraphQL document, variables (Plain's rules apply to responses, which a generated request has not).
    let drawer = gen.drawer("UpsertCustomerInput").expect("drawer");
    let mut group = c.benchmark_group("upsert_customer_cases");
    group.throughput(criterion::Throughput::Elements(1));
    group.bench_function("generate_node_only", |b| b.iter(|| black_box(drawer.node(runner.rng()))));
    group.bench_function("generate_and_check", |b| {
        b.iter(|| {
            let v = drawer.node(runner.rng());
            assert!(target.check_node(&contract, &cache, &src, v).is_empty());
        })
    });
    group.bench_function("generate_check_round_trip_and_apollo", |b| {
        b.iter(|| target.property_fast(&contract, &cache, drawer.node(runner.rng())).expect("passes"))
    });
    group.finish();

    let Some(full) = full_schema_path() else { return };
    let text = std::fs::read_to_string(&full).expect("readable");
    c.bench_function("load_full_schema_280kb", |b| {
        b.iter(|| GraphqlSchema::load(Source::new("schema.graphql", black_box(text.clone()))).expect("valid"))
    });
    let full_contract = Contract::load(None, Some(&full)).expect("full contract");
    let ops = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/operations")];
    let checker = plain_contract::Checker::new(full_contract, Default::default());
    let outcome = checker.check_paths(&ops);
    // The generated operations select deprecated fields: GQ006 warnings, no error.
    assert!(outcome.items.len() >= 100 && outcome.errors() == 0);
    c.bench_function("validate_120_operation_files_full_schema", |b| {
        b.iter(|| checker.check_paths(black_box(&ops)))
    });
}

/// Plain's SDK layout (benches/sdk/fetch.sh): 577 operations, one file each,
/// fragments in their own files, against the built-in full schema; and a
/// pre-commit run (one changed operation, fragments resolved from the rest).
fn sdk_layout(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/plain-sdk/layout");
    if !root.join("graphql").is_dir() {
        eprintln!("SKIPPED sdk_layout: {} is absent (run benches/sdk/fetch.sh)", root.display());
        return;
    }
    let contract = Contract::load(None, Some(Path::new("plain"))).expect("built-in full schema");
    let dirs = vec![root.join("typescript-sdk"), root.join("graphql")];
    let outcome = check::check_paths(&contract, &Default::default(), &Default::default(), &dirs);
    assert_eq!(outcome.items.iter().filter(|i| i.kind == "operation").count(), 577);
    let mut group = c.benchmark_group("sdk_layout_577_operations");
    group.sample_size(20);
    group.bench_function("check_all", |b| {
        b.iter(|| check::check_paths(&contract, &Default::default(), &Default::default(), black_box(&dirs)))
    });
    let project = check::ProjectDocs {
        documents: check::expand_paths(&dirs),
        schema_files: Vec::new(),
        read_ahead: None,
    };
    // The pre-commit target's yardstick: the built-in schema alone (and the
    // embedded OpenAPI document, as `check --schema plain` loads both).
    group.bench_function("load_contract_schema_plain", |b| {
        b.iter(|| Contract::load(None, Some(black_box(Path::new("plain")))).expect("loads"))
    });
    // Pre-commit runs: one operation, and (issue 29's hook target, within
    // 2x of it) the fragment that most operations of the layout spread
    // (DateTimeParts, 57 of them, directly or through other fragments),
    // which validates each of those operations with it.
    let one = vec![root.join("graphql/queries/Customer.graphql")];
    let fragment = vec![root.join("typescript-sdk/fragments/dateTimeParts.gql")];
    for (name, files) in [("pre_commit_one_operation", &one), ("pre_commit_most_spread_fragment", &fragment)] {
        group.bench_function(name, |b| {
            b.iter(|| {
                check::check_paths_in(
                    &contract,
                    &Default::default(),
                    &Default::default(),
                    black_box(files),
                    None,
                    None,
                    &project,
                )
            })
        });
    }
    group.finish();
}

/// The same 577 operations as self-contained documents (benches/sdk/fetch.sh
/// writes them with benches/sdk/self-contained.mjs): each file holds its
/// operation and a copy of every fragment it uses, 3.4 MB of GraphQL in all;
/// `check --schema plain DIR` without the process.
fn sdk_self_contained(c: &mut Criterion) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/plain-sdk/self-contained");
    if !dir.is_dir() {
        eprintln!("SKIPPED sdk_self_contained: {} is absent (run benches/sdk/fetch.sh)", dir.display());
        return;
    }
    let contract = Contract::load(None, Some(Path::new("plain"))).expect("built-in full schema");
    let dirs = vec![dir];
    let outcome = check::check_paths(&contract, &Default::default(), &Default::default(), &dirs);
    assert_eq!(outcome.items.iter().filter(|i| i.kind == "operation").count(), 577);
    let mut group = c.benchmark_group("sdk_self_contained_577_operations");
    group.sample_size(10);
    group.bench_function("check_all", |b| {
        b.iter(|| check::check_paths(&contract, &Default::default(), &Default::default(), black_box(&dirs)))
    });
    group.finish();
}

/// NDJSON streams of upsertCustomer exchanges (request and response, all
/// layers), as `check file.ndjson` reads them: 1,000 lines from the
/// fixtures' stream, on both cores and on one.
fn streams(c: &mut Criterion) {
    let checker = plain_contract::Checker::builder().build().expect("embedded contract");
    let lines =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/streams/upserts.ndjson")).expect("fixture stream");
    let lines: Vec<&str> = lines.lines().filter(|l| l.contains("upsertCustomer")).collect();
    let text: String = (0..1000).map(|i| format!("{}\n", lines[i % lines.len()])).collect();
    // The checker's operation cache is warm after the first iteration, as in a real run.
    let run = || {
        let out = checker.check_ndjson("bench.ndjson", std::io::Cursor::new(text.as_bytes()));
        assert_eq!(out.diagnostics.len(), 0, "the bench stream must pass");
        out
    };
    let mut group = c.benchmark_group("ndjson_1000_upsert_exchanges");
    group.throughput(criterion::Throughput::Elements(1000));
    group.bench_function("two_cores", |b| b.iter(|| black_box(run())));
    let one = rayon::ThreadPoolBuilder::new().num_threads(1).build().expect("pool");
    group.bench_function("one_core", |b| b.iter(|| one.install(|| black_box(run()))));
    group.finish();
}

/// HAR captures read as a stream of entries: the same 5,000 upsert exchanges
/// as one single-line file and as an indented one (the layout must not
/// matter: single-line within 1.25x of indented), and as NDJSON (HAR entries
/// per second within 2x of NDJSON exchanges per second). Files from
/// benches/gen_har.py and gen_ndjson.py.
fn har(c: &mut Criterion) {
    let contract = Contract::embedded().expect("embedded contract");
    let gen = |script: &str, args: &[&str]| {
        let out = std::process::Command::new("python3")
            .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("benches").join(script))
            .args(args)
            .output()
            .expect("python3 runs the generator");
        String::from_utf8(out.stdout).expect("utf-8")
    };
    let single = gen("gen_har.py", &["--count", "5000"]);
    let indented = gen("gen_har.py", &["--count", "5000", "--indent"]);
    let ndjson = gen("gen_ndjson.py", &["5000"]);
    let cache = operation::OpCache::default();
    let settings = plain_contract::Settings::default();
    let run_har = |text: &str| {
        let mut out = plain_contract::Outcome::default();
        check::har_stream::check_har_reader(
            &contract,
            &cache,
            &settings,
            "bench.har",
            std::io::Cursor::new(text.as_bytes()),
            &mut out,
            None,
        );
        assert_eq!(out.diagnostics.len(), 0, "the bench HAR must pass");
        out
    };
    let mut group = c.benchmark_group("har_5000_upsert_exchanges");
    group.sample_size(10);
    group.throughput(criterion::Throughput::Elements(5000));
    group.bench_function("single_line", |b| b.iter(|| black_box(run_har(&single))));
    group.bench_function("indented", |b| b.iter(|| black_box(run_har(&indented))));
    group.bench_function("ndjson_same_exchanges", |b| {
        b.iter(|| {
            let mut out = plain_contract::Outcome::default();
            check::stream::check_reader(
                &contract,
                &cache,
                &settings,
                "bench.ndjson",
                std::io::Cursor::new(ndjson.as_bytes()),
                &mut out,
            );
            assert_eq!(out.diagnostics.len(), 0, "the bench stream must pass");
            black_box(out)
        })
    });
    group.finish();
}

/// The reference server's pipeline for one upsertCustomer request, without
/// HTTP: body parse, the request checks, limits, execution, the response
/// value serialised. A pool of 1,000 customers, as the wrk load script uses.
fn serve(c: &mut Criterion) {
    use plain_contract::__private::serve::Service;
    use plain_contract::serve::{Options, DEV_KEY};
    let svc = Service::new(
        Contract::embedded().expect("embedded contract"),
        plain_contract::serve::Store::new(),
        Options::default(),
    );
    let query = "mutation upsertCustomer($input: UpsertCustomerInput!) { upsertCustomer(input: $input) { result customer { id fullName email { email isVerified } } error { message type code } } }";
    let bodies: Vec<Vec<u8>> = (0..2000)
        .map(|n| {
            let (i, name) = (n % 1000, if n < 1000 { "Ada" } else { "Ada L." });
            let email = format!("load{i}@example.com");
            serde_json::json!({"query": query, "variables": {"input": {"identifier": {"emailAddress": email}, "onCreate": {"fullName": name, "email": {"email": email, "isVerified": true}}, "onUpdate": {"fullName": {"value": name}}}}})
                .to_string()
                .into_bytes()
        })
        .collect();
    let mut n = 0usize;
    let mut group = c.benchmark_group("serve");
    group.throughput(criterion::Throughput::Elements(1));
    group.bench_function("upsert_customer_request_without_http", |b| {
        b.iter(|| {
            n = (n + 1) % bodies.len();
            let (status, bytes) = svc.answer(DEV_KEY, &bodies[n]).expect("known key");
            assert_eq!(status, 200);
            black_box(bytes)
        })
    });
    // Execution alone (apollo-compiler's resolvers over the store), document validated once.
    let contract = Contract::embedded().expect("embedded contract");
    let schema = plain_contract::__private::contract_parts(&contract).1;
    let doc = apollo_compiler::ExecutableDocument::parse_and_validate(&schema.schema, query, "q.graphql").expect("valid");
    let vars: Vec<apollo_compiler::response::JsonMap> = bodies
        .iter()
        .map(|b| {
            let body: plain_contract::__private::node::Node = serde_json::from_slice(b).expect("json");
            match body
                .get("variables")
                .map(|v| plain_contract::__private::serve::node_to_json_bytes(v, 0))
            {
                Some(apollo_compiler::response::JsonValue::Object(m)) => m,
                _ => Default::default(),
            }
        })
        .collect();
    let store = std::sync::Mutex::new(plain_contract::serve::Store::new());
    let perms: std::collections::BTreeSet<String> = plain_contract::__private::serve::ALL_PERMISSIONS
        .iter()
        .map(|p| p.to_string())
        .collect();
    let caller = plain_contract::__private::serve::Caller {
        permissions: &perms,
        actor_id: "mu_1",
    };
    group.bench_function("upsert_customer_execute_only", |b| {
        b.iter(|| {
            n = (n + 1) % vars.len();
            black_box(plain_contract::__private::serve::execute_checked_to_vec(
                &schema.schema,
                &doc,
                None,
                vars[n].clone(),
                &store,
                &caller,
            ))
        })
    });
    group.finish();
}

criterion_group! {
    name = group;
    config = Criterion::default().sample_size(50);
    targets = benches, streams, har, serve, sdk_layout, sdk_self_contained
}
criterion_main!(group);
