//! `schema diff --against` in a client repository laid out as teams keep
//! one (issue 29): fragments in files of their own, GraphQL templates in
//! `.ts` files (typed `gql<T>` among them), a `graphql.config.yml`. The
//! impact sees operations whose fragments are elsewhere and reads the
//! templates, and `--fail-on used-breaking` never passes a run that could
//! not look.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const OLD: &str = "type Query {
  customer(customerId: ID!): Customer
  customerByEmail(email: String!): Customer
  thread(threadId: ID!): Thread
}

type Customer {
  id: ID!
  fullName: String!
  shortName: String
}

type Thread {
  id: ID!
  title: String!
  customer: Customer!
}
";

/// A client repository in a fresh folder.
fn repo(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("pc-diff-repo-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    let files: &[(&str, &str)] = &[
        (
            "graphql.config.yml",
            "schema: schema.graphql\ndocuments:\n  - 'src/**/*.graphql'\n  - 'src/**/*.ts'\n",
        ),
        ("schema.graphql", OLD),
        ("src/fragments/CustomerParts.graphql", "fragment CustomerParts on Customer {\n  id\n  fullName\n}\n"),
        (
            "src/customers/byEmail.graphql",
            "query ByEmail($email: String!) {\n  customerByEmail(email: $email) {\n    ...CustomerParts\n  }\n}\n",
        ),
        (
            "src/customers/byId.graphql",
            "query ById($id: ID!) {\n  customer(customerId: $id) {\n    id\n    shortName\n  }\n}\n",
        ),
        (
            "src/threads.ts",
            "import { gql } from '@apollo/client';\nimport type { ThreadQuery } from './generated';\n\nexport const THREAD = gql<ThreadQuery>`\n  query Thread($id: ID!) {\n    thread(threadId: $id) {\n      title\n      customer { ...CustomerParts }\n    }\n  }\n`;\n",
        ),
    ];
    for (p, text) in files {
        let p = d.join(p);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    d
}

/// The old schema with some lines removed, as `new.graphql` beside it.
fn new_schema(dir: &Path, remove: &[&str]) {
    let mut text = OLD.to_string();
    for r in remove {
        let before = text.clone();
        text = text.replace(&format!("  {r}\n"), "");
        assert_ne!(before, text, "{r} is in the schema");
    }
    std::fs::write(dir.join("new.graphql"), text).unwrap();
}

fn diff(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_plain-contract"))
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(["schema", "diff", "schema.graphql", "new.graphql"])
        .args(args)
        .output()
        .expect("the binary runs")
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "JSON ({e}): {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

/// (operation, causes) of each broken item.
fn broken(v: &Value) -> Vec<(String, Vec<String>)> {
    v["impact"]
        .as_array()
        .expect("impact")
        .iter()
        .map(|i| {
            (
                i["operation"].as_str().unwrap().to_string(),
                i["changes"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|c| c.as_str().unwrap().to_string())
                    .collect(),
            )
        })
        .collect()
}

/// "file:line" of each use of the change at `coordinate`.
fn uses(v: &Value, coordinate: &str) -> Vec<String> {
    let c = v["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["coordinate"] == coordinate)
        .unwrap_or_else(|| panic!("a change at {coordinate}: {v:#}"));
    c["uses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| format!("{}:{}", u["file"].as_str().unwrap(), u["line"]))
        .collect()
}

#[test]
fn operations_whose_fragments_are_elsewhere_are_seen_broken() {
    let dir = repo("fragments");
    new_schema(&dir, &["customerByEmail(email: String!): Customer"]);
    let out = diff(&dir, &["--against", "src/customers", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let v = json(&out);
    assert_eq!(uses(&v, "Query.customerByEmail"), ["src/customers/byEmail.graphql:2"]);
    assert_eq!(
        broken(&v),
        [("query ByEmail".to_string(), vec!["Query.customerByEmail".to_string()])],
        "{v:#}"
    );
    // The human report says so too.
    let human = String::from_utf8_lossy(&diff(&dir, &["--against", "src/customers"]).stdout).to_string();
    assert!(human.contains("Broken by NEW (1 of 2 items)"), "{human}");
    assert!(human.contains("query ByEmail  (caused by: Query.customerByEmail)"), "{human}");

    // A field removed from the fragment's file breaks the operations that
    // spread it, and its use is the fragment's line.
    new_schema(&dir, &["fullName: String!"]);
    let v = json(&diff(&dir, &["--against", "src/customers", "--format", "json"]));
    assert_eq!(uses(&v, "Customer.fullName"), ["src/fragments/CustomerParts.graphql:3"]);
    assert_eq!(
        broken(&v),
        [("query ByEmail".to_string(), vec!["Customer.fullName".to_string()])],
        "{v:#}"
    );
    // NEW's finding is in the fragment's file, and says so.
    let f = &v["impact"][0]["findings"][0];
    assert_eq!(
        (f["code"].as_str(), f["file"].as_str(), f["line"].as_u64()),
        (Some("GQ002"), Some("src/fragments/CustomerParts.graphql"), Some(3)),
        "{f}"
    );
    let human = String::from_utf8_lossy(&diff(&dir, &["--against", "src/customers"]).stdout).to_string();
    assert!(
        human.contains("[GQ002] src/fragments/CustomerParts.graphql:3:3 type `Customer` does not have a field `fullName`"),
        "{human}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn typescript_templates_are_read_typed_ones_too() {
    let dir = repo("ts");
    new_schema(&dir, &["title: String!", "fullName: String!"]);
    let out = diff(
        &dir,
        &["--against", "src/threads.ts", "--format", "json", "--fail-on", "used-breaking"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let v = json(&out);
    assert_eq!(uses(&v, "Thread.title"), ["src/threads.ts:7"]);
    // Through the fragment the template spreads, defined in another file.
    assert_eq!(uses(&v, "Customer.fullName"), ["src/fragments/CustomerParts.graphql:3"]);
    let b = broken(&v);
    assert_eq!(b.len(), 1, "{v:#}");
    assert_eq!(b[0].0, "query Thread");
    let mut causes = b[0].1.clone();
    causes.sort();
    assert_eq!(causes, ["Customer.fullName", "Thread.title"]);
    let human = String::from_utf8_lossy(&diff(&dir, &["--against", "src/threads.ts"]).stdout).to_string();
    assert!(human.contains("used at src/threads.ts:7:"), "{human}");
    assert!(!human.contains("unused by the given paths"), "{human}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn used_breaking_never_passes_a_run_that_could_not_look() {
    let dir = repo("gate");
    new_schema(&dir, &["customerByEmail(email: String!): Customer"]);
    // A path that is not there: exit 2 and PC001, as `check nosuch`.
    let out = diff(&dir, &["--against", "nosuch", "--fail-on", "used-breaking"]);
    assert_eq!(out.status.code(), Some(2));
    let all = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(all.contains("PC001") && all.contains("nosuch"), "{all}");
    // No --against: the gate has nothing to decide by; exit 2 naming the flag.
    let out = diff(&dir, &["--fail-on", "used-breaking"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--fail-on used-breaking needs --against"), "{err}");
    // Paths with nothing to check: PC012, exit 2.
    std::fs::create_dir_all(dir.join("empty")).unwrap();
    let out = diff(&dir, &["--against", "empty", "--fail-on", "used-breaking"]);
    assert_eq!(out.status.code(), Some(2));
    let all = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(all.contains("PC012"), "{all}");
    // Paths whose operations the change does not touch: 0.
    let out = diff(&dir, &["--against", "src/customers/byId.graphql", "--fail-on", "used-breaking"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    let _ = std::fs::remove_dir_all(&dir);
}

/// The library's entry (`schema_impact`) finds what the command line's
/// `schema diff --against` finds: the same broken operations, causes and
/// use sites, the project's fragments resolved from the folder given.
#[test]
fn the_library_finds_the_impact_the_command_line_reports() {
    let dir = repo("library");
    new_schema(&dir, &["customerByEmail(email: String!): Customer", "fullName: String!"]);
    let cli = json(&diff(&dir, &["--against", "src", "--format", "json"]));
    let old = dir.join("schema.graphql").display().to_string();
    let new = dir.join("new.graphql").display().to_string();
    let lib = plain_contract::schema_impact(&old, &new, &[dir.join("src")], &dir, &plain_contract::Settings::default())
        .expect("both schemas load");
    let mut from_lib: Vec<(String, Vec<String>)> = lib
        .impact
        .broken
        .iter()
        .map(|b| {
            let mut c = b.changes.clone();
            c.sort();
            (b.operation.clone(), c)
        })
        .collect();
    let mut from_cli: Vec<(String, Vec<String>)> = broken(&cli)
        .into_iter()
        .map(|(o, mut c)| {
            c.sort();
            (o, c)
        })
        .collect();
    from_lib.sort();
    from_cli.sort();
    assert!(!from_cli.is_empty(), "{cli:#}");
    assert_eq!(from_lib, from_cli);
    assert_eq!(Some(lib.impact.items as u64), cli["summary"]["items"].as_u64(), "{cli:#}");
    // Each change's use sites: the same files (the library's are as given, absolute) and lines.
    for (i, c) in lib.changes.iter().enumerate() {
        let mut l: Vec<String> = lib.impact.uses[i]
            .iter()
            .map(|u| {
                let f = Path::new(&u.file)
                    .strip_prefix(&dir)
                    .map_or(u.file.clone(), |p| p.display().to_string());
                format!("{f}:{}", u.line)
            })
            .collect();
        let mut r = uses(&cli, &c.coordinate);
        l.sort();
        r.sort();
        assert_eq!(l, r, "{}", c.coordinate);
    }
    let _ = std::fs::remove_dir_all(&dir);
}
