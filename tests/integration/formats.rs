//! Every output format renders the same diagnostics: snapshots of a run with
//! mixed findings across several files, SARIF and JSON validated against
//! their schemas, configuration discovery and overrides, bad configs.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A run with errors and warnings in several files of several kinds.
const MIXED: &[&str] = &[
    "tests/corpus/exchanges/invalid/gr003-alias-key-uses-field-name-multi.yaml",
    "tests/corpus/exchanges/ok/warning-pl002-undocumented-code.yaml",
    "tests/corpus/requests/invalid/gq001-stray-token.json",
    "tests/corpus/requests/ok",
    "fixtures/har/devtools-session.har",
];

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_plain-contract"));
    c.env("NO_COLOR", "1");
    c
}

fn run_in(dir: &Path, args: &[&str]) -> Output {
    bin().current_dir(dir).args(args).output().expect("the binary runs")
}

fn mixed(format: &str) -> Output {
    let mut args = vec!["check", "--format", format];
    args.extend(MIXED);
    bin().args(&args).output().expect("runs")
}

fn snapshot(name: &str, text: &str) {
    insta::with_settings!({snapshot_path => "snapshots", prepend_module_to_snapshot => false, omit_expression => true}, {
        insta::assert_snapshot!(name.to_string(), text);
    });
}

pub(crate) fn validator(schema_path: &str) -> jsonschema::Validator {
    let text = std::fs::read_to_string(schema_path).expect("schema file");
    // The SARIF schema's `language` pattern ends in `]?$`: a literal `]`,
    // which ECMA-262 regexes accept unescaped and Rust's regex does not.
    // Escaping it keeps its meaning.
    let text = text.replace(r#"[a-zA-Z]{2}]?$"#, r#"[a-zA-Z]{2}\\]?$"#);
    let schema: serde_json::Value = serde_json::from_str(&text).expect("schema is JSON");
    jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("{schema_path} compiles: {e}"))
}

pub(crate) fn assert_valid(v: &jsonschema::Validator, instance: &serde_json::Value, what: &str) {
    let errors: Vec<String> = v.iter_errors(instance).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "{what} fails its schema:\n{}", errors.join("\n"));
}

#[test]
fn every_format_renders_the_same_run() {
    let mut counts = Vec::new();
    for format in ["human", "json", "junit", "sarif", "github"] {
        let out = mixed(format);
        assert_eq!(out.status.code(), Some(1), "{format}");
        let text = String::from_utf8(out.stdout).expect("UTF-8");
        snapshot(&format!("formats__mixed.{format}"), &text);
        counts.push((format, text));
    }
    // The same findings in each: 3 errors (GR004, GR003, GQ001) and 2 warnings (PL002, HX010).
    let json: serde_json::Value = serde_json::from_str(&counts[1].1).expect("JSON");
    assert_eq!(json["summary"]["errors"], 3);
    assert_eq!(json["summary"]["warnings"], 2);
    let sarif: serde_json::Value = serde_json::from_str(&counts[3].1).expect("SARIF is JSON");
    assert_eq!(sarif["runs"][0]["results"].as_array().map(Vec::len), Some(5));
    let github = &counts[4].1;
    assert_eq!(github.lines().filter(|l| l.starts_with("::error ")).count(), 3);
    assert_eq!(github.lines().filter(|l| l.starts_with("::warning ")).count(), 2);
    let junit = &counts[2].1;
    assert_eq!(
        junit.matches("<failure ").count(),
        2,
        "two items fail: the exchange and the request"
    );
    assert!(junit.contains("failures=\"2\""));
}

#[test]
fn sarif_is_valid_sarif_2_1_0_with_rules_and_locations() {
    let out = mixed("sarif");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_valid(&validator("tests/data/sarif-schema-2.1.0.json"), &v, "SARIF output");
    let run = &v["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    assert_eq!(rules.len(), plain_contract::Code::ALL.len(), "every code is a rule");
    for r in rules {
        for k in ["id", "name", "shortDescription", "fullDescription", "help"] {
            assert!(!r[k].is_null(), "rule {} lacks {k}", r["id"]);
        }
    }
    for res in run["results"].as_array().expect("results") {
        let idx = res["ruleIndex"].as_u64().expect("index") as usize;
        assert_eq!(rules[idx]["id"], res["ruleId"]);
        let loc = &res["locations"][0]["physicalLocation"];
        let uri = loc["artifactLocation"]["uri"].as_str().expect("uri");
        assert!(!uri.starts_with('/') && Path::new(uri).exists(), "relative to the repo root: {uri}");
        assert!(loc["region"]["startLine"].as_u64().expect("line") >= 1);
        assert!(loc["region"]["startColumn"].as_u64().expect("column") >= 1);
    }
}

#[test]
fn json_output_matches_its_committed_schema() {
    let v = validator("docs/json-output.schema.json");
    for args in [
        vec!["check", "--format", "json"],
        vec![
            "check",
            "--format",
            "json",
            "tests/corpus/exchanges",
            "tests/corpus/requests",
            "fixtures",
        ],
        vec!["check", "--format", "json", "tests/corpus/bad-input", "tests/corpus/operations"],
    ] {
        let out = bin().args(&args).output().expect("runs");
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        assert_valid(&v, &json, &args.join(" "));
    }
    // The schema is strict: an unknown field fails it.
    let mut bad: serde_json::Value = serde_json::from_slice(&mixed("json").stdout).expect("JSON");
    bad["summary"]["surprise"] = 1.into();
    assert!(!v.is_valid(&bad));
}

#[test]
fn github_messages_are_escaped() {
    let text = String::from_utf8(mixed("github").stdout).expect("UTF-8");
    for line in text.lines().filter(|l| l.starts_with("::")) {
        let (props, msg) = line[2..].split_once("::").expect("command::message");
        let (_, props) = props.split_once(' ').expect("props");
        for p in props.split(',') {
            let (k, v) = p.split_once('=').expect("k=v");
            assert!(["file", "line", "col", "title"].contains(&k), "{k}");
            assert!(!v.contains(':') && !v.contains(','), "{v}");
        }
        assert!(!msg.contains('\n') && !msg.contains('\r'));
    }
    assert!(text.contains("%0Anote: "), "notes are joined with escaped newlines");
}

/// A temporary project tree; removed on drop.
struct Tree(PathBuf);

impl Tree {
    fn new(name: &str) -> Tree {
        let d = std::env::temp_dir().join(format!("pc-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(d.join("a/b/c")).expect("mkdir");
        Tree(d)
    }
    fn write(&self, rel: &str, text: &str) -> &Tree {
        let p = self.0.join(rel);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, text).expect("write");
        self
    }
}

impl Drop for Tree {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn repo(rel: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel).display().to_string()
}

#[test]
fn config_is_discovered_from_a_nested_directory_and_flags_override_it() {
    let t = Tree::new("cfg-discover");
    let typo = std::fs::read_to_string(repo("tests/corpus/requests/invalid/gv010-extra-variable-typo.json")).expect("a request file");
    t.write("recordings/r.json", &typo).write(
        "plain-contract.toml",
        "[check]\npaths = [\"recordings\"]\n\n[severity]\nGV010 = \"error\"\n",
    );
    let nested = t.0.join("a/b/c");
    let show = run_in(&nested, &["config", "show"]);
    let text = String::from_utf8_lossy(&show.stdout);
    assert!(text.contains("plain-contract.toml"), "{text}");
    assert!(text.contains("GV010 = \"error\""), "{text}");
    // No FILES: the contract and the configured paths, with the override applied.
    let out = run_in(&nested, &["check", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let files: Vec<&str> = v["items"].as_array().unwrap().iter().filter_map(|i| i["file"].as_str()).collect();
    assert!(files.iter().any(|f| f.ends_with("recordings/r.json")), "{files:?}");
    let gv010: Vec<&serde_json::Value> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "GV010")
        .collect();
    assert_eq!(gv010.len(), 1);
    assert_eq!(gv010[0]["severity"], "error", "the override made a warning an error");
    assert_eq!(out.status.code(), Some(1));
    // --config picks another file; a flag (--schema) beats the file's contract.
    t.write("other.toml", "[contract]\nschema = \"missing.graphql\"\n");
    let other = t.0.join("other.toml").display().to_string();
    let out = run_in(&nested, &["check", "--config", &other]);
    assert_eq!(out.status.code(), Some(2), "the configured schema does not exist");
    let out = run_in(
        &nested,
        &["check", "--config", &other, "--schema", &repo("specs/plain-support-schema.graphql")],
    );
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
}

#[test]
fn severity_overrides_turn_codes_off_and_up() {
    let t = Tree::new("cfg-sev");
    t.write("plain-contract.toml", "[severity]\nHX010 = \"off\"\nPL002 = \"error\"\n");
    let out = run_in(
        &t.0,
        &[
            "check",
            "--format",
            "json",
            &repo("fixtures/har/devtools-session.har"),
            &repo("tests/corpus/exchanges/ok/warning-pl002-undocumented-code.yaml"),
        ],
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let codes: Vec<(&str, &str)> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["code"].as_str().unwrap(), d["severity"].as_str().unwrap()))
        .collect();
    assert_eq!(codes, [("PL002", "error")]);
    assert_eq!(out.status.code(), Some(1), "an override to error fails the run");
}

#[test]
fn bad_configs_are_located_errors() {
    let cases: &[(&str, &str, (u64, u64))] = &[
        ("[check]\npaths = [\"x\"]\nfixtures = 1\n", "unknown field `fixtures`", (3, 1)),
        ("[severity]\nGV010 = \"loud\"\n", "unknown variant `loud`", (2, 9)),
        ("[severity]\nXX123 = \"off\"\n", "`XX123` is not a diagnostic code", (2, 1)),
        (
            "[limits]\nstream_max_findings = 0\n",
            "stream_max_findings must be 1 to 1000000",
            (2, 23),
        ),
        ("[limits\n", "invalid configuration", (1, 8)),
        ("[redaction]\npatterns = [\"(\"]\n", "redaction pattern does not compile", (2, 13)),
    ];
    for (i, (text, msg, (line, col))) in cases.iter().enumerate() {
        let t = Tree::new(&format!("cfg-bad-{i}"));
        t.write("plain-contract.toml", text);
        let out = run_in(&t.0.join("a/b"), &["check"]);
        assert_eq!(out.status.code(), Some(2), "{text}");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(stdout.contains("PC010") && stdout.contains(msg), "{text}:\n{stdout}");
        assert!(
            stdout.contains(&format!(":{line}:{col} ]")),
            "{text}: expected {line}:{col}:\n{stdout}"
        );
        // In the format the command asked for.
        let out = run_in(&t.0.join("a/b"), &["check", "--format", "json"]);
        assert_eq!(out.status.code(), Some(2));
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON even for a bad config");
        assert_eq!(v["diagnostics"][0]["code"], "PC010");
        assert_eq!(v["diagnostics"][0]["line"], *line);
    }
}

#[test]
fn unwritable_output_is_an_error_and_writable_output_is_written() {
    let out = bin()
        .args(["check", "--format", "sarif", "--output", "/no/such/dir/report.sarif"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("PC011") && err.contains("/no/such/dir/report.sarif"), "{err}");
    let t = Tree::new("out");
    let file = t.0.join("report.xml");
    let out = bin()
        .args(["check", "--format", "junit", "--output", &file.display().to_string()])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    assert!(std::fs::read_to_string(&file).expect("written").contains("<testsuites"));
}

#[test]
fn a_missing_path_is_an_error_not_a_skip() {
    let out = bin().args(["check", "no-such-dir/", "fixtures"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("[PC001] Error: no such file or directory"));
    // A contract that cannot load still writes the report where it was asked to.
    let t = Tree::new("unusable-out");
    let file = t.0.join("r.sarif");
    let out = bin()
        .args([
            "check",
            "--schema",
            "no-such.graphql",
            "--format",
            "sarif",
            "--output",
            &file.display().to_string(),
        ])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(std::fs::read_to_string(&file).expect("written").contains("PC001"));
}

#[test]
fn quiet_and_verbose() {
    let quiet = bin().args(["check", "--quiet", "fixtures"]).output().expect("runs");
    assert_eq!(quiet.status.code(), Some(0));
    assert!(quiet.stdout.is_empty(), "a clean quiet run prints nothing");
    let quiet = bin().args(["check", "-q"]).args(MIXED).output().expect("runs");
    let text = String::from_utf8_lossy(&quiet.stdout);
    assert!(
        text.contains("GQ001") && !text.contains("PL002") && !text.contains("checked:"),
        "{text}"
    );
    let verbose = bin().args(["check", "--verbose", "fixtures"]).output().expect("runs");
    let err = String::from_utf8_lossy(&verbose.stderr);
    assert!(err.contains("28 files") && err.contains("(embedded)"), "{err}");
    assert!(
        verbose.stderr.iter().all(|b| *b != 0x1b),
        "no progress bar or colour when stderr is not a terminal"
    );
}

#[test]
fn completions_and_man_page() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = bin().args(["completions", shell]).output().expect("runs");
        assert_eq!(out.status.code(), Some(0));
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("plain-contract") && text.contains("proptest"), "{shell}");
    }
    let man = bin().arg("man").output().expect("runs");
    let text = String::from_utf8_lossy(&man.stdout);
    assert!(text.contains(".TH plain-contract 1") && text.contains("check"), "{text}");
    let bad = bin().args(["completions", "tcsh"]).output().expect("runs");
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn proptest_reports_in_every_format() {
    let t = Tree::new("prop-fmt");
    let regr = t.0.join("regr.txt").display().to_string();
    for format in ["json", "junit", "sarif", "github"] {
        let out = bin()
            .args([
                "proptest",
                "--cases",
                "4",
                "--seed",
                "5eed",
                "--regressions",
                &regr,
                "--format",
                format,
            ])
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(0), "{format}");
        let text = String::from_utf8_lossy(&out.stdout);
        if format == "github" {
            // No annotation (no finding), and the summary counts the property run.
            assert_eq!(
                text, "plain-contract: 0 errors, 0 warnings in 1 file (1 item checked)\n",
                "{format}"
            );
        } else {
            assert!(text.contains("UpsertCustomerInput"), "{format}: {text}");
        }
    }
}

/// Configured redaction patterns are masked in every format, in messages as
/// well as in the source lines the human output shows.
#[test]
fn redaction_patterns_mask_every_format() {
    let t = Tree::new("cfg-redact");
    t.write("plain-contract.toml", "[redaction]\npatterns = [\"sk_live_[A-Za-z0-9]+\"]\n");
    let body = r#"{"query": "query q($d: SortDirection!) { customers(first: 1, sortBy: {field: FULL_NAME, direction: $d}) { totalCount } }", "variables": {"d": "sk_live_ABCDEF"}}"#;
    t.write("r.json", body);
    for format in ["human", "json", "junit", "sarif", "github"] {
        let out = run_in(&t.0, &["check", "r.json", "--format", format]);
        assert_eq!(out.status.code(), Some(1), "{format}");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("GV006"), "{format}: {text}");
        assert!(!text.contains("sk_live_ABCDEF"), "{format} leaks:\n{text}");
        assert!(text.contains("**************"), "{format}: {text}");
    }
}

/// A severity override applies inside streams before their findings cap, so
/// a code turned off does not crowd out one that counts.
#[test]
fn severity_overrides_apply_inside_streams() {
    let t = Tree::new("cfg-stream");
    t.write(
        "plain-contract.toml",
        "[severity]\nHX006 = \"off\"\n[limits]\nstream_max_findings = 2\n",
    );
    let line = std::fs::read_to_string(repo("fixtures/streams/upserts.ndjson")).expect("stream");
    let line = line.lines().next().expect("a line").to_string();
    let undocumented = line.replace("\"status\":200", "\"status\":599");
    let leaked = line.replace("Bearer <redacted>", "Bearer live_TOKEN_123");
    let text: String = [&undocumented, &undocumented, &undocumented, &leaked]
        .iter()
        .map(|l| format!("{l}\n"))
        .collect();
    t.write("s.ndjson", &text);
    let out = run_in(&t.0, &["check", "s.ndjson", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let codes: Vec<&str> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["SC001"], "HX006 is off; the leak on line 4 is kept");
    assert_eq!(out.status.code(), Some(1));
    let human = run_in(&t.0, &["check", "s.ndjson"]);
    let text = String::from_utf8_lossy(&human.stdout);
    assert!(text.contains("FAIL (1 error)") && !text.contains("live_TOKEN"), "{text}");
}
