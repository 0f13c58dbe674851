//! The generate and proptest commands: determinism, the seed report and bad
//! input. (Property runs over every input type and the shrunk-failure report
//! test the generator itself: src/tests/props.rs.)

use std::process::Command;

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
    let text = String::from_utf8(inv.stdout).unwrap();
    assert_eq!(inv.status.code(), Some(0), "{text}{}", String::from_utf8_lossy(&inv.stderr));
    assert_eq!(text.lines().count(), 20, "{text}");
    for line in text.lines() {
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
