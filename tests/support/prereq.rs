//! Prerequisites that tests need and the repository does not hold: Plain's
//! schema files beside the repository (`../shared`), graphql-js and GitHub's
//! introspection from npm (`target/graphql-js`), Plain's SDK laid out as a
//! client repository (`target/plain-sdk/layout`, benches/sdk/fetch.sh),
//! pact-js (`tests/pact/node_modules`, `npm ci --prefix tests/pact`), the
//! Pact verifier's command line (`target/pact-cli`, from npm), and
//! tools such as `node`, `curl` and `jq`. `.ci/run` makes every one present.
//!
//! A test asks here before it uses one:
//! - present: the test runs;
//! - absent under CI (`CI` set, and not `false` or `0`): the test FAILS,
//!   naming what is missing and what makes it, so a green CI run never hides
//!   a test that did not run;
//! - absent elsewhere: the test returns early (all of it, or the part that
//!   needs it), and the skip is recorded. When the test binary exits, one
//!   line on stderr counts the skipped tests and says what they missed.
//!   It is written at exit (libc `atexit`) because libtest shows nothing a
//!   passing test prints, and a skip is a passing test.
//!
//! Paths can be pointed elsewhere (the test of CI mode itself points them at
//! an empty folder): `PLAIN_CONTRACT_SHARED` for `../shared`,
//! `PLAIN_CONTRACT_NODE_MODULES` for target/graphql-js/node_modules,
//! `PLAIN_CONTRACT_SDK` for target/plain-sdk/layout, `PLAIN_CONTRACT_PACT_JS`
//! for tests/pact (its node_modules), and
//! `PLAIN_CONTRACT_NO_TOOLS` (space-separated names) for tools to treat as
//! absent.
//!
//! Shared by the library's unit tests (src/tests) and the integration binary,
//! through `#[path]`; nothing here is used by the tool itself.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Mutex, Once};

/// Is this run CI? (`CI` is set, and is not `false` or `0`; the variable
/// GitHub Actions and `.ci/run` set, and the one insta reads.)
pub(crate) fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0")
}

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn dir_from(var: &str, default: &str) -> PathBuf {
    std::env::var_os(var).map(PathBuf::from).unwrap_or_else(|| repo().join(default))
}

/// The skips of this process: prerequisite → the tests that missed it.
static SKIPS: Mutex<BTreeMap<String, Vec<String>>> = Mutex::new(BTreeMap::new());
/// How many prerequisite checks found what they looked for, and how many
/// did not under CI (their tests failed).
static FOUND: Mutex<(usize, usize)> = Mutex::new((0, 0));
static AT_EXIT: Once = Once::new();

extern "C" fn print_summary() {
    let skips = SKIPS.lock().map(|s| s.clone()).unwrap_or_default();
    let (found, failed) = FOUND.lock().map(|f| *f).unwrap_or((0, 0));
    let binary = std::env::current_exe()
        .ok()
        .and_then(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .map(|s| s.rsplit_once('-').map(|(name, _hash)| name.to_string()).unwrap_or(s))
        .unwrap_or_default();
    let line = summary(&binary, &skips, found, failed);
    // Straight to the process's stderr: the test harness has finished.
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// The exit line: how many tests skipped, and what each group missed.
fn summary(binary: &str, skips: &BTreeMap<String, Vec<String>>, found: usize, failed: usize) -> String {
    let mut tests: Vec<&String> = skips.values().flatten().collect();
    tests.sort();
    tests.dedup();
    if tests.is_empty() {
        return if failed == 0 {
            format!("prerequisites ({binary}): all {found} found, no test skipped")
        } else {
            format!("prerequisites ({binary}): {found} found, {failed} missing under CI (their tests failed), no test skipped")
        };
    }
    let why: Vec<String> = skips
        .iter()
        .map(|(what, who)| format!("{} missed {what}", plural(who.len())))
        .collect();
    format!(
        "SKIPPED ({binary}): {} ran without a prerequisite (in whole or in part) and passed without checking it; {}. CI=true makes them fail",
        plural(tests.len()),
        why.join("; ")
    )
}

fn plural(n: usize) -> String {
    if n == 1 {
        "1 test".to_string()
    } else {
        format!("{n} tests")
    }
}

/// The decision for one prerequisite: true when present. Absent: fails the
/// test under CI, or records the skip and returns false.
pub(crate) fn require(present: bool, what: &str, how: &str) -> bool {
    AT_EXIT.call_once(|| {
        // SAFETY: registers a plain `extern "C" fn()` with the C library's
        // exit handlers; it only reads two mutexes and writes to stderr.
        unsafe {
            libc::atexit(print_summary);
        }
    });
    if present {
        if let Ok(mut f) = FOUND.lock() {
            f.0 += 1;
        }
        return true;
    }
    let test = std::thread::current().name().unwrap_or("?").to_string();
    if in_ci() {
        if let Ok(mut f) = FOUND.lock() {
            f.1 += 1;
        }
        panic!("prerequisite missing under CI: {what} ({how}); CI must not pass a test that did not run");
    }
    eprintln!("SKIPPED: {what} is missing ({how})");
    if let Ok(mut s) = SKIPS.lock() {
        s.entry(what.to_string()).or_default().push(test);
    }
    false
}

/// A file or folder of Plain's schema files beside the repository
/// (`../shared`, such as `plain/schema.graphql` or `plain/history`).
pub(crate) fn shared(rel: &str) -> Option<PathBuf> {
    let p = dir_from("PLAIN_CONTRACT_SHARED", "../shared").join(rel);
    require(
        p.exists(),
        &format!("../shared/{rel}"),
        &format!("Plain's schema files, beside the repository in CI; looked at {}", p.display()),
    )
    .then_some(p)
}

/// Plain's full schema, `../shared/plain/schema.graphql`.
pub(crate) fn full_schema() -> Option<PathBuf> {
    shared("plain/schema.graphql")
}

/// Is a program on PATH (and not named in `PLAIN_CONTRACT_NO_TOOLS`)?
fn on_path(tool: &str) -> bool {
    let hidden = std::env::var("PLAIN_CONTRACT_NO_TOOLS").unwrap_or_default();
    if hidden.split_whitespace().any(|t| t == tool) {
        return false;
    }
    Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// A program the test runs (`curl`, `jq`, `node`...).
pub(crate) fn tool(name: &str) -> bool {
    require(on_path(name), &format!("the `{name}` program"), ".ci/run installs it with apt-get")
}

/// A file of the npm packages `.ci/run` installs into target/graphql-js
/// (graphql-js 16 and @octokit/graphql-schema).
pub(crate) fn npm_file(rel: &str) -> Option<PathBuf> {
    let dir = dir_from("PLAIN_CONTRACT_NODE_MODULES", "target/graphql-js/node_modules");
    let p = dir.join(rel);
    require(
        p.exists(),
        &format!("target/graphql-js/node_modules/{rel}"),
        &format!(
            "`.ci/run` installs it: npm install --prefix target/graphql-js graphql@16.15.0 @octokit/graphql-schema@15.26.1; looked at {}",
            p.display()
        ),
    )
    .then_some(p)
}

/// graphql-js 16 (its node_modules folder) and node to run it.
pub(crate) fn graphql_js() -> Option<PathBuf> {
    let dir = dir_from("PLAIN_CONTRACT_NODE_MODULES", "target/graphql-js/node_modules");
    (npm_file("graphql/package.json").is_some() && tool("node")).then_some(dir)
}

/// Plain's SDK packages laid out as a client repository.
pub(crate) fn plain_sdk() -> Option<PathBuf> {
    let dir = dir_from("PLAIN_CONTRACT_SDK", "target/plain-sdk/layout");
    require(
        dir.join("graphql").is_dir(),
        "Plain's SDK layout (target/plain-sdk/layout)",
        &format!(
            "benches/sdk/fetch.sh makes it from npm, and `.ci/run` runs it; looked at {}",
            dir.display()
        ),
    )
    .then_some(dir)
}

/// An npm package `.ci/run` installs into a folder of its own under
/// target/ (`target/playwright`, `target/graphql-inspector`): its folder
/// in node_modules, when present (and node to run it).
fn npm_package(prefix: &str, package: &str, install: &str) -> Option<PathBuf> {
    let p = repo().join(prefix).join("node_modules").join(package);
    let present = require(
        p.join("package.json").exists(),
        &format!("{prefix}/node_modules/{package}"),
        &format!(
            "`.ci/run` installs it: npm install --prefix {prefix} {install}; looked at {}",
            p.display()
        ),
    );
    (present && tool("node")).then_some(p)
}

/// Debian's Chromium (`/usr/bin/chromium`, or `CHROMIUM`) and playwright-core
/// to drive it: the folder of playwright-core.
pub(crate) fn headless_chromium() -> Option<PathBuf> {
    let chromium = std::env::var_os("CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    let hidden = std::env::var("PLAIN_CONTRACT_NO_TOOLS").unwrap_or_default();
    let present = chromium.exists() && !hidden.split_whitespace().any(|t| t == "chromium");
    if !require(present, "Debian's `chromium`", ".ci/run installs it with apt-get") {
        return None;
    }
    npm_package("target/playwright", "playwright-core", "playwright-core@1.65.2")
}

/// GraphQL Inspector's command line (`graphql-inspector`, from
/// @graphql-inspector/cli): the path of its bin script.
pub(crate) fn graphql_inspector() -> Option<PathBuf> {
    npm_package(
        "target/graphql-inspector",
        "@graphql-inspector/cli",
        "@graphql-inspector/cli@7.0.0 graphql@16.15.0",
    )?;
    Some(repo().join("target/graphql-inspector/node_modules/.bin/graphql-inspector"))
}

/// pact-js (`@pact-foundation/pact`, with its native core) installed in
/// tests/pact, and node to run it: the folder of tests/pact's scripts.
pub(crate) fn pact_js() -> Option<PathBuf> {
    let dir = dir_from("PLAIN_CONTRACT_PACT_JS", "tests/pact");
    let core = dir.join("node_modules/@pact-foundation/pact/package.json");
    (require(
        core.exists(),
        "pact-js (tests/pact/node_modules/@pact-foundation/pact)",
        &format!("`.ci/run` installs it: npm ci --prefix tests/pact; looked at {}", core.display()),
    ) && tool("node"))
    .then_some(dir)
}

/// The Pact verifier's command line: `pact verifier` of the Pact CLI, which
/// is the crates.io crate pact_verifier_cli (1.3.5 in CLI 18.1.2) built in,
/// prebuilt on npm as `@pact-foundation/pact-cli-linux-x64` and installed by
/// `.ci/run` into target/pact-cli: the path of its `pact` binary.
pub(crate) fn pact_verifier_cli() -> Option<PathBuf> {
    let p = repo().join("target/pact-cli/node_modules/@pact-foundation/pact-cli-linux-x64/standalone/pact");
    require(
        p.exists(),
        "the Pact verifier's command line (target/pact-cli: `pact verifier`, pact_verifier_cli)",
        &format!(
            "`.ci/run` installs it: npm install --prefix target/pact-cli @pact-foundation/pact-cli-linux-x64@18.1.2; looked at {}",
            p.display()
        ),
    )
    .then_some(p)
}

#[cfg(test)]
mod summary_tests {
    use super::*;

    #[test]
    fn the_exit_line_counts_tests_once_and_says_what_they_missed() {
        let mut s = BTreeMap::new();
        s.insert("../shared/plain/schema.graphql".to_string(), vec!["a".to_string(), "b".to_string()]);
        s.insert("the `jq` program".to_string(), vec!["b".to_string()]);
        let line = summary("integration", &s, 3, 0);
        assert_eq!(
            line,
            "SKIPPED (integration): 2 tests ran without a prerequisite (in whole or in part) and passed without checking it; \
             2 tests missed ../shared/plain/schema.graphql; 1 test missed the `jq` program. CI=true makes them fail"
        );
        assert_eq!(
            summary("integration", &BTreeMap::new(), 4, 0),
            "prerequisites (integration): all 4 found, no test skipped"
        );
        assert_eq!(
            summary("integration", &BTreeMap::new(), 4, 1),
            "prerequisites (integration): 4 found, 1 missing under CI (their tests failed), no test skipped"
        );
    }
}
