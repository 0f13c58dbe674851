//! The lexical scan of a document file: the names after `fragment … on`,
//! after `...`, and after an operation keyword, found without parsing (see
//! [`super::relevant_with`], which picks a pre-commit run's files with it).
//!
//! Written by hand, not with the `regex` crate, because every file of a
//! project is scanned on every pre-commit run (890 files in Plain's SDK
//! layout): the three patterns' capture searches took about 1.5 ms of CPU
//! per run there, and compiling them a little more, where this takes a
//! small fraction of it (memchr's vector searches find each keyword; the
//! rest is a few byte comparisons at each). What it finds is exactly what
//! those patterns found, match by match (leftmost, non-overlapping, each
//! search resumed after the previous match), and a test holds it to them:
//! - `(?-u)\bfragment[\s,]+(NAME)[\s,]+on\b`
//! - `(?-u)\.\.\.[\s,]*(NAME)`
//! - `(?-u)\b(?:query|mutation|subscription)[\s,]+(NAME)`
//!
//! where `NAME` is `[_A-Za-z][_0-9A-Za-z]*`, `\s` ASCII whitespace, and the
//! name `on` is dropped from each set.

use super::Scan;
use memchr::memmem;

/// Scans a document file's text for fragment definitions, fragment spreads
/// and operation names (no parsing).
pub(crate) fn scan(text: &str) -> Scan {
    let t = text.as_bytes();
    let mut out = Scan::default();
    let keep = |set: &mut hashbrown::HashSet<String>, name: &[u8]| {
        if name != b"on" {
            // A name is ASCII by construction, so a whole UTF-8 slice.
            set.insert(String::from_utf8_lossy(name).into_owned());
        }
    };
    for name in definitions(t) {
        keep(&mut out.defs, name);
    }
    for name in spreads(t) {
        keep(&mut out.spreads, name);
    }
    for name in operations(t) {
        keep(&mut out.ops, name);
    }
    out
}

/// ASCII word characters (the `(?-u)\b` boundary's).
fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// `[\s,]` in ASCII mode: space, `\t`, `\n`, `\v`, `\f`, `\r`, and the comma.
fn is_sep(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b',')
}

/// The end of the separators from `i`.
fn seps(t: &[u8], mut i: usize) -> usize {
    while t.get(i).is_some_and(|&b| is_sep(b)) {
        i += 1;
    }
    i
}

/// The end of the name starting at `i`, if one does.
fn name(t: &[u8], i: usize) -> Option<usize> {
    match t.get(i) {
        Some(&b) if b.is_ascii_alphabetic() || b == b'_' => {
            let mut e = i + 1;
            while t.get(e).is_some_and(|&b| is_word(b)) {
                e += 1;
            }
            Some(e)
        }
        _ => None,
    }
}

/// A word boundary before `at` (which starts with a word character).
fn boundary_before(t: &[u8], at: usize) -> bool {
    at == 0 || !is_word(t[at - 1])
}

/// The names each match of a pattern captures, leftmost first, each search
/// resumed after the match before: `try_at(at)` tries a match at a
/// candidate `at` that `next(from)` found, giving the name's range and the
/// match's end.
fn matches<'t>(
    t: &'t [u8],
    next: impl Fn(usize) -> Option<usize> + 't,
    try_at: impl Fn(usize) -> Option<(usize, usize, usize)> + 't,
) -> impl Iterator<Item = &'t [u8]> + 't {
    let mut pos = 0;
    std::iter::from_fn(move || {
        while let Some(at) = next(pos) {
            match try_at(at) {
                Some((s, e, end)) => {
                    pos = end;
                    return Some(&t[s..e]);
                }
                None => pos = at + 1,
            }
        }
        pos = t.len() + 1;
        None
    })
}

/// The next occurrence of `needle` at or after `from`.
fn find(t: &[u8], finder: &memmem::Finder<'_>, from: usize) -> Option<usize> {
    t.get(from..).and_then(|rest| finder.find(rest)).map(|k| from + k)
}

/// `\bfragment[\s,]+(NAME)[\s,]+on\b`
fn definitions(t: &[u8]) -> impl Iterator<Item = &[u8]> {
    let finder = memmem::Finder::new(b"fragment");
    let next = move |from| find(t, &finder, from);
    matches(t, next, move |at| {
        if !boundary_before(t, at) {
            return None;
        }
        let s = seps(t, at + b"fragment".len());
        if s == at + b"fragment".len() {
            return None;
        }
        let e = name(t, s)?;
        let on = seps(t, e);
        let word_after = t.get(on + 2).is_some_and(|&b| is_word(b));
        (on > e && t.get(on..on + 2) == Some(&b"on"[..]) && !word_after).then_some((s, e, on + 2))
    })
}

/// `\.\.\.[\s,]*(NAME)`
fn spreads(t: &[u8]) -> impl Iterator<Item = &[u8]> {
    let finder = memmem::Finder::new(b"...");
    let next = move |from| find(t, &finder, from);
    matches(t, next, move |at| {
        let s = seps(t, at + 3);
        let e = name(t, s)?;
        Some((s, e, e))
    })
}

/// `\b(?:query|mutation|subscription)[\s,]+(NAME)`
fn operations(t: &[u8]) -> impl Iterator<Item = &[u8]> {
    let next = move |from: usize| {
        t.get(from..)
            .and_then(|rest| memchr::memchr3(b'q', b'm', b's', rest))
            .map(|k| from + k)
    };
    matches(t, next, move |at| {
        let rest = &t[at..];
        let word: &[u8] = [&b"query"[..], b"mutation", b"subscription"]
            .into_iter()
            .find(|w| rest.starts_with(w))?;
        if !boundary_before(t, at) {
            return None;
        }
        let s = seps(t, at + word.len());
        if s == at + word.len() {
            return None;
        }
        let e = name(t, s)?;
        Some((s, e, e))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The patterns the scan stands for, as the `regex` crate runs them.
    fn by_regex(text: &str) -> Scan {
        static RE: std::sync::OnceLock<[regex::Regex; 3]> = std::sync::OnceLock::new();
        let [def, spread, op] = RE.get_or_init(|| {
            [
                r"(?-u)\bfragment[\s,]+([_A-Za-z][_0-9A-Za-z]*)[\s,]+on\b",
                r"(?-u)\.\.\.[\s,]*([_A-Za-z][_0-9A-Za-z]*)",
                r"(?-u)\b(?:query|mutation|subscription)[\s,]+([_A-Za-z][_0-9A-Za-z]*)",
            ]
            .map(|p| regex::Regex::new(p).unwrap())
        });
        let names = |re: &regex::Regex| {
            re.captures_iter(text)
                .filter_map(|c| c.get(1).map(|m| m.as_str().to_string()))
                .filter(|n| n != "on")
                .collect()
        };
        Scan {
            defs: names(def),
            spreads: names(spread),
            ops: names(op),
        }
    }

    fn same(text: &str) {
        let (a, b) = (scan(text), by_regex(text));
        assert_eq!((&a.defs, &a.spreads, &a.ops), (&b.defs, &b.spreads, &b.ops), "on {text:?}");
    }

    /// Every GraphQL and script file under the repository's test inputs.
    #[test]
    fn the_scan_finds_what_the_patterns_find_in_the_repositorys_documents() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        let extra = std::env::var("PLAIN_CONTRACT_SCAN_DIR").ok();
        for dir in ["tests", "fixtures", "specs", "examples"].into_iter().chain(extra.as_deref()) {
            let mut stack = vec![root.join(dir)];
            while let Some(d) = stack.pop() {
                let Ok(rd) = std::fs::read_dir(&d) else { continue };
                for e in rd.flatten() {
                    let p = e.path();
                    if p.is_dir() {
                        stack.push(p);
                    } else if let Ok(text) = std::fs::read_to_string(&p) {
                        files.push(text);
                    }
                }
            }
        }
        assert!(files.len() > 300, "{} files", files.len());
        let mut found = 0;
        for text in &files {
            same(text);
            let s = scan(text);
            found += s.defs.len() + s.spreads.len() + s.ops.len();
        }
        assert!(found > 800, "{found} names found");
    }

    /// Strings made of the pieces that reach each branch: keywords and
    /// their prefixes, separators, name characters, dots, non-ASCII text.
    #[test]
    fn the_scan_finds_what_the_patterns_find_in_generated_strings() {
        const PIECES: &[&str] = &[
            "fragment",
            "fragmen",
            "on",
            "o",
            "onX",
            "...",
            "..",
            ".",
            "query",
            "mutation",
            "subscription",
            "quer",
            "subscriptio",
            " ",
            ",",
            "\t",
            "\n",
            "\r",
            "\x0B",
            "\x0C",
            "x",
            "_",
            "9",
            "Z",
            "é",
            "{",
            "}",
            "#",
            "q",
            "m",
            "s",
            "F",
        ];
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut rand = move |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        let mut nonempty = 0;
        for _ in 0..40_000 {
            let len = rand(12);
            let text: String = (0..len).map(|_| PIECES[rand(PIECES.len())]).collect();
            same(&text);
            let s = scan(&text);
            nonempty += usize::from(!(s.defs.is_empty() && s.spreads.is_empty() && s.ops.is_empty()));
        }
        assert!(nonempty > 4_000, "{nonempty} strings with a name");
    }

    /// Cases where a naive scan (every keyword tried, matches overlapping)
    /// would differ from the patterns.
    #[test]
    fn the_scan_resumes_after_each_match_as_the_patterns_do() {
        let s = scan("query query X");
        assert_eq!(s.ops, ["query".to_string()].into(), "the second `query` is the first's name");
        same("query query X");
        same("fragment fragment on on { ...on }");
        same("fragment fragment X on Y");
        same("......X ... , Y ...on");
        same("myfragment A on B _query C 9mutation D subscription,E");
        same("fragment A on");
        same("fragment A onion");
        same("");
        same("...");
    }
}
