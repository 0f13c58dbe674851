//! HAR files read as a stream of entries (src/check/har_stream.rs): the same
//! findings at the same line:col as reading the file whole, whatever the
//! layout, and bad input diagnosed without panics.

use super::contract;
use crate::check::{self, operation::OpCache};
use crate::outcome::Outcome;
use std::path::Path;

#[path = "../../tests/support/har_gen.rs"]
mod har_gen;
use har_gen::{har, tmp};

fn run(path: &Path) -> Outcome {
    check::check_paths(contract(), &OpCache::default(), &crate::Settings::default(), &[path.to_path_buf()])
}

/// `path` read whole into a tree and its exchanges checked from the tree
/// (`exchange::read`, the reader `verify` and `pact export` use, and `check`
/// for a HAR log in YAML): the reference positions of the stream. A HAR
/// log in a `.json` file is streamed as a `.har` file is, so is no reference.
fn whole(path: &Path) -> Outcome {
    let settings = crate::Settings::default();
    let src = crate::input::read::read_source(path).unwrap();
    let root = crate::input::parse_data(&src).unwrap();
    let target = crate::exchange::Target::of(contract(), settings.hosts());
    let mut out = Outcome::for_run(&settings);
    let contents = crate::exchange::read(&src, &root, &target);
    check::check_exchanges(contract(), &OpCache::default(), &settings, &src, contents, &mut out);
    out
}

/// (code, pointer, line, column, message), sorted by place.
fn findings(o: &Outcome) -> Vec<(String, String, usize, usize, String)> {
    let mut v: Vec<_> = o
        .diagnostics
        .iter()
        .map(|d| {
            (
                d.code.as_str().to_string(),
                d.pointer.clone().unwrap_or_default(),
                d.line,
                d.column,
                d.message.clone(),
            )
        })
        .collect();
    v.sort_by(|a, b| (a.2, a.3, &a.0).cmp(&(b.2, b.3, &b.0)));
    v
}

/// A single-line and an indented HAR of the same 5,000 entries: the stream
/// gives each file's findings at exactly the line:col that reading the file
/// whole gives, and the two layouts give the same findings.
#[test]
fn single_line_and_indented_give_the_same_findings() {
    let h = har(5000);
    let min = tmp("min.har");
    let ind = tmp("ind.har");
    std::fs::write(&min, serde_json::to_string(&h).unwrap()).unwrap();
    std::fs::write(&ind, serde_json::to_string_pretty(&h).unwrap()).unwrap();
    let mut per_layout = Vec::new();
    for f in [&min, &ind] {
        let streamed = findings(&run(f));
        // The same text read whole into a tree: the reference positions.
        let whole = findings(&whole(f));
        // Saved as `.json`, it is streamed as a `.har` file is.
        let as_json = f.with_extension("json");
        std::fs::copy(f, &as_json).unwrap();
        let shown = |p: &Path| p.display().to_string();
        let renamed: Vec<_> = findings(&run(&as_json))
            .into_iter()
            .map(|mut d| {
                d.4 = d.4.replace(&shown(&as_json), &shown(f));
                d
            })
            .collect();
        assert_eq!(renamed, streamed, "{} saved as .json", f.display());
        assert_eq!(streamed.len(), whole.len(), "{}", f.display());
        for (s, w) in streamed.iter().zip(&whole) {
            assert_eq!(s, w, "{}", f.display());
        }
        per_layout.push(streamed);
    }
    let strip = |v: &Vec<(String, String, usize, usize, String)>| {
        let mut x: Vec<(String, String, String)> = v.iter().map(|(c, p, _, _, m)| (c.clone(), p.clone(), m.clone())).collect();
        x.sort();
        x
    };
    assert_eq!(strip(&per_layout[0]), strip(&per_layout[1]));
    let codes: std::collections::BTreeMap<&str, usize> = per_layout[0].iter().fold(Default::default(), |mut m, d| {
        *m.entry(d.0.as_str()).or_default() += 1;
        m
    });
    // GR005 every 41st, GQ002 and HX011 every 53rd, SC001 every 97th (less
    // those to the other host, every 13th), and one HX010.
    assert_eq!(codes.get("HX010"), Some(&1));
    let expect = |k: usize| (0..5000).filter(|i| i % k == 0 && i % 13 != 0).count();
    // An entry with a GQ002 has no executed operation to check its data by.
    let gr005 = (0..5000).filter(|i| i % 41 == 0 && i % 13 != 0 && i % 53 != 0).count();
    assert_eq!(codes.get("GR005"), Some(&gr005), "{codes:?}");
    assert_eq!(codes.get("GQ002"), Some(&expect(53)), "{codes:?}");
    assert_eq!(codes.get("HX011"), Some(&expect(53)), "{codes:?}");
    assert_eq!(codes.get("SC001"), Some(&expect(97)), "{codes:?}");
}

/// HAR text held in memory (`check_text`: an editor's buffer, the JS API)
/// goes through the reader of `.har` files: the same findings at the same
/// places, for a HAR that checks and for ones that are broken.
#[test]
fn har_text_is_read_as_har_files_are() {
    let h = har(300);
    let whole = serde_json::to_string_pretty(&h).unwrap();
    let cut = &whole[..whole.len() / 2];
    let cases = [
        ("ok", whole.clone()),
        ("truncated", cut.to_string()),
        ("not-a-log", "[1, 2]".to_string()),
        ("no-entries", "{\"log\": {\"version\": \"1.2\"}}".to_string()),
        ("empty", String::new()),
    ];
    for (name, text) in cases {
        let path = tmp(&format!("text-{name}.har"));
        std::fs::write(&path, &text).unwrap();
        let from_file = run(&path);
        let shown = path.display().to_string();
        let from_text = check::check_text(contract(), &OpCache::default(), &crate::Settings::default(), &shown, &text);
        assert_eq!(findings(&from_text), findings(&from_file), "{name}");
        assert!(
            !from_file.diagnostics.is_empty() || name == "ok",
            "{name}: a broken HAR has findings"
        );
        let items = |o: &Outcome| o.items.iter().map(|i| (i.kind, i.name.clone())).collect::<Vec<_>>();
        assert_eq!(items(&from_text), items(&from_file), "{name}");
    }
}

/// The sniff that sends a `.json` file to the HAR reader: an object whose
/// first key is `log`, holding an object; undecided (`None`) while the
/// text read so far ends before that is told.
#[test]
fn a_json_file_opens_a_har_log_when_its_first_key_is_a_log_object() {
    use crate::input::har::opens_log;
    for yes in [
        "{\"log\":{\"entries\":[]}}",
        "\u{feff}{\"log\": {",
        "\n\n  {\n    \"log\"\n :\n {\"version\"",
    ] {
        assert_eq!(opens_log(yes.as_bytes()), Some(true), "{yes:?}");
    }
    for no in [
        "{\"log\": \"x\"}",
        "{\"log\": [",
        "{\"logs\": {",
        "{\"request\": {}, \"log\": {",
        "{}",
        "[{\"log\": {}}]",
        "log:\n  entries: []",
        "{\"log\" {",
    ] {
        assert_eq!(opens_log(no.as_bytes()), Some(false), "{no:?}");
    }
    for undecided in ["", "  \n", "{", "{ \"lo", "{\"log\"", "{\"log\": \n"] {
        assert_eq!(opens_log(undecided.as_bytes()), None, "{undecided:?}");
    }
}
