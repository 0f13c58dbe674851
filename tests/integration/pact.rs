//! Pact interoperability (docs/pact.md): pacts written by pact-js read and
//! checked by `check` and counted by `coverage`; pact-js writes the committed
//! pacts again; fixtures exported as a Pact V4 file and verified by the Pact
//! verifier against `plain-contract serve` on 127.0.0.1: pact-js's
//! `Verifier` (the Rust pact_verifier core through FFI) and pact_verifier_cli
//! itself (`pact verifier`, prebuilt on npm).

use super::prereq;
use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

const V3: &str = "tests/data/pact/support-widget-plain-customers.json";
const V4: &str = "tests/data/pact/support-dashboard-plain-customers.json";
const MESSAGES: &str = "tests/data/pact/support-widget-events-plain-webhooks.json";

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_plain-contract"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs")
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("stdout is JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)))
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("pc-pact-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

#[test]
fn pacts_written_by_pact_js_are_checked_as_exchanges() {
    let out = run(&["check", "--format", "json", V3, V4, MESSAGES]);
    let report = json(&out);
    assert_eq!(out.status.code(), Some(0), "{report:#}");
    // One exchange per GraphQL interaction, named by its description, placed
    // at the interaction (line:col of its object in the pact).
    let items: Vec<(String, String, u64)> = report["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| {
            (
                i["file"].as_str().unwrap_or_default().to_string(),
                i["name"].as_str().unwrap_or_default().to_string(),
                i["line"].as_u64().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        items,
        [
            (V3.to_string(), "a customerByEmail query for Ada".to_string(), 6),
            (V3.to_string(), "an upsertCustomer mutation that creates Hedy".to_string(), 91),
            (V4.to_string(), "a customers page".to_string(), 6),
        ]
    );
    // The REST interaction and the message pact: skipped, each with a PA001 warning.
    let notes: Vec<(&str, &str, &str)> = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or_default(),
                d["file"].as_str().unwrap_or_default(),
                d["pointer"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        notes,
        [("PA001", V4, "/interactions"), ("PA001", MESSAGES, "/messages")],
        "{report:#}"
    );
    assert_eq!(
        report["diagnostics"][0]["notes"][0].as_str(),
        Some("skipped: GET /healthz \"a health check\"")
    );
}

#[test]
fn a_broken_pact_interaction_points_into_the_pact() {
    // The V4 pact with one value changed: the finding names the pact, the
    // pointer into the V4 body's `content`, and the line:col of the value.
    let dir = scratch("broken");
    let text = std::fs::read_to_string(V4).expect("the V4 pact");
    let broken = text.replacen("\"hasNextPage\": false", "\"hasNextPage\": \"no\"", 1);
    assert_ne!(text, broken);
    let file = dir.join("dashboard.json");
    std::fs::write(&file, &broken).expect("write");
    let out = run(&["check", "--format", "json", &file.display().to_string()]);
    assert_eq!(out.status.code(), Some(1));
    let report = json(&out);
    let d = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| d["code"] == "GR005")
        .unwrap_or_else(|| panic!("a GR005: {report:#}"));
    assert_eq!(
        d["pointer"].as_str(),
        Some("/interactions/0/response/body/content/data/customers/pageInfo/hasNextPage")
    );
    let line = broken
        .lines()
        .position(|l| l.contains("\"hasNextPage\": \"no\""))
        .expect("the line")
        + 1;
    assert_eq!(d["line"].as_u64(), Some(line as u64));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn coverage_counts_what_pact_interactions_exercise() {
    let out = run(&["coverage", "--format", "json", V3]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let report = json(&out);
    assert_eq!(report["inputs"]["exchanges"], 2, "{:#}", report["inputs"]);
    // Selected by an exchange's query, and present in its response.
    let seen = |coordinate: &str| {
        report["coordinates"]
            .as_array()
            .expect("coordinates")
            .iter()
            .find(|c| c["coordinate"] == coordinate)
            .map(|c| {
                (
                    c["selected"].as_u64().unwrap_or_default(),
                    c["responses"].as_u64().unwrap_or_default(),
                )
            })
    };
    assert_eq!(seen("Query.customerByEmail"), Some((1, 1)));
    assert_eq!(seen("Mutation.upsertCustomer"), Some((1, 1)));
    assert_eq!(seen("Query.customers"), Some((0, 0)));
}

/// pact-js 17.1.4 run now writes the pacts committed in tests/data/pact
/// (tests/pact/consumer.mjs: GraphQLPactV3, PactV4.addGraphQLInteraction, a
/// REST interaction and a message pact, each against pact's mock server).
#[test]
fn pact_js_writes_the_committed_pacts() {
    let Some(dir) = prereq::pact_js() else { return };
    let out_dir = scratch("consumer");
    let out = Command::new("node")
        .arg(dir.join("consumer.mjs"))
        .arg(&out_dir)
        .current_dir(&dir)
        .env("PACT_DO_NOT_TRACK", "true")
        .output()
        .expect("node runs");
    assert!(
        out.status.success(),
        "consumer.mjs failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    for file in [V3, V4, MESSAGES] {
        let name = Path::new(file).file_name().expect("name");
        let read = |p: &Path| -> Value {
            serde_json::from_str(&std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))).expect("JSON")
        };
        assert_eq!(
            read(&out_dir.join(name)),
            read(Path::new(file)),
            "pact-js wrote another {file}: regenerate with `node tests/pact/consumer.mjs tests/data/pact`"
        );
    }
    let _ = std::fs::remove_dir_all(&out_dir);
}

/// `plain-contract serve` on a free loopback port, seeded; killed on drop.
struct Serve {
    child: Child,
    url: String,
}

impl Serve {
    fn start(seed: &str) -> Serve {
        let mut child = Command::new(env!("CARGO_BIN_EXE_plain-contract"))
            .args(["serve", "--listen", "127.0.0.1:0", "--seed-data", seed])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("serve starts");
        let mut line = String::new();
        BufReader::new(child.stderr.take().expect("stderr"))
            .read_line(&mut line)
            .expect("serve says where it listens");
        let start = line.find("http://").unwrap_or_else(|| panic!("no URL in: {line}"));
        let url = line[start..].split_whitespace().next().unwrap_or_default();
        let base = url.trim_end_matches("/graphql/v1").to_string();
        Serve { child, url: base }
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn verify(dir: &Path, pact: &Path, url: &str) -> Output {
    Command::new("node")
        .arg(dir.join("verify.mjs"))
        .arg(pact)
        .arg(url)
        .current_dir(dir)
        // serve's development key, given the way the verifier takes a key.
        .env("PLAIN_API_KEY", "plainApiKey_dev")
        .env("PACT_DO_NOT_TRACK", "true")
        .output()
        .expect("node runs")
}

/// `pact export PATH --consumer web-app --provider plain-customers --out PACT`.
fn export(path: &str, pact: &Path) -> Output {
    let out = pact.display().to_string();
    run(&[
        "pact",
        "export",
        path,
        "--consumer",
        "web-app",
        "--provider",
        "plain-customers",
        "--out",
        &out,
    ])
}

#[test]
fn exported_fixtures_are_verified_by_the_pact_verifier_against_serve() {
    let dir = scratch("export");
    let pact = dir.join("web-app-plain-customers.json");
    let out = export("tests/data/pact/fixtures", &pact);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let text = std::fs::read_to_string(&pact).expect("the pact was written");
    let doc: Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(doc["metadata"]["pactSpecification"]["version"], "4.0");
    assert_eq!(doc["interactions"].as_array().map(Vec::len), Some(3));
    assert!(
        !text.to_ascii_lowercase().contains("authorization"),
        "no credential header is written"
    );
    // The id and timestamps differ from serve's: type matchers, not values.
    let rules = &doc["interactions"][0]["response"]["matchingRules"]["body"];
    assert!(rules["$.data.customerByEmail.id"].is_object(), "{rules:#}");
    assert!(rules["$.data.customerByEmail.createdAt.iso8601"].is_object(), "{rules:#}");
    // The exported pact is itself an input `check` takes, and clean.
    let back = run(&["check", &pact.display().to_string()]);
    assert_eq!(back.status.code(), Some(0), "{}", String::from_utf8_lossy(&back.stdout));

    let Some(js) = prereq::pact_js() else { return };
    // A pact that expects another name: the verifier must fail it (against a
    // fresh server: the pact's upsert changes the store).
    let mut wrong = doc.clone();
    wrong["interactions"] = Value::Array(vec![doc["interactions"][0].clone()]);
    wrong["interactions"][0]["response"]["body"]["content"]["data"]["customerByEmail"]["fullName"] = "Ada Byron".into();
    let wrong_file = dir.join("wrong.json");
    std::fs::write(&wrong_file, serde_json::to_string_pretty(&wrong).expect("JSON")).expect("write");
    {
        let serve = Serve::start("tests/data/pact/seed.yaml");
        let failed = verify(&js, &wrong_file, &serve.url);
        let said = format!(
            "{}{}",
            String::from_utf8_lossy(&failed.stdout),
            String::from_utf8_lossy(&failed.stderr)
        );
        assert_eq!(failed.status.code(), Some(1), "{said}");
        assert!(said.contains("Ada Byron"), "the verifier names the difference: {said}");
    }
    let serve = Serve::start("tests/data/pact/seed.yaml");
    let ok = verify(&js, &pact, &serve.url);
    let said = format!("{}{}", String::from_utf8_lossy(&ok.stdout), String::from_utf8_lossy(&ok.stderr));
    assert_eq!(ok.status.code(), Some(0), "{said}");
    for d in [
        "customerByEmail finds Ada",
        "upsertCustomer creates Hedy",
        "customer that does not exist is null",
    ] {
        assert!(said.contains(d), "{d} was verified: {said}");
    }
    assert!(!said.contains("plainApiKey_dev"), "the key is never printed");
    let _ = std::fs::remove_dir_all(&dir);
}

/// `pact verifier` (pact_verifier_cli) against `serve` at `base`
/// (`http://127.0.0.1:PORT`), with serve's development key as a header.
fn pact_verifier_cli(cli: &Path, pact: &Path, base: &str) -> (Option<i32>, String) {
    let port = base.rsplit(':').next().unwrap_or_default();
    let out = Command::new(cli)
        .arg("verifier")
        .arg("--file")
        .arg(pact)
        .args(["--hostname", "127.0.0.1", "--port", port, "--provider-name", "plain-customers"])
        .args(["--header", "Authorization=Bearer plainApiKey_dev", "--no-colour"])
        .env("PACT_DO_NOT_TRACK", "true")
        .output()
        .expect("pact verifier runs");
    let said = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    (out.status.code(), said)
}

#[test]
fn exported_fixtures_are_verified_by_pact_verifier_cli_against_serve() {
    let Some(cli) = prereq::pact_verifier_cli() else { return };
    let dir = scratch("verifier-cli");
    let pact = dir.join("web-app-plain-customers.json");
    let out = export("tests/data/pact/fixtures", &pact);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    // It is pact_verifier_cli that runs.
    let version = Command::new(&cli).args(["verifier", "--version"]).output().expect("runs");
    assert!(
        String::from_utf8_lossy(&version.stdout).contains("pact verifier version"),
        "{}",
        String::from_utf8_lossy(&version.stdout)
    );
    {
        let serve = Serve::start("tests/data/pact/seed.yaml");
        let (code, said) = pact_verifier_cli(&cli, &pact, &serve.url);
        assert_eq!(code, Some(0), "{said}");
        for d in [
            "customerByEmail finds Ada",
            "upsertCustomer creates Hedy",
            "customer that does not exist is null",
        ] {
            assert!(said.contains(d), "{d} was verified: {said}");
        }
        assert!(!said.contains("FAILED"), "{said}");
    }
    // Tampered: the pact expects another name, and a status serve does not give.
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&pact).expect("pact")).expect("JSON");
    let mut wrong = doc.clone();
    wrong["interactions"] = Value::Array(vec![doc["interactions"][0].clone(), doc["interactions"][2].clone()]);
    wrong["interactions"][0]["response"]["body"]["content"]["data"]["customerByEmail"]["fullName"] = "Ada Byron".into();
    wrong["interactions"][1]["response"]["status"] = 404.into();
    let wrong_file = dir.join("wrong.json");
    std::fs::write(&wrong_file, serde_json::to_string_pretty(&wrong).expect("JSON")).expect("write");
    let serve = Serve::start("tests/data/pact/seed.yaml");
    let (code, said) = pact_verifier_cli(&cli, &wrong_file, &serve.url);
    assert_eq!(code, Some(1), "{said}");
    assert!(
        said.contains("$.data.customerByEmail.fullName") && said.contains("Ada Byron"),
        "the verifier names the body difference: {said}"
    );
    assert!(said.contains("expected 404 but was 200"), "and the status: {said}");
    assert!(said.contains("There were 2 pact failures"), "{said}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn pact_export_refuses_exchanges_that_break_the_contract() {
    let dir = scratch("refuse");
    let pact = dir.join("p.json");
    let out = export("tests/corpus/exchanges/invalid/gr006-upsert-result-inserted.yaml", &pact);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("GR006"));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no pact written"));
    assert!(!pact.exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn pact_export_leaves_out_recorded_rejections_and_keeps_a_429_s_limits() {
    let dir = scratch("rejections");
    let pact = dir.join("p.json");
    let out = export("fixtures/http", &pact);
    let said = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{said}");
    for f in [
        "200-validation-failed",
        "400-malformed-json",
        "400-missing-query",
        "401-missing-key",
    ] {
        assert!(
            said.contains(&format!(
                "left out: fixtures/http/{f}.yaml: a recorded rejection (expect: rejected)"
            )),
            "{f}: {said}"
        );
    }
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&pact).expect("written")).expect("JSON");
    let statuses: Vec<u64> = doc["interactions"]
        .as_array()
        .expect("interactions")
        .iter()
        .filter_map(|i| i["response"]["status"].as_u64())
        .collect();
    assert_eq!(statuses, [403, 429]);
    let limited = &doc["interactions"][1]["response"];
    assert_eq!(limited["headers"]["x-ratelimit-remaining"], serde_json::json!(["0"]));
    assert!(limited["matchingRules"]["header"]["x-ratelimit-reset"].is_object(), "{limited:#}");
    // What is written passes `check` (PL007 needs the limits).
    let back = run(&["check", &pact.display().to_string()]);
    assert_eq!(back.status.code(), Some(0), "{}", String::from_utf8_lossy(&back.stdout));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_pact_on_stdin_is_read_as_one_document() {
    use std::io::Write;
    // Minified (one line, as `jq -c` writes it) and pretty-printed.
    let pretty = std::fs::read_to_string(V3).expect("the V3 pact");
    let one_line = serde_json::to_string(&serde_json::from_str::<Value>(&pretty).expect("JSON")).expect("JSON");
    for text in [one_line, pretty] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_plain-contract"))
            .args(["check", "--format", "json", "-"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("the binary runs");
        child.stdin.take().expect("stdin").write_all(text.as_bytes()).expect("write");
        let out = child.wait_with_output().expect("it ends");
        let report = json(&out);
        assert_eq!(out.status.code(), Some(0), "{report:#}");
        assert_eq!(report["summary"]["items"], 2, "{report:#}");
    }
}
