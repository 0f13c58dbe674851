//! The bad-input HAR corpus and generated HAR bad input, run through the
//! binary (exit codes and rendered findings); the stream's own properties
//! are unit tests in src/tests/har_stream.rs.

use serde_json::{json, Value};
use std::path::Path;

#[path = "../support/har_gen.rs"]
mod har_gen;
use har_gen::{entry, har, tmp};

/// A finding as `check --format json` prints it: (code, pointer, line, column, message).
type Shown = (String, String, u64, u64, String);

/// Runs the binary on `path` with JSON output; the exit code, the findings
/// (each naming `path`) and the summary's count of findings left out.
fn run_bin(path: &Path) -> (i32, Vec<Shown>, u64) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_plain-contract"))
        .args(["check", "--format", "json"])
        .arg(path)
        .output()
        .expect("the binary runs");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{}: JSON output: {e}", path.display()));
    let shown = v["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            assert_eq!(d["file"], json!(path.display().to_string()), "each finding names the file");
            (
                d["code"].as_str().unwrap_or("").to_string(),
                d["pointer"].as_str().unwrap_or("").to_string(),
                d["line"].as_u64().unwrap_or(0),
                d["column"].as_u64().unwrap_or(0),
                d["message"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    (
        out.status.code().unwrap_or(-1),
        shown,
        v["summary"]["omitted"].as_u64().unwrap_or(0),
    )
}

/// The 1-based line and column (characters) of byte `offset` in `text`.
fn place(text: &str, offset: usize) -> (u64, u64) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line as u64, col as u64)
}

/// The bad-input HAR corpus (tests/corpus/har-input/, README there): each
/// file gives exactly the diagnostics listed, each naming the file, its JSON
/// pointer and the line:col computed here from the file's own text, and
/// the exit code; never a panic.
#[test]
fn bad_input_corpus() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/har-input");
    let read = |n: &str| std::fs::read_to_string(dir.join(n)).expect("corpus file");

    // Truncated in the middle of entry 2: its first two entries are checked
    // (clean); the cut is a syntax error at the end of the file, in entry 2.
    let f = dir.join("truncated-mid-entry.har");
    let text = read("truncated-mid-entry.har");
    let (code, shown, _) = run_bin(&f);
    let (l, c) = place(&text, text.len());
    assert_eq!(code, 1);
    assert_eq!(
        shown,
        vec![(
            "PC005".into(),
            "/log/entries/2".into(),
            l,
            c,
            "invalid JSON: the file ends inside a string (truncated?)".into()
        )]
    );

    // `entries` is an object: HX001 where its value starts.
    let f = dir.join("entries-not-array.har");
    let text = read("entries-not-array.har");
    let (code, shown, _) = run_bin(&f);
    let (l, c) = place(&text, text.find("{\"0\"").unwrap());
    assert_eq!(code, 1);
    assert_eq!(
        shown,
        vec![(
            "HX001".into(),
            "/log/entries".into(),
            l,
            c,
            "HAR `log.entries` must be a list, found an object".into()
        )]
    );

    // Deeply nested bodies: entry 0's request text nests 10,000 arrays
    // (HX009 where the text's 129th level opens, in the file; and HX011, as
    // the server answered it with data), entry 1 holds a member nested
    // 10,000 deep (PC006 at its 129th level); entry 2 is clean.
    let f = dir.join("deep-bodies.har");
    let text = read("deep-bodies.har");
    let (code, shown, _) = run_bin(&f);
    assert_eq!(code, 1);
    let codes: Vec<(&str, &str)> = shown.iter().map(|s| (s.0.as_str(), s.1.as_str())).collect();
    assert_eq!(
        codes,
        vec![
            ("HX009", "/log/entries/0/request/postData/text"),
            ("HX011", "/log/entries/0/response/status"),
            ("PC006", "/log/entries/1")
        ]
    );
    // The 129th `[` is 128 bytes after the first.
    let text_at = text.find("\"text\": \"[[[").unwrap() + "\"text\": \"".len() + 128;
    assert_eq!((shown[0].2, shown[0].3), place(&text, text_at), "HX009 at the body's 129th level");
    assert!(shown[0].4.contains("nest deeper than 128 levels"), "{}", shown[0].4);
    let deep_at = text.find("\"deep\": [").unwrap() + "\"deep\": ".len() + 127;
    // The entry's own `{` is level 1: its 128th `[` is the 129th level.
    assert_eq!((shown[2].2, shown[2].3), place(&text, deep_at), "PC006 at the 129th level");
    let status_at = text.match_indices("\"status\": 200").next().unwrap().0 + "\"status\": ".len();
    assert_eq!((shown[1].2, shown[1].3), place(&text, status_at));
}

/// Generated bad input (too big to commit): an entry of 20 MB, and 100,000
/// entries of one byte of body each. Clear diagnostics and exit codes; the
/// entry over the limit is skipped, not read into memory
/// (`benches/har_scale.sh` measures the peak memory of large files).
#[test]
fn bad_input_generated() {
    // Entry 0 of 20 MB (over the 16 MiB per-entry limit): PC004 at its
    // start, skipped; entry 1 (an ID as a number) is still checked.
    let mut big = entry(1);
    big["response"]["content"]["text"] = json!("x".repeat(20 << 20));
    let mut h = har(0);
    h["log"]["entries"] = json!([big, entry(41)]);
    let f = tmp("big-entry.har");
    let text = serde_json::to_string_pretty(&h).unwrap();
    std::fs::write(&f, &text).unwrap();
    let (code, shown, _) = run_bin(&f);
    assert_eq!(code, 1);
    let codes: Vec<(&str, &str)> = shown.iter().map(|s| (s.0.as_str(), s.1.as_str())).collect();
    assert_eq!(codes[0], ("PC004", "/log/entries/0"));
    assert_eq!(codes[1].0, "GR005");
    assert!(codes[1].1.starts_with("/log/entries/1/"), "{codes:?}");
    let entry0 = text.find("[\n      {").unwrap() + "[\n      ".len();
    assert_eq!((shown[0].2, shown[0].3), place(&text, entry0));
    assert!(
        shown[0]
            .4
            .contains("longer than the 16777216-byte limit per entry (`[limits] max_entry_mib`); skipped"),
        "{}",
        shown[0].4
    );

    // 100,000 entries to Plain's GraphQL path, each with a 1-byte request
    // body and a 1-byte response body (`x`): every entry fails (HX009), the
    // first 1,000 findings are kept in order and the rest counted.
    let mut s = String::from("{\"log\":{\"entries\":[\n");
    let one = r#"{"request":{"method":"POST","url":"https://core-api.uk.plain.com/graphql/v1","headers":[{"name":"Authorization","value":"Bearer <redacted>"},{"name":"Content-Type","value":"application/json"}],"postData":{"mimeType":"application/json","text":"x"}},"response":{"status":400,"headers":[{"name":"Content-Type","value":"application/json"}],"content":{"mimeType":"application/json","text":"x"}}}"#;
    for i in 0..100_000 {
        s.push_str(if i > 0 { ",\n" } else { "" });
        s.push_str(one);
    }
    s.push_str("\n]}}\n");
    let f = tmp("many-tiny.har");
    std::fs::write(&f, &s).unwrap();
    let (code, shown, omitted) = run_bin(&f);
    assert_eq!(code, 1);
    assert_eq!(shown.len(), 1000, "the findings cap");
    let text_col = one.find("\"text\":\"x\"").unwrap() as u64 + "\"text\":\"".len() as u64 + 1;
    assert_eq!(
        shown[0],
        (
            "HX009".into(),
            "/log/entries/0/request/postData/text".into(),
            2,
            text_col,
            shown[0].4.clone()
        )
    );
    assert!(shown[0].4.starts_with("the request body is not JSON"), "{}", shown[0].4);
    // Every entry gives the same findings, one line each: the 1,000th kept
    // is on the line of its entry.
    let per_entry = shown.iter().filter(|d| d.2 == 2).count() as u64;
    assert!(per_entry >= 1);
    let last = shown.last().unwrap();
    assert_eq!(last.2, 2 + (999 / per_entry), "{last:?}");
    assert_eq!(omitted, 100_000 * per_entry - 1000, "all counted");
}

/// `check --format json` on `path`: the exit code and the report, `path`
/// written as `as_name` wherever it appears.
fn report(path: &Path, as_name: &Path) -> (i32, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_plain-contract"))
        .args(["check", "--format", "json"])
        .arg(path)
        .output()
        .expect("the binary runs");
    let text = String::from_utf8(out.stdout).expect("UTF-8 report");
    let text = text.replace(&path.display().to_string(), &as_name.display().to_string());
    (out.status.code().unwrap_or(-1), text)
}

/// A HAR log saved under a `.json` name (a browser's "Save all as HAR"
/// renamed, a tool's `*.har.json` export) is read by the reader of `.har`
/// files: the same bytes give exactly the same report (findings with their
/// codes, pointers, line:col and messages; items; summary) and exit code
/// under both names, as files and as texts held in memory (`check_text`).
/// The bad-input corpus's HAR cases in `.json` (tests/corpus/bad-input/har-*.json)
/// are byte copies of their `.har` twins, whose exact findings
/// `bad_input_corpus` asserts.
#[test]
fn har_saved_as_json_is_read_as_har() {
    use plain_contract::{Checker, Format};
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let checker = Checker::builder().build().expect("the embedded contract loads");
    let cases = [
        // Pretty-printed, as DevTools saves it; entries to other hosts skipped.
        ("fixtures/har/devtools-session.har", None),
        // One line; one line with no newline at its end and bad entries.
        ("tests/corpus/exchanges/ok/browser-export-bodies-not-kept.har", None),
        ("tests/corpus/har-input/deep-bodies.har", None),
        // A bad entry beside a skipped one; a credential in a skipped entry.
        ("tests/corpus/exchanges/invalid/gr005-har-id-number.har", None),
        ("tests/corpus/exchanges/invalid/sc001-har-entry-skipped-but-leaking.har", None),
        ("tests/corpus/exchanges/invalid/hx001-har-no-entries.har", None),
        // Bad input, kept in the corpus as `.json`.
        (
            "tests/corpus/har-input/truncated-mid-entry.har",
            Some("tests/corpus/bad-input/har-truncated-mid-entry.json"),
        ),
        (
            "tests/corpus/har-input/entries-not-array.har",
            Some("tests/corpus/bad-input/har-entries-not-array.json"),
        ),
    ];
    for (case, in_corpus) in cases {
        let bytes = std::fs::read(root.join(case)).expect("fixture");
        let stem = Path::new(case).file_stem().and_then(|s| s.to_str()).unwrap_or("x");
        let har = tmp(&format!("{stem}.har"));
        std::fs::write(&har, &bytes).unwrap();
        let json = match in_corpus {
            Some(p) => {
                assert_eq!(std::fs::read(root.join(p)).expect("corpus file"), bytes, "{p} is a copy of {case}");
                root.join(p)
            }
            None => {
                let p = tmp(&format!("{stem}.har.json"));
                std::fs::write(&p, &bytes).unwrap();
                p
            }
        };
        let (har_code, har_report) = report(&har, &har);
        let (json_code, json_report) = report(&json, &har);
        assert_eq!(json_code, har_code, "{case}: exit code");
        assert_eq!(json_report, har_report, "{case}: the report");
        // Read by the stream: one item for the file, as for `.har`.
        let v: Value = serde_json::from_str(&json_report).expect("JSON report");
        let kinds: Vec<&str> = v["items"]
            .as_array()
            .expect("items")
            .iter()
            .filter_map(|i| i["kind"].as_str())
            .collect();
        assert_eq!(kinds, ["stream"], "{case}");
        // As texts (an editor's buffer, the JS API).
        let text = String::from_utf8(bytes).expect("UTF-8 fixture");
        let of_text = |name: &str| {
            checker
                .render(&checker.check_text(name, &text), Format::Json)
                .replace(name, "x.har")
        };
        assert_eq!(of_text("x.json"), of_text("x.har"), "{case}: as text");
    }
}

/// What sends a `.json` file to the HAR reader is `log` holding an object:
/// a JSON file whose `log` is something else is no HAR log and is reported
/// as before (PC009, skipped: not a kind of content `check` reads, and the
/// run's PC012); a HAR log whose `log` is not its first key, or comes after
/// more white space than the file's start that is looked at, is told once the
/// file is read whole and still read by the HAR reader, with the `.har`
/// file's findings; a `log` first takes the file, as on stdin.
#[test]
fn json_with_a_log_key_is_a_har_log_only_when_log_is_an_object() {
    for (name, text) in [("log-string.json", "{\"log\": \"x\"}\n"), ("log-list.json", "{\"log\": [\"a\"]}\n")] {
        let f = tmp(name);
        std::fs::write(&f, text).unwrap();
        let (code, shown, _) = run_bin(&f);
        assert_eq!(code, 1, "{name}");
        let codes: Vec<&str> = shown.iter().map(|s| s.0.as_str()).collect();
        assert_eq!(codes, ["PC009", "PC012"], "{name}: {shown:?}");
        assert!(shown[0].4.starts_with("neither a recorded exchange"), "{}", shown[0].4);
    }
    let mut h = har(3);
    h["log"]["entries"][1]["response"]["content"]["text"] = json!("{\"data\": {\"customer\": {\"id\": 41, \"fullName\": \"x\"}}}");
    let late = format!(
        "{{\"comment\": \"saved by hand\", \"log\": {}}}",
        serde_json::to_string_pretty(&h["log"]).unwrap()
    );
    let spaced = format!("{{{}{}", " ".repeat(70_000), &serde_json::to_string(&h).unwrap()[1..]);
    for (name, text) in [("late", late), ("spaced", spaced)] {
        let (har, json) = (tmp(&format!("{name}.har")), tmp(&format!("{name}.json")));
        std::fs::write(&har, &text).unwrap();
        std::fs::write(&json, &text).unwrap();
        let (har_code, har_report) = report(&har, &har);
        let (json_code, json_report) = report(&json, &har);
        assert_eq!(json_code, har_code, "{name}");
        assert_eq!(json_report, har_report, "{name}");
        assert!(har_report.contains("\"GR005\""), "{name}: {har_report}");
    }
    // `log` first, holding an object: the file is a HAR log, other keys
    // aside (a `request` too: as `check -` reads it).
    let f = tmp("log-first.json");
    std::fs::write(&f, "{\"log\": {\"entries\": []}, \"request\": {\"method\": \"POST\"}}").unwrap();
    let (code, shown, _) = run_bin(&f);
    assert_eq!(code, 0);
    assert_eq!(
        shown,
        vec![(
            "HX010".into(),
            "/log/entries".into(),
            1,
            21,
            "the HAR log holds no entries; nothing was checked".into()
        )]
    );
}

/// The limits of a `.har` file hold for a HAR log saved as `.json`: a file
/// over `[limits] max_file_mib` is streamed (its entries are bounded, not
/// the file), with the `.har` file's findings; the same log after another
/// key, which is told only once the file is read whole, is refused (PC004)
/// as every file read whole is.
#[test]
fn a_har_saved_as_json_has_the_limits_of_a_har_file() {
    let cfg = tmp("limits.toml");
    std::fs::write(&cfg, "[limits]\nmax_file_mib = 1\n").unwrap();
    let h = har(1200);
    let text = serde_json::to_string_pretty(&h).unwrap();
    assert!(text.len() > 1 << 20, "{} bytes: over the limit", text.len());
    let late = format!(
        "{{\"comment\": \"c\", \"log\": {}}}",
        serde_json::to_string_pretty(&h["log"]).unwrap()
    );
    assert!(late.len() > 1 << 20);
    let (har, json, late_json) = (tmp("over.har"), tmp("over.json"), tmp("late-over.json"));
    std::fs::write(&har, &text).unwrap();
    std::fs::write(&json, &text).unwrap();
    std::fs::write(&late_json, &late).unwrap();
    let run = |path: &Path| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_plain-contract"))
            .arg("--config")
            .arg(&cfg)
            .args(["check", "--format", "json"])
            .arg(path)
            .output()
            .expect("the binary runs");
        let text = String::from_utf8(out.stdout)
            .expect("UTF-8 report")
            .replace(&path.display().to_string(), "F");
        (out.status.code().unwrap_or(-1), text)
    };
    let (har_code, har_report) = run(&har);
    let (json_code, json_report) = run(&json);
    assert_eq!((json_code, &json_report), (har_code, &har_report));
    assert!(
        har_report.contains("\"GR005\"") && !har_report.contains("\"PC004\""),
        "{har_report}"
    );
    let (code, late_report) = run(&late_json);
    assert_eq!(code, 1);
    let v: Value = serde_json::from_str(&late_report).expect("JSON report");
    assert_eq!(v["diagnostics"][0]["code"], json!("PC004"), "{late_report}");
}
