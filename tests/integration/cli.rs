//! The binary end to end: exit codes, formats, the seed document's findings.

use super::full_schema_path;
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_plain-contract"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs")
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("stdout is JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)))
}

#[test]
fn embedded_contract_is_clean() {
    let out = run(&["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("0 errors, 0 warnings in 2 files (3 items checked)"), "{text}");
    assert!(!text.contains('\u{1b}'), "no colour when stdout is not a terminal");
}

/// The verbatim seed gives exactly its two defects: (a) `thread` in the
/// replyToThread example, (b) string-only `GraphQLError.path` items.
#[test]
fn seed_document_gives_exactly_two_findings() {
    let out = run(&[
        "check",
        "--openapi",
        "tests/corpus/openapi/invalid/seed-verbatim.yml",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    let diags = v["diagnostics"].as_array().unwrap();
    let got: Vec<(&str, u64, u64)> = diags
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(got, vec![("OA011", 175, 19), ("GQ002", 92, 25)]);
    let seed = std::fs::read_to_string("tests/corpus/openapi/invalid/seed-verbatim.yml").unwrap();
    let line92 = seed.lines().nth(91).unwrap();
    assert_eq!(&line92[24..30], "thread", "column 25 is where `thread` starts");
    assert_eq!(diags[0]["pointer"], "/components/schemas/GraphQLError/properties/path/items/type");
}

#[test]
fn json_output_has_the_documented_shape() {
    let out = run(&["check", "tests/corpus/requests/invalid", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    assert_eq!(v["version"], 1);
    for key in ["files", "errors", "warnings"] {
        assert!(v["summary"][key].is_u64(), "summary.{key}");
    }
    let d = &v["diagnostics"][0];
    for key in ["code", "severity", "message", "file", "pointer", "line", "column", "notes"] {
        assert!(d.get(key).is_some(), "diagnostic.{key}");
    }
    assert!(v["summary"]["errors"].as_u64().unwrap() >= 40);
}

#[test]
fn exit_2_when_the_run_cannot_be_done() {
    let out = run(&["check", "--openapi", "no/such/file.yml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stdout).contains("PC001"));
    let out = run(&["check", "--schema", "tests/corpus/bad-input/truncated.graphql"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stdout).contains("GS001"));
    let out = run(&["check", "--no-such-flag"]);
    assert_eq!(out.status.code(), Some(2));
    let out = run(&["check", "--format", "xml"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn every_subcommand_has_help() {
    for args in [
        &["--help"][..],
        &["check", "--help"],
        &["schema", "--help"],
        &["schema", "compat", "--help"],
        &["codes", "--help"],
    ] {
        let out = run(args);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert!(String::from_utf8_lossy(&out.stdout).contains("Usage:"), "{args:?}");
    }
}

#[test]
fn docs_codes_md_is_generated_from_the_registry() {
    let out = run(&["codes"]);
    let committed = std::fs::read_to_string("docs/codes.md").expect("docs/codes.md exists");
    assert!(
        committed == String::from_utf8_lossy(&out.stdout),
        "docs/codes.md drifted from the registry: run `cargo run -- codes > docs/codes.md`"
    );
}

#[test]
fn skipped_files_are_warnings_not_errors() {
    let out = run(&["check", "README.md", "Cargo.toml", "--allow-empty"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("PC009"));
    // Without --allow-empty, checking nothing at all is a failure (PC012).
    let out = run(&["check", "README.md", "Cargo.toml"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("PC012"));
}

#[test]
fn full_real_schema_replaces_the_embedded_one() {
    let Some(full) = full_schema_path() else { return };
    let full = full.to_string_lossy().into_owned();
    let out = run(&["check", "--schema", &full]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    let out = run(&["check", "--schema", &full, "tests/corpus/operations/ok"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    let out = run(&["schema", "compat", "specs/plain-support-schema.graphql", &full]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
}

/// `--quiet` hides warnings and the list of items, never the totals: the
/// summary line is the same as without it.
#[test]
fn quiet_hides_lines_but_never_changes_counts() {
    let args = [
        "tests/corpus/requests/invalid/gv003-isVerified-string.json",
        "fixtures",
        "README.md",
    ];
    let summary = |out: &Output| {
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        text.lines().last().unwrap_or("").to_string()
    };
    let loud = run(&[&["check"][..], &args].concat());
    let quiet = run(&[&["check", "-q"][..], &args].concat());
    assert_eq!(loud.status.code(), quiet.status.code());
    // Warnings: HX010 (the HAR), GQ006 (fixtures/threads/create-thread.yaml's
    // deprecated CreateThreadInput.components) and README.md skipped.
    assert!(summary(&loud).starts_with("1 error, 3 warnings in "), "{}", summary(&loud));
    assert_eq!(summary(&quiet), summary(&loud));
    let text = String::from_utf8_lossy(&quiet.stdout);
    assert!(
        text.contains("[GV003]") && !text.contains("Warning") && !text.contains("checked:"),
        "{text}"
    );
}

/// `--color always` colours a pipe and wins over NO_COLOR (the helper sets
/// NO_COLOR=1); `never` and `auto` on a pipe do not.
#[test]
fn color_always_colours_a_pipe_and_overrides_no_color() {
    let file = "tests/corpus/requests/invalid/gv003-isVerified-string.json";
    let esc = |out: &Output| out.stdout.contains(&0x1b);
    assert!(esc(&run(&["check", "--color", "always", file])));
    assert!(!esc(&run(&["check", "--color", "never", file])));
    assert!(!esc(&run(&["check", file])), "auto on a pipe");
}

/// Messages say what is wrong in the user's terms, not the libraries'.
#[test]
fn messages_are_in_the_users_terms() {
    let text = |out: &Output| format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    let multi = run(&["check", "tests/corpus/bad-input/multi-document.yml"]);
    assert!(text(&multi).contains("more than one YAML document"), "{}", text(&multi));
    assert!(!text(&multi).contains("from_str_multiple"));
    let deep = run(&["check", "tests/corpus/bad-input/deep-block.yml"]);
    assert!(
        !text(&deep).contains("budget breached") && !text(&deep).contains("Depth {"),
        "{}",
        text(&deep)
    );
    let cases = run(&["proptest", "--cases", "0"]);
    assert_eq!(cases.status.code(), Some(2));
    assert!(text(&cases).contains("must be at least 1") && !text(&cases).contains("18446744073709551615"));
    let dir = std::env::temp_dir().join(format!("pc-cfg-terms-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let cfg = dir.join("plain-contract.toml");
    std::fs::write(&cfg, "[limits]\nstream_max_findings = \"many\"\n").unwrap();
    let bad = run(&["--config", cfg.to_str().unwrap(), "check"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        text(&bad).contains("expected a whole number") && !text(&bad).contains("usize"),
        "{}",
        text(&bad)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// The man page documents every subcommand (nested ones too) with its
/// options, and the exit codes.
#[test]
fn man_page_documents_every_subcommand_and_the_exit_codes() {
    use clap::CommandFactory;
    let out = run(&["man"]);
    assert_eq!(out.status.code(), Some(0));
    let page = String::from_utf8_lossy(&out.stdout);
    fn leaves(cmd: &clap::Command, path: &str, acc: &mut Vec<(String, Vec<String>)>) {
        for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help" && !s.is_hide_set()) {
            let name = format!("{path} {}", sub.get_name());
            if sub.has_subcommands() {
                leaves(sub, &name, acc);
            } else {
                let longs = sub.get_arguments().filter_map(|a| a.get_long().map(str::to_string)).collect();
                acc.push((name, longs));
            }
        }
    }
    let mut all = Vec::new();
    leaves(&plain_contract::cli::Cli::command(), "plain-contract", &mut all);
    assert!(all.len() >= 12, "{all:?}");
    for (name, longs) in &all {
        let header = format!(".SH \"{}\"", name.to_uppercase());
        let at = page.find(&header).unwrap_or_else(|| panic!("no section {header}"));
        let section = &page[at..];
        let section = &section[..section[1..].find("\n.SH ").map_or(section.len(), |e| e + 1)];
        for l in longs {
            assert!(
                section.contains(&format!("\\-\\-{}", l.replace('-', "\\-"))),
                "{name}: --{l} missing"
            );
        }
    }
    assert!(page.contains(".SH \"EXIT STATUS\"") && page.contains("the run could not be done"));
    assert!(
        !page.contains("plain-contract-check(1)"),
        "no page that cannot be generated is named"
    );
}

/// An invalid configuration under `--format json` is reported as the JSON
/// object (docs/json-output.md), exit 2.
#[test]
fn bad_config_is_json_under_format_json() {
    let dir = std::env::temp_dir().join(format!("pc-cfg-json-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let cfg = dir.join("plain-contract.toml");
    std::fs::write(&cfg, "[limits]\nmax_file_mib = 0\n").unwrap();
    let out = run(&["--config", cfg.to_str().unwrap(), "check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(json(&out)["diagnostics"][0]["code"], "PC010");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A document over `[limits] max_file_mib` is refused as too large in a
/// run on it within its project, as in a sharded run (which reads no files
/// ahead): the read-ahead once read it again under the default limit, and
/// the run checked it.
#[test]
fn a_project_document_over_the_limit_is_refused_in_a_run_on_it() {
    let dir = std::env::temp_dir().join(format!("pc-limit-doc-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("src")).unwrap();
    let cfg = dir.join("plain-contract.toml");
    std::fs::write(&cfg, "[limits]\nmax_file_mib = 1\n\n[check]\ndocuments = [\"src/**/*.graphql\"]\n").unwrap();
    let big = dir.join("src/big.graphql");
    std::fs::write(
        &big,
        format!(
            "{}query Big {{ customers(first: 1) {{ totalCount }} }}\n",
            "# padding\n".repeat(120_000)
        ),
    )
    .unwrap();
    std::fs::write(
        dir.join("src/small.graphql"),
        "query Small { customers(first: 1) { totalCount } }\n",
    )
    .unwrap();
    for extra in [&[][..], &["--shard", "1/1"][..]] {
        let mut args = vec!["--config", cfg.to_str().unwrap(), "check", "--format", "json"];
        args.extend_from_slice(extra);
        args.push(big.to_str().unwrap());
        let out = run(&args);
        let report = json(&out);
        let codes: Vec<&str> = report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|d| d["code"].as_str())
            .collect();
        assert!(codes.contains(&"PC004"), "{extra:?}: {codes:?}");
        assert_eq!(out.status.code(), Some(1), "{extra:?}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Every failure goes through one error type printed in one place: one
/// line on stderr, exit 2, whatever the subcommand.
#[test]
fn run_failures_are_one_line_on_stderr_and_exit_2() {
    let cases: [(&[&str], &str); 3] = [
        (
            &["check", "--output", "/nonexistent-dir/r.json"],
            "[PC011] Error: cannot write the report to /nonexistent-dir/r.json: No such file or directory (os error 2)",
        ),
        (&["conform", "--jobs", "0"], "plain-contract conform: --jobs must be at least 1"),
        (
            &["check", "--schema", "tests/corpus/bad-input/truncated.graphql"],
            "plain-contract: the contract could not be loaded (see the report); nothing was checked",
        ),
    ];
    for (args, want) in cases {
        let out = run(args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert_eq!(err.trim_end(), want, "{args:?}");
    }
}

#[test]
fn mistakes_a_newcomer_makes_get_a_did_you_mean() {
    let out = run(&["chek"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("'check'"));
    let out = run(&["check", "--shema", "plain"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("--schema"));
    let out = run(&["generate", "--type", "UpsertCustomerInpt"]);
    assert_ne!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean `UpsertCustomerInput`?"));
}

/// A reader that stops early (`| head`) closes the pipe: the check still
/// ends with its own exit code (1, findings) and says nothing of the pipe.
#[test]
fn a_closed_pipe_is_not_an_error_of_the_check() {
    use std::io::Read;
    let dir = std::env::temp_dir().join(format!("pc-closed-pipe-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // Enough findings that the report outgrows the pipe's buffer.
    for i in 0..600 {
        std::fs::write(dir.join(format!("q{i}.graphql")), format!("query Q{i} {{ noSuchField{i} }}\n")).unwrap();
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_plain-contract"))
        .args(["check", &dir.display().to_string()])
        .env("NO_COLOR", "1")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut first = [0u8; 16];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // The read end is dropped here, before the report is written whole.
    let out = child.wait_with_output().unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
}

/// A run that cannot be done exits 2 even when stderr is a closed pipe
/// (`... 2>&1 | head -c 10`): its one-line reason is written without
/// `eprintln!`, which panics there (exit 101).
#[test]
fn a_closed_stderr_keeps_exit_2() {
    for _ in 0..20 {
        let mut child = Command::new(env!("CARGO_BIN_EXE_plain-contract"))
            .args(["check", "--schema", "no-such-schema.graphql"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("the binary starts");
        drop(child.stderr.take());
        let status = child.wait().expect("the binary ends");
        assert_eq!(status.code(), Some(2), "{status:?}");
    }
}
