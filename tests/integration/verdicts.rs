//! Verdicts that hold in every layout (issues 25 and 29): a failing fragment
//! fails every operation that spreads it, in every format and in a
//! pre-commit run; a commit that breaks other files fails the hook; a
//! document binds the fragments it defines; shards together find what the
//! whole run finds; one finding does not hide another; a script's
//! templates share one fragment scope; `--against` finds uses in the
//! queries of JSON inputs.

use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The client repository's schema (tests/client-repo/schema.graphql).
const SCHEMA: &str = include_str!("../client-repo/schema.graphql");

/// A fresh folder under target/ holding `files` (path, text), a
/// graphql-config project over `src/**/*.graphql` when `config`.
fn layout(name: &str, files: &[(&str, &str)], config: bool) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("verdicts").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("schema.graphql"), SCHEMA).unwrap();
    if config {
        std::fs::write(
            dir.join("graphql.config.yml"),
            "schema: schema.graphql\ndocuments: 'src/**/*.graphql'\n",
        )
        .unwrap();
    }
    for (path, text) in files {
        let p = dir.join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    dir
}

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_plain-contract"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs")
}

fn json(dir: &Path, args: &[&str]) -> (i32, Value) {
    let mut a = args.to_vec();
    a.extend(["--format", "json"]);
    let out = run(dir, &a);
    let v = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "JSON ({e}): {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out.status.code().unwrap_or(-1), v)
}

type Finding = (String, String, u64, u64, String);

/// (code, file, line, column, message) of every finding.
fn findings(v: &Value) -> BTreeSet<Finding> {
    v["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["file"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn codes(v: &Value) -> Vec<(String, String)> {
    let mut c: Vec<_> = findings(v).into_iter().map(|f| (f.0, f.1)).collect();
    c.sort();
    c
}

/// The JSON item of this name.
fn item<'v>(v: &'v Value, name: &str) -> &'v Value {
    v["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["name"] == name)
        .unwrap_or_else(|| panic!("no item {name} in {v}"))
}

/// Operations in two folders spreading `Parts` (through `Outer` for one),
/// fragments in their own files; `Parts` selects on a type the schema lacks.
/// The layout in a folder of the calling test's own (`tag`): tests run in
/// parallel, and one must not remove another's files.
fn broken_fragment(tag: &str) -> PathBuf {
    layout(
        &format!("{tag}/broken-fragment"),
        &[
            (
                "src/fragments/Parts.graphql",
                "fragment Parts on Customer {\n  id\n  ... on NoSuchType {\n    id\n  }\n}\n",
            ),
            (
                "src/fragments/Outer.graphql",
                "fragment Outer on Customer {\n  fullName\n  ...Parts\n}\n",
            ),
            (
                "src/ops/GetCustomer.graphql",
                "query GetCustomer($id: ID!) {\n  customer(customerId: $id) {\n    ...Parts\n  }\n}\n",
            ),
            (
                "src/ops/GetThread.graphql",
                "query GetThread($id: ID!) {\n  thread(threadId: $id) {\n    customer {\n      ...Outer\n    }\n  }\n}\n",
            ),
            (
                "src/ops/Fine.graphql",
                "query Fine($id: ID!) {\n  thread(threadId: $id) {\n    title\n  }\n}\n",
            ),
        ],
        true,
    )
}

#[test]
fn a_failing_fragment_fails_every_operation_that_spreads_it() {
    let dir = broken_fragment("every-format");
    let (code, v) = json(&dir, &["check"]);
    assert_eq!(code, 1, "{v}");
    // The finding once, in the fragment's file.
    let errors: Vec<_> = codes(&v);
    assert_eq!(
        errors,
        vec![("GQ002".to_string(), "src/fragments/Parts.graphql".to_string())],
        "{v}"
    );
    // Each operation spreading it (directly or through Outer) names it.
    for op in ["query GetCustomer", "query GetThread"] {
        let via = &item(&v, op)["via"];
        assert_eq!(via[0]["fragment"], "Parts", "{op}: {v}");
        assert_eq!(via[0]["file"], "src/fragments/Parts.graphql");
        assert_eq!((via[0]["line"].as_u64(), via[0]["column"].as_u64()), (Some(1), Some(1)));
        assert_eq!(via[0]["errors"], 1);
    }
    assert!(item(&v, "query Fine").get("via").is_none(), "{v}");

    // Human: the items fail and say through what.
    let human = String::from_utf8_lossy(&run(&dir, &["check"]).stdout).to_string();
    let line = |name: &str| human.lines().find(|l| l.contains(name)).unwrap_or_default().to_string();
    assert!(
        line("query GetThread").contains("FAIL (1 error, through fragment Parts at src/fragments/Parts.graphql:1:1)"),
        "{human}"
    );
    assert!(line("query Fine").ends_with("ok"), "{human}");

    // JUnit: each operation a test case; the dependents fail, naming the fragment.
    let junit = String::from_utf8_lossy(&run(&dir, &["check", "--format", "junit"]).stdout).to_string();
    for op in ["GetCustomer", "GetThread"] {
        let case = junit
            .split("<testcase ")
            .find(|c| c.contains(&format!("operation query {op} ")))
            .unwrap_or_else(|| panic!("{junit}"));
        let case = &case[..case.find("</testcase>").unwrap_or(case.len())];
        assert!(case.contains("<failure"), "{op}: {case}");
        assert!(case.contains("through fragment Parts at src/fragments/Parts.graphql:1:1"), "{case}");
    }
    let fine = junit.split("<testcase ").find(|c| c.contains("operation query Fine ")).unwrap();
    assert!(!fine[..fine.find("<testcase").unwrap_or(fine.len())].contains("<failure"));

    // SARIF: the fragment's result lists the operations as related locations.
    let sarif: Value = serde_json::from_slice(&run(&dir, &["check", "--format", "sarif"]).stdout).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 1);
    let related: BTreeSet<String> = results[0]["relatedLocations"]
        .as_array()
        .expect("relatedLocations")
        .iter()
        .map(|r| r["physicalLocation"]["artifactLocation"]["uri"].as_str().unwrap().to_string())
        // URIs are relative to the repository root, and the scratch project
        // sits inside this repository (under target/): compare from the project.
        .map(|u| u.split_once("broken-fragment/").map_or(u.clone(), |(_, rest)| rest.to_string()))
        .collect();
    assert_eq!(
        related,
        ["src/ops/GetCustomer.graphql", "src/ops/GetThread.graphql"]
            .map(String::from)
            .into()
    );

    // GitHub: the error on the fragment, a notice on each operation.
    // Paths are relative to the repository root, and the scratch project sits
    // inside this repository (under target/): read them from the project.
    let gh = from_project(&String::from_utf8_lossy(&run(&dir, &["check", "--format", "github"]).stdout));
    assert_eq!(
        gh.lines()
            .filter(|l| l.starts_with("::error file=src/fragments/Parts.graphql"))
            .count(),
        1,
        "{gh}"
    );
    for f in ["src/ops/GetCustomer.graphql", "src/ops/GetThread.graphql"] {
        assert!(
            gh.lines()
                .any(|l| l.starts_with(&format!("::notice file={f},")) && l.contains("fragment Parts at src/fragments/Parts.graphql:1:1")),
            "{gh}"
        );
    }
}

/// `text` with each path into the scratch project written from the project's
/// folder (`.../broken-fragment/src/x` → `src/x`).
fn from_project(text: &str) -> String {
    const DIR: &str = "broken-fragment/";
    let mut out = String::new();
    for line in text.lines() {
        let mut rest = line;
        while let Some(i) = rest.find(DIR) {
            let start = rest[..i].rfind(['=', ' ']).map_or(0, |j| j + 1);
            out.push_str(&rest[..start]);
            rest = &rest[i + DIR.len()..];
        }
        out.push_str(rest);
        out.push('\n');
    }
    out
}

#[test]
fn a_pre_commit_run_on_an_operation_spreading_a_failing_fragment_fails() {
    let dir = broken_fragment("pre-commit");
    let (_, full) = json(&dir, &["check"]);
    for op in ["GetCustomer", "GetThread"] {
        let path = format!("src/ops/{op}.graphql");
        let (code, v) = json(&dir, &["check", &path]);
        assert_eq!(code, 1, "{op}: {v}");
        // The fragment's finding, where the full run has it, once.
        assert_eq!(findings(&v), findings(&full), "{op}");
        assert_eq!(item(&v, &format!("query {op}"))["via"][0]["fragment"], "Parts");
    }
    let (code, v) = json(&dir, &["check", "src/ops/Fine.graphql"]);
    assert_eq!((code, findings(&v).len()), (0, 0), "{v}");
}

/// A commit that changes a fragment fails the hook as the full run fails
/// the files that depend on it (issue 29): the fragment renamed, its type
/// condition changed.
#[test]
fn a_changed_fragment_fails_the_hook_as_the_full_run_fails_its_dependents() {
    let ok = "fragment IdOnly on Customer {\n  id\n}\n";
    for (case, changed) in [
        ("renamed", "fragment IdOnlyParts on Customer {\n  id\n}\n"),
        ("type-condition", "fragment IdOnly on Thread {\n  id\n}\n"),
    ] {
        let files = [
            ("src/fragments/IdOnly.graphql", ok),
            (
                "src/ops/A.graphql",
                "query A($id: ID!) {\n  customer(customerId: $id) {\n    ...IdOnly\n  }\n}\n",
            ),
            (
                "src/ops/B.graphql",
                "query B {\n  customers(first: 10) {\n    edges {\n      node {\n        ...IdOnly\n      }\n    }\n  }\n}\n",
            ),
            (
                "src/ops/C.graphql",
                "query C($id: ID!) {\n  thread(threadId: $id) {\n    id\n  }\n}\n",
            ),
        ];
        let dir = layout(&format!("hook-{case}"), &files, true);
        let (code, _) = json(&dir, &["check"]);
        assert_eq!(code, 0, "{case}: the project starts clean");
        std::fs::write(dir.join("src/fragments/IdOnly.graphql"), changed).unwrap();
        let (full_code, full) = json(&dir, &["check"]);
        assert_eq!(full_code, 1, "{case}");
        let dependents: BTreeSet<Finding> = findings(&full)
            .into_iter()
            .filter(|f| ["src/fragments/IdOnly.graphql", "src/ops/A.graphql", "src/ops/B.graphql"].contains(&f.1.as_str()))
            .collect();
        assert!(
            dependents.iter().any(|f| f.1 == "src/ops/A.graphql") || case == "type-condition",
            "{case}: {full}"
        );
        let (hook_code, hook) = json(&dir, &["check", "--allow-empty", "src/fragments/IdOnly.graphql"]);
        assert_eq!(hook_code, full_code, "{case}: {hook}");
        assert_eq!(findings(&hook), dependents, "{case}");
    }
}

/// Self-contained documents (each file carries the fragments it uses):
/// identical copies are no fault; different copies each used by their own
/// file are a warning; an operation taking the name from another file
/// makes them an error at each definition.
#[test]
fn self_contained_documents_bind_their_own_fragments() {
    let op =
        |name: &str, frag: &str| format!("query {name}($id: ID!) {{\n  customer(customerId: $id) {{\n    ...Parts\n  }}\n}}\n\n{frag}");
    let a = "fragment Parts on Customer {\n  id\n}\n";
    let a_spaced = "fragment Parts on Customer { id }\n";
    let b = "fragment Parts on Customer {\n  fullName\n}\n";
    let (same_1, same_2) = (op("One", a), op("Two", a_spaced));
    let dir = layout("same-copies", &[("src/One.graphql", &same_1), ("src/Two.graphql", &same_2)], false);
    let (code, v) = json(&dir, &["check", "--schema", "schema.graphql", "src"]);
    assert_eq!((code, codes(&v)), (0, vec![]), "{v}");

    let (diff_1, diff_2) = (op("One", a), op("Two", b));
    let dir = layout(
        "different-copies",
        &[("src/One.graphql", &diff_1), ("src/Two.graphql", &diff_2)],
        false,
    );
    let (code, v) = json(&dir, &["check", "--schema", "schema.graphql", "src"]);
    assert_eq!(code, 0, "{v}");
    assert_eq!(
        codes(&v),
        vec![
            ("GQ012".to_string(), "src/One.graphql".to_string()),
            ("GQ012".to_string(), "src/Two.graphql".to_string())
        ]
    );

    let three = "query Three($id: ID!) {\n  customer(customerId: $id) {\n    ...Parts\n  }\n}\n";
    let dir = layout(
        "ambiguous-copies",
        &[
            ("src/One.graphql", &diff_1),
            ("src/Two.graphql", &diff_2),
            ("src/Three.graphql", three),
        ],
        false,
    );
    let (code, v) = json(&dir, &["check", "--schema", "schema.graphql", "src"]);
    assert_eq!(code, 1, "{v}");
    assert_eq!(
        codes(&v),
        vec![
            ("GQ008".to_string(), "src/One.graphql".to_string()),
            ("GQ008".to_string(), "src/Two.graphql".to_string())
        ]
    );
    // The operation that takes the ambiguous name fails with it.
    assert!(item(&v, "query Three").get("via").is_some(), "{v}");
    // A pre-commit run on it says so too.
    let (code, _) = json(&dir, &["check", "--schema", "schema.graphql", "src/Three.graphql"]);
    assert_eq!(code, 1);
}

/// Folders of documents: the findings of `--shard K/3` together are the
/// whole run's, none lost, none added.
#[test]
fn shards_together_find_what_the_whole_run_finds() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let contained = {
        let op = |name: &str, frag: &str| {
            format!("query {name}($id: ID!) {{\n  customer(customerId: $id) {{\n    ...Parts\n    status\n  }}\n}}\n\n{frag}")
        };
        let good = "fragment Parts on Customer {\n  id\n}\n";
        let other = "fragment Parts on Customer {\n  fullName\n}\n";
        let bad = "fragment Parts on Customer {\n  nope\n}\n";
        let mut files: Vec<(String, String)> = (0..12)
            .map(|i| {
                let frag = [good, other, bad][i % 3];
                (format!("src/Op{i}.graphql"), op(&format!("Op{i}"), frag))
            })
            .collect();
        files.push((
            "src/Shared.graphql".into(),
            "query Shared($id: ID!) {\n  customer(customerId: $id) {\n    ...Parts\n  }\n}\n".into(),
        ));
        files.push(("src/Unused.graphql".into(), "fragment Unused on Customer {\n  id\n}\n".into()));
        let refs: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
        layout("shard-self-contained", &refs, false)
    };
    let cases: Vec<(PathBuf, Vec<String>)> = vec![
        (root.to_path_buf(), vec!["fixtures".into()]),
        (root.to_path_buf(), vec!["tests/corpus".into()]),
        (contained.clone(), vec!["--schema".into(), "schema.graphql".into(), "src".into()]),
        (broken_fragment("shards"), vec![]),
    ];
    for (dir, args) in cases {
        let mut a: Vec<&str> = vec!["check"];
        a.extend(args.iter().map(String::as_str));
        // Whole findings, notes included: a note's list of other places
        // ("also defined at …") reads the same in a shard.
        let whole_findings = |v: &Value| -> BTreeSet<String> {
            v["diagnostics"]
                .as_array()
                .expect("diagnostics")
                .iter()
                .map(|d| d.to_string())
                .collect()
        };
        let (_, whole) = json(&dir, &a);
        let whole = whole_findings(&whole);
        assert!(!whole.is_empty(), "{args:?}");
        let mut union = BTreeSet::new();
        let mut sum = 0;
        for k in 1..=3 {
            let shard = format!("{k}/3");
            let mut b = a.clone();
            b.extend(["--shard", &shard]);
            let (_, v) = json(&dir, &b);
            let f = whole_findings(&v);
            sum += f.len();
            union.extend(f);
        }
        let lost: Vec<_> = whole.difference(&union).collect();
        let added: Vec<_> = union.difference(&whole).collect();
        assert!(lost.is_empty() && added.is_empty(), "{args:?}: lost {lost:#?}, added {added:#?}");
        // Each file's findings come from its own shard only.
        assert_eq!(sum, whole.len(), "{args:?}");
    }
}

/// Several independent faults in one file, each reported in one run.
#[test]
fn one_finding_does_not_hide_another() {
    let dir = layout(
        "independent-faults",
        &[
            (
                "src/fragments/Support.graphql",
                "fragment SupportCustomer on Customer {\n  id\n  phoneNumber\n}\n",
            ),
            (
                "src/ops/List.graphql",
                "query List {\n  customers(first: 500) {\n    edges {\n      node {\n        ...SupportCustomer\n      }\n    }\n  }\n}\n",
            ),
            (
                "src/ops/Unused.graphql",
                "query Unused($after: String) {\n  customers(first: 500) {\n    edges {\n      node {\n        id\n      }\n    }\n  }\n}\n",
            ),
            (
                "src/ops/Deprecated.graphql",
                "query Deprecated($id: ID!) {\n  customer(customerId: $id) {\n    nickname\n    status\n  }\n}\n",
            ),
        ],
        true,
    );
    let (code, v) = json(&dir, &["check"]);
    assert_eq!(code, 1);
    let got = codes(&v);
    let want: Vec<(String, String)> = [
        ("GQ002", "src/fragments/Support.graphql"),
        ("GQ002", "src/ops/Deprecated.graphql"),
        ("GQ002", "src/ops/Unused.graphql"),
        ("GQ006", "src/ops/Deprecated.graphql"),
        ("PL008", "src/ops/List.graphql"),
        ("PL008", "src/ops/Unused.graphql"),
    ]
    .iter()
    .map(|(c, f)| (c.to_string(), f.to_string()))
    .collect();
    assert_eq!(got, want, "{v}");
    // The pre-commit run on each file finds the same there.
    for f in ["src/ops/List.graphql", "src/ops/Unused.graphql", "src/ops/Deprecated.graphql"] {
        let (_, one) = json(&dir, &["check", f]);
        let mine: BTreeSet<Finding> = findings(&one).into_iter().filter(|x| x.1 == f).collect();
        let full: BTreeSet<Finding> = findings(&v).into_iter().filter(|x| x.1 == f).collect();
        assert_eq!(mine, full, "{f}");
    }
}

/// A variable passed to a field the schema lacks is used: graphql-js's
/// NoUnusedVariables counts every `$x` of the operation. apollo-compiler does
/// not look at the arguments of an unknown field, so Plain's SDK documents
/// checked against a smaller schema got a second, false GQ002 ("unused
/// variable") next to the unknown field. A variable used nowhere still is one.
#[test]
fn a_variable_given_to_an_unknown_field_is_not_unused() {
    let dir = layout(
        "unknown-field-variable",
        &[(
            "src/labels.graphql",
            "query labels($input: String!, $id: ID!, $spare: Int) {\n  labels(input: $input) {\n    id\n  }\n  other: customer(customerId: $id) { id }\n}\n",
        )],
        true,
    );
    let (code, v) = json(&dir, &["check"]);
    assert_eq!(code, 1, "{v}");
    let messages: Vec<String> = findings(&v)
        .into_iter()
        .map(|f| format!("{} {}:{} {}", f.0, f.2, f.3, f.4))
        .collect();
    assert!(
        messages.iter().any(|m| m.contains("does not have a field `labels`")),
        "the unknown field is reported: {messages:?}"
    );
    assert!(
        !messages.iter().any(|m| m.contains("unused variable: `$input`")),
        "`$input` is used (by labels): {messages:?}"
    );
    assert!(
        messages.iter().any(|m| m.contains("unused variable: `$spare`")),
        "`$spare` is used nowhere: {messages:?}"
    );
}

/// The queries of request bodies, native fixtures, HAR files and NDJSON
/// streams are use sites of `--against`, at the field's place in the JSON
/// (or YAML) string, or at the string holding a JSON text (HAR).
#[test]
fn against_finds_uses_inside_json_inputs() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/schema-impact");
    let old = std::fs::read_to_string(corpus.join("old.graphql")).unwrap();
    let new = std::fs::read_to_string(corpus.join("new.graphql")).unwrap();
    let body = "{\"query\": \"query Score { customer(id: \\\"c_1\\\") { id legacyScore status } }\"}\n";
    let fixture = "name: score\nrequest:\n  method: POST\n  path: /graphql/v1\n  body:\n    query: |\n      query Score {\n        customer(id: \"c_1\") {\n          legacyScore\n          status\n        }\n      }\nresponse:\n  status: 200\n  body:\n    data:\n      customer:\n        legacyScore: 3\n";
    let har = "{\"log\": {\"version\": \"1.2\", \"entries\": [{\"request\": {\"method\": \"POST\", \"url\": \"https://core-api.uk.plain.com/graphql/v1\", \"headers\": [], \"postData\": {\"mimeType\": \"application/json\", \"text\": \"{\\\"query\\\": \\\"{ customer(id: \\\\\\\"c_1\\\\\\\") { legacyScore status } }\\\"}\"}}, \"response\": {\"status\": 200, \"headers\": [], \"content\": {\"mimeType\": \"application/json\", \"text\": \"{\\\"data\\\": {\\\"customer\\\": null}}\"}}}]}}\n";
    let ndjson =
        "{\"query\": \"{ customer(id: \\\"c_1\\\") { id } }\"}\n{\"query\": \"{ customer(id: \\\"c_2\\\") { legacyScore status } }\"}\n";
    let dir = layout(
        "against-json",
        &[
            ("old.graphql", &old),
            ("new.graphql", &new),
            ("in/body.json", body),
            ("in/fixture.yaml", fixture),
            ("in/traffic.har", har),
            ("in/stream.ndjson", ndjson),
        ],
        false,
    );
    let (_, v) = json(
        &dir,
        &[
            "schema",
            "diff",
            "old.graphql",
            "new.graphql",
            "--against",
            "in",
            "--fail-on",
            "none",
        ],
    );
    let uses = |coordinate: &str| {
        let change = v["changes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["coordinate"] == coordinate)
            .unwrap_or_else(|| panic!("{coordinate}: {v}"));
        let mut uses: Vec<(String, u64, u64)> = change["uses"]
            .as_array()
            .unwrap()
            .iter()
            .map(|u| {
                (
                    u["file"].as_str().unwrap().to_string(),
                    u["line"].as_u64().unwrap(),
                    u["column"].as_u64().unwrap(),
                )
            })
            .collect();
        uses.sort();
        uses
    };
    let at = |file: &str, text: &str, needle: &str| {
        let off = text.find(needle).unwrap();
        let line = text[..off].matches('\n').count() as u64 + 1;
        let column = (off - text[..off].rfind('\n').map_or(0, |i| i + 1)) as u64 + 1;
        (format!("in/{file}"), line, column)
    };
    let want = |field: &str| {
        let mut want = vec![
            at("body.json", body, field),
            at("fixture.yaml", fixture, field),
            // The HAR's query is a JSON text inside `postData.text`: the string's place.
            at("traffic.har", har, "\"{\\\"query"),
            at("stream.ndjson", ndjson, field),
        ];
        want.sort();
        want
    };
    // A breaking change (the items break under NEW too).
    assert_eq!(uses("Customer.legacyScore"), want("legacyScore"), "{v}");
    // A dangerous one, used where a field of the enum is selected: no
    // finding under NEW names it, so only the queries' walk finds it.
    assert_eq!(uses("Status.SPAM"), want("status"), "{v}");
}

/// One `.ts` file defining a fragment twice, differently: when an operation
/// of the file spreads the name, which definition it gets is ambiguous, an
/// error (GQ008) at both and nothing else about them (no GQ007 "unused" on
/// either); when none does, a warning (GQ012) at each, and each is unused.
#[test]
fn a_fragment_defined_twice_in_a_script_has_one_verdict() {
    let frags = "import gql from 'graphql-tag';\n\nexport const A = gql`\n  fragment Parts on Customer { id }\n`;\n\nexport const B = gql`\n  fragment Parts on Customer { fullName }\n`;\n";
    let used = format!("{frags}\nexport const Q = gql`\n  query GetC {{ customer(customerId: \"c_1\") {{ ...Parts }} }}\n  ${{A}}\n`;\n");
    let dir = layout("script-twice", &[("used.ts", &used), ("alone.ts", frags)], false);
    let (code, v) = json(&dir, &["check", "--schema", "plain", "used.ts"]);
    let codes: Vec<(String, u64)> = findings(&v).into_iter().map(|f| (f.0, f.2)).collect();
    assert_eq!(code, 1, "{v}");
    assert_eq!(codes, vec![("GQ008".to_string(), 4), ("GQ008".to_string(), 8)], "{v}");
    let (code, v) = json(&dir, &["check", "--schema", "plain", "alone.ts"]);
    let codes: Vec<(String, u64)> = findings(&v).into_iter().map(|f| (f.0, f.2)).collect();
    assert_eq!(code, 0, "{v}");
    assert_eq!(
        codes,
        vec![
            ("GQ007".to_string(), 4),
            ("GQ007".to_string(), 8),
            ("GQ012".to_string(), 4),
            ("GQ012".to_string(), 8)
        ],
        "{v}"
    );
    // A script defining the name once binds its own, though another file
    // defines it differently: a warning, not an error.
    let once = "import gql from 'graphql-tag';\n\nexport const A = gql`\n  fragment Parts on Customer { id }\n`;\n\nexport const Q = gql`\n  query GetC { customer(customerId: \"c_1\") { ...Parts } }\n  ${A}\n`;\n";
    let other = "fragment Parts on Customer { fullName }\nquery Other { customer(customerId: \"c_1\") { ...Parts } }\n";
    let dir = layout("script-once", &[("once.ts", once), ("other.graphql", other)], false);
    let (code, v) = json(&dir, &["check", "--schema", "plain", "once.ts", "other.graphql"]);
    let codes: Vec<String> = findings(&v).into_iter().map(|f| f.0).collect();
    assert_eq!((code, codes), (0, vec!["GQ012".to_string(), "GQ012".to_string()]), "{v}");
}

/// GQ008's and GQ009's notes name the other definition at its name, not at
/// the start of the line (1:1 for a definition that opens its file).
#[test]
fn duplicate_notes_point_at_the_other_definitions_name() {
    let dir = layout(
        "notes",
        &[
            (
                "a.graphql",
                "fragment Parts on Customer { id }\nquery GetC { customer(customerId: \"c_1\") { ...Parts } }\n",
            ),
            ("b.graphql", "fragment Parts on Customer { fullName }\n"),
            ("c.graphql", "query GetC { customer(customerId: \"c_1\") { id } }\n"),
            ("d.graphql", "query Q { customer(customerId: \"c_1\") { ...Parts } }\n"),
        ],
        false,
    );
    let (_, v) = json(
        &dir,
        &["check", "--schema", "plain", "a.graphql", "b.graphql", "c.graphql", "d.graphql"],
    );
    let note = |code: &str, file: &str| {
        v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["code"] == code && d["file"] == file)
            .unwrap_or_else(|| panic!("{code} in {file}: {v}"))["notes"][0]
            .clone()
    };
    assert_eq!(note("GQ008", "a.graphql"), "also defined at b.graphql:1:10");
    assert_eq!(note("GQ008", "b.graphql"), "also defined at a.graphql:1:10");
    assert_eq!(note("GQ009", "a.graphql"), "also at c.graphql:1:7");
    assert_eq!(note("GQ009", "c.graphql"), "also at a.graphql:2:7");
    // The ambiguous definition in b.graphql is not also "unused".
    assert!(!codes(&v).iter().any(|c| c.0 == "GQ007"), "{v}");
}
