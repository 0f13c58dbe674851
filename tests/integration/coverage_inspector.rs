//! `coverage` against GraphQL Inspector's `coverage --write` (the anchor, from
//! npm), field by field, on Plain's SDK layout (both repositories: the
//! TypeScript SDK's operations and @team-plain/graphql's). Inspector stops on
//! a document that does not validate, so both are given the same files: those
//! `check` finds no error in (taken away until none is left, since a file
//! can depend on a fragment of one taken away).
//!
//! For every field of every object and interface type Inspector reports, the
//! hits are equal, and so are the use sites once Inspector's node ranges
//! (character offsets in the document) are turned into line:col at the
//! field's name (Inspector's range of an aliased field starts at the alias).
//! Its offsets are into the document as graphql-js prints it, so the files
//! are first rewritten in that form (see below).
//! Arguments, which Inspector lists as children of their field, are compared
//! by hits too. docs/coverage.md says where the two count differently.

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

const SCHEMA: &str = "specs/plain-schema.graphql";

/// A use site: file (relative to the folder compared), line, column.
type Site = (String, u64, u64);

fn bin(args: &[&str]) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_plain-contract"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("runs");
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{args:?}: {e}: {}", String::from_utf8_lossy(&out.stderr)))
}

fn documents(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).expect("readable").flatten() {
        let p = e.path();
        if p.is_dir() {
            documents(&p, out);
        } else if p.extension().is_some_and(|x| x == "graphql" || x == "gql") {
            out.push(p);
        }
    }
}

/// `text`'s 1-based line and column (in characters) at character `offset`.
fn line_col(text: &str, offset: usize) -> (u64, u64) {
    let (mut line, mut col) = (1, 1);
    for c in text.chars().take(offset) {
        if c == '\n' {
            line += 1;
            col = 1;
        } else {
            col += 1;
        }
    }
    (line, col)
}

#[test]
fn field_hits_and_sites_equal_graphql_inspectors() {
    let Some(layout) = crate::prereq::plain_sdk() else { return };
    let Some(inspector) = crate::prereq::graphql_inspector() else {
        return;
    };
    let dir = std::env::temp_dir().join(format!("pc-cov-inspector-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let mut files = Vec::new();
    documents(&layout, &mut files);
    for f in &files {
        let to = dir.join(f.strip_prefix(&layout).expect("under the layout"));
        std::fs::create_dir_all(to.parent().expect("a folder")).expect("mkdir");
        std::fs::copy(f, &to).expect("copy");
    }
    // Take away the files check finds an error in, until there is none.
    let d = dir.to_string_lossy().into_owned();
    for _ in 0..10 {
        let r = bin(&["check", "--schema", SCHEMA, "--format", "json", &d]);
        let bad: BTreeSet<String> = r["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .filter(|x| x["severity"] == "error")
            .filter_map(|x| x["file"].as_str().map(str::to_string))
            .collect();
        if bad.is_empty() {
            break;
        }
        for f in bad {
            std::fs::remove_file(&f).unwrap_or_else(|e| panic!("{f}: {e}"));
        }
    }
    let mut kept = Vec::new();
    documents(&dir, &mut kept);
    assert!(
        kept.len() > 300,
        "most of the SDK's documents validate: {} of {}",
        kept.len(),
        files.len()
    );

    let inspect = || -> Value {
        let written = dir.join("inspector.json");
        let out = Command::new(&inspector)
            .args(["coverage", &format!("{d}/**/*.{{graphql,gql}}"), SCHEMA, "--silent", "--write"])
            .arg(&written)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .expect("graphql-inspector runs");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let v = serde_json::from_str(&std::fs::read_to_string(&written).expect("written")).expect("json");
        let _ = std::fs::remove_file(&written);
        v
    };
    // Inspector's ranges are offsets into the document as graphql-js prints
    // it (its loader reprints: blank lines go, short argument lists join one
    // line), not into the file. So the files are first rewritten as Inspector
    // prints them, and both tools read the very same text.
    let first = inspect();
    for s in first["sources"].as_array().expect("sources") {
        let (name, body) = (s["name"].as_str().expect("name"), s["body"].as_str().expect("body"));
        std::fs::write(name, format!("{body}\n")).expect("rewritten");
    }
    let ours = bin(&["coverage", "--schema", SCHEMA, "--format", "json", &d]);
    assert_eq!(ours["check"]["errors"], 0);
    let theirs = inspect();

    // Ours, by coordinate: kind, hits and sites (relative to the folder).
    let rel = |file: &str| file.strip_prefix(d.as_str()).unwrap_or(file).trim_start_matches('/').to_string();
    let mut by: BTreeMap<String, (String, u64, Vec<Site>)> = BTreeMap::new();
    for e in ours["coordinates"].as_array().expect("coordinates") {
        let sites = e["sites"]
            .as_array()
            .expect("sites")
            .iter()
            .map(|s| {
                (
                    rel(s["file"].as_str().expect("file")),
                    s["line"].as_u64().expect("line"),
                    s["column"].as_u64().expect("col"),
                )
            })
            .collect();
        let kind = e["kind"].as_str().expect("kind").to_string();
        by.insert(
            format!("{} {kind}", e["coordinate"].as_str().expect("coordinate")),
            (kind, e["hits"].as_u64().expect("hits"), sites),
        );
    }
    let bodies: BTreeMap<String, String> = theirs["sources"]
        .as_array()
        .expect("sources")
        .iter()
        .map(|s| {
            (
                rel(s["name"].as_str().expect("name")),
                s["body"].as_str().expect("body").to_string(),
            )
        })
        .collect();

    for (file, body) in &bodies {
        let text = std::fs::read_to_string(dir.join(file)).expect("a kept document");
        assert_eq!(text.trim_end(), body.trim_end(), "{file}: Inspector's text is the file's");
    }
    let (mut fields, mut args, mut sites) = (0, 0, 0);
    let mut differ = Vec::new();
    for (ty, t) in theirs["types"].as_object().expect("types") {
        // Object and interface types: those whose children are fields of ours.
        let Some(children) = t["children"].as_object() else { continue };
        for (f, c) in children {
            let Some((_, hits, our_sites)) = by.get(&format!("{ty}.{f} field")) else {
                continue;
            };
            fields += 1;
            if c["hits"].as_u64() != Some(*hits) {
                differ.push(format!("{ty}.{f}: hits {} (Inspector) vs {hits}", c["hits"]));
            }
            let mut their_sites = Vec::new();
            for (file, ranges) in c["locations"].as_object().expect("locations") {
                let file = rel(file);
                let body = &bodies[&file];
                for r in ranges.as_array().expect("ranges") {
                    let start = r["start"].as_u64().expect("start") as usize;
                    // An aliased field's range starts at its alias: the site is at the name.
                    let at: String = body.chars().skip(start).take(200).collect();
                    let skip = at
                        .find(|ch: char| !(ch.is_alphanumeric() || ch == '_'))
                        .filter(|&n| at[n..].trim_start().starts_with(':'))
                        .map(|n| {
                            let after = &at[n..];
                            let colon = after.find(':').expect("a colon");
                            let name = after[colon + 1..].len() - after[colon + 1..].trim_start().len();
                            n + colon + 1 + name
                        })
                        .unwrap_or(0);
                    let (line, col) = line_col(body, start + at[..skip].chars().count());
                    their_sites.push((file.clone(), line, col));
                }
            }
            their_sites.sort();
            let mut mine = our_sites.clone();
            mine.sort();
            sites += mine.len();
            if their_sites != mine {
                differ.push(format!("{ty}.{f}: sites {their_sites:?} (Inspector) vs {mine:?}"));
            }
            for (a, ac) in c["children"].as_object().into_iter().flatten() {
                let Some((_, ah, _)) = by.get(&format!("{ty}.{f}({a}:) argument")) else {
                    continue;
                };
                args += 1;
                if ac["hits"].as_u64() != Some(*ah) {
                    differ.push(format!("{ty}.{f}({a}:): hits {} (Inspector) vs {ah}", ac["hits"]));
                }
            }
        }
    }
    eprintln!(
        "coverage vs GraphQL Inspector: {} documents, {fields} fields, {args} arguments, {sites} sites compared",
        kept.len()
    );
    assert!(fields > 1000 && sites > 1000, "{fields} fields, {sites} sites");
    assert!(differ.is_empty(), "{} differences:\n{}", differ.len(), differ.join("\n"));
    let _ = std::fs::remove_dir_all(&dir);
}
