//! Data-driven corpora, one test per file (a libtest-mimic harness), so one
//! failing case does not hide the others and a case runs alone by its name:
//! `cargo test --test corpus -- requests/invalid/gv004-bad-enum.json`.
//!
//! - `tests/corpus/<area>/ok/*` must give no diagnostics, not even a warning
//!   (`exchanges/ok`: a `warning-CODE-...` file gives exactly that warning);
//! - `tests/corpus/<area>/invalid/*` must give errors, including the code the
//!   file name announces, each with a place, and match their rendered snapshot
//!   (in tests/integration/snapshots, named `<area>__invalid__<file>.snap`);
//! - `tests/corpus/bad-input/*` is read both as an input to `check` and as a
//!   spec: a located diagnostic naming the file each time, never a panic.
//!
//! A new case needs no Rust: drop a file in and run `cargo insta review`. A
//! case that shows a known gap goes on [`EXPECTED_FAILURES`] with the reason;
//! such a case must fail, so the list is emptied as gaps close.

use libtest_mimic::{Arguments, Failed, Trial};
use plain_contract::Contract;
use plain_contract::{Checker, Format, Outcome};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Cases that fail today because of a known gap, by test name, with the gap.
/// Each must fail: one that passes is reported, so it leaves the list.
const EXPECTED_FAILURES: &[(&str, &str)] = &[];

/// The corpus areas, and the fewest cases each holds (a guard against a
/// folder emptied by mistake, not a way to hide failures).
const AREAS: &[(&str, usize)] = &[
    ("requests", 55),
    ("operations", 10),
    ("openapi", 15),
    ("exchanges", 60),
    ("bad-input", 15),
    ("fuzz-regressions", 1),
];

fn main() {
    let args = Arguments::from_args();
    // Paths are relative to the package, as `cargo test` runs from it.
    std::env::set_current_dir(env!("CARGO_MANIFEST_DIR")).expect("package folder");
    let mut trials = Vec::new();
    for (area, fewest) in AREAS {
        let cases = cases(area);
        let n = cases.len();
        trials.push(Trial::test(format!("{area}/(at least {fewest} cases)"), move || {
            if n >= *fewest {
                Ok(())
            } else {
                Err(format!("the {area} corpus has only {n} cases").into())
            }
        }));
        trials.extend(cases);
    }
    libtest_mimic::run(&args, trials).exit();
}

/// One trial per file of an area.
fn cases(area: &'static str) -> Vec<Trial> {
    let mut out = Vec::new();
    if area == "bad-input" {
        for path in entries(&format!("tests/corpus/{area}")) {
            out.push(trial(&path.clone(), move || bad_input_case(&path)));
        }
        return out;
    }
    if area == "fuzz-regressions" {
        for path in entries(&format!("tests/corpus/{area}")) {
            out.push(trial(&path.clone(), move || fuzz_regression_case(&path)));
        }
        return out;
    }
    for path in entries(&format!("tests/corpus/{area}/ok")) {
        if area == "exchanges" && path.extension().is_some_and(|e| e == "md") {
            continue;
        }
        out.push(trial(&path.clone(), move || ok_case(area, &path)));
    }
    for path in entries(&format!("tests/corpus/{area}/invalid")) {
        out.push(trial(&path.clone(), move || invalid_case(area, &path)));
    }
    out
}

/// A trial named by the case's path under tests/corpus, honouring
/// [`EXPECTED_FAILURES`].
fn trial(path: &Path, run: impl FnOnce() + Send + std::panic::UnwindSafe + 'static) -> Trial {
    let name = path
        .strip_prefix("tests/corpus")
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/");
    let expected = EXPECTED_FAILURES.iter().find(|(n, _)| *n == name).map(|(_, why)| *why);
    Trial::test(name.clone(), move || match (std::panic::catch_unwind(run), expected) {
        (Ok(()), None) => Ok(()),
        (Err(panic), None) => Err(Failed::from(panic_text(&panic))),
        (Err(_), Some(_)) => Ok(()),
        (Ok(()), Some(why)) => Err(format!("{name} passes now (listed as failing: {why}); remove it from EXPECTED_FAILURES").into()),
    })
}

fn panic_text(panic: &Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_else(|| "the case panicked".to_string())
}

/// A checker of the embedded contract with default settings, built once for all cases.
fn checker() -> &'static Checker {
    static C: OnceLock<Checker> = OnceLock::new();
    C.get_or_init(|| Checker::builder().build().expect("embedded contract loads"))
}

/// Human output without colour, as snapshots hold it.
fn render(outcome: &Outcome) -> String {
    checker().render(outcome, Format::Human)
}

fn check_file(path: &Path) -> Outcome {
    checker().check_paths(&[path.to_path_buf()])
}

/// OpenAPI documents are loaded as the contract's transport layer (like
/// `check --openapi FILE`), with the embedded GraphQL schema.
fn check_openapi(path: &Path) -> Outcome {
    match Checker::builder().openapi(path).build() {
        Ok(c) => c.check_contract(),
        // The load error keeps the sources its findings point into.
        Err(e) => e.into(),
    }
}

fn outcome_of(area: &str, path: &Path) -> Outcome {
    if area == "openapi" {
        check_openapi(path)
    } else {
        check_file(path)
    }
}

fn ok_case(area: &str, path: &Path) {
    let outcome = outcome_of(area, path);
    let text = render(&outcome);
    if area == "exchanges" {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let want_warning = name.strip_prefix("warning-").and_then(|rest| expected_code(Path::new(rest)));
        let codes: Vec<&str> = outcome.diagnostics.iter().map(|d| d.code.as_str()).collect();
        match want_warning {
            Some(code) => assert_eq!(codes, [code.as_str()], "{}:\n{text}", path.display()),
            None => assert!(
                outcome.diagnostics.is_empty(),
                "{} must be clean (no error, no warning):\n{text}",
                path.display()
            ),
        }
    } else {
        assert!(outcome.diagnostics.is_empty(), "{} must be clean:\n{text}", path.display());
    }
    if area != "openapi" {
        assert!(!outcome.items.is_empty(), "{}: nothing was checked", path.display());
    }
}

fn invalid_case(area: &str, path: &Path) {
    let outcome = outcome_of(area, path);
    let text = render(&outcome);
    assert!(!outcome.diagnostics.is_empty(), "{}: expected findings, got none", path.display());
    if let Some(code) = expected_code(path) {
        assert!(
            outcome.diagnostics.iter().any(|d| d.code.as_str() == code),
            "{}: expected {code}, got:\n{text}",
            path.display()
        );
    }
    for d in &outcome.diagnostics {
        assert!(
            d.line >= 1 && d.column >= 1,
            "{}: diagnostic without a place: {d:?}",
            path.display()
        );
    }
    if area == "exchanges" {
        // One fault, one code (a `-multi` file, whose one fault cannot avoid
        // a second code, must give at least that code); no credential shown.
        // A request fault answered with data also gives HX011 (the server
        // accepted it: a second party broke the contract), which every
        // invalid file may carry.
        let multi = path.file_stem().is_some_and(|s| s.to_string_lossy().ends_with("-multi"));
        if let (Some(code), false) = (expected_code(path), multi) {
            for d in outcome.diagnostics.iter().filter(|d| d.is_error() && d.code.as_str() != "HX011") {
                assert_eq!(d.code.as_str(), code, "{}: one fault, one code:\n{text}", path.display());
            }
        }
        assert!(
            !text.contains("plainApiKey_") && !text.to_ascii_lowercase().contains("bearer sk_"),
            "{}: a credential reached the output:\n{text}",
            path.display()
        );
    }
    snapshot(&snap_name(path), &text);
}

/// Hostile and broken files, each both as an input to `check` and as a spec
/// (`--openapi` for data, `--schema` for GraphQL): a located diagnostic,
/// never a panic, hang or blow-up.
fn bad_input_case(path: &Path) {
    let as_input = check_file(path);
    let is_graphql = path.extension().is_some_and(|e| e == "graphql");
    let as_spec = if is_graphql {
        Contract::load(None, Some(path))
    } else {
        Contract::load(Some(path), None)
    };
    let spec_outcome: Outcome = match as_spec {
        Ok(_) => panic!("{} must not load as a spec", path.display()),
        Err(e) => e.into(),
    };
    let spec_diags = &spec_outcome.diagnostics;
    for d in as_input.diagnostics.iter().chain(spec_diags) {
        assert_eq!(d.file, path.display().to_string(), "diagnostic names the file");
        assert!(d.line >= 1 && d.column >= 1);
    }
    assert!(!spec_diags.is_empty());
    assert!(!as_input.diagnostics.is_empty(), "{}: no finding as input", path.display());
    let text = format!(
        "== as an input to `check`\n{}\n== as a spec\n{}",
        render(&as_input),
        render(&spec_outcome)
    );
    snapshot(&snap_name(path), &text);
}

/// An input a fuzz target crashed on (fuzz/, docs/fuzzing.md), or a crash
/// found by reading code that a target covers (`script-…`), kept with the
/// extension of the file name its target checks it as (targets that take
/// other inputs than a file's text keep their regressions as unit tests): it is checked and
/// rendered in every format without a panic, and every finding lies inside
/// the file (the targets' properties, on stable).
fn fuzz_regression_case(path: &Path) {
    let text = String::from_utf8_lossy(&std::fs::read(path).expect("case readable")).into_owned();
    // As the targets check it: the text held in memory (`check_text`), which
    // keeps the source for rendering, unlike a streamed file.
    let outcome = checker().check_text(&path.display().to_string(), &text);
    let lines: Vec<&str> = text.split('\n').collect();
    for d in &outcome.diagnostics {
        if d.line == 0 && d.column == 0 {
            continue;
        }
        assert!(d.line >= 1 && d.line <= lines.len(), "{} at line {}", d.code, d.line);
        let chars = lines[d.line - 1].chars().count();
        assert!(d.column >= 1 && d.column <= chars + 1, "{} at {}:{}", d.code, d.line, d.column);
    }
    // Every format renders the findings, all of them: counted in the machine
    // formats, each one's place and code in the others.
    let n = outcome.diagnostics.len();
    let errors = outcome.diagnostics.iter().filter(|d| d.is_error()).count();
    let counts = format!(
        "{errors} error{}, {} warning{} in 1 file",
        if errors == 1 { "" } else { "s" },
        n - errors,
        if n - errors == 1 { "" } else { "s" }
    );
    let render = |format| checker().render(&outcome, format);
    let json =
        |format| -> serde_json::Value { serde_json::from_str(&render(format)).unwrap_or_else(|e| panic!("{format:?} is not JSON ({e})")) };
    let human = render(Format::Human);
    assert!(human.contains(&counts), "human: no `{counts}` in\n{human}");
    let v = json(Format::Json);
    assert_eq!(v["diagnostics"].as_array().map(Vec::len), Some(n), "json: {v}");
    assert_eq!(v["summary"]["errors"], errors, "json: {v}");
    let v = json(Format::Sarif);
    assert_eq!(v["runs"][0]["results"].as_array().map(Vec::len), Some(n), "sarif: {v}");
    let github = render(Format::Github);
    assert_eq!(github.lines().filter(|l| l.starts_with("::")).count(), n, "github:\n{github}");
    assert!(github.contains(&counts), "github: no `{counts}` in\n{github}");
    let junit = render(Format::Junit);
    for d in &outcome.diagnostics {
        let shown = format!("{}:{}:{} [{}]", d.file, d.line, d.column, d.code);
        assert!(junit.contains(&shown), "junit: no `{shown}` in\n{junit}");
        assert!(human.contains(&format!("[{}]", d.code)), "human: no {} in\n{human}", d.code);
    }
}

fn snapshot(name: &str, text: &str) {
    insta::with_settings!({snapshot_path => "integration/snapshots", prepend_module_to_snapshot => false, omit_expression => true}, {
        insta::assert_snapshot!(name.to_string(), text);
    });
}

/// The sorted entries (files and folders) of a corpus folder.
fn entries(dir: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("corpus folder {dir}: {e}"))
        .map(|e| e.expect("dir entry").path())
        .filter(|p| !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')))
        .collect();
    v.sort();
    v
}

/// A snapshot name from a corpus path: `requests/invalid/x.json` → `requests__invalid__x.json`.
fn snap_name(path: &Path) -> String {
    let rel = path.strip_prefix("tests/corpus").unwrap_or(path);
    rel.to_string_lossy().replace(['/', '\\'], "__")
}

/// The code a corpus file name announces (`gv004-...` → `GV004`), if any.
fn expected_code(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_str()?;
    let head = name.split(['-', '.']).next()?;
    let ok = head.len() == 5 && head[..2].chars().all(|c| c.is_ascii_lowercase()) && head[2..].chars().all(|c| c.is_ascii_digit());
    ok.then(|| head.to_ascii_uppercase())
}
