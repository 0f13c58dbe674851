//! Small wrong verdicts (issue 25): `--against` finds uses inside JSON
//! inputs; a fragment defined twice in a script gets one verdict; the notes
//! of GQ008 and GQ009 point at the other definition's name.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A fresh folder under target/ holding `files` (path, text).
fn folder(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("small-verdicts").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    for (path, text) in files {
        let p = dir.join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    dir
}

/// The binary's JSON output and exit code, run in `dir`.
fn json(dir: &Path, args: &[&str]) -> (i32, Value) {
    let out = Command::new(env!("CARGO_BIN_EXE_plain-contract"))
        .args(args)
        .args(["--format", "json"])
        .current_dir(dir)
        .output()
        .unwrap();
    let v = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "JSON ({e}): {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out.status.code().unwrap_or(-1), v)
}

/// `(code, file, line, column, notes)` of every finding.
fn findings(v: &Value) -> Vec<(String, String, u64, u64, Vec<String>)> {
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["file"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                d["notes"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|n| n.as_str().unwrap().to_string())
                    .collect(),
            )
        })
        .collect()
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
    let dir = folder(
        "against-json",
        &[
            ("old.graphql", &old),
            ("new.graphql", &new),
            ("in/body.json", body),
            ("in/fixture.yaml", fixture),
            ("in/traffic.har", har),
            ("in/stream.ndjson", ndjson),
        ],
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
    let dir = folder("script-twice", &[("used.ts", &used), ("alone.ts", frags)]);
    let (code, v) = json(&dir, &["check", "--schema", "plain", "used.ts"]);
    let codes: Vec<(String, u64)> = findings(&v).into_iter().map(|f| (f.0, f.2)).collect();
    assert_eq!(code, 1, "{v}");
    assert_eq!(codes, vec![("GQ008".to_string(), 4), ("GQ008".to_string(), 8)], "{v}");
    let (code, v) = json(&dir, &["check", "--schema", "plain", "alone.ts"]);
    let mut codes: Vec<(String, u64)> = findings(&v).into_iter().map(|f| (f.0, f.2)).collect();
    codes.sort();
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
    let dir = folder("script-once", &[("once.ts", once), ("other.graphql", other)]);
    let (code, v) = json(&dir, &["check", "--schema", "plain", "."]);
    let codes: Vec<String> = findings(&v).into_iter().map(|f| f.0).collect();
    assert_eq!((code, codes), (0, vec!["GQ012".to_string(), "GQ012".to_string()]), "{v}");
}

/// GQ008's and GQ009's notes name the other definition at its name, not at
/// the start of the line (1:1 for a definition that opens its file).
#[test]
fn duplicate_notes_point_at_the_other_definitions_name() {
    let dir = folder(
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
    );
    let (_, v) = json(
        &dir,
        &["check", "--schema", "plain", "a.graphql", "b.graphql", "c.graphql", "d.graphql"],
    );
    let all = findings(&v);
    let note = |code: &str, file: &str| {
        all.iter()
            .find(|f| f.0 == code && f.1 == file)
            .unwrap_or_else(|| panic!("{code} in {file}: {v}"))
            .4[0]
            .clone()
    };
    assert_eq!(note("GQ008", "a.graphql"), "also defined at b.graphql:1:10");
    assert_eq!(note("GQ008", "b.graphql"), "also defined at a.graphql:1:10");
    assert_eq!(note("GQ009", "a.graphql"), "also at c.graphql:1:7");
    assert_eq!(note("GQ009", "c.graphql"), "also at a.graphql:2:7");
    // The ambiguous definition in b.graphql is not also "unused".
    assert!(!all.iter().any(|f| f.0 == "GQ007"), "{v}");
}
