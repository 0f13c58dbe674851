//! `coverage --format html`: one self-contained page, checked in a real
//! headless Chromium (Debian's `chromium`, driven by playwright-core from
//! npm; tests/support/coverage_html.cjs): it loads with no console error and
//! no request off the file, its numbers are the JSON's of the same inputs,
//! and its search and filters show exactly the coordinates they should.

use std::path::{Path, PathBuf};
use std::process::Command;

fn coverage(format: &str, output: &Path, args: &[&str]) {
    let out = Command::new(env!("CARGO_BIN_EXE_plain-contract"))
        .args(["coverage", "--format", format, "--output"])
        .arg(output)
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("runs");
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "coverage {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("pc-cov-html-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// The page and the JSON of the same inputs, then the page in Chromium;
/// returns what the browser script measured.
fn in_chromium(name: &str, args: &[&str], search: &str) -> Option<serde_json::Value> {
    let playwright = crate::prereq::headless_chromium()?;
    let dir = temp(name);
    let (page, json) = (dir.join("coverage.html"), dir.join("coverage.json"));
    coverage("html", &page, args);
    coverage("json", &json, args);
    let out = Command::new("node")
        .arg("tests/support/coverage_html.cjs")
        .arg(&playwright)
        .arg(&page)
        .arg(&json)
        .arg(search)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("node runs");
    assert!(
        out.status.success(),
        "{name}: the page failed in Chromium:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let _ = std::fs::remove_dir_all(&dir);
    let figures: serde_json::Value = serde_json::from_slice(&out.stdout).expect("the script's figures");
    eprintln!("coverage html, {name}: {figures}");
    Some(figures)
}

#[test]
fn the_page_of_the_corpus_in_chromium() {
    let args = ["--schema", "tests/corpus/coverage/schema.graphql", "tests/corpus/coverage"];
    let Some(f) = in_chromium("corpus", &args, "customer") else {
        return;
    };
    assert!(f["sitesShown"].as_u64().is_some_and(|n| n > 0), "{f}");
}

/// Plain's full schema (the embedded `plain`), over Plain's SDK layout when
/// it is present (some 20,000 use sites), else over the fixtures.
#[test]
fn the_page_of_plains_full_schema_in_chromium() {
    let sdk = crate::prereq::plain_sdk();
    let input = sdk.as_ref().map_or("fixtures".to_string(), |p| p.display().to_string());
    let args = ["--schema", "plain", input.as_str()];
    let Some(f) = in_chromium("plain", &args, "fullName") else { return };
    assert!(f["coordinates"].as_u64().is_some_and(|n| n > 5000), "{f}");
}

/// Under 3 MB for Plain's full schema, and nothing in it is loaded from
/// elsewhere (no CDN, no font, no image, no stylesheet link).
#[test]
fn the_page_is_one_small_self_contained_file() {
    let dir = temp("size");
    let page = dir.join("coverage.html");
    let input = crate::prereq::plain_sdk().map_or("fixtures".to_string(), |p| p.display().to_string());
    coverage("html", &page, &["--schema", "plain", &input]);
    let text = std::fs::read_to_string(&page).expect("written");
    assert!(text.len() < 3_000_000, "{} bytes", text.len());
    let data_at = text.find("id=\"coverage-data\"").expect("embedded data");
    let data_end = data_at + text[data_at..].find("</script>").expect("the data ends");
    let shell = format!("{}{}", &text[..data_at], &text[data_end..]);
    for loads in ["<link", " src=", "url(", "@import", "http:", "https:"] {
        assert!(!shell.contains(loads), "the page's shell holds `{loads}`");
    }
    assert_eq!(text.matches("<script").count(), 2, "the data and the code, both inline");
    let _ = std::fs::remove_dir_all(&dir);
}
