//! Links that cannot rot: every relative link in README.md, docs/*.md and
//! fuzz/CAMPAIGN.md (`[text](path)`, `[text](path#anchor)`, `[text](#anchor)`)
//! names a file of the repository, and an anchor names a heading of that
//! file, slugged as GitHub does (lowercase; punctuation but `-` and `_`
//! dropped; spaces become `-`; a repeated heading gets `-1`, `-2`...).
//! Written here rather than taken from a link checker: the rule is these few
//! lines, and a crate or a Node tool would add a dependency for them.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The files whose links are checked.
fn doc_files() -> Vec<PathBuf> {
    let mut files = vec![PathBuf::from("README.md"), PathBuf::from("fuzz/CAMPAIGN.md")];
    let mut docs: Vec<PathBuf> = std::fs::read_dir("docs")
        .expect("docs/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.sort();
    files.extend(docs);
    files
}

/// The lines outside fenced code blocks, with their 1-based numbers.
fn prose(text: &str) -> Vec<(usize, &str)> {
    let mut fenced = false;
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if !fenced {
            out.push((n + 1, line));
        }
    }
    out
}

/// GitHub's anchor for a heading's text.
fn slug(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'))
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

/// Every anchor a Markdown file offers.
fn anchors(text: &str) -> BTreeSet<String> {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut out = BTreeSet::new();
    for (_, line) in prose(text) {
        let Some(rest) = line.strip_prefix('#') else { continue };
        let heading = rest.trim_start_matches('#');
        if !heading.starts_with(' ') {
            continue;
        }
        let s = slug(heading);
        let n = seen.entry(s.clone()).or_insert(0);
        out.insert(if *n == 0 { s.clone() } else { format!("{s}-{n}") });
        *n += 1;
    }
    out
}

/// The targets of the inline links of a line (`](target)`), outside inline code.
fn links(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_code = false;
    let b = line.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'`' {
            in_code = !in_code;
        } else if !in_code && b[i] == b']' && b.get(i + 1) == Some(&b'(') {
            if let Some(end) = line[i + 2..].find(')') {
                out.push(line[i + 2..i + 2 + end].to_string());
                i += 2 + end;
            }
        }
        i += 1;
    }
    out
}

#[test]
fn every_relative_link_in_the_docs_names_a_file_and_a_heading() {
    let mut broken = Vec::new();
    let mut checked = 0;
    for file in doc_files() {
        let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let dir = file.parent().unwrap_or(Path::new(""));
        for (n, line) in prose(&text) {
            for target in links(line) {
                if target.contains("://") || target.starts_with("mailto:") {
                    continue;
                }
                checked += 1;
                let (path, anchor) = match target.split_once('#') {
                    Some((p, a)) => (p, Some(a)),
                    None => (target.as_str(), None),
                };
                let resolved = if path.is_empty() { file.clone() } else { dir.join(path) };
                let at = format!("{}:{n}: ({target})", file.display());
                if !resolved.exists() {
                    broken.push(format!("{at}: no file {}", resolved.display()));
                    continue;
                }
                if let Some(anchor) = anchor {
                    let Ok(target_text) = std::fs::read_to_string(&resolved) else {
                        broken.push(format!("{at}: an anchor into something that is not a text file"));
                        continue;
                    };
                    if !anchors(&target_text).contains(anchor) {
                        broken.push(format!("{at}: no heading with the anchor #{anchor} in {}", resolved.display()));
                    }
                }
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
    assert!(checked >= 40, "only {checked} relative links found: is the link reader broken?");
}

#[test]
fn the_link_reader_sees_links_and_github_slugs() {
    assert_eq!(links("see [a](docs/a.md#x-y) and `[b](no)` [c](#z)"), vec!["docs/a.md#x-y", "#z"]);
    assert_eq!(slug(" `schema diff OLD NEW`"), "schema-diff-old-new");
    assert_eq!(
        slug("HAR 1.2 (`.har`, or JSON with `log.entries`)"),
        "har-12-har-or-json-with-logentries"
    );
    let a = anchors("# T\n## Notes\n```\n# not a heading\n```\n## Notes\n");
    assert_eq!(a, ["notes", "notes-1", "t"].iter().map(|s| s.to_string()).collect());
}
