//! One front door: the library's `ProjectRun` runs a project exactly as the
//! command line does (same JSON, on tests/client-repo and Plain's SDK
//! layout); schemas come from where teams keep them (a graphql-config URL
//! that `--schema` or `[check] schema` overrides without fetching it, an SDL
//! file's URL fetched with GET, `codegen.ts`/`codegen.yml`), `--project
//! all`, `--header` on `check` (against `serve`, never printed), and
//! `config show` in a graphql-config project.

use plain_contract::serve::{self, ApiKey, Options, Store};
use plain_contract::{Code, Contract, Expect, Format, ProjectRun, Settings};
use serde_json::Value;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};
use std::time::Duration;

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_plain-contract"));
    c.env("NO_COLOR", "1");
    c
}

fn text(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

/// A fresh folder under the target directory.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("front-door").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

fn write(dir: &Path, name: &str, text: &str) {
    let p = dir.join(name);
    std::fs::create_dir_all(p.parent().expect("a parent")).expect("folder");
    std::fs::write(p, text).expect("write");
}

/// A loopback server that records each request (method, path and headers)
/// and answers every one with `status`, `content_type` and `body`.
struct Recorder {
    url: String,
    seen: Arc<Mutex<Vec<String>>>,
}

fn recorder(status: &'static str, content_type: &'static str, body: String) -> Recorder {
    let l = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
    let addr = l.local_addr().expect("its address");
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    std::thread::spawn(move || {
        for s in l.incoming() {
            let Ok(mut s) = s else { continue };
            let _ = s.set_read_timeout(Some(Duration::from_secs(5)));
            let mut buf = Vec::new();
            let mut chunk = [0u8; 4096];
            while let Ok(n) = s.read(&mut chunk) {
                if n == 0 {
                    break;
                }
                buf.extend_from_slice(&chunk[..n]);
                if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                    let head = String::from_utf8_lossy(&buf[..end]).to_string();
                    let len: usize = head
                        .to_ascii_lowercase()
                        .lines()
                        .find_map(|l| l.strip_prefix("content-length:").map(|v| v.trim().parse().unwrap_or(0)))
                        .unwrap_or(0);
                    if buf.len() >= end + 4 + len {
                        break;
                    }
                }
            }
            let head = String::from_utf8_lossy(&buf)
                .lines()
                .take_while(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join("\n");
            log.lock().expect("log").push(head);
            let _ = s.write_all(
                format!(
                    "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                )
                .as_bytes(),
            );
        }
    });
    Recorder {
        url: format!("http://{addr}"),
        seen,
    }
}

impl Recorder {
    fn requests(&self) -> Vec<String> {
        self.seen.lock().expect("log").clone()
    }
}

const SCHEMA_SDL: &str = include_str!("../../specs/plain-support-schema.graphql");

/// The JSON report of `check` run in `dir` with `args`.
fn json_in(dir: &Path, args: &[&str]) -> (Option<i32>, Value, String) {
    let out = bin()
        .current_dir(dir)
        .arg("check")
        .args(args)
        .args(["--format", "json"])
        .output()
        .expect("runs");
    let v = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (out.status.code(), v, text(&out))
}

/// `codes` of a JSON report's findings.
fn codes(v: &Value) -> Vec<String> {
    v["diagnostics"]
        .as_array()
        .map(|a| a.iter().map(|d| d["code"].as_str().unwrap_or("").to_string()).collect())
        .unwrap_or_default()
}

/// The library run in `dir`, its JSON report with paths made relative to
/// `dir` (as the CLI run there shows them).
fn library_json(dir: &Path) -> (i32, Value) {
    let done = ProjectRun::new().dir(dir).run().expect("the project is usable");
    let cwd = std::env::current_dir().expect("cwd");
    let rel = dir.strip_prefix(&cwd).unwrap_or(dir);
    let prefix = format!("{}/", rel.display());
    let json = done.render(Format::Json).replace(&prefix, "");
    (done.exit_code(), serde_json::from_str(&json).expect("JSON"))
}

#[test]
fn the_library_runs_a_graphql_config_project_as_the_cli_does() {
    let dir = Path::new("tests/client-repo");
    let (cli_code, cli, all) = json_in(dir, &[]);
    let (lib_code, lib) = library_json(dir);
    assert_eq!(Some(lib_code), cli_code, "{all}");
    assert!(cli["summary"]["items"].as_u64().unwrap_or(0) >= 5, "{all}");
    assert_eq!(lib, cli, "library and CLI differ");
    // The same with a file named (a pre-commit run): fragments from the whole project.
    let one = "src/customers/getCustomer.graphql";
    let (cli_code, cli, all) = json_in(dir, &[one]);
    let done = ProjectRun::new().dir(dir).files([dir.join(one)]).run().expect("usable");
    let lib: Value = serde_json::from_str(&done.render(Format::Json).replace("tests/client-repo/", "")).expect("JSON");
    assert_eq!(Some(done.exit_code()), cli_code, "{all}");
    assert_eq!(lib["diagnostics"], cli["diagnostics"]);
    assert_eq!(lib["summary"], cli["summary"]);
}

/// Copies a folder tree (files and folders only).
fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("folder");
    for e in std::fs::read_dir(from).expect("readable").flatten() {
        let (src, dst) = (e.path(), to.join(e.file_name()));
        if src.is_dir() {
            copy_tree(&src, &dst);
        } else {
            std::fs::copy(&src, &dst).expect("copy");
        }
    }
}

/// Plain's SDK layout (benches/sdk/fetch.sh: 577 operations, fragments in
/// their own files) as a client repository: a graphql-config, then a
/// codegen.ts as Plain's SDK has it (the schema's SDL URL, served here on
/// loopback, and document globs).
#[test]
fn the_library_runs_plains_sdk_layout_as_the_cli_does() {
    // Under CI a missing layout fails the test (tests/support/prereq.rs).
    let Some(layout) = crate::prereq::plain_sdk() else { return };
    let dir = scratch("sdk");
    copy_tree(&layout, &dir);
    write(&dir, "graphql.config.yml", "schema: plain\ndocuments: '**/*.{graphql,gql}'\n");
    let (cli_code, cli, all) = json_in(&dir, &[]);
    let (lib_code, lib) = library_json(&dir);
    assert_eq!(Some(lib_code), cli_code, "{all}");
    let ops = cli["items"]
        .as_array()
        .map_or(0, |a| a.iter().filter(|i| i["kind"] == "operation").count());
    assert_eq!(ops, 577, "{}", cli["summary"]);
    assert_eq!(lib, cli, "library and CLI differ");
    // The same project as a codegen.ts names it, the schema by its SDL URL.
    let server = recorder("200 OK", "text/plain", include_str!("../../specs/plain-schema.graphql").to_string());
    std::fs::remove_file(dir.join("graphql.config.yml")).expect("rm");
    let url = format!("{}/graphql/v1/schema.graphql", server.url);
    write(
        &dir,
        "codegen.ts",
        &CODEGEN_TS.replace("SCHEMA", &url).replace(
            "'src/graphql/queries/*.gql', 'src/graphql/fragments/*.gql'",
            "'**/*.graphql', '**/*.gql'",
        ),
    );
    let (code, from_codegen, all) = json_in(&dir, &[]);
    assert_eq!(code, cli_code, "{all}");
    assert_eq!(
        from_codegen["diagnostics"], cli["diagnostics"],
        "codegen.ts and graphql-config differ"
    );
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn a_project_schema_url_is_overridden_without_being_fetched() {
    let server = recorder("200 OK", "application/graphql", SCHEMA_SDL.to_string());
    let dir = scratch("url-override");
    write(
        &dir,
        ".graphqlrc.yml",
        &format!("schema: {}/graphql/v1/schema.graphql\ndocuments: 'ops/*.graphql'\n", server.url),
    );
    write(&dir, "ops/Workspace.graphql", "query Workspace { myWorkspace { id name } }\n");
    // --schema plain wins: the project's URL is never asked.
    let (code, v, all) = json_in(&dir, &["--schema", "plain"]);
    assert_eq!(code, Some(0), "{all}");
    assert_eq!(v["summary"]["items"], 1, "{all}");
    // So does [check] schema.
    write(&dir, "plain-contract.toml", "[check]\nschema = \"plain\"\n");
    let (code, _, all) = json_in(&dir, &[]);
    assert_eq!(code, Some(0), "{all}");
    assert!(server.requests().is_empty(), "fetched: {:?}", server.requests());
    // Without either, the project's URL is the schema: its SDL, by GET (the
    // Customers API schema has no `myWorkspace`).
    std::fs::remove_file(dir.join("plain-contract.toml")).expect("rm");
    let (code, v, all) = json_in(&dir, &[]);
    assert_eq!(code, Some(1), "{all}");
    assert_eq!(codes(&v), vec!["GQ002"], "{all}");
    let seen = server.requests();
    assert_eq!(seen.len(), 1, "{seen:?}");
    assert!(seen[0].starts_with("GET /graphql/v1/schema.graphql "), "{seen:?}");
    // Headers graphql-config gives the URL, `${VAR}` from the environment.
    write(
        &dir,
        ".graphqlrc.yml",
        &format!(
            "schema:\n  - {}/graphql/v1/schema.graphql:\n      headers:\n        Authorization: Bearer ${{PC_FRONT_TOKEN}}\n        X-Unset: ${{PC_FRONT_UNSET}}\ndocuments: 'ops/*.graphql'\n",
            server.url
        ),
    );
    let out = bin()
        .current_dir(&dir)
        .env("PC_FRONT_TOKEN", "tok_sekret_77")
        .env_remove("PC_FRONT_UNSET")
        .arg("check")
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(!text(&out).contains("tok_sekret_77"), "{}", text(&out));
    let seen = server.requests();
    assert_eq!(seen.len(), 2, "{seen:?}");
    assert!(
        seen[1].contains("Bearer tok_sekret_77") && !seen[1].to_ascii_lowercase().contains("x-unset"),
        "{seen:?}"
    );
}

#[test]
fn an_sdl_url_is_fetched_with_get_and_headers_are_sent_never_shown() {
    let server = recorder("200 OK", "text/plain; charset=utf-8", SCHEMA_SDL.to_string());
    let url = format!("{}/graphql/v1/schema.graphql?v=1", server.url);
    let dir = scratch("sdl-url");
    write(&dir, "ok.graphql", "query { customers(first: 1) { edges { node { id } } } }\n");
    let out = bin()
        .current_dir(&dir)
        .args([
            "check",
            "ok.graphql",
            "--schema",
            &url,
            "--header",
            "X-Api-Key: sekret_value_123456",
            "--verbose",
        ])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(!text(&out).contains("sekret_value_123456"), "{}", text(&out));
    let seen = server.requests();
    assert_eq!(seen.len(), 1, "{seen:?}");
    assert!(seen[0].starts_with("GET /graphql/v1/schema.graphql?v=1 "), "{seen:?}");
    assert!(seen[0].to_ascii_lowercase().contains("x-api-key: sekret_value_123456"), "{seen:?}");
    // `schema diff` takes it the same way (no change against itself).
    let out = bin().args(["schema", "diff", &url, "customers"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    // The configuration's headers too, named but never shown by `config show`.
    write(
        &dir,
        "plain-contract.toml",
        &format!("[contract]\nschema = \"{url}\"\nschema_headers = [\"X-Workspace: ws_sekret_42\"]\n"),
    );
    let out = bin().current_dir(&dir).args(["check", "ok.graphql"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(
        server.requests().last().is_some_and(|r| r.contains("ws_sekret_42")),
        "{:?}",
        server.requests()
    );
    let out = bin().current_dir(&dir).args(["config", "show"]).output().expect("runs");
    assert!(
        text(&out).contains("X-Workspace") && !text(&out).contains("ws_sekret_42"),
        "{}",
        text(&out)
    );
}

#[test]
fn an_sdl_url_that_answers_html_or_broken_sdl_is_one_clear_error() {
    let html = recorder("200 OK", "text/html", "<!doctype html><p>Log in</p>".to_string());
    let broken = recorder("200 OK", "application/graphql", "type Query { a: }".to_string());
    for (server, expect) in [(&html, "HTML page"), (&broken, "not valid SDL")] {
        let url = format!("{}/schema.graphql", server.url.replace("http://", "http://user:pw_sekret@"));
        let (code, v, all) = json_in(Path::new("."), &["--schema", &url, "fixtures/customers"]);
        assert_eq!(code, Some(2), "{all}");
        assert_eq!(codes(&v), vec!["GS003"], "{all}");
        let d = &v["diagnostics"][0];
        assert!(d["message"].as_str().unwrap_or("").contains(expect), "{all}");
        assert_eq!(d["file"], format!("{}/schema.graphql", server.url), "the URL, without credentials");
        assert!(!all.contains("pw_sekret"), "{all}");
    }
}

#[test]
fn check_takes_header_against_serve() {
    let opts = Options {
        listen: "127.0.0.1:0".parse().expect("addr"),
        keys: vec![ApiKey::parse("k_front_door=*", 0).expect("key")],
        ..Options::default()
    };
    let running = serve::start(Contract::embedded().expect("contract"), Store::new(), opts).expect("server starts");
    let url = running.url();
    let args = ["check", "--schema", url.as_str(), "fixtures/customers"];
    let out = bin()
        .args(args)
        .args(["--header", "Authorization: Bearer k_front_door"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(!text(&out).contains("k_front_door"), "{}", text(&out));
    // Without it, serve refuses: 401, exit 2.
    let out = bin().args(args).output().expect("runs");
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("401"), "{}", text(&out));
    // A header without a colon: exit 2, naming the flag.
    let out = bin().args(args).args(["--header", "Bearer k_front_door"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("--header"), "{}", text(&out));
    assert!(!String::from_utf8_lossy(&out.stdout).contains("k_front_door"));
    // The library takes the same header.
    let done = ProjectRun::new()
        .schema(url.as_str())
        .files(["fixtures/customers"])
        .header("Authorization", "Bearer k_front_door")
        .run()
        .expect("usable");
    assert_eq!(done.exit_code(), 0, "{}", done.render(Format::Human));
    drop(running);
}

/// A codegen.ts as GraphQL Code Generator users (Plain's SDK among them) write it.
const CODEGEN_TS: &str = r#"import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  overwrite: true,
  schema: 'SCHEMA',
  documents: ['src/graphql/queries/*.gql', 'src/graphql/fragments/*.gql'],
  generates: {
    './src/graphql/types.ts': {
      plugins: ['typescript', 'typescript-operations', 'typed-document-node'],
      config: { scalars: { DateTime: 'string' } },
    },
  },
};

export default config;
"#;

#[test]
fn codegen_configs_are_read_and_computed_values_are_named() {
    let server = recorder("200 OK", "application/graphql", SCHEMA_SDL.to_string());
    let dir = scratch("codegen-ts");
    let url = format!("{}/graphql/v1/schema.graphql", server.url);
    write(&dir, "codegen.ts", &CODEGEN_TS.replace("SCHEMA", &url));
    write(
        &dir,
        "src/graphql/fragments/CustomerParts.gql",
        "fragment CustomerParts on Customer { id fullName }\n",
    );
    write(
        &dir,
        "src/graphql/queries/customer.gql",
        "query Customer($id: ID!) { customer(customerId: $id) { ...CustomerParts nickname } }\n",
    );
    let (code, v, all) = json_in(&dir, &[]);
    assert_eq!(code, Some(1), "{all}");
    assert_eq!(codes(&v), vec!["GQ002"], "the documents against the codegen schema: {all}");
    assert_eq!(server.requests().len(), 1);
    // The same as codegen.yml.
    std::fs::remove_file(dir.join("codegen.ts")).expect("rm");
    write(
        &dir,
        "codegen.yml",
        &format!("schema: {url}\ngenerates:\n  src/types.ts:\n    documents: 'src/graphql/**/*.gql'\n    plugins: [typescript]\n"),
    );
    let (code, v, all) = json_in(&dir, &[]);
    assert_eq!((code, codes(&v)), (Some(1), vec!["GQ002".to_string()]), "{all}");
    // Computed values: a finding at their place naming the [check] key.
    std::fs::remove_file(dir.join("codegen.yml")).expect("rm");
    write(
        &dir,
        "codegen.ts",
        "export default { schema: process.env.SCHEMA_URL!, documents: ['src/graphql/**/*.gql'] };\n",
    );
    let (code, v, all) = json_in(&dir, &[]);
    assert_eq!(code, Some(2), "{all}");
    assert_eq!(codes(&v), vec!["PC013"], "{all}");
    let d = &v["diagnostics"][0];
    assert_eq!(
        (d["file"].as_str(), d["line"].as_u64(), d["column"].as_u64()),
        (Some("codegen.ts"), Some(1), Some(26)),
        "{all}"
    );
    assert!(d["notes"].to_string().contains("[check] schema"), "{all}");
    // Setting that key is enough.
    write(&dir, "plain-contract.toml", "[check]\nschema = \"customers\"\n");
    let (code, v, all) = json_in(&dir, &[]);
    assert_eq!((code, codes(&v)), (Some(1), vec!["GQ002".to_string()]), "{all}");
}

#[test]
fn every_project_in_one_run_and_unknown_names_listed() {
    let dir = scratch("all-projects");
    write(
        &dir,
        "graphql.config.yml",
        "projects:\n  support:\n    schema: customers\n    documents: 'support/*.graphql'\n  admin:\n    schema: plain\n    documents: 'admin/*.graphql'\n",
    );
    write(
        &dir,
        "support/Customers.graphql",
        "query Customers { customers(first: 1) { edges { node { id } } } }\n",
    );
    write(&dir, "admin/Workspace.graphql", "query Workspace { myWorkspace { id } }\n");
    let (code, v, all) = json_in(&dir, &["--project", "all"]);
    assert_eq!(code, Some(0), "each project against its own schema: {all}");
    let names: Vec<&str> = v["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|i| i["name"].as_str())
        .collect();
    assert_eq!(names, vec!["query Customers", "query Workspace"], "{all}");
    // One project alone, and the other's operation against the wrong schema.
    let (code, _, all) = json_in(&dir, &["--project", "admin"]);
    assert_eq!(code, Some(0), "{all}");
    let (code, v, all) = json_in(&dir, &["--project", "support", "admin/Workspace.graphql"]);
    assert_eq!((code, codes(&v)), (Some(1), vec!["GQ002".to_string()]), "{all}");
    // A name that is no project: exit 2 with the names there are.
    let (code, v, all) = json_in(&dir, &["--project", "suport"]);
    assert_eq!(code, Some(2), "{all}");
    let d = &v["diagnostics"][0];
    assert_eq!(d["code"], "PC013");
    let msg = d["message"].as_str().unwrap_or("");
    assert!(msg.contains("support") && msg.contains("admin"), "{all}");
    assert!(d["notes"].to_string().contains("did you mean `support`"), "{all}");
}

#[test]
fn config_show_prints_the_projects_schema_and_documents() {
    let out = bin()
        .current_dir("tests/client-repo")
        .args(["config", "show"])
        .output()
        .expect("runs");
    let shown = text(&out);
    assert_eq!(out.status.code(), Some(0), "{shown}");
    assert!(shown.contains("schema = \"schema.graphql\""), "{shown}");
    assert!(shown.contains("documents = [\"src/**/*.graphql\", \"web/**/*.ts\"]"), "{shown}");
    assert!(shown.contains("from graphql.config.yml"), "{shown}");
}

#[test]
fn settings_take_an_expect_users_can_name() {
    let s = Settings::default().with_expect(Some(Expect::Rejected));
    assert_eq!(s.expect_for(Path::new("any.yaml")), Some(Expect::Rejected));
    let checker = plain_contract::Checker::builder()
        .settings(Settings::default().with_severity(Code::OperationInvalid, plain_contract::Level::Warn))
        .schema_files([
            "tests/corpus/schema-sources/ok/merged/a.graphql",
            "tests/corpus/schema-sources/ok/merged/b.graphql",
        ])
        .build()
        .expect("two SDL files, one schema");
    let o = checker.check_text("q.graphql", "query { nosuchField }");
    assert_eq!(o.counts(), (0, 1), "the override makes it a warning");
}

#[test]
fn schema_pull_and_diff_have_library_entries_that_match_the_cli() {
    let sdl = plain_contract::pull_schema("customers", &Settings::default()).expect("built-in schema");
    let out = bin().args(["schema", "pull", "--url", "customers"]).output().expect("runs");
    assert_eq!(String::from_utf8_lossy(&out.stdout), sdl);
    let changes = plain_contract::diff_schemas("plain", "customers", &Settings::default()).expect("both load");
    let out = bin()
        .args(["schema", "diff", "plain", "customers", "--format", "json"])
        .output()
        .expect("runs");
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let cli: Vec<(String, String)> = v["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .map(|c| {
            (
                c["criticality"].as_str().unwrap_or("").to_string(),
                c["coordinate"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    let lib: Vec<(String, String)> = changes
        .iter()
        .map(|c| (c.criticality.as_str().to_string(), c.coordinate.clone()))
        .collect();
    assert!(lib.iter().any(|c| c.0 == "breaking"), "removing most of Plain's schema breaks");
    assert_eq!(lib, cli);
    let err = plain_contract::diff_schemas("nosuch.graphql", "customers", &Settings::default()).expect_err("no file");
    assert_eq!(err.diagnostics[0].file, "nosuch.graphql");
}

/// A graphql-config `${VAR}` in the schema URL's headers that the
/// environment does not set is sent empty; when the server then refuses,
/// the GS003 names the variable (the 401 alone sends the user to
/// `--header` and `schema_token_env`, not to the variable they forgot).
#[test]
fn an_unset_header_variable_is_named_when_the_schema_url_refuses() {
    let server = recorder(
        "401 Unauthorized",
        "application/json",
        r#"{"errors":[{"message":"no key","extensions":{"code":"UNAUTHENTICATED"}}]}"#.to_string(),
    );
    let dir = scratch("unset-header-var");
    write(&dir, "ops/a.graphql", "query A { customers(first: 1) { edges { node { id } } } }\n");
    write(
        &dir,
        "graphql.config.yml",
        &format!(
            "schema:\n  - {}/graphql/v1:\n      headers:\n        Authorization: Bearer ${{PC_UNSET_KEY_41}}\ndocuments: 'ops/*.graphql'\n",
            server.url
        ),
    );
    let out = bin()
        .current_dir(&dir)
        .env_remove("PC_UNSET_KEY_41")
        .args(["check", "--format", "json"])
        .output()
        .expect("runs");
    let all = text(&out);
    assert_eq!(out.status.code(), Some(2), "{all}");
    let v: Value = serde_json::from_slice(&out.stdout).expect("a JSON report");
    assert_eq!(codes(&v), vec!["GS003"], "{all}");
    let notes = v["diagnostics"][0]["notes"].to_string();
    assert!(
        notes.contains("PC_UNSET_KEY_41") && notes.contains("not set"),
        "the note names the unset variable: {all}"
    );
    // Set, it is not named.
    let out = bin()
        .current_dir(&dir)
        .env("PC_UNSET_KEY_41", "tok_wrong_1")
        .args(["check", "--format", "json"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(!text(&out).contains("PC_UNSET_KEY_41"), "{}", text(&out));
    assert!(!text(&out).contains("tok_wrong_1"), "{}", text(&out));
}
