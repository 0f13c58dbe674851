//! Modules depend one way: no import circle anywhere under src/.
//!
//! The test reads every `src/**/*.rs`, resolves each `crate::`, `super::` and
//! `self::` path (in `use` trees and in expressions) to the module it names,
//! and records an edge between the two sibling modules that separate the file
//! from its target (`check::request` → `check::http` is an edge among the
//! children of `check`; `conform::client` → `util::date` is an edge among the
//! top-level modules `conform` → `util`). A module using its own parent's
//! items, or a parent using its children, is not a sibling edge. Then every
//! group of siblings must form a graph without a cycle.
//!
//! Re-exports are followed: `crate::Checker`, which lib.rs re-exports with
//! `pub use checker::Checker`, is an edge to `checker`, and an item a module
//! re-exports from another (`pub(crate) use crate::contract::source::fetch`
//! in `evolve`) is an edge to where it is defined.
//!
//! Known limits: glob re-exports (`pub use child::*`) are not followed (the
//! item counts as the parent's), and comments (doc links included) are not
//! dependencies.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Edges allowed to close a circle, while other branches remove them. Each is
/// `(parent module, from, to)`; `""` is the crate root. The lead empties this
/// list once those branches are merged.
const ALLOWED: &[(&str, &str, &str)] = &[];

/// Every `.rs` file under `dir`, sorted.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("src/ is readable")
        .map(|e| e.expect("dir entry").path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// The module path of a file: `src/serve/http.rs` → `["serve", "http"]`,
/// `src/serve/mod.rs` → `["serve"]`, `src/lib.rs` → `[]`.
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).expect("under src");
    let mut parts: Vec<String> = rel.iter().map(|c| c.to_string_lossy().into_owned()).collect();
    let last = parts.pop().expect("a file name");
    let stem = last.trim_end_matches(".rs");
    if !matches!(stem, "mod" | "lib" | "main") {
        parts.push(stem.to_string());
    }
    parts
}

/// The text without comments (line comments, doc comments, block comments) and
/// without the contents of string literals, so neither is read as a path.
fn code_only(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'/' && b.get(i + 1) == Some(&b'/') {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
        } else if b[i] == b'/' && b.get(i + 1) == Some(&b'*') {
            let end = text[i + 2..].find("*/").map_or(b.len(), |e| i + 2 + e + 2);
            out.extend(text[i..end].chars().filter(|c| *c == '\n'));
            i = end;
        } else if b[i] == b'"' && (i == 0 || b[i - 1] != b'\'') {
            // Raw strings (r"..", r#".."#) are treated like plain ones: the
            // sources hold no `"` inside raw strings of code paths.
            i += 1;
            while i < b.len() && b[i] != b'"' {
                if b[i] == b'\\' {
                    i += 1;
                }
                if b.get(i) == Some(&b'\n') {
                    out.push('\n');
                }
                i += 1;
            }
            out.push_str("\"\"");
            i += 1;
        } else {
            let c = text[i..].chars().next().expect("a char");
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

/// Expands a `use` tree starting at `s` (after a `crate`/`super`/`self`
/// prefix and its `::`): `a::b`, `a::{b, c::d}`, `{a, b}`. Returns the paths.
fn expand(s: &str) -> Vec<Vec<String>> {
    fn tree(s: &[u8], i: &mut usize) -> Vec<Vec<String>> {
        let mut prefix = Vec::new();
        loop {
            while *i < s.len() && s[*i].is_ascii_whitespace() {
                *i += 1;
            }
            if s.get(*i) == Some(&b'{') {
                *i += 1;
                let mut all = Vec::new();
                loop {
                    for mut p in tree(s, i) {
                        let mut full = prefix.clone();
                        full.append(&mut p);
                        all.push(full);
                    }
                    while *i < s.len() && s[*i].is_ascii_whitespace() {
                        *i += 1;
                    }
                    match s.get(*i) {
                        Some(b',') => *i += 1,
                        Some(b'}') => {
                            *i += 1;
                            break;
                        }
                        _ => return all,
                    }
                    while *i < s.len() && s[*i].is_ascii_whitespace() {
                        *i += 1;
                    }
                    if s.get(*i) == Some(&b'}') {
                        *i += 1;
                        break;
                    }
                }
                return all;
            }
            let start = *i;
            while *i < s.len() && (s[*i].is_ascii_alphanumeric() || s[*i] == b'_' || s[*i] == b'*') {
                *i += 1;
            }
            if start == *i {
                return vec![prefix];
            }
            prefix.push(String::from_utf8_lossy(&s[start..*i]).into_owned());
            if s.get(*i..*i + 2) == Some(b"::") {
                *i += 2;
            } else {
                // `as name` and anything else ends the path.
                while *i < s.len() && !matches!(s[*i], b',' | b'}' | b';') {
                    *i += 1;
                }
                return vec![prefix];
            }
        }
    }
    let mut i = 0;
    tree(s.as_bytes(), &mut i)
}

/// Paths a file names, resolved to absolute module paths (from the crate root).
fn references(module: &[String], code: &str) -> Vec<Vec<String>> {
    // Inline `mod name {` blocks change what `super` and `self` mean: track
    // them by the indentation of their opening and closing lines.
    let mut out = Vec::new();
    let mut stack: Vec<(usize, String)> = Vec::new();
    for line in code.lines() {
        let indent = line.len() - line.trim_start().len();
        let t = line.trim_start();
        if let Some((depth, _)) = stack.last() {
            if t.starts_with('}') && indent == *depth {
                stack.pop();
                continue;
            }
        }
        let here: Vec<String> = module.iter().cloned().chain(stack.iter().map(|(_, n)| n.clone())).collect();
        let decl = t.strip_prefix("pub ").unwrap_or(t);
        if let Some(rest) = decl.strip_prefix("mod ") {
            if let Some(name) = rest.strip_suffix(" {") {
                stack.push((indent, name.trim().to_string()));
                continue;
            }
        }
        let bytes = line.as_bytes();
        let mut i = 0;
        while i < line.len() {
            if !line.is_char_boundary(i) {
                i += 1;
                continue;
            }
            let word_start = i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_' || bytes[i - 1] == b':');
            let rest = &line[i..];
            let (base, skip): (Option<Vec<String>>, usize) = if !word_start {
                (None, 1)
            } else if rest.starts_with("crate::") {
                (Some(Vec::new()), 7)
            } else if rest.starts_with("self::") {
                (Some(here.clone()), 6)
            } else if rest.starts_with("super::") {
                let mut base = here.clone();
                let mut n = 0;
                while line[i + n..].starts_with("super::") {
                    base.pop();
                    n += 7;
                }
                (Some(base), n)
            } else {
                (None, 1)
            };
            match base {
                Some(base) => {
                    // A `use` tree may run over several lines: join until `;`.
                    let tail = &code_after(code, line, i + skip);
                    for p in expand(tail) {
                        out.push((here.clone(), base.iter().cloned().chain(p).collect::<Vec<_>>()));
                    }
                    i += skip;
                }
                None => i += skip,
            }
        }
    }
    out.into_iter()
        .map(|(from, to)| {
            let mut both = from;
            both.push("\u{0}".to_string());
            both.extend(to);
            both
        })
        .collect()
}

/// The text of `code` from `line` (a line of `code`, by address) at byte
/// `at`, up to the next `;` (at most 2,000 bytes): a whole `use` tree.
fn code_after(code: &str, line: &str, at: usize) -> String {
    let offset = line.as_ptr() as usize - code.as_ptr() as usize + at;
    let rest = &code[offset..];
    let end = rest.find(';').unwrap_or(rest.len()).min(2000);
    let end = (0..=end).rev().find(|e| rest.is_char_boundary(*e)).unwrap_or(0);
    rest[..end].to_string()
}

/// Re-exports of a module's code: `module path ++ [name]` → the path the
/// name stands for (`pub use`, `pub(crate) use`, `pub(super) use`; paths
/// from `crate`, `self`, `super` or a child module; globs left out).
fn reexports(module: &[String], code: &str, modules: &BTreeSet<Vec<String>>) -> BTreeMap<Vec<String>, Vec<String>> {
    let mut out = BTreeMap::new();
    for (at, _) in code.match_indices("use ") {
        let before = code[..at].trim_end();
        let line_start = before.rfind(['\n', ';', '{', '}']).map_or(0, |i| i + 1);
        let vis = before[line_start..].trim();
        if !(vis == "pub" || vis.starts_with("pub(")) || at > 0 && !code[..at].ends_with(' ') {
            continue;
        }
        let tail = code[at + 4..].trim_start();
        let (base, rest, bare): (Vec<String>, &str, bool) = if let Some(r) = tail.strip_prefix("crate::") {
            (Vec::new(), r, false)
        } else if let Some(r) = tail.strip_prefix("self::") {
            (module.to_vec(), r, false)
        } else if tail.starts_with("super::") {
            let mut base = module.to_vec();
            let mut r = tail;
            while let Some(x) = r.strip_prefix("super::") {
                base.pop();
                r = x;
            }
            (base, r, false)
        } else {
            (module.to_vec(), tail, true)
        };
        let end = rest.find(';').unwrap_or(rest.len()).min(2000);
        for p in expand(&rest[..end]) {
            if p.is_empty() || p.last().is_some_and(|l| l == "*") {
                continue;
            }
            let target: Vec<String> = base.iter().cloned().chain(p.iter().cloned()).collect();
            // A bare path must start at a child module (not an external crate).
            if bare && !modules.contains(&target[..base.len() + 1]) {
                continue;
            }
            let mut key = module.to_vec();
            key.push(p.last().cloned().unwrap_or_default());
            if key != target {
                out.insert(key, target);
            }
        }
    }
    out
}

/// A path with every re-export on it replaced by what it stands for.
fn follow(path: &[String], map: &BTreeMap<Vec<String>, Vec<String>>) -> Vec<String> {
    let mut p = path.to_vec();
    for _ in 0..8 {
        let hit = (1..=p.len()).rev().find_map(|n| map.get(&p[..n]).map(|t| (n, t.clone())));
        match hit {
            Some((n, mut t)) => {
                t.extend(p[n..].iter().cloned());
                if t == p {
                    break;
                }
                p = t;
            }
            None => break,
        }
    }
    p
}

/// Sibling edges: `parent path` → set of `(from child, to child)`.
fn sibling_edges() -> BTreeMap<String, BTreeSet<(String, String)>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let modules: BTreeSet<Vec<String>> = files.iter().map(|f| module_of(&src, f)).collect();
    let texts: Vec<(Vec<String>, String)> = files
        .iter()
        .map(|f| (module_of(&src, f), code_only(&std::fs::read_to_string(f).expect("readable source"))))
        .collect();
    let mut map = BTreeMap::new();
    for (module, code) in &texts {
        map.extend(reexports(module, code, &modules));
    }
    let mut edges: BTreeMap<String, BTreeSet<(String, String)>> = BTreeMap::new();
    for (module, code) in &texts {
        for both in references(module, code) {
            let split = both.iter().position(|s| s == "\u{0}").expect("separator");
            let from = &both[..split];
            let to = follow(&both[split + 1..], &map);
            let k = from.iter().zip(to.iter()).take_while(|(a, b)| a == b).count();
            let (Some(a), Some(b)) = (from.get(k), to.get(k)) else { continue };
            // Only modules are nodes: `to[k]` may be an item of the parent.
            let target: Vec<String> = to[..=k].to_vec();
            let source: Vec<String> = from[..=k].to_vec();
            if !modules.contains(&target) || !modules.contains(&source) {
                continue;
            }
            edges.entry(from[..k].join("::")).or_default().insert((a.clone(), b.clone()));
        }
    }
    edges
}

/// A cycle in a directed graph, if any (depth-first search).
fn find_cycle(edges: &BTreeSet<(String, String)>) -> Option<Vec<String>> {
    let mut next: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (a, b) in edges {
        next.entry(a).or_default().push(b);
    }
    fn visit<'a>(
        n: &'a str,
        next: &BTreeMap<&'a str, Vec<&'a str>>,
        state: &mut BTreeMap<&'a str, u8>,
        path: &mut Vec<&'a str>,
    ) -> Option<Vec<String>> {
        state.insert(n, 1);
        path.push(n);
        for m in next.get(n).into_iter().flatten() {
            match state.get(m) {
                Some(1) => {
                    let start = path.iter().position(|p| p == m).expect("on the path");
                    let mut cycle: Vec<String> = path[start..].iter().map(|s| s.to_string()).collect();
                    cycle.push(m.to_string());
                    return Some(cycle);
                }
                Some(_) => {}
                None => {
                    if let Some(c) = visit(m, next, state, path) {
                        return Some(c);
                    }
                }
            }
        }
        path.pop();
        state.insert(n, 2);
        None
    }
    let mut state = BTreeMap::new();
    let nodes: Vec<&str> = next.keys().copied().collect();
    for n in nodes {
        if !state.contains_key(n) {
            if let Some(c) = visit(n, &next, &mut state, &mut Vec::new()) {
                return Some(c);
            }
        }
    }
    None
}

#[test]
fn modules_depend_one_way() {
    let edges = sibling_edges();
    // The reader works: these edges exist in the sources and must be seen.
    let top = edges.get("").expect("edges between top-level modules");
    assert!(top.contains(&("check".to_string(), "contract".to_string())), "{top:?}");
    assert!(top.contains(&("cli".to_string(), "check".to_string())), "{top:?}");
    // Seen only through lib.rs's re-export (`crate::ProjectRun`).
    assert!(top.contains(&("cli".to_string(), "run".to_string())), "{top:?}");
    // Readers hold no rule, and reporters read an outcome, not the checks.
    for (from, to) in [("input", "check"), ("outcome", "check"), ("report", "check")] {
        assert!(!top.contains(&(from.to_string(), to.to_string())), "{from} -> {to}: {top:?}");
    }
    let mut circles = Vec::new();
    for (parent, set) in &edges {
        let kept: BTreeSet<(String, String)> = set
            .iter()
            .filter(|(a, b)| !ALLOWED.contains(&(parent.as_str(), a.as_str(), b.as_str())))
            .cloned()
            .collect();
        if let Some(cycle) = find_cycle(&kept) {
            let at = if parent.is_empty() {
                "the crate root".to_string()
            } else {
                format!("`{parent}`")
            };
            circles.push(format!("in {at}: {}", cycle.join(" -> ")));
        }
    }
    assert!(circles.is_empty(), "import circles:\n{}\nedges: {edges:#?}", circles.join("\n"));
}

/// An allowed edge that no longer exists must leave the list, so the list
/// only ever shrinks to empty.
#[test]
fn allowed_circle_edges_still_exist() {
    let edges = sibling_edges();
    for (parent, a, b) in ALLOWED {
        let present = edges.get(*parent).is_some_and(|s| s.contains(&(a.to_string(), b.to_string())));
        assert!(
            present,
            "{parent}: {a} -> {b} is gone: remove it from ALLOWED in tests/integration/layering.rs"
        );
    }
}

#[test]
fn re_exports_are_followed() {
    let modules: BTreeSet<Vec<String>> = [
        vec![],
        vec!["a".to_string()],
        vec!["b".to_string()],
        vec!["b".to_string(), "c".to_string()],
    ]
    .into_iter()
    .collect();
    let lib = reexports(
        &[],
        "pub use a::{Thing, Other as O};\npub(crate) mod a;\nuse serde::Serialize;",
        &modules,
    );
    let b = reexports(&["b".to_string()], "pub(crate) use crate::Thing;\npub use self::c::*;", &modules);
    let mut map = lib.clone();
    map.extend(b);
    let v = |s: &str| s.split("::").map(String::from).collect::<Vec<_>>();
    assert_eq!(lib.get(&v("Thing")), Some(&v("a::Thing")), "{lib:?}");
    assert!(
        !lib.contains_key(&v("Serialize")),
        "a plain `use` of an external crate is no re-export"
    );
    assert_eq!(follow(&v("b::Thing::new"), &map), v("a::Thing::new"), "followed twice");
    assert_eq!(follow(&v("b::c::x"), &map), v("b::c::x"));
}

#[test]
fn a_circle_is_found() {
    let set: BTreeSet<(String, String)> = [("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")]
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(find_cycle(&set), Some(vec!["a".into(), "b".into(), "c".into(), "a".into()]));
    let line: BTreeSet<(String, String)> = [("a", "b"), ("b", "c")]
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(find_cycle(&line), None);
    assert_eq!(
        expand("a::{b, c::{d, e as f}}, g"),
        vec![vec!["a", "b"], vec!["a", "c", "d"], vec!["a", "c", "e"]]
            .into_iter()
            .map(|v| v.into_iter().map(String::from).collect::<Vec<_>>())
            .collect::<Vec<_>>()
    );
}
