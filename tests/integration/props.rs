//! Property runs over every input type, the shrunk-failure report, the
//! generate command's determinism, and the commands' bad input.

use super::{contract, full_schema_path};
use apollo_compiler::schema::ExtendedType;
use plain_contract::check::operation::OpCache;
use plain_contract::contract::Contract;
use plain_contract::generate::run::{case_seed, failure_report, hex, run_case, runner_for, Failure, Target};
use plain_contract::generate::Generator;
use proptest::strategy::{Strategy, ValueTree};
use std::process::Command;

/// Runs `cases` valid and `cases` invalid cases of every input type; returns
/// how many types were run.
fn every_input_type(contract: &Contract, cases: u64, seed: u64) -> usize {
    let gen = Generator::new(&contract.schema.schema);
    let cache = OpCache::default();
    let mut n = 0;
    for (name, ty) in &contract.schema.schema.types {
        if ty.is_built_in() || !matches!(ty, ExtendedType::InputObject(_)) {
            continue;
        }
        let target = Target::for_type(contract, &gen, name).unwrap_or_else(|e| panic!("{name}: {e}"));
        let valid = gen.valid(name).unwrap();
        let invalid = gen.invalid(name).unwrap();
        let drawer = gen.drawer(name).unwrap();
        for i in 0..cases {
            let s = case_seed(seed, i);
            // The fast path draws the very value the shrinking strategy draws, as a node tree.
            let node = drawer.node(runner_for(&s).rng());
            let json = valid.new_tree(&mut runner_for(&s)).unwrap().current();
            assert_eq!(node.to_json(), json, "{name} case {i}: the node drawer and the strategy differ");
            if let Err(why) = target.property_fast(contract, &cache, node) {
                panic!("{name} valid case {i} (case seed {}), fast path: {why}", hex(&s));
            }
            if let Err((why, v)) = run_case(&valid, &s, |v| target.property(contract, &cache, &v, None)) {
                panic!("{name} valid case {i} (case seed {}): {why}\nshrunk: {v:?}", hex(&s));
            }
            if let Err((why, v)) = run_case(&invalid, &s, |(v, f)| target.property(contract, &cache, &v, Some(&f))) {
                panic!("{name} invalid case {i} (case seed {}): {why}\nshrunk: {v:?}", hex(&s));
            }
        }
        n += 1;
    }
    n
}

#[test]
fn every_input_type_of_the_embedded_schema() {
    let n = every_input_type(contract(), 48, 0xC0FFEE);
    assert!(n >= 40, "{n} input types");
}

#[test]
fn every_input_type_of_the_full_real_schema() {
    let Some(full) = full_schema_path() else { return };
    let c = Contract::load(None, Some(&full)).expect("full contract");
    let n = every_input_type(&c, 12, 0xF00D);
    assert!(n >= 300, "{n} input types");
}

/// A deliberately broken check: it rejects any upsert whose onCreate.fullName
/// is longer than two characters. The run must shrink to a minimal case.
#[test]
fn shrunk_failure_report_snapshot() {
    let c = contract();
    let gen = Generator::new(&c.schema.schema);
    let target = Target::for_type(c, &gen, "UpsertCustomerInput").unwrap();
    let strategy = gen.valid("UpsertCustomerInput").unwrap();
    let broken = |v: serde_json::Value| -> Result<(), String> {
        let name = v.pointer("/onCreate/fullName").and_then(|n| n.as_str()).unwrap_or("");
        if name.chars().count() > 2 {
            Err(format!("broken check: fullName {name:?} is longer than 2 characters"))
        } else {
            Ok(())
        }
    };
    let seed = 0x5eed;
    let (i, s, (reason, value)) = (0..64)
        .find_map(|i| {
            let s = case_seed(seed, i);
            run_case(&strategy, &s, broken).err().map(|e| (i, s, e))
        })
        .expect("the broken check fails somewhere in 64 cases");
    let value = value.expect("a shrunk value");
    // Shrinking leaves a fullName of exactly three characters and drops every optional field.
    assert_eq!(
        value
            .pointer("/onCreate/fullName")
            .and_then(|n| n.as_str())
            .map(|s| s.chars().count()),
        Some(3)
    );
    let f = Failure {
        case: Some(i),
        case_seed: hex(&s),
        reason,
        value,
        fault: None,
    };
    let report = failure_report(
        "UpsertCustomerInput",
        "valid",
        seed,
        64,
        &target,
        &f,
        "saved to proptest-regressions/plain-contract.txt",
    );
    insta::with_settings!({snapshot_path => "snapshots", prepend_module_to_snapshot => false, omit_expression => true}, {
        insta::assert_snapshot!("proptest__shrunk_failure_report", report);
    });
}

fn bin(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_plain-contract"))
        .args(args)
        .output()
        .expect("runs")
}

#[test]
fn generate_is_byte_identical_for_a_seed() {
    let a = bin(&["generate", "--count", "50", "--seed", "abc"]);
    let b = bin(&["generate", "--count", "50", "--seed", "0xabc"]);
    let c = bin(&["generate", "--count", "50", "--seed", "abd"]);
    assert_eq!(a.status.code(), Some(0));
    assert_eq!(a.stdout, b.stdout);
    assert_ne!(a.stdout, c.stdout);
    let text = String::from_utf8(a.stdout).unwrap();
    assert_eq!(text.lines().count(), 50);
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert!(v["variables"]["input"]["identifier"].is_object());
    }
    let inv = bin(&["generate", "--count", "20", "--seed", "1", "--invalid", "--type", "CustomersFilter"]);
    for line in String::from_utf8(inv.stdout).unwrap().lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert!(v["expect"]["code"].as_str().unwrap().starts_with("GV"), "{line}");
        assert!(v["expect"]["pointer"].as_str().unwrap().starts_with("/variables/input"), "{line}");
    }
}

#[test]
fn proptest_command_passes_and_reports_its_seed() {
    let dir = std::env::temp_dir().join(format!("pc-props-{}", std::process::id()));
    let regr = dir.join("regr.txt");
    let regr = regr.to_str().unwrap();
    for extra in [&[][..], &["--invalid"]] {
        let mut args = vec!["proptest", "--cases", "300", "--seed", "5eed", "--regressions", regr];
        args.extend_from_slice(extra);
        let out = bin(&args);
        let text = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(0), "{text}{}", String::from_utf8_lossy(&out.stderr));
        assert!(
            text.contains("300 cases passed") && text.contains("seed 0x5eed") && text.contains("both layers"),
            "{text}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn proptest_bad_input_is_a_clear_error() {
    let dir = std::env::temp_dir().join(format!("pc-props-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // A required self-reference is refused by the schema's own validation...
    let selfref = dir.join("selfref.graphql");
    std::fs::write(&selfref, "type Query { a(x: Loop): Int }\ninput Loop { next: Loop! }\n").unwrap();
    let out = bin(&["proptest", "--schema", selfref.to_str().unwrap(), "--type", "Loop"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stdout).contains("`Loop` input object cannot reference itself"));
    // ...and a @oneOf whose only field is itself, which apollo-compiler 1.x accepts, by the generator.
    let schema = dir.join("oneof-loop.graphql");
    std::fs::write(
        &schema,
        "directive @oneOf on INPUT_OBJECT\ntype Query { a(x: Loop): Int }\ninput Loop @oneOf { next: Loop }\n",
    )
    .unwrap();
    let schema = schema.to_str().unwrap();
    let cases: &[(&[&str], &str)] = &[
        (&["proptest", "--type", "NoSuchInput"], "`NoSuchInput` is not a type of the schema"),
        (
            &["proptest", "--type", "Customer"],
            "`Customer` is an object type, not an input type",
        ),
        (&["proptest", "--schema", schema, "--type", "Loop"], "required self-reference"),
        (&["generate", "--type", "Loop", "--schema", schema], "required self-reference"),
        (&["proptest", "--seed", "xyz"], "malformed seed"),
        (&["proptest", "--seed", "12345678901234567"], "malformed seed"),
        (&["proptest", "--cases", "0"], "must be at least 1"),
        (&["generate", "--count", "0"], "must be at least 1"),
    ];
    for (args, want) in cases {
        let out = bin(args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(want), "{args:?}: {err}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
