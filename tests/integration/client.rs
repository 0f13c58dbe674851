//! A client repository (tests/client-repo: operations in two folders,
//! fragments apart, an operation in a TS file, schema.graphql at the root,
//! graphql.config.yml, package.json, a CI workflow, a README): the whole
//! project, pre-commit runs on changed files, every graphql-config variant,
//! bad project files (tests/corpus/projects), and an empty run.

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

const REPO: &str = "tests/client-repo";

fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_plain-contract"))
        .args(args)
        .args(["--format", "json"])
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs")
}

/// (code, file, line, column) of every finding, sorted.
fn findings(out: &Output) -> Vec<(String, String, u64, u64)> {
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "JSON ({e}): {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let mut f: Vec<_> = v["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["file"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
            )
        })
        .collect();
    f.sort();
    f
}

fn expected() -> Vec<(String, String, u64, u64)> {
    let mut v: Vec<_> = [
        ("GQ002", "src/threads/anonymous.graphql", 4, 5),
        ("GQ002", "web/thread.ts", 10, 9),
        ("GQ006", "src/fragments/EmailParts.graphql", 10, 3),
        ("GQ006", "src/threads/getCustomer.graphql", 5, 7),
        ("GQ007", "src/fragments/EmailParts.graphql", 8, 10),
        ("GQ009", "src/customers/getCustomer.graphql", 1, 7),
        ("GQ009", "src/threads/getCustomer.graphql", 1, 7),
        ("PL008", "src/customers/listCustomers.graphql", 2, 20),
    ]
    .iter()
    .map(|(c, f, l, k)| (c.to_string(), f.to_string(), *l, *k))
    .collect();
    v.sort();
    v
}

#[test]
fn the_whole_project_gives_the_expected_findings() {
    let out = run_in(Path::new(REPO), &["check"]);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(findings(&out), expected());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    // 5 operations (one in the TS file) and 3 fragments; schema.graphql is the schema, not a document.
    assert_eq!(v["summary"]["items"], 8, "{v}");
}

#[test]
fn pre_commit_on_changed_files_gives_the_full_runs_verdicts_for_them() {
    let full = findings(&run_in(Path::new(REPO), &["check"]));
    // A changed fragment gives, besides its own findings, those of the
    // operations that spread it (their files depend on it).
    let users = [
        "src/customers/getCustomer.graphql",
        "src/customers/listCustomers.graphql",
        "web/thread.ts",
    ];
    for (changed, dependents) in [
        ("src/customers/getCustomer.graphql", &[][..]),
        ("src/customers/listCustomers.graphql", &[]),
        ("src/threads/getCustomer.graphql", &[]),
        ("src/fragments/CustomerParts.graphql", &users),
        ("src/fragments/EmailParts.graphql", &users),
        ("web/thread.ts", &[]),
    ] {
        let out = run_in(Path::new(REPO), &["check", changed]);
        let mine: Vec<_> = full
            .iter()
            .filter(|f| f.1 == changed || dependents.contains(&f.1.as_str()))
            .cloned()
            .collect();
        assert_eq!(findings(&out), mine, "{changed}");
        let code = if mine.iter().any(|f| f.0 == "GQ002" || f.0 == "PL008") {
            1
        } else {
            0
        };
        assert_eq!(out.status.code(), Some(code), "{changed}");
    }
}

#[test]
fn a_changed_fragment_is_checked_through_the_operations_that_use_it() {
    let dir = copy_repo("fragment-change");
    std::fs::copy(Path::new(REPO).join("graphql.config.yml"), dir.join("graphql.config.yml")).unwrap();
    std::fs::write(
        dir.join("src/fragments/CustomerParts.graphql"),
        "fragment CustomerParts on Customer {\n  id\n  nickname\n  ...EmailParts\n}\n",
    )
    .unwrap();
    let out = run_in(&dir, &["check", "src/fragments/CustomerParts.graphql"]);
    // The fragment's finding, and those of the operations spreading it.
    let mut want: Vec<_> = expected()
        .into_iter()
        .filter(|f| {
            [
                "src/customers/getCustomer.graphql",
                "src/customers/listCustomers.graphql",
                "web/thread.ts",
            ]
            .contains(&f.1.as_str())
        })
        .collect();
    want.push(("GQ002".to_string(), "src/fragments/CustomerParts.graphql".to_string(), 3, 3));
    want.sort();
    assert_eq!(findings(&out), want);
    // Each of them fails through the fragment.
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let failing: Vec<&str> = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["via"][0]["fragment"] == "CustomerParts")
        .map(|i| i["name"].as_str().unwrap())
        .collect();
    assert_eq!(failing, ["query GetCustomer", "query ListCustomers", "query ThreadWithCustomer"]);
}

/// A copy of the fixture's documents and schema in a fresh folder under target/.
fn copy_repo(name: &str) -> std::path::PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("client-repo").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    for sub in ["src/customers", "src/threads", "src/fragments", "web"] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
        for e in std::fs::read_dir(Path::new(REPO).join(sub)).unwrap() {
            let e = e.unwrap().path();
            std::fs::copy(&e, dir.join(sub).join(e.file_name().unwrap())).unwrap();
        }
    }
    std::fs::copy(Path::new(REPO).join("schema.graphql"), dir.join("schema.graphql")).unwrap();
    dir
}

#[test]
fn every_graphql_config_variant_gives_the_same_findings() {
    let yaml = "schema: schema.graphql\ndocuments:\n  - 'src/**/*.graphql'\n  - 'web/**/*.ts'\n";
    let json = r#"{"schema": "schema.graphql", "documents": ["src/**/*.graphql", "web/**/*.ts"]}"#;
    let projects = "projects:\n  other:\n    schema: schema.graphql\n    documents: 'src/customers/*.graphql'\n  app:\n    schema: ['schema.graphql']\n    documents: ['src/**/*.graphql', 'web/*.ts']\n    extensions: {}\n";
    let want = expected();
    for (i, (file, text, args)) in [
        ("graphql.config.yml", yaml, vec![]),
        ("graphql.config.yaml", yaml, vec![]),
        ("graphql.config.json", json, vec![]),
        (".graphqlrc", yaml, vec![]),
        (".graphqlrc", json, vec![]),
        (".graphqlrc.yml", yaml, vec![]),
        (".graphqlrc.yaml", yaml, vec![]),
        (".graphqlrc.json", json, vec![]),
        ("graphql.config.yml", projects, vec!["--project", "app"]),
    ]
    .into_iter()
    .enumerate()
    {
        let dir = copy_repo(&format!("variant-{i}"));
        std::fs::write(dir.join(file), text).unwrap();
        let mut a = vec!["check"];
        a.extend(args);
        assert_eq!(findings(&run_in(&dir, &a)), want, "{file} ({i})");
        // From a subfolder: the file is found by walking up.
        let sub = run_in(&dir.join("src/threads"), &a);
        assert_eq!(findings(&sub).len(), want.len(), "{file} ({i}) from a subfolder");
    }
}

#[test]
fn plain_contract_toml_wins_over_graphql_config() {
    let dir = copy_repo("toml-wins");
    std::fs::write(
        dir.join("graphql.config.yml"),
        "schema: schema.graphql\ndocuments: 'src/**/*.graphql'\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("plain-contract.toml"),
        "[check]\ndocuments = [\"src/customers/*.graphql\", \"src/fragments/*.graphql\"]\n",
    )
    .unwrap();
    let got = findings(&run_in(&dir, &["check"]));
    let want: Vec<_> = expected()
        .into_iter()
        .filter(|f| f.1.starts_with("src/customers/") || f.1.starts_with("src/fragments/"))
        .collect();
    // Only the customers folder is checked now: the other GetCustomer is not a document of the project.
    let want: Vec<_> = want.into_iter().filter(|f| f.0 != "GQ009").collect();
    assert_eq!(got, want);
}

#[test]
fn bad_project_files_are_refused_with_their_place() {
    let mut n = 0;
    for case in super::entries("tests/corpus/projects") {
        let expect = std::fs::read_to_string(case.join("expect")).unwrap();
        let mut words = expect.split_whitespace();
        let code = words.next().unwrap();
        let place = words.next();
        let mut args = vec!["check"];
        args.extend(words);
        let out = run_in(&case, &args);
        assert_eq!(out.status.code(), Some(2), "{}", case.display());
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        let d = &v["diagnostics"][0];
        assert_eq!(d["code"], code, "{}: {d}", case.display());
        if let Some(p) = place {
            assert_eq!(format!("{}:{}", d["line"], d["column"]), p, "{}: {d}", case.display());
        }
        n += 1;
    }
    assert!(n >= 6);
}

#[test]
fn nothing_checked_is_a_failure_unless_allowed() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("client-repo/empty");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("notes.txt"), "no GraphQL here").unwrap();
    let out = run_in(&dir, &["check", "."]);
    assert_eq!(out.status.code(), Some(1));
    assert!(findings(&out).iter().any(|f| f.0 == "PC012"));
    let out = run_in(&dir, &["check", ".", "--allow-empty"]);
    assert_eq!(out.status.code(), Some(0));
    // A schema file alone (not the project's schema) is skipped (GQ010) and nothing is checked.
    std::fs::copy(Path::new(REPO).join("schema.graphql"), dir.join("schema.graphql")).unwrap();
    let out = run_in(&dir, &["check", "schema.graphql"]);
    let f = findings(&out);
    assert!(f.iter().any(|f| f.0 == "GQ010") && f.iter().any(|f| f.0 == "PC012"), "{f:?}");
}

/// Plain's own SDK layout (benches/sdk/fetch.sh, run by .ci/run): 71 operations of
/// @team-plain/typescript-sdk with 46 fragment files apart, and 506 of
/// @team-plain/graphql one per file, against the built-in full schema.
#[test]
fn plains_sdk_layout_checks_against_the_full_schema() {
    let Some(root) = crate::prereq::plain_sdk() else { return };
    let count = |v: &Value, kind: &str| v["items"].as_array().unwrap().iter().filter(|i| i["kind"] == kind).count();
    let out = run_in(&root, &["check", "--schema", "plain", "typescript-sdk"]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", v["diagnostics"]);
    assert_eq!(count(&v, "operation"), 71);
    let out = run_in(&root, &["check", "--schema", "plain", "graphql"]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(count(&v, "operation"), 506);
    // @team-plain/graphql 1.3.0 is newer than the built-in schema: its errors are
    // validation errors (types and fields the schema lacks), never syntax,
    // duplicate names or unresolved fragments.
    for d in v["diagnostics"].as_array().unwrap() {
        let code = d["code"].as_str().unwrap();
        assert!(["GQ002", "GQ006", "GQ007"].contains(&code), "{d}");
        assert!(!d["message"].as_str().unwrap().contains("cannot find fragment"), "{d}");
    }
}

/// Pre-commit on Plain's SDK layout as a user runs it: a graphql-config at
/// the root (`schema: plain`, every `.graphql`/`.gql` file), `check` with no
/// files, then `check ONE_FILE` for operations and fragment files (with and
/// without findings): each gives the full run's findings and items for that file.
#[test]
fn pre_commit_on_plains_sdk_layout_gives_the_full_runs_verdicts() {
    let Some(root) = crate::prereq::plain_sdk() else { return };
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("sdk-pre-commit");
    let _ = std::fs::remove_dir_all(&dir);
    copy_tree(&root, &dir);
    std::fs::write(dir.join("graphql.config.yml"), "schema: plain\ndocuments: '**/*.{graphql,gql}'\n").unwrap();
    let full = run_in(&dir, &["check"]);
    assert_eq!(full.status.code(), Some(1));
    let all = findings(&full);
    let v: Value = serde_json::from_slice(&full.stdout).unwrap();
    let items = |v: &Value, file: &str| -> Vec<String> {
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|i| i["file"] == file)
            .map(|i| i.to_string())
            .collect()
    };
    let ops = v["items"].as_array().unwrap().iter().filter(|i| i["kind"] == "operation").count();
    assert_eq!(ops, 577);
    let with_findings = |dir: &str| all.iter().find(|f| f.1.contains(dir)).map(|f| f.1.clone());
    let clean = |kind: &str, dir: &str| {
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|i| i["kind"] == kind)
            .map(|i| i["file"].as_str().unwrap().to_string())
            .find(|f| f.contains(dir) && !all.iter().any(|x| &x.1 == f))
    };
    let picks = [
        with_findings("/queries/").expect("an operation with findings"),
        with_findings("/fragments/").expect("a fragment file with findings"),
        clean("operation", "typescript-sdk/queries/").expect("a clean operation"),
        clean("fragment", "typescript-sdk/fragments/").expect("a clean fragment file"),
        clean("operation", "graphql/mutations/").expect("a clean mutation"),
    ];
    for file in &picks {
        let one = run_in(&dir, &["check", file]);
        // The file's own findings, as the full run has them; besides, what
        // its operations cause in the fragments they spread, and (a
        // fragment file) what the operations spreading it have: all of it
        // as the full run has it.
        let got = findings(&one);
        let want: Vec<_> = all.iter().filter(|f| &f.1 == file).cloned().collect();
        let mine: Vec<_> = got.iter().filter(|f| &f.1 == file).cloned().collect();
        assert_eq!(mine, want, "{file}");
        assert!(got.iter().all(|f| all.contains(f)), "{file}: {got:?}");
        assert_eq!(
            one.status.code(),
            Some(if got.iter().any(|f| f.0 == "GQ002") { 1 } else { 0 }),
            "{file}"
        );
        let w: Value = serde_json::from_slice(&one.stdout).unwrap();
        assert_eq!(items(&w, file), items(&v, file), "{file}");
    }
    // Every operation that fails through a fragment fails its pre-commit
    // run too (a sample of them, each run is a process).
    let through: Vec<&Value> = v["items"].as_array().unwrap().iter().filter(|i| i.get("via").is_some()).collect();
    assert!(through.len() > 50, "{}", through.len());
    for i in through.iter().step_by(10) {
        let file = i["file"].as_str().unwrap();
        let one = run_in(&dir, &["check", file]);
        assert_eq!(one.status.code(), Some(1), "{file}");
        let w: Value = serde_json::from_slice(&one.stdout).unwrap();
        assert_eq!(items(&w, file), items(&v, file), "{file}");
    }
}

/// Plain's 577 SDK operations as self-contained documents (each file holds
/// its operation and the fragments it uses, made by
/// benches/sdk/self-contained.mjs): each file is checked as graphql-js
/// checks it on its own. No duplicate-fragment flood: 452 files clean, 125
/// with errors, as graphql-js finds (benches/sdk/graphql-js-each.mjs).
#[test]
fn plains_sdk_as_self_contained_documents_gives_graphql_js_verdicts() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let layout = root.join("target/plain-sdk/layout");
    let gjs = root.join("target/graphql-js");
    if !layout.join("graphql").is_dir() || !gjs.is_dir() {
        eprintln!("SKIPPED: target/plain-sdk/layout or target/graphql-js is absent; benches/sdk/fetch.sh makes them (npm)");
        return;
    }
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("sdk-self-contained");
    let _ = std::fs::remove_dir_all(&dir);
    let made = Command::new("node")
        .arg(root.join("benches/sdk/self-contained.mjs"))
        .arg(&gjs)
        .arg(&dir)
        .args(["typescript-sdk", "graphql"])
        .current_dir(&layout)
        .output();
    let Some(made) = made.ok().filter(|o| o.status.success()) else {
        eprintln!("SKIPPED: node could not build the self-contained layout");
        return;
    };
    assert!(String::from_utf8_lossy(&made.stdout).contains("577 self-contained documents"));
    let out = run_in(&dir, &["check", "--schema", "plain", "."]);
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let codes: std::collections::BTreeSet<&str> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["GQ002", "GQ006"].into(), "no GQ008 nor GQ012: identical copies");
    let failing: std::collections::BTreeSet<&str> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| d["file"].as_str().unwrap())
        .collect();
    assert_eq!(failing.len(), 125);
    let ops = v["items"].as_array().unwrap().iter().filter(|i| i["kind"] == "operation").count();
    assert_eq!(ops, 577);
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_tree(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}
