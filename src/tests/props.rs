//! Property runs over every input type, and the shrunk-failure report.

use super::{contract, full_schema_path};
use crate::check::operation::OpCache;
use crate::generate::run::{case_seed, failure_report, hex, run_case, runner_for, Failure, Target};
use crate::generate::Generator;
use crate::Contract;
use apollo_compiler::schema::ExtendedType;
use proptest::strategy::{Strategy, ValueTree};

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
    insta::with_settings!({snapshot_path => "../../tests/integration/snapshots", prepend_module_to_snapshot => false, omit_expression => true}, {
        insta::assert_snapshot!("proptest__shrunk_failure_report", report);
    });
}
