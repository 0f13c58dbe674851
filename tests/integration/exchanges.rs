//! Recorded exchanges end to end: streams (stdin, bounded findings), shards,
//! Plain's rules under the full schema, hostile sizes.

use super::{checker, full_schema_path, render};
use plain_contract::__private::check::{self, Shard};
use plain_contract::__private::settings::DEFAULT_STREAM_MAX_FINDINGS;
use plain_contract::{Checker, Outcome};
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

/// One upsert exchange from the fixtures' stream, as a line.
fn upsert_line() -> String {
    let text = std::fs::read_to_string("fixtures/streams/upserts.ndjson").expect("fixture stream");
    text.lines().next().expect("a line").to_string()
}

fn check_stream_text(text: &str) -> Outcome {
    checker().check_ndjson("mem.ndjson", std::io::Cursor::new(text.as_bytes()))
}

#[test]
fn stdin_stream_is_checked_and_never_echoes_a_token() {
    let good = upsert_line();
    let leaked = good.replace("Bearer <redacted>", "Bearer plainApiKey_live_0123456789");
    let input = format!("{good}\n\n{leaked}\n{good}\n");
    let mut child = Command::new(env!("CARGO_BIN_EXE_plain-contract"))
        .args(["check", "-", "--format", "json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("runs");
    child.stdin.take().expect("stdin").write_all(input.as_bytes()).expect("written");
    let out = child.wait_with_output().expect("exits");
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    let v: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let d = &v["diagnostics"][0];
    assert_eq!(d["code"], "SC001");
    assert_eq!(d["file"], "<stdin>");
    assert_eq!(d["line"], 3, "blank lines count");
    assert_eq!(d["pointer"], "/request/headers/Authorization");
    assert_eq!(v["items"][0]["name"], "3 exchanges");
    assert!(!text.contains("plainApiKey_live"), "{text}");
    // Human output shows the line, masked.
    let human = Command::new(env!("CARGO_BIN_EXE_plain-contract"))
        .args(["check", "-"])
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .and_then(|mut c| {
            c.stdin.take().expect("stdin").write_all(leaked.as_bytes())?;
            c.wait_with_output()
        })
        .expect("runs");
    let text = String::from_utf8_lossy(&human.stdout);
    assert!(text.contains("SC001") && text.contains("Bearer ****"), "{text}");
    assert!(!text.contains("plainApiKey_live"), "{text}");
}

/// A stream keeps its first findings and counts the rest, so memory stays
/// bounded however many lines fail; the exit code still sees them all.
#[test]
fn stream_findings_are_bounded_but_all_counted() {
    let bad = upsert_line().replace("\"status\":200", "\"status\":599");
    let n = DEFAULT_STREAM_MAX_FINDINGS + 100;
    let text: String = (0..n).map(|_| format!("{bad}\n")).collect();
    let out = check_stream_text(&text);
    assert_eq!(out.diagnostics.len(), DEFAULT_STREAM_MAX_FINDINGS);
    assert_eq!(out.omitted_counts(), (100, 0));
    assert_eq!(plain_contract::__private::report::counts(&out), (n, 0));
    assert!(out.diagnostics.iter().all(|d| d.code.as_str() == "HX006"));
    assert_eq!(out.diagnostics[5].line, 6);
    assert!(render(&out).contains("100 more errors"));
}

#[test]
fn stream_lines_that_are_not_exchanges() {
    let out = check_stream_text("[1, 2]\n{\"request\": 3}\n\u{0}garbage\n{\"request\":{\"method\":\"POST\"\n");
    let got: Vec<(&str, usize)> = out.diagnostics.iter().map(|d| (d.code.as_str(), d.line)).collect();
    assert_eq!(got[0], ("HX001", 1));
    assert_eq!(got[1], ("HX001", 2));
    assert_eq!(got[2], ("PC005", 3));
    assert_eq!(got[3], ("PC005", 4));
    assert_eq!(got.len(), 4, "{got:?}");
    let empty = check_stream_text("");
    assert_eq!(empty.diagnostics[0].code.as_str(), "PC003");
}

/// A huge string and a response nested deeper than its selection set are
/// checked without trouble, and the deep value is reported where it starts.
#[test]
fn huge_strings_and_deep_responses() {
    let line = upsert_line();
    let huge = line.replace(
        "\"fullName\":\"Linus Okafor\"}",
        &format!("\"fullName\":\"{}\"}}", "x".repeat(8 << 20)),
    );
    assert_ne!(huge, line);
    let out = check_stream_text(&format!("{huge}\n"));
    assert!(out.diagnostics.is_empty(), "{}", render(&out));
    let deep = line.replace(
        "\"fullName\":\"Linus Okafor\"}",
        &format!("\"fullName\":{}1{}}}", "{\"a\":".repeat(100), "}".repeat(100)),
    );
    let out = check_stream_text(&format!("{deep}\n"));
    let codes: Vec<(&str, &str)> = out
        .diagnostics
        .iter()
        .map(|d| (d.code.as_str(), d.pointer.as_deref().unwrap_or("")))
        .collect();
    assert_eq!(codes, [("GR005", "/response/body/data/upsertCustomer/customer/fullName")]);
    // Deeper than the parser's limit: refused by the parser, located.
    let too_deep = line.replace(
        "\"fullName\":\"Linus Okafor\"}",
        &format!("\"fullName\":{}1{}}}", "[".repeat(10_000), "]".repeat(10_000)),
    );
    let out = check_stream_text(&format!("{too_deep}\n"));
    assert_eq!(out.diagnostics[0].code.as_str(), "PC006");
}

/// `--shard K/N` splits the files: every file in exactly one shard.
#[test]
fn shards_partition_the_files() {
    let all: Vec<PathBuf> = check::expand_paths(&[PathBuf::from("tests/corpus/exchanges")]);
    assert!(all.len() > 100);
    let mut seen = std::collections::HashMap::new();
    for k in 1..=3 {
        let s = Shard::parse(&format!("{k}/3")).expect("valid");
        for p in all.iter().filter(|p| s.takes(p)) {
            assert!(seen.insert(p.clone(), k).is_none(), "{} in two shards", p.display());
        }
    }
    assert_eq!(seen.len(), all.len());
    let sizes: Vec<usize> = (1..=3).map(|k| seen.values().filter(|v| **v == k).count()).collect();
    assert!(sizes.iter().all(|n| *n > all.len() / 6), "balanced enough: {sizes:?}");
    for bad in ["0/3", "4/3", "1/0", "x/2", "3"] {
        assert!(Shard::parse(bad).is_err(), "{bad}");
    }
    let out = Command::new(env!("CARGO_BIN_EXE_plain-contract"))
        .args(["check", "fixtures", "--shard", "2/2"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let bad = Command::new(env!("CARGO_BIN_EXE_plain-contract"))
        .args(["check", "fixtures", "--shard", "3/2"])
        .output()
        .expect("runs");
    assert_eq!(bad.status.code(), Some(2), "a bad shard is a usage error");
}

/// Plain's "exactly one identifier" holds under the full schema, which has
/// no @oneOf: PL005 there, where the embedded schema gives GV009.
#[test]
fn exactly_one_identifier_under_the_full_schema() {
    let Some(full) = full_schema_path() else { return };
    let c = Checker::builder().schema(&full).build().expect("full schema loads");
    let two = upsert_line().replace(
        "\"identifier\":{\"externalId\":\"usr_40220\"}",
        "\"identifier\":{\"externalId\":\"usr_40220\",\"emailAddress\":\"linus@okafor.studio\"}",
    );
    let run = |c: &Checker| {
        let out = c.check_ndjson("m.ndjson", std::io::Cursor::new(format!("{two}\n").into_bytes()));
        out.diagnostics
            .iter()
            .map(|d| format!("{} {}", d.code, d.pointer.clone().unwrap_or_default()))
            .collect::<Vec<_>>()
    };
    // The recorded server answered with data: it accepted the broken request (HX011).
    assert_eq!(
        run(&c),
        ["PL005 /request/body/variables/input/identifier", "HX011 /response/status"]
    );
    assert_eq!(
        run(checker()),
        ["GV009 /request/body/variables/input/identifier", "HX011 /response/status"]
    );
    // Every fixture also passes under Plain's full schema.
    let out = c.check_paths(&[PathBuf::from("fixtures")]);
    assert!(out.diagnostics.iter().all(|d| !d.is_error()), "{}", render(&out));
}

/// Walking does not follow symbolic links, so a link to a parent cannot loop.
#[cfg(unix)]
#[test]
fn directory_walks_do_not_follow_symlinks() {
    let d = std::env::temp_dir().join(format!("pc-links-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(d.join("a")).unwrap();
    std::fs::copy("fixtures/customers/upsert-created.yaml", d.join("a/x.yaml")).unwrap();
    std::os::unix::fs::symlink("..", d.join("a/up")).unwrap();
    std::os::unix::fs::symlink("..", d.join("a/up2")).unwrap();
    let files = check::expand_paths(std::slice::from_ref(&d));
    assert_eq!(files.len(), 1, "{files:?}");
    let _ = std::fs::remove_dir_all(&d);
}

/// Runs `check --format json` on `files` with a configuration text; returns
/// (exit code, [(code, pointer, last note)]).
fn check_with_config(config: &str, files: &[&str]) -> (i32, Vec<(String, String, String)>) {
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("pc-rej-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let cfg = dir.join("plain-contract.toml");
    std::fs::write(&cfg, config).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_plain-contract"))
        .args(["check", "--format", "json", "--config"])
        .arg(&cfg)
        .args(files)
        .output()
        .expect("runs");
    let _ = std::fs::remove_dir_all(&dir);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json output");
    let ds = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let note = d["notes"].as_array().and_then(|n| n.last()).and_then(|n| n.as_str()).unwrap_or("");
            (
                d["code"].as_str().unwrap().to_string(),
                d["pointer"].as_str().unwrap_or("").to_string(),
                note.to_string(),
            )
        })
        .collect();
    (out.status.code().unwrap_or(-1), ds)
}

const REJ: &str = "tests/corpus/rejections";

/// Broken requests recorded with their rejection are errors (native and HAR),
/// each noted with the status and message the server refused them with.
#[test]
fn rejected_requests_are_still_errors() {
    for f in ["flagged.json", "flagged.har"] {
        let (code, ds) = check_with_config("", &[&format!("{REJ}/{f}")]);
        assert_eq!(code, 1, "{f}");
        let codes: Vec<&str> = ds.iter().map(|d| d.0.as_str()).collect();
        assert_eq!(codes, ["GV003", "GV002", "GQ002", "GQ003", "PL008", "HX004"], "{f}");
        for (c, _, note) in &ds[..5] {
            assert!(
                note.starts_with("the server refused it: 200 with `errors` and no `data`, message: "),
                "{c}: {note}"
            );
        }
        assert_eq!(
            ds[5].2,
            "the server refused it: 401, message: Authentication failed. Please check your API key."
        );
    }
}

/// The same exchanges marked as rejections pass (`expect: rejected` in native
/// form, `[check] negative` for a HAR); negatives that reject nothing, or
/// that the server accepted or answered otherwise, fail.
#[test]
fn negative_exchanges() {
    let (code, ds) = check_with_config("", &[&format!("{REJ}/negative.json")]);
    assert_eq!((code, ds.len()), (0, 0), "{ds:?}");
    let cfg = "[check]\nnegative = [\"**/negative-*.har\"]\n".to_string();
    let (code, ds) = check_with_config(&cfg, &[&format!("{REJ}/negative-captured.har")]);
    assert_eq!((code, ds.len()), (0, 0), "{ds:?}");
    let (code, ds) = check_with_config("", &[&format!("{REJ}/negative-captured.har")]);
    assert_eq!((code, ds.len()), (1, 6), "without the setting, the same HAR is flagged: {ds:?}");
    let (code, ds) = check_with_config(&cfg, &[&format!("{REJ}/negative-valid.har")]);
    assert_eq!(code, 1);
    assert_eq!(ds.iter().map(|d| d.0.as_str()).collect::<Vec<_>>(), ["HX012"]);
    let (code, ds) = check_with_config("", &[&format!("{REJ}/negative-fails.json")]);
    assert_eq!(code, 1);
    let got: Vec<(&str, &str)> = ds.iter().map(|d| (d.0.as_str(), d.1.as_str())).collect();
    assert_eq!(
        got,
        [
            ("HX012", "/0/response/status"),
            ("HX011", "/1/response/status"),
            ("HX013", "/2/response/status")
        ]
    );
}

/// Mixed traffic (`expect: either`, `[check] either`, `--expect either`):
/// valid requests answered with data and broken requests answered with their
/// documented rejection pass side by side; a valid request refused (HX012), a
/// broken one answered with data (HX011), a rejection of the wrong kind
/// (HX013), an answer that breaks the contract (GR005) and a lenient
/// Content-Type (HX005, the client's fault alone) fail.
#[test]
fn either_exchanges() {
    let mixed = format!("{REJ}/either.json");
    let (code, ds) = check_with_config("", &["--expect", "either", &mixed]);
    assert_eq!((code, ds.len()), (0, 0), "{ds:?}");
    // The same file as recorded traffic (the default): each broken request is an error.
    let (code, ds) = check_with_config("", &[&mixed]);
    assert_eq!(code, 1);
    assert_eq!(ds.len(), 7, "{ds:?}");
    // As rejections, its two valid exchanges fail.
    let (code, ds) = check_with_config("", &["--expect", "rejected", &mixed]);
    assert_eq!(code, 1);
    let got: Vec<(&str, &str)> = ds.iter().map(|d| (d.0.as_str(), d.1.as_str())).collect();
    assert_eq!(got, [("HX011", "/0/response/status"), ("HX011", "/4/response/status")]);
    // `[check] either` for the file.
    let cfg = "[check]\neither = [\"**/either*.json\"]\n";
    let (code, ds) = check_with_config(cfg, &[&mixed]);
    assert_eq!((code, ds.len()), (0, 0), "{ds:?}");
    // What fails under `either`.
    let (code, ds) = check_with_config(cfg, &[&format!("{REJ}/either-fails.json")]);
    assert_eq!(code, 1);
    let got: Vec<(&str, &str)> = ds.iter().map(|d| (d.0.as_str(), d.1.as_str())).collect();
    assert_eq!(
        got,
        [
            ("HX012", "/0/response/status"),
            ("HX011", "/1/response/status"),
            ("HX013", "/2/response/status"),
            ("GR005", "/3/response/body/data/customer/fullName"),
            // A lenient Content-Type answered with data: the client's fault
            // alone (servers may take other media types), not HX011.
            ("HX005", "/4/request/headers/Content-Type"),
        ]
    );
    // A HAR of captured rejections passes as `either`; its valid-but-refused twin fails.
    let har_cfg = "[check]\neither = [\"**/negative-*.har\"]\n";
    let (code, ds) = check_with_config(har_cfg, &[&format!("{REJ}/negative-captured.har")]);
    assert_eq!((code, ds.len()), (0, 0), "{ds:?}");
    let (code, ds) = check_with_config(har_cfg, &[&format!("{REJ}/negative-valid.har")]);
    assert_eq!(code, 1);
    assert_eq!(ds.iter().map(|d| d.0.as_str()).collect::<Vec<_>>(), ["HX012"]);
    // An exchange's own `expect:` wins over the file's: the negative fixtures
    // say `expect: rejected`, so `--expect either` leaves their verdicts alone.
    let (code, ds) = check_with_config("", &["--expect", "either", &format!("{REJ}/negative-fails.json")]);
    assert_eq!(code, 1);
    let got: Vec<&str> = ds.iter().map(|d| d.0.as_str()).collect();
    assert_eq!(got, ["HX012", "HX011", "HX013"]);
}

/// Twelve exchanges of a real Schemathesis 4.32.5 report against `serve`
/// (GraphQL mode, tests/peers/run.sh with 100 examples; the loopback port
/// made 8787, `Authorization: [Filtered]` stored as `Bearer <redacted>`, as
/// run.sh does): valid queries answered with data, `@oneOf` literals with two
/// fields, a string for an `Int`, Plain's pagination rules, and cursors the
/// server never issued (an execution error, not a rejection). As `either`
/// with the loopback host, they pass; as ordinary traffic, each broken
/// request is an error; an answer with data to a broken one is HX011.
#[test]
fn schemathesis_report_passes_as_either() {
    let har = format!("{REJ}/schemathesis-either.har");
    let cfg = "[check]\nhosts = [\"127.0.0.1:8787\"]\neither = [\"**/schemathesis-*.har\"]\n";
    // Schemathesis selects every field, the deprecated `Customer.status`
    // too: a GQ006 warning in those entries, as in a request file.
    let deprecated = |ds: &[(String, String, String)]| -> Vec<String> {
        ds.iter().filter(|d| d.0 == "GQ006").map(|d| format!("{} {}", d.1, d.2)).collect()
    };
    let (code, ds) = check_with_config(cfg, &[&har]);
    let status: Vec<String> = ["0", "1", "2", "5"]
        .iter()
        .map(|e| format!("/log/entries/{e}/request/postData/text/query schema coordinate: Customer.status"))
        .collect();
    assert_eq!(deprecated(&ds), status, "{ds:?}");
    let ds: Vec<_> = ds.into_iter().filter(|d| d.0 != "GQ006").collect();
    assert_eq!((code, ds.len()), (0, 0), "{ds:?}");
    let (code, ds) = check_with_config(cfg, &["--expect", "accepted", &har]);
    assert_eq!(code, 1);
    let ds: Vec<_> = ds.into_iter().filter(|d| d.0 != "GQ006").collect();
    let entries: std::collections::BTreeSet<&str> = ds.iter().map(|d| d.1.split('/').nth(3).unwrap()).collect();
    assert_eq!(entries.into_iter().collect::<Vec<_>>(), ["3", "4", "5", "6", "7", "8"], "{ds:?}");
    // The server answering the `@oneOf` literal of entry 5 (two tenant
    // identifiers) with data would be HX011.
    let text = std::fs::read_to_string(&har).unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v["log"]["entries"][5]["response"]["content"]["text"] =
        serde_json::Value::String(r#"{"data":{"addCustomerToTenants":null}}"#.to_string());
    let dir = std::env::temp_dir().join(format!("pc-st-either-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let accepted = dir.join("schemathesis-accepted.har");
    std::fs::write(&accepted, serde_json::to_string(&v).unwrap()).unwrap();
    let (code, ds) = check_with_config(cfg, &[accepted.to_str().unwrap()]);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(code, 1);
    let got: Vec<(&str, &str)> = ds.iter().map(|d| (d.0.as_str(), d.1.as_str())).collect();
    assert!(got.contains(&("HX011", "/log/entries/5/response/status")), "{got:?}");
}

/// Entries to Plain's hosts (any region) are checked; other hosts are skipped
/// in the one HX010 summary, and `[check] hosts` adds more.
#[test]
fn har_with_three_hosts() {
    let f = format!("{REJ}/three-hosts.har");
    let (code, ds) = check_with_config("", &[&f]);
    assert_eq!(code, 1);
    let got: Vec<(&str, &str)> = ds.iter().map(|d| (d.0.as_str(), d.1.as_str())).collect();
    assert_eq!(
        got,
        [
            ("HX010", "/log/entries"),
            ("GV002", "/log/entries/0/request/postData/text/variables/id"),
            ("GV002", "/log/entries/2/request/postData/text/variables/id"),
        ],
        "the other vendor's entry gets no GQ002 and no SC001"
    );
    let (_, ds) = check_with_config("[check]\nhosts = [\"127.0.0.1:8080\"]\n", &[&f]);
    let got: Vec<(&str, &str)> = ds.iter().map(|d| (d.0.as_str(), d.1.as_str())).collect();
    assert_eq!(got[0], ("HX010", "/log/entries"));
    assert!(got.contains(&("GQ002", "/log/entries/3/request/postData/text/query")), "{got:?}");
}
