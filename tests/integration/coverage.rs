//! `plain-contract coverage`: one corpus case per counted kind
//! (tests/corpus/coverage, against its own small schema), pinned by insta;
//! dynamic counts against what was counted by hand from the files; shards
//! merged equal to one run; bad flags and bad merge inputs.

use serde_json::{json, Value};
use std::path::Path;
use std::process::{Command, Output};

const SCHEMA: &str = "tests/corpus/coverage/schema.graphql";

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_plain-contract"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .output()
        .expect("runs")
}

fn json_of(args: &[&str]) -> (Value, i32) {
    let out = run(args);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (v, out.status.code().unwrap_or(-1))
}

fn case(name: &str) -> (Value, i32) {
    json_of(&[
        "coverage",
        "--schema",
        SCHEMA,
        "--format",
        "json",
        &format!("tests/corpus/coverage/{name}"),
    ])
}

/// The coordinate `c` of kind `kind`.
fn coord<'a>(r: &'a Value, c: &str, kind: &str) -> &'a Value {
    r["coordinates"]
        .as_array()
        .expect("coordinates")
        .iter()
        .find(|e| e["coordinate"] == c && e["kind"] == kind)
        .unwrap_or_else(|| panic!("no {kind} {c}"))
}

/// What a snapshot shows: the counted coordinates only (the rest are zero), and the summaries.
fn view(r: &Value, code: i32) -> String {
    let counted: Vec<&Value> = r["coordinates"]
        .as_array()
        .expect("coordinates")
        .iter()
        .filter(|e| ["hits", "selected", "responses", "nulls", "requests"].iter().any(|k| e[k] != 0))
        .collect();
    let codes: Vec<&Value> = r["check"]["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| &f["code"])
        .collect();
    let shown = json!({
        "exit": code,
        "inputs": r["inputs"],
        "check": {"errors": r["check"]["errors"], "warnings": r["check"]["warnings"], "codes": codes},
        "counted": counted,
        "summary": r["summary"],
        "roots": r["roots"],
        "deprecatedUsed": r["deprecatedUsed"],
        "mutations": r["mutations"],
        "http": r["http"],
    });
    serde_json::to_string_pretty(&shown).expect("json")
}

#[test]
fn one_case_per_counted_kind() {
    for name in [
        "fields",
        "arguments-input-fields",
        "enum-values",
        "union-members",
        "implementations",
        "directives",
        "deprecated",
        "invalid-still-counts",
        "exchanges",
    ] {
        let (r, code) = case(name);
        assert_eq!(r["version"], 1);
        insta::assert_snapshot!(format!("coverage__{name}"), view(&r, code));
    }
}

#[test]
fn static_counts_what_resolves() {
    let (r, code) = case("invalid-still-counts");
    assert_eq!(code, 1, "check's exit code: the document does not validate");
    assert_eq!(coord(&r, "Query.customer", "field")["hits"], 1);
    assert_eq!(coord(&r, "Customer.fullName", "field")["hits"], 1);
    assert_eq!(
        coord(&r, "Customer.fullName", "field")["sites"],
        json!([{"file": "tests/corpus/coverage/invalid-still-counts/broken.graphql", "line": 3, "column": 5}])
    );
    let (r, code) = case("implementations");
    assert_eq!(code, 0);
    assert_eq!(coord(&r, "Node.Customer", "implementation")["hits"], 1);
    assert_eq!(coord(&r, "Node.Company", "implementation")["hits"], 1, "through a fragment spread");
    assert_eq!(coord(&r, "Node.id", "field")["hits"], 1);
}

/// tests/corpus/coverage/exchanges/upserts.yaml, counted by hand.
#[test]
fn dynamic_counts_match_the_hand_count() {
    let (r, _) = case("exchanges");
    assert_eq!(r["inputs"]["exchanges"], 4);
    let c = |name: &str, kind: &str, k: &str| coord(&r, name, kind)[k].as_u64().expect("count");
    // Two upserts select the customer's nickname; one answers it null, the other has no customer.
    assert_eq!(c("Customer.nickname", "field", "selected"), 2);
    assert_eq!(c("Customer.nickname", "field", "nulls"), 1);
    assert_eq!(c("Customer.nickname", "field", "responses"), 0);
    assert_eq!(c("UpsertCustomerOutput.customer", "field", "responses"), 1);
    assert_eq!(c("UpsertCustomerOutput.customer", "field", "nulls"), 1);
    // IDLE sent once (variables) and answered once.
    assert_eq!(c("Status.IDLE", "enum-value", "requests"), 1);
    assert_eq!(c("Status.IDLE", "enum-value", "responses"), 1);
    assert_eq!(c("Kind.CUSTOMER", "enum-value", "requests"), 1, "a literal");
    assert_eq!(c("IdInput.email", "input-field", "requests"), 1);
    assert_eq!(c("IdInput.externalId", "input-field", "requests"), 1);
    assert_eq!(c("Mutation.upsertCustomer(input:)", "argument", "requests"), 2);
    // The search answered one Customer and two Companies.
    assert_eq!(c("SearchResult.Customer", "union-member", "responses"), 1);
    assert_eq!(c("SearchResult.Company", "union-member", "responses"), 2);
    assert_eq!(c("Company.name", "field", "responses"), 2);
    assert_eq!(
        r["mutations"],
        json!([{"mutation": "upsertCustomer", "calls": 2, "results": {"CREATED": 1}, "errors": {"input_validation": 1}}])
    );
    assert_eq!(r["http"]["errorCodes"], json!({"RATE_LIMITED": 1}));
    let seen = |s: &str| {
        r["http"]["responses"]
            .as_array()
            .expect("responses")
            .iter()
            .find(|x| x["status"] == s)
            .expect(s)["seen"]
            .clone()
    };
    assert_eq!((seen("200"), seen("429"), seen("401")), (json!(3), json!(1), json!(0)));
}

/// fixtures/customers and fixtures/http, counted by hand from the files.
#[test]
fn fixtures_dynamic_counts() {
    let (r, _) = json_of(&["coverage", "--format", "json", "fixtures/customers", "fixtures/http"]);
    let upsert = r["mutations"]
        .as_array()
        .expect("mutations")
        .iter()
        .find(|m| m["mutation"] == "upsertCustomer")
        .expect("upsertCustomer")
        .clone();
    assert_eq!(
        upsert,
        json!({"mutation": "upsertCustomer", "calls": 5, "results": {"CREATED": 1, "NOOP": 1, "UPDATED": 1},
               "errors": {"customer_already_exists_with_email": 1, "input_validation": 1}})
    );
    let seen: Vec<(String, u64)> = r["http"]["responses"]
        .as_array()
        .expect("responses")
        .iter()
        .map(|s| (s["status"].as_str().expect("status").to_string(), s["seen"].as_u64().expect("seen")))
        .collect();
    // customers/: eleven 200s (customers-paginated holds two exchanges); http/: one 200, two 400s, a 401, a 403, a 429.
    for (status, n) in [("200", 12), ("400", 2), ("401", 1), ("403", 1), ("429", 1)] {
        assert!(seen.contains(&(status.to_string(), n)), "{status}: {seen:?}");
    }
    // The body shapes and extensions.code values per status, from fixtures/http's files
    // (the 401's error has `locations: []`, the 400s', 403's and 429's have none).
    let of = |status: &str| {
        let s = r["http"]["responses"]
            .as_array()
            .expect("responses")
            .iter()
            .find(|x| x["status"] == status)
            .expect(status)
            .clone();
        (s["shapes"].clone(), s["errorCodes"].clone())
    };
    let (all, some) = ("errors (message, locations, extensions.code)", "errors (message, extensions.code)");
    assert_eq!(of("200"), (json!({"data": 11, all: 1}), json!({"GRAPHQL_VALIDATION_FAILED": 1})));
    assert_eq!(of("400"), (json!({some: 2}), json!({"BAD_REQUEST": 2})));
    assert_eq!(of("401"), (json!({all: 1}), json!({"UNAUTHENTICATED": 1})));
    assert_eq!(of("403"), (json!({some: 1}), json!({"FORBIDDEN": 1})));
    assert_eq!(of("429"), (json!({some: 1}), json!({"RATE_LIMITED": 1})));
    assert_eq!(of("413"), (json!({}), json!({})), "documented, not seen");
}

#[test]
fn shards_merge_to_the_unsharded_run() {
    let dir = std::env::temp_dir().join(format!("pc-cov-merge-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let inputs = ["tests/corpus/coverage", "fixtures/customers", "fixtures/streams"];
    let mut shards = Vec::new();
    for k in 1..=3 {
        let f = dir.join(format!("shard{k}.json"));
        let shard = format!("{k}/3");
        let mut args = vec!["coverage", "--format", "json", "--schema", SCHEMA, "--shard", &shard, "--output"];
        let fs = f.to_string_lossy().into_owned();
        args.push(&fs);
        args.extend(inputs);
        let out = run(&args);
        assert!(
            out.status.code().is_some_and(|c| c <= 1),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        shards.push(fs);
    }
    let mut args = vec!["coverage", "--format", "json", "--schema", SCHEMA];
    args.extend(inputs);
    let whole = run(&args);
    let mut margs = vec!["coverage", "merge"];
    margs.extend(shards.iter().map(String::as_str));
    let merged = run(&margs);
    assert_eq!(
        String::from_utf8_lossy(&merged.stdout),
        String::from_utf8_lossy(&whole.stdout),
        "{}",
        String::from_utf8_lossy(&merged.stderr)
    );
    assert_eq!(merged.status.code(), whole.status.code());

    // Another schema: refused, with the reason.
    let other = dir.join("other.json");
    let out = run(&[
        "coverage",
        "--format",
        "json",
        "--output",
        &other.to_string_lossy(),
        "tests/corpus/coverage/fields",
    ]);
    assert!(out.status.code().is_some_and(|c| c <= 1));
    let out = run(&["coverage", "merge", &shards[0], &other.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("another schema"), "{err}");
    // Another version: refused, with the reason.
    let text = std::fs::read_to_string(&shards[0]).expect("shard");
    let v2 = dir.join("v2.json");
    std::fs::write(&v2, text.replacen("\"version\": 1", "\"version\": 2", 1)).expect("write");
    let out = run(&["coverage", "merge", &shards[0], &v2.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("version 2") && err.contains("v2.json"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn gates_and_bad_flags() {
    let fields = "tests/corpus/coverage/fields";
    let out = run(&["coverage", "--schema", SCHEMA, "--fail-under", "fields=90", fields]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("fields coverage is") && err.contains("--fail-under 90%"), "{err}");
    let out = run(&["coverage", "--schema", SCHEMA, "--fail-under", "fields=10,types=10", fields]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));

    for (flag, value, says) in [
        ("--fail-under", "feilds=80", "did you mean `fields`"),
        ("--fail-under", "fields=180", "percentage"),
        ("--fail-under", "fields", "KIND=PERCENT"),
        ("--scope", "Customer.fulName", "did you mean `Customer.fullName`"),
        ("--scope", "a,,b", "empty item"),
    ] {
        let out = run(&["coverage", "--schema", SCHEMA, flag, value, fields]);
        assert_eq!(out.status.code(), Some(2), "{flag} {value}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(flag) && err.contains(says), "{flag} {value}: {err}");
    }
}

#[test]
fn scope_narrows_the_report() {
    let (r, _) = json_of(&[
        "coverage",
        "--schema",
        SCHEMA,
        "--format",
        "json",
        "--scope",
        "Query.customer*,IdInput",
        "tests/corpus/coverage/fields",
    ]);
    let names: Vec<&str> = r["coordinates"]
        .as_array()
        .expect("list")
        .iter()
        .map(|e| e["coordinate"].as_str().expect("name"))
        .collect();
    assert_eq!(
        names,
        [
            "IdInput",
            "IdInput.email",
            "IdInput.externalId",
            "Query.customer",
            "Query.customer(id:)"
        ]
    );
    assert_eq!(r["summary"]["fields"]["covered"], 1);
    let (r, _) = json_of(&["coverage", "--format", "json", "--scope", "customers", "fixtures/customers"]);
    assert_eq!(r["scope"], "customers");
    assert!(Path::new(SCHEMA).exists());
}

#[test]
fn json_matches_its_schema() {
    let v = crate::formats::validator("docs/coverage.schema.json");
    for name in ["exchanges", "implementations", "invalid-still-counts"] {
        let (r, _) = case(name);
        crate::formats::assert_valid(&v, &r, name);
    }
    let (r, _) = json_of(&["coverage", "--format", "json", "fixtures"]);
    crate::formats::assert_valid(&v, &r, "fixtures");
}

/// fixtures/streams/upserts.ndjson (two CREATED, an UPDATED, a NOOP and an
/// email conflict) sixty times over, on stdin: every count is sixty times the file's.
#[test]
fn generated_ndjson_on_stdin() {
    use std::io::Write;
    let one = std::fs::read_to_string(format!("{}/fixtures/streams/upserts.ndjson", env!("CARGO_MANIFEST_DIR"))).expect("fixture");
    let mut child = Command::new(env!("CARGO_BIN_EXE_plain-contract"))
        .args(["coverage", "--format", "json", "-"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("runs");
    let mut stdin = child.stdin.take().expect("stdin");
    let text = one.repeat(60);
    let writer = std::thread::spawn(move || stdin.write_all(text.as_bytes()));
    let out = child.wait_with_output().expect("output");
    writer.join().expect("writer").expect("written");
    assert_eq!(out.status.code(), Some(0));
    let r: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(r["inputs"]["exchanges"], 300);
    assert_eq!(
        r["mutations"],
        json!([{"mutation": "upsertCustomer", "calls": 300, "results": {"CREATED": 120, "NOOP": 60, "UPDATED": 60},
                "errors": {"customer_already_exists_with_email": 60}}])
    );
    assert_eq!(coord(&r, "UpsertResult.CREATED", "enum-value")["responses"], 120);
    assert_eq!(coord(&r, "Mutation.upsertCustomer", "field")["selected"], 300);
    assert_eq!(coord(&r, "Mutation.upsertCustomer(input:)", "argument")["requests"], 300);
}
