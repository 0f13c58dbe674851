//! `schema diff`: a corpus of small SDL pairs (one per change kind), the six
//! published versions of Plain's schema (consecutive pairs pinned, every pair
//! both ways), a differential test against graphql-js 16, introspection
//! round trips (graphql-js's `introspectionFromSchema` and `serve`'s own
//! answer), the JSON output against its JSON Schema, and the exit codes.

use plain_contract::__private::evolve::diff::{GRAPHQL_JS_BREAKING, GRAPHQL_JS_DANGEROUS};
use plain_contract::__private::evolve::render::{self, DiffReport};
use plain_contract::__private::evolve::{self, Change, Criticality};
use plain_contract::Format;
use std::path::{Path, PathBuf};
use std::process::Command;

fn snap(name: &str, text: &str) {
    insta::with_settings!({snapshot_path => "snapshots", prepend_module_to_snapshot => false, omit_expression => true}, {
        insta::assert_snapshot!(name.to_string(), text);
    });
}

fn load(p: &str) -> evolve::LoadedSchema {
    evolve::load(p).unwrap_or_else(|d| panic!("{p} loads: {d:#?}"))
}

fn diff(a: &str, b: &str) -> Vec<Change> {
    evolve::diff(&load(a), &load(b))
}

/// One line per change, as the snapshots hold them.
fn lines(changes: &[Change]) -> String {
    let loc = |l: &Option<evolve::diff::Location>| l.as_ref().map(|l| format!("{}:{}", l.line, l.column)).unwrap_or_else(|| "-".into());
    changes
        .iter()
        .map(|c| {
            format!(
                "{:<9} {:<34} {:<40} old {:<8} new {:<8} {}\n",
                c.criticality.as_str(),
                c.kind,
                c.coordinate,
                loc(&c.old),
                loc(&c.new),
                c.message
            )
        })
        .collect()
}

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_plain-contract"))
}

#[test]
fn corpus_pairs_each_give_their_change() {
    let mut seen = std::collections::BTreeSet::new();
    for dir in crate::entries("tests/corpus/schema-diff") {
        let old = dir.join("old.graphql");
        let new = dir.join("new.graphql");
        let changes = diff(old.to_str().unwrap(), new.to_str().unwrap());
        let name = dir.file_name().unwrap().to_string_lossy().to_string();
        if name == "no-change" || name == "arg-default-value-same-after-coercion" {
            assert!(changes.is_empty(), "{name}: {changes:#?}");
        } else {
            assert!(!changes.is_empty(), "{name} gives no change");
        }
        seen.extend(changes.iter().map(|c| c.kind));
        snap(&format!("schema-diff__{name}"), &lines(&changes));
    }
    // Every graphql-js change type is exercised by the corpus.
    for k in GRAPHQL_JS_BREAKING.iter().chain(GRAPHQL_JS_DANGEROUS) {
        assert!(seen.contains(k), "no corpus pair gives {k}");
    }
}

fn history() -> Option<Vec<PathBuf>> {
    let dir = crate::prereq::shared("plain/history")?;
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "graphql"))
        .collect();
    v.sort();
    Some(v)
}

fn short(p: &Path) -> String {
    p.file_stem().unwrap().to_string_lossy().to_string()
}

#[test]
fn history_consecutive_pairs_are_pinned() {
    let Some(h) = history() else { return };
    assert_eq!(h.len(), 6);
    let mut totals = (0, 0);
    for w in h.windows(2) {
        let changes = diff(w[0].to_str().unwrap(), w[1].to_str().unwrap());
        let (b, d, _) = evolve::diff::counts(&changes);
        totals.0 += b;
        totals.1 += changes
            .iter()
            .filter(|c| c.criticality == Criticality::Dangerous && GRAPHQL_JS_DANGEROUS.contains(&c.kind))
            .count();
        let _ = d;
        snap(&format!("schema-history__{}__{}", short(&w[0]), short(&w[1])), &lines(&changes));
    }
    // The count: 19 breaking and 64 dangerous (graphql-js's kinds) over the five steps.
    assert_eq!(totals, (19, 64));
}

#[test]
fn history_every_pair_both_ways_mirrors() {
    let Some(h) = history() else { return };
    let mut table = String::new();
    for a in &h {
        for b in &h {
            if a == b {
                let same = diff(a.to_str().unwrap(), b.to_str().unwrap());
                assert!(same.is_empty(), "{a:?} against itself: {same:#?}");
                continue;
            }
            let fwd = diff(a.to_str().unwrap(), b.to_str().unwrap());
            let back = diff(b.to_str().unwrap(), a.to_str().unwrap());
            // What one direction adds, the other removes (same coordinate).
            for (added, removed) in [
                ("TYPE_ADDED", "TYPE_REMOVED"),
                ("FIELD_ADDED", "FIELD_REMOVED"),
                ("VALUE_ADDED_TO_ENUM", "VALUE_REMOVED_FROM_ENUM"),
                ("OPTIONAL_ARG_ADDED", "ARG_REMOVED"),
                ("REQUIRED_ARG_ADDED", "ARG_REMOVED"),
            ] {
                for c in fwd.iter().filter(|c| c.kind == added) {
                    assert!(
                        back.iter().any(|r| r.kind == removed && r.coordinate == c.coordinate),
                        "{} -> {}: {added} {} has no {removed} the other way",
                        short(a),
                        short(b),
                        c.coordinate
                    );
                }
            }
            let (bk, dg, sf) = evolve::diff::counts(&fwd);
            table.push_str(&format!("{} -> {}: {bk} breaking, {dg} dangerous, {sf} safe\n", short(a), short(b)));
        }
    }
    snap("schema-history__all-pairs", &table);
}

/// graphql-js 16 in the npm cache `.ci/run` fills (target/graphql-js), and
/// node; None when absent outside CI (under CI the test fails).
pub(crate) fn graphql_js() -> Option<PathBuf> {
    crate::prereq::graphql_js()
}

fn node(modules: &Path, script: &str, args: &[&Path]) -> String {
    let out = Command::new("node")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/graphql-js").join(script))
        .args(args)
        .env("NODE_PATH", modules)
        .output()
        .expect("node runs");
    assert!(
        out.status.success(),
        "node {script} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

/// graphql-js's (type, description) multiset for a pair.
fn graphql_js_changes(modules: &Path, a: &Path, b: &Path) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = node(modules, "diff.cjs", &[a, b])
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("json line");
            (
                v["type"].as_str().unwrap().to_string(),
                v["description"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    v.sort();
    v
}

fn our_graphql_js_changes(a: &Path, b: &Path) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = diff(a.to_str().unwrap(), b.to_str().unwrap())
        .into_iter()
        .filter(|c| GRAPHQL_JS_BREAKING.contains(&c.kind) || GRAPHQL_JS_DANGEROUS.contains(&c.kind))
        .map(|c| {
            // graphql-js's own classification must be ours.
            let expected = if GRAPHQL_JS_BREAKING.contains(&c.kind) {
                Criticality::Breaking
            } else {
                Criticality::Dangerous
            };
            assert_eq!(c.criticality, expected, "{c:?}");
            (c.kind.to_string(), c.message)
        })
        .collect();
    v.sort();
    v
}

#[test]
fn differential_against_graphql_js_on_history_and_corpus() {
    let Some(modules) = graphql_js() else { return };
    let mut pairs: Vec<(PathBuf, PathBuf)> = crate::entries("tests/corpus/schema-diff")
        .into_iter()
        .flat_map(|d| {
            [
                (d.join("old.graphql"), d.join("new.graphql")),
                (d.join("new.graphql"), d.join("old.graphql")),
            ]
        })
        .collect();
    if let Some(h) = history() {
        for a in &h {
            for b in &h {
                if a != b {
                    pairs.push((a.clone(), b.clone()));
                }
            }
        }
    }
    let mut compared = 0;
    for (a, b) in &pairs {
        let theirs = graphql_js_changes(&modules, a, b);
        let ours = our_graphql_js_changes(a, b);
        assert_eq!(
            ours,
            theirs,
            "{} -> {}: breaking+dangerous differ from graphql-js 16",
            a.display(),
            b.display()
        );
        compared += 1;
    }
    eprintln!("compared {compared} pairs with graphql-js 16: identical breaking and dangerous sets");
}

#[test]
fn graphql_js_introspection_loads_and_diffs_to_nothing() {
    let Some(modules) = graphql_js() else { return };
    let mut files: Vec<PathBuf> = history().unwrap_or_default();
    files.push(Path::new("specs/plain-support-schema.graphql").to_path_buf());
    files.push(Path::new("specs/plain-schema.graphql").to_path_buf());
    let tmp = std::env::temp_dir().join(format!("pc-introspect-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    for f in &files {
        let json = node(&modules, "introspect.cjs", &[f]);
        let out = tmp.join(format!("{}.json", short(f)));
        std::fs::write(&out, &json).unwrap();
        // Both wrappings load.
        let wrapped = tmp.join(format!("{}.data.json", short(f)));
        std::fs::write(&wrapped, format!("{{\"data\": {json}}}")).unwrap();
        for j in [&out, &wrapped] {
            let changes = diff(f.to_str().unwrap(), j.to_str().unwrap());
            assert!(
                changes.is_empty(),
                "{} vs its introspection: {:#?}",
                f.display(),
                &changes[..changes.len().min(5)]
            );
            let back = diff(j.to_str().unwrap(), f.to_str().unwrap());
            assert!(
                back.is_empty(),
                "{} introspection vs SDL: {:#?}",
                f.display(),
                &back[..back.len().min(5)]
            );
        }
    }
    let _ = std::fs::remove_dir_all(&tmp);
}

#[test]
fn json_output_matches_its_json_schema() {
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string("docs/schema-diff.schema.json").expect("docs/schema-diff.schema.json"))
            .expect("valid JSON");
    let validator = jsonschema::validator_for(&schema).expect("a valid JSON Schema");
    let mut checked = 0;
    for dir in crate::entries("tests/corpus/schema-diff") {
        let (a, b) = (dir.join("old.graphql"), dir.join("new.graphql"));
        let out = bin()
            .args(["schema", "diff", "--format", "json", "--fail-on", "none"])
            .arg(&a)
            .arg(&b)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON output");
        let errors: Vec<String> = validator
            .iter_errors(&v)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", dir.display());
        assert_eq!(v["version"], 1);
        checked += 1;
    }
    // An introspection source has no SDL positions: locations are null.
    let out = bin()
        .args([
            "schema",
            "diff",
            "--format",
            "json",
            "--fail-on",
            "none",
            "tests/corpus/schema-diff/field-added/old.graphql",
            "customers",
        ])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(validator.is_valid(&v));
    assert!(checked > 40);
}

#[test]
fn exit_codes_follow_fail_on() {
    let pair = |name: &str| {
        let d = format!("tests/corpus/schema-diff/{name}");
        (format!("{d}/old.graphql"), format!("{d}/new.graphql"))
    };
    let run = |name: &str, extra: &[&str]| {
        let (a, b) = pair(name);
        bin().args(["schema", "diff", &a, &b]).args(extra).output().unwrap().status.code()
    };
    assert_eq!(run("field-removed", &[]), Some(1));
    assert_eq!(run("field-removed", &["--fail-on", "none"]), Some(0));
    assert_eq!(run("value-added-to-enum", &[]), Some(0));
    assert_eq!(run("value-added-to-enum", &["--fail-on", "dangerous"]), Some(1));
    assert_eq!(run("field-deprecation-added", &["--fail-on", "dangerous"]), Some(1));
    assert_eq!(run("type-added", &["--fail-on", "dangerous"]), Some(0));
    assert_eq!(run("no-change", &[]), Some(0));
}

#[test]
fn every_format_renders_a_diff() {
    let (a, b) = (
        "tests/corpus/schema-diff/field-removed/old.graphql",
        "tests/corpus/schema-diff/field-removed/new.graphql",
    );
    let (old, new) = (load(a), load(b));
    let changes = evolve::diff(&old, &new);
    let report = DiffReport {
        old: a,
        new: b,
        changes: &changes,
        sources: vec![old.schema.source.clone(), new.schema.source.clone()],
        impact: None,
    };
    let human = render::render(&report, Format::Human, false, &Default::default());
    assert!(
        human.contains("FIELD_REMOVED") && human.contains("Query.b") && human.contains("1 breaking"),
        "{human}"
    );
    let sarif = render::render(&report, Format::Sarif, false, &Default::default());
    assert!(sarif.contains("GS020") && sarif.contains("Query.b was removed."), "{sarif}");
    let junit = render::render(&report, Format::Junit, false, &Default::default());
    assert!(junit.contains("<testsuite") && junit.contains("FIELD_REMOVED"), "{junit}");
    let github = render::render(&report, Format::Github, false, &Default::default());
    assert!(github.starts_with("::error") && github.contains("line=1"), "{github}");
}

#[test]
fn customers_contract_only_adds_to_plains_schema() {
    // The embedded Customers API contract is a subset of Plain's full schema:
    // from it to `plain`, nothing is breaking.
    let out = bin()
        .args(["schema", "diff", "specs/plain-support-schema.graphql", "plain", "--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let breaking: Vec<&serde_json::Value> = v["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["criticality"] == "breaking")
        .collect();
    assert!(breaking.is_empty(), "{breaking:#?}");
    assert_eq!(out.status.code(), Some(0));
    // Members are only added; descriptions differ (the contract carries its own).
    for c in v["changes"].as_array().unwrap() {
        let kind = c["kind"].as_str().unwrap();
        assert!(kind.ends_with("_ADDED") || kind.contains("DESCRIPTION"), "{c}");
    }
}

#[test]
fn impact_names_broken_operations_uses_and_causes() {
    let (a, b) = ("tests/corpus/schema-impact/old.graphql", "tests/corpus/schema-impact/new.graphql");
    let run = |against: &str, extra: &[&str]| {
        bin()
            .args(["schema", "diff", a, b, "--against", against])
            .args(extra)
            .output()
            .unwrap()
    };
    let human = run("tests/corpus/schema-impact/ops", &["--fail-on", "none"]);
    snap("schema-impact__ops", &String::from_utf8_lossy(&human.stdout));
    let out = run("tests/corpus/schema-impact/ops", &["--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let schema: serde_json::Value = serde_json::from_str(&std::fs::read_to_string("docs/schema-diff.schema.json").unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    assert!(
        validator.is_valid(&v),
        "{:#?}",
        validator.iter_errors(&v).map(|e| e.to_string()).collect::<Vec<_>>()
    );
    let broken: Vec<(&str, Vec<&str>)> = v["impact"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["operation"].as_str().unwrap(),
                i["changes"].as_array().unwrap().iter().map(|c| c.as_str().unwrap()).collect(),
            )
        })
        .collect();
    assert_eq!(
        broken,
        vec![
            ("query Customer", vec!["Customer.legacyScore"]),
            ("query Customers", vec!["Query.customers(workspaceId:)"]),
            ("mutation Tag", vec!["TagInput.reason"]),
        ]
    );
    // Every breaking change is used here; the enum and union additions are used where selected.
    for c in v["changes"].as_array().unwrap() {
        let used = !c["uses"].as_array().unwrap().is_empty();
        assert_eq!(used, c["criticality"] != "safe", "{c}");
    }
    // --fail-on used-breaking: 1 here, 0 for operations the changes do not touch.
    assert_eq!(
        run("tests/corpus/schema-impact/ops", &["--fail-on", "used-breaking"]).status.code(),
        Some(1)
    );
    let calm = run(
        "tests/corpus/schema-impact/unaffected",
        &["--fail-on", "used-breaking", "--format", "json"],
    );
    assert_eq!(calm.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&calm.stdout).unwrap();
    assert_eq!(v["impact"].as_array().unwrap().len(), 0);
    assert_eq!(v["summary"]["used_breaking"], 0);
    // Without --fail-on, the breaking changes still fail the run.
    assert_eq!(run("tests/corpus/schema-impact/unaffected", &[]).status.code(), Some(1));
}

#[test]
fn impact_on_recorded_exchanges() {
    // Customer.shortName removed from the Customers API contract: the fixtures that select it break.
    let text = std::fs::read_to_string("specs/plain-support-schema.graphql").unwrap();
    let cut = text.replace("  \"Informal or first name, if known.\"\n  shortName: String\n", "");
    assert_ne!(cut, text, "the contract's Customer.shortName moved; update this test");
    let p = std::env::temp_dir().join(format!("pc-noshort-{}.graphql", std::process::id()));
    std::fs::write(&p, cut).unwrap();
    let out = bin()
        .args(["schema", "diff", "customers"])
        .arg(&p)
        .args(["--against", "fixtures", "--format", "json"])
        .output()
        .unwrap();
    let _ = std::fs::remove_file(&p);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let files: Vec<&str> = v["impact"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["file"].as_str().unwrap())
        .collect();
    assert!(files.contains(&"fixtures/customers/upsert-created.yaml"), "{files:?}");
    for i in v["impact"].as_array().unwrap() {
        assert_eq!(i["changes"], serde_json::json!(["Customer.shortName"]), "{i}");
    }
    let change = &v["changes"][0];
    assert_eq!(change["coordinate"], "Customer.shortName");
    assert_eq!(change["uses"].as_array().unwrap().len(), files.len());
}
