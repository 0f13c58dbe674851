//! CI mode itself (tests/support/prereq.rs): a test whose prerequisite is
//! missing fails under `CI=true`, naming it; outside CI it passes by
//! skipping, and the binary's exit line counts it. Each run is this test
//! binary again, as a child running one test, with `../shared` pointed at
//! an empty folder.

use std::path::Path;
use std::process::{Command, Output};

/// A test that needs Plain's full schema from `../shared` and nothing else.
const NEEDS_SHARED: &str = "cli::full_real_schema_replaces_the_embedded_one";

fn run_alone(test: &str, ci: Option<&str>, shared: &Path) -> Output {
    let mut c = Command::new(std::env::current_exe().expect("the test binary"));
    c.args([test, "--exact"]).env("PLAIN_CONTRACT_SHARED", shared);
    match ci {
        Some(v) => c.env("CI", v),
        None => c.env_remove("CI"),
    };
    c.output().expect("the test binary runs")
}

fn text(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

#[test]
fn a_missing_prerequisite_fails_under_ci_and_is_counted_when_skipped_elsewhere() {
    let empty = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("ci-mode-empty-{}", std::process::id()));
    std::fs::create_dir_all(&empty).unwrap();

    let out = run_alone(NEEDS_SHARED, Some("true"), &empty);
    let all = text(&out);
    assert_ne!(
        out.status.code(),
        Some(0),
        "under CI the test passed without its prerequisite:\n{all}"
    );
    assert!(all.contains("1 failed"), "{all}");
    assert!(
        all.contains("prerequisite missing under CI: ../shared/plain/schema.graphql"),
        "the failure names the prerequisite:\n{all}"
    );

    for ci in [None, Some("false")] {
        let out = run_alone(NEEDS_SHARED, ci, &empty);
        let all = text(&out);
        assert_eq!(out.status.code(), Some(0), "CI={ci:?}:\n{all}");
        assert!(all.contains("1 passed"), "CI={ci:?}:\n{all}");
        // The exit line, after libtest's own summary.
        let line = String::from_utf8_lossy(&out.stderr)
            .lines()
            .find(|l| l.starts_with("SKIPPED (integration)"))
            .map(str::to_string)
            .unwrap_or_else(|| panic!("CI={ci:?}: no exit line counting the skip:\n{all}"));
        assert_eq!(
            line,
            "SKIPPED (integration): 1 test ran without a prerequisite (in whole or in part) and passed without checking it; \
             1 test missed ../shared/plain/schema.graphql. CI=true makes them fail"
        );
    }
    let _ = std::fs::remove_dir_all(&empty);
}
