//! Project files beyond the client-repo fixture: a schema made of several
//! SDL files (a graphql-config glob), glob walks through a symbolic-link
//! loop and out of the repository (bounded), the note naming `--schema
//! plain`, and `--version --verbose`.

use serde_json::Value;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_plain-contract"));
    c.env("NO_COLOR", "1");
    c
}

/// Runs in `dir`, killed after a 60 s timeout (a hang fails the test instead
/// of stalling it). Its output is read while it runs: a child blocked on a
/// full pipe (64 KiB) would otherwise never exit.
fn run_in(dir: &Path, args: &[&str]) -> Output {
    let mut child = bin()
        .args(args)
        .args(["--format", "json"])
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let drain = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            if let Some(mut p) = pipe {
                let _ = p.read_to_end(&mut buf);
            }
            buf
        })
    };
    let stdout = drain(child.stdout.take().map(|p| Box::new(p) as Box<dyn Read + Send>));
    let stderr = drain(child.stderr.take().map(|p| Box::new(p) as Box<dyn Read + Send>));
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if start.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("timeout: `check` in {} was still running after 60 s", dir.display());
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Output {
        status,
        stdout: stdout.join().expect("stdout reader"),
        stderr: stderr.join().expect("stderr reader"),
    }
}

fn fresh(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("project").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
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

#[test]
fn a_schema_glob_of_several_sdl_files_is_one_schema() {
    let dir = fresh("multi-file-schema");
    std::fs::create_dir_all(dir.join("schema")).unwrap();
    std::fs::create_dir_all(dir.join("ops")).unwrap();
    std::fs::write(
        dir.join("schema/base.graphql"),
        "type Query {\n  customer(id: ID!): Customer\n}\n\ntype Customer {\n  id: ID!\n  name: String\n}\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("schema/threads.graphql"),
        "extend type Query {\n  thread(id: ID!): Thread\n}\n\ntype Thread {\n  id: ID!\n  customer: Customer!\n}\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("graphql.config.yml"),
        "schema: 'schema/*.graphql'\ndocuments: 'ops/*.graphql'\n",
    )
    .unwrap();
    // Uses types of both files.
    std::fs::write(
        dir.join("ops/ok.graphql"),
        "query T($id: ID!) {\n  thread(id: $id) {\n    id\n    customer { name }\n  }\n}\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("ops/bad.graphql"),
        "query C($id: ID!) {\n  customer(id: $id) {\n    status\n  }\n}\n",
    )
    .unwrap();
    let out = run_in(&dir, &["check"]);
    let v = json(&out);
    assert_eq!(out.status.code(), Some(1), "{v}");
    let ds = v["diagnostics"].as_array().unwrap();
    assert_eq!(ds.len(), 1, "{v}");
    assert_eq!(ds[0]["code"], "GQ002");
    assert_eq!(ds[0]["file"], "ops/bad.graphql");
    assert_eq!((ds[0]["line"].as_u64(), ds[0]["column"].as_u64()), (Some(3), Some(5)));
    let ops = v["items"].as_array().unwrap().iter().filter(|i| i["kind"] == "operation").count();
    assert_eq!(ops, 2, "{v}");
    // Without the second file, `thread` is unknown: the glob really took both.
    std::fs::write(
        dir.join("graphql.config.yml"),
        "schema: 'schema/base.graphql'\ndocuments: 'ops/*.graphql'\n",
    )
    .unwrap();
    let v = json(&run_in(&dir, &["check"]));
    let files: Vec<&str> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["file"].as_str().unwrap())
        .collect();
    assert!(files.contains(&"ops/ok.graphql"), "{v}");
}

#[test]
#[cfg(unix)]
fn glob_walks_through_a_symlink_loop_or_out_of_the_repository_are_bounded() {
    let outside = fresh("outside");
    std::fs::write(outside.join("elsewhere.graphql"), "query Elsewhere { nope }\n").unwrap();
    let dir = fresh("symlinks");
    std::fs::create_dir_all(dir.join("src/deeper")).unwrap();
    std::fs::write(dir.join("schema.graphql"), "type Query {\n  ping: String\n}\n").unwrap();
    std::fs::write(dir.join("src/ping.graphql"), "query Ping { ping }\n").unwrap();
    std::os::unix::fs::symlink("..", dir.join("src/deeper/loop")).unwrap();
    std::os::unix::fs::symlink("../..", dir.join("src/deeper/up")).unwrap();
    std::os::unix::fs::symlink(&outside, dir.join("src/outside")).unwrap();
    std::fs::write(
        dir.join("graphql.config.yml"),
        "schema: schema.graphql\ndocuments: '**/*.graphql'\n",
    )
    .unwrap();
    let out = run_in(&dir, &["check"]);
    let v = json(&out);
    assert_eq!(out.status.code(), Some(0), "{v}");
    let checked: Vec<&str> = v["items"].as_array().unwrap().iter().map(|i| i["file"].as_str().unwrap()).collect();
    assert_eq!(checked, ["src/ping.graphql"], "{v}");
    // A pattern naming the linked folder does not reach through it either.
    std::fs::write(
        dir.join("graphql.config.yml"),
        "schema: schema.graphql\ndocuments: 'src/outside/*.graphql'\n",
    )
    .unwrap();
    let out = run_in(&dir, &["check"]);
    let v = json(&out);
    assert_eq!(out.status.code(), Some(2), "{v}");
    assert_eq!(v["diagnostics"][0]["code"], "PC013", "{v}");
    assert_eq!(v["diagnostics"][0]["file"], "graphql.config.yml", "{v}");
}

#[test]
fn a_field_only_the_full_schema_has_gets_a_note_naming_schema_plain() {
    let dir = fresh("full-schema-note");
    std::fs::write(
        dir.join("thread.graphql"),
        "query T {\n  thread(threadId: \"th_1\") {\n    id\n  }\n}\n",
    )
    .unwrap();
    std::fs::write(dir.join("nowhere.graphql"), "query N {\n  noSuchFieldAnywhere\n}\n").unwrap();
    let v = json(&run_in(&dir, &["check", "thread.graphql", "nowhere.graphql"]));
    let ds = v["diagnostics"].as_array().unwrap();
    let note = |file: &str| {
        let d = ds
            .iter()
            .find(|d| d["file"] == file)
            .unwrap_or_else(|| panic!("a finding in {file}: {v}"));
        assert_eq!(d["code"], "GQ002", "{d}");
        d["notes"].to_string().contains("use --schema plain")
    };
    assert!(
        note("thread.graphql"),
        "the Customers API lacks Query.thread, the full schema has it: {v}"
    );
    assert!(!note("nowhere.graphql"), "no schema has it: {v}");
    // With the full schema, the operation is valid.
    let out = run_in(&dir, &["check", "--schema", "plain", "thread.graphql"]);
    assert_eq!(out.status.code(), Some(0), "{}", json(&out));
}

#[test]
fn version_verbose_names_the_built_in_schemas_source_commit_and_date() {
    for args in [["--version", "--verbose"], ["-v", "-V"]] {
        let out = bin().args(args).output().expect("runs");
        assert_eq!(out.status.code(), Some(0));
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.starts_with(&format!("plain-contract {}\n", env!("CARGO_PKG_VERSION"))),
            "{text}"
        );
        assert!(
            text.contains("built-in schema `plain`") && text.contains("commit bca2ab2") && text.contains("2026-05-11"),
            "{text}"
        );
    }
    // `--version` alone stays clap's one line.
    let out = bin().arg("--version").output().expect("runs");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!("plain-contract {}\n", env!("CARGO_PKG_VERSION"))
    );
}

/// More output than a pipe holds (64 KiB) comes through `run_in`: the
/// child is read while it runs, not only after it exits.
#[test]
fn output_larger_than_a_pipe_is_read_while_the_check_runs() {
    let dir = fresh("big-output");
    let fields: String = (0..3000).map(|i| format!("  noSuchField{i}\n")).collect();
    std::fs::write(dir.join("many.graphql"), format!("query Many {{\n{fields}}}\n")).unwrap();
    let out = run_in(&dir, &["check", "many.graphql"]);
    assert!(
        out.stdout.len() > 64 * 1024,
        "{} bytes: too little to fill a pipe",
        out.stdout.len()
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(json(&out)["diagnostics"].as_array().is_some_and(|d| !d.is_empty()));
}

/// pre-commit runs at the repository's root and names files there; in a
/// monorepo the graphql-config file sits in the package. When none is found
/// from the working directory and every file named has the same nearest
/// one below it, that is the project: its schema and its fragments (before,
/// the operation was checked alone against the default contract: "cannot
/// find fragment", and fields of the project's own schema unknown).
#[test]
fn files_of_one_package_of_a_monorepo_are_checked_in_their_package_project() {
    let dir = fresh("monorepo");
    let put = |name: &str, text: &str| {
        let p = dir.join("packages/web").join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    let schema = "type Query {\n  customer(id: ID!): Customer\n}\n\ntype Customer {\n  id: ID!\n  nickname: String\n}\n";
    put("schema.graphql", schema);
    put("graphql.config.yml", "schema: schema.graphql\ndocuments: 'src/**/*.graphql'\n");
    put("src/fragments/parts.graphql", "fragment Parts on Customer {\n  id\n  nickname\n}\n");
    put(
        "src/op.graphql",
        "query C($id: ID!) {\n  customer(id: $id) {\n    ...Parts\n  }\n}\n",
    );
    let out = run_in(&dir, &["check", "packages/web/src/op.graphql"]);
    let v = json(&out);
    assert_eq!(v["diagnostics"], serde_json::json!([]), "{v}");
    assert_eq!(out.status.code(), Some(0), "{v}");
    assert_eq!(v["summary"]["items"], 1, "{v}");
    // The fragment is the project's: broken there, the operation fails
    // through it, in the package's file.
    put("src/fragments/parts.graphql", "fragment Parts on Customer {\n  id\n  nick\n}\n");
    let out = run_in(&dir, &["check", "packages/web/src/op.graphql"]);
    let v = json(&out);
    assert_eq!(out.status.code(), Some(1), "{v}");
    let ds = v["diagnostics"].as_array().unwrap();
    assert_eq!(ds.len(), 1, "{v}");
    assert_eq!(ds[0]["code"], "GQ002", "{v}");
    assert_eq!(ds[0]["file"], "packages/web/src/fragments/parts.graphql", "{v}");
    assert_eq!((ds[0]["line"].as_u64(), ds[0]["column"].as_u64()), (Some(3), Some(3)), "{v}");
}
