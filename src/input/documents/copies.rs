//! Fragment copies parsed once. Self-contained documents (persisted-document
//! folders, exported collections, per-operation snapshots) each carry a copy
//! of every fragment their operation uses: Plain's 577 SDK operations so laid
//! out are 3.4 MB of GraphQL, most of it the same fragment texts again, and
//! parsing them was half of a run.
//!
//! Here a fragment definition whose text (byte for byte) stands in more than
//! one file of a run is parsed once, on its own, and each file holding it
//! takes that parse's definition (one node for all of them); the file is
//! parsed without it (see [`read_sharing`]: cut off after the file's own
//! text, else blanked to white space of the same length), so the lexer never
//! steps through a copy. Nodes of a shared definition are located in the
//! shared parse, relative to the definition's start; the document records
//! where each such definition stands in its text ([`Doc::shared`]), and
//! [`shared_at`], [`own_span`] and `Places::scoped` put what is found there
//! at the copy a validation was given. Findings, items and verdicts are
//! those of parsing every file whole (src/tests/copies.rs compares both on
//! self-contained projects).
//!
//! Written here, not taken from a crate: apollo-compiler parses whole
//! documents only, with no way to locate a node at a place of another file
//! (its spans have no public constructor), and the split below needs only
//! GraphQL's lexical rules (strings, block strings, comments, brackets). A
//! file that does not split cleanly, or whose text without its shared
//! definitions does not parse without error (an empty one included), or is
//! near the parser's token limit, is parsed whole.

use super::{classify, parse, parser, read, Doc};
use crate::source::Source;
use apollo_compiler::ast::{self, Definition, FragmentDefinition};
// foldhash's maps: each fragment text (1.6 MB of them on Plain's SDK laid
// out self-contained) is hashed on the run's one serial step between
// reading and parsing.
use hashbrown::HashMap;
use std::sync::Arc;

/// Files at least this long are parsed whole: the parser's token limit
/// (200,000) cannot be reached by a shorter text, so stubbing a file never
/// hides a limit its whole text reaches.
const MAX_SPLIT_BYTES: usize = 200_000;

/// A top-level fragment definition in a text: from its `fragment` keyword
/// to the end of its selection set.
#[derive(Debug, Clone, Copy)]
struct Chunk {
    start: usize,
    end: usize,
}

/// A fragment text parsed on its own.
struct Once {
    def: ast::Document,
}

/// Files a core parses in one run, at most. rayon otherwise splits a list
/// only until each core has a share (a quarter of the files for two cores),
/// and a share begun is not split again: a core that finished its other work
/// (the schema) found nothing to take while the other parsed the rest of a
/// quarter. On Plain's SDK layout the parse's last stretch took 19.6 ms
/// with one core idle for part of it, 15.3 ms with runs of four (same CPU time).
const PARSE_RUN: usize = 4;

/// The documents of each source, as [`read`] gives them, with fragment
/// definitions that stand (byte for byte) in several of these files parsed
/// once.
pub(crate) fn read_many(srcs: &[Arc<Source>]) -> Vec<Vec<Doc>> {
    use rayon::prelude::*;
    let chunks: Vec<Vec<Chunk>> = srcs
        .par_iter()
        .map(|s| {
            if splittable(s) {
                fragment_chunks(&s.text).unwrap_or_default()
            } else {
                Vec::new()
            }
        })
        .collect();
    let mut count: HashMap<&str, u32> = HashMap::new();
    for (s, cs) in srcs.iter().zip(&chunks) {
        for c in cs {
            *count.entry(&s.text[c.start..c.end]).or_default() += 1;
        }
    }
    let repeated: Vec<&str> = count.into_iter().filter(|(_, n)| *n > 1).map(|(t, _)| t).collect();
    if repeated.is_empty() {
        return srcs.par_iter().with_max_len(PARSE_RUN).map(read).collect();
    }
    let once: std::collections::HashMap<&str, Once> = repeated
        .par_iter()
        .enumerate()
        .filter_map(|(n, t)| Some((*t, parse_once(t, n)?)))
        .collect();
    srcs.par_iter()
        .zip(chunks.par_iter())
        .with_max_len(PARSE_RUN)
        .map(|(s, cs)| {
            // A text twice in one file: the second is the file's own (two
            // definitions of one document must not be one node).
            let mut seen: Vec<&str> = Vec::new();
            let shared: Vec<(Chunk, &Once)> = cs
                .iter()
                .filter_map(|c| {
                    let t = &s.text[c.start..c.end];
                    if seen.contains(&t) {
                        return None;
                    }
                    seen.push(t);
                    Some((*c, once.get(t)?))
                })
                .collect();
            if shared.is_empty() {
                read(s)
            } else {
                vec![read_sharing(s, &shared).unwrap_or_else(|| parse(s, 0, s.path.clone(), s.text.clone()))]
            }
        })
        .collect()
}

/// A `.graphql`/`.gql` file of one document, short enough (see [`MAX_SPLIT_BYTES`]).
fn splittable(s: &Source) -> bool {
    let ext = std::path::Path::new(&s.path)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    !super::embedded::is_script(&ext) && s.text.len() < MAX_SPLIT_BYTES && !s.text.trim().is_empty()
}

/// A fragment text parsed on its own: exactly one fragment definition,
/// without error, spanning the whole text.
fn parse_once(text: &str, n: usize) -> Option<Once> {
    let def = parser().parse_ast(text, format!("<fragment text {n}>")).ok()?;
    let whole = match def.definitions.as_slice() {
        [Definition::FragmentDefinition(f)] => {
            f.location().is_some_and(|l| l.offset() == 0 && l.end_offset() == text.len()) && !f.selection_set.is_empty()
        }
        _ => false,
    };
    whole.then_some(Once { def })
}

/// The file's document, its shared fragment definitions those parsed once;
/// None when that cannot be done exactly (the caller parses the file whole).
///
/// The file is parsed without its shared definitions: those after the last
/// text of its own (an operation, a fragment of its own; comments and white
/// space do not count) are cut off, and any before it blanked to white space
/// of the same length with the same line breaks, so every node parsed with
/// the file stands at its own place. A self-contained file, its operation
/// first, is parsed as its operation's text only.
fn read_sharing(src: &Arc<Source>, shared: &[(Chunk, &Once)]) -> Option<Doc> {
    let text = src.text.as_str();
    let mut keep = shared.len();
    let mut end = text.len();
    while let Some((c, _)) = keep.checked_sub(1).and_then(|k| shared.get(k)) {
        if !ignored(text.get(c.end..end)?.as_bytes()) {
            break;
        }
        end = c.start;
        keep -= 1;
    }
    let mut stub = String::with_capacity(end);
    let mut at = 0;
    for (c, _) in &shared[..keep] {
        stub.push_str(text.get(at..c.start)?);
        blank(&mut stub, text.get(c.start..c.end)?.as_bytes());
        at = c.end;
    }
    stub.push_str(text.get(at..end)?);
    let mut ast = parser().parse_ast(stub, &src.path).ok()?;
    let mut sources = (*ast.sources).clone();
    let mut own = std::mem::take(&mut ast.definitions).into_iter().peekable();
    let mut definitions = Vec::with_capacity(own.len() + shared.len());
    let mut starts = Vec::with_capacity(shared.len());
    for (c, once) in shared {
        let def = once.def.definitions.first()?;
        if def.location()?.end_offset() != c.end - c.start {
            return None;
        }
        while let Some(d) = own.next_if(|d| d.location().is_some_and(|l| l.offset() < c.start)) {
            definitions.push(d);
        }
        definitions.push(def.clone());
        for (id, file) in once.def.sources.iter() {
            sources.insert(*id, file.clone());
            starts.push((*id, c.start));
        }
    }
    definitions.extend(own);
    ast.definitions = definitions;
    ast.sources = Arc::new(sources);
    let mut doc = classify(src, 0, src.path.clone(), src.text.clone(), Ok(ast));
    doc.shared = starts;
    Some(doc)
}

/// Whether a text holds only what GraphQL ignores: white space, line
/// breaks, commas, byte-order marks and comments.
fn ignored(b: &[u8]) -> bool {
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        match c {
            b' ' | b'\t' | b'\n' | b'\r' | b',' => i += 1,
            b'#' => i += memchr::memchr2(b'\n', b'\r', &b[i..]).unwrap_or(b.len() - i),
            _ if b[i..].starts_with("\u{feff}".as_bytes()) => i += 3,
            _ => return false,
        }
    }
    true
}

/// Pushes `text.len()` bytes of GraphQL white space in place of `text`, its
/// line breaks kept where they stand (the stub's lines are the file's).
/// Runs between them are byte-order marks (U+FEFF, ignored as white space
/// by GraphQL, three bytes each), so apollo's lexer, which takes a
/// character per step, steps over a blanked body in a third of the steps
/// spaces would take; a run's last one or two bytes are spaces.
fn blank(stub: &mut String, text: &[u8]) {
    let mut from = 0;
    for i in memchr::memchr2_iter(b'\n', b'\r', text) {
        fill(stub, i - from);
        stub.push(char::from(text[i]));
        from = i + 1;
    }
    fill(stub, text.len() - from);
}

/// `n` bytes of white space without a line break (see [`blank`]).
fn fill(stub: &mut String, mut n: usize) {
    const BOMS: &str = "\u{feff}\u{feff}\u{feff}\u{feff}\u{feff}\u{feff}\u{feff}\u{feff}\u{feff}\u{feff}\u{feff}\u{feff}\u{feff}\u{feff}\u{feff}\u{feff}\u{feff}\u{feff}\u{feff}\u{feff}\u{feff}\u{feff}\u{feff}\u{feff}";
    while n >= 3 {
        let k = (n / 3 * 3).min(BOMS.len());
        stub.push_str(&BOMS[..k]);
        n -= k;
    }
    stub.push_str(&"  "[..n]);
}

/// For a fragment definition of `doc` parsed once for several files, the
/// label of that parse (its nodes' places are relative to the definition's
/// start) and where the definition stands in the document; None for a
/// definition parsed with its file.
pub(crate) fn shared_at(doc: &Doc, f: &apollo_compiler::Node<FragmentDefinition>) -> Option<(String, usize)> {
    let id = f.location()?.file_id();
    let (_, start) = doc.shared.iter().find(|(s, _)| *s == id)?;
    Some((doc.ast.as_ref()?.sources.get(&id)?.path().display().to_string(), *start))
}

/// Where a node of `doc` stands in the document's text (start and end):
/// as parsed, or, in a definition parsed once, past that definition's start.
pub(crate) fn own_span(doc: &Doc, span: apollo_compiler::parser::SourceSpan) -> (usize, usize) {
    let id = span.file_id();
    let shift = doc.shared.iter().find(|(s, _)| *s == id).map_or(0, |(_, start)| *start);
    (shift + span.offset(), shift + span.end_offset())
}

/// Where a node of definition `f` of `doc`, at `off` as parsed, stands in
/// the document's text (see [`own_span`]).
pub(crate) fn in_document(doc: &Doc, f: &apollo_compiler::Node<FragmentDefinition>, off: usize) -> usize {
    shared_at(doc, f).map_or(off, |(_, start)| start + off)
}

/// The document of `doc` with every node at its place in the file: as
/// parsed, or, when some selection sets were parsed once for several files
/// (a walk locating every node, e.g. coverage's), parsed again whole.
pub(crate) fn with_own_places(doc: &Doc) -> Option<std::borrow::Cow<'_, ast::Document>> {
    let a = doc.ast.as_ref()?;
    let shares = a.definitions.iter().any(|d| match d {
        Definition::FragmentDefinition(f) => shared_at(doc, f).is_some(),
        _ => false,
    });
    if !shares {
        return Some(std::borrow::Cow::Borrowed(a));
    }
    let (Ok(whole) | Err(apollo_compiler::validation::WithErrors { partial: whole, .. })) =
        parser().parse_ast(doc.text.as_str(), &doc.label);
    Some(std::borrow::Cow::Owned(whole))
}

/// The bytes [`fragment_chunks`] acts on inside brackets or a fragment:
/// comments, strings and brackets.
const INSIDE: [bool; 256] = byte_set(b"#\"{}()[]", false);
/// The bytes it acts on at the top level outside a fragment: also names.
const LOOKING: [bool; 256] = byte_set(b"#\"{}()[]", true);

const fn byte_set(bytes: &[u8], names: bool) -> [bool; 256] {
    let mut t = [false; 256];
    let mut i = 0;
    while i < bytes.len() {
        t[bytes[i] as usize] = true;
        i += 1;
    }
    if names {
        let mut c = 0;
        while c < 256 {
            let b = c as u8;
            t[c] = t[c] || b == b'_' || b.is_ascii_alphabetic();
            c += 1;
        }
    }
    t
}

/// The top-level fragment definitions of a text, by GraphQL's lexical
/// rules; None when the text does not split cleanly (an unterminated
/// string, unbalanced brackets): it is then parsed whole.
fn fragment_chunks(text: &str) -> Option<Vec<Chunk>> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut cur: Option<(usize, Option<usize>)> = None; // start, selection set's opening
    let mut i = 0;
    while i < b.len() {
        // Bytes that change nothing here are passed in a tight loop (most of
        // a text is names and white space; names matter only at the top
        // level outside a fragment, where `fragment` opens one).
        let table = if depth == 0 && cur.is_none() { &LOOKING } else { &INSIDE };
        while i < b.len() && !table[usize::from(b[i])] {
            i += 1;
        }
        let Some(&c) = b.get(i) else { break };
        match c {
            b'#' => {
                while i < b.len() && b[i] != b'\n' && b[i] != b'\r' {
                    i += 1;
                }
                continue;
            }
            b'"' if b[i..].starts_with(b"\"\"\"") => {
                let mut j = i + 3;
                loop {
                    if j >= b.len() {
                        return None;
                    }
                    if b[j..].starts_with(b"\\\"\"\"") {
                        j += 4;
                    } else if b[j..].starts_with(b"\"\"\"") {
                        break;
                    } else {
                        j += 1;
                    }
                }
                i = j + 3;
                continue;
            }
            b'"' => {
                let mut j = i + 1;
                loop {
                    match b.get(j)? {
                        b'\\' => j += 2,
                        b'"' => break,
                        b'\n' | b'\r' => return None,
                        _ => j += 1,
                    }
                }
                i = j + 1;
                continue;
            }
            c if c == b'_' || c.is_ascii_alphabetic() => {
                let start = i;
                while i < b.len() && (b[i] == b'_' || b[i].is_ascii_alphanumeric()) {
                    i += 1;
                }
                if depth == 0 && cur.is_none() && &b[start..i] == b"fragment" {
                    cur = Some((start, None));
                }
                continue;
            }
            b'{' => {
                if let Some((_, open @ None)) = &mut cur {
                    if depth == 0 {
                        *open = Some(i);
                    }
                }
                depth += 1;
            }
            b'(' | b'[' => depth += 1,
            b'}' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    if let Some((start, Some(_))) = cur {
                        out.push(Chunk { start, end: i + 1 });
                        cur = None;
                    }
                }
            }
            b')' | b']' => depth = depth.checked_sub(1)?,
            _ => {}
        }
        i += 1;
    }
    (depth == 0 && cur.is_none()).then_some(out)
}

/// How many fragment definitions of `docs` hold a selection set parsed once
/// for several files (tests: a comparison that shares nothing proves nothing).
#[cfg(test)]
pub(crate) fn shared_bodies(docs: &[Doc]) -> usize {
    docs.iter()
        .filter_map(|d| Some((d, d.ast.as_ref()?)))
        .flat_map(|(d, a)| a.definitions.iter().map(move |x| (d, x)))
        .filter(|(d, x)| matches!(x, Definition::FragmentDefinition(f) if shared_at(d, f).is_some()))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_blanked_body_keeps_its_length_and_line_breaks_and_lexes_as_white_space() {
        for body in ["", "a", "ab", "abc", "abcd", "x y\n  é { b }\r\n\n  c", &"w".repeat(200)] {
            let mut stub = String::new();
            blank(&mut stub, body.as_bytes());
            assert_eq!(stub.len(), body.len(), "{body:?}");
            let breaks = |t: &str| {
                t.bytes()
                    .enumerate()
                    .filter(|(_, b)| matches!(b, b'\n' | b'\r'))
                    .collect::<Vec<_>>()
            };
            assert_eq!(breaks(&stub), breaks(body));
            // White space to GraphQL: a blanked definition between two
            // others leaves them as they were.
            let doc = format!("fragment F on T {{a}}{stub}");
            let ast = parser().parse_ast(doc.as_str(), "t.graphql").expect("parses");
            let [Definition::FragmentDefinition(f)] = ast.definitions.as_slice() else {
                panic!("one fragment: {doc:?}");
            };
            assert_eq!(f.selection_set.len(), 1);
            assert_eq!(f.location().map(|l| l.end_offset()), Some(doc.len() - stub.len()));
            assert!(ignored(stub.as_bytes()));
        }
    }

    #[test]
    fn ignored_is_what_graphql_ignores() {
        assert!(ignored(b""));
        assert!(ignored(" \t,\r\n# a comment { }\n\u{feff}".as_bytes()));
        assert!(ignored(b"# a comment without a line break"));
        assert!(!ignored(b" x"));
        assert!(!ignored(b"\n}"));
        assert!(!ignored("\u{a0}".as_bytes()));
    }

    /// Shared definitions after a file's own text are cut off before it is
    /// parsed, those before it blanked; each stands where it stands in the
    /// file, in file order, and its nodes are located from its start.
    #[test]
    fn shared_definitions_are_cut_off_or_blanked_and_located_in_their_file() {
        let f = "fragment F on T { a b }";
        let g = "fragment G on T {\n  c\n}";
        let first = format!("query A {{ ...F ...G }}\n{f}\n# end\n{g}\n");
        let second = format!("{f}\nquery B {{ ...F }}\n{g}");
        let srcs = [Source::new("a.graphql", first.as_str()), Source::new("b.graphql", second.as_str())];
        let docs: Vec<Doc> = read_many(&srcs).into_iter().flatten().collect();
        for (d, text, parsed_len) in [
            (&docs[0], first.as_str(), first.find("fragment").unwrap_or(0)),
            (&docs[1], second.as_str(), second.find(g).unwrap_or(0)),
        ] {
            let ast = d.ast.as_ref().expect("parsed");
            let own = ast
                .sources
                .values()
                .find(|s| s.path() == std::path::Path::new(&d.label))
                .expect("own source");
            assert_eq!(own.source_text().len(), parsed_len, "{}", d.label);
            assert_eq!(d.shared.len(), 2, "{}", d.label);
            let mut starts = Vec::new();
            for def in &ast.definitions {
                let at = def.location().map(|l| own_span(d, l)).expect("located");
                starts.push(at.0);
                if let Definition::FragmentDefinition(x) = def {
                    let (a, b) = at;
                    assert_eq!(&text[a..b], if x.name == "F" { f } else { g });
                    assert_eq!(shared_at(d, x).map(|(_, s)| s), Some(a));
                    let field = x.selection_set.last().and_then(|s| s.location()).expect("field");
                    let name = if x.name == "F" { "b" } else { "c" };
                    assert_eq!(&text[own_span(d, field).0..][..1], name);
                    assert_eq!(in_document(d, x, field.offset()), own_span(d, field).0);
                }
            }
            assert!(starts.windows(2).all(|w| w[0] < w[1]), "file order: {starts:?}");
        }
        // Both files hold the one parse of each text.
        let node = |d: &Doc, n: &str| {
            d.ast.as_ref().and_then(|a| {
                a.definitions.iter().find_map(|x| match x {
                    Definition::FragmentDefinition(x) if x.name == n => Some(x.clone()),
                    _ => None,
                })
            })
        };
        assert!(node(&docs[0], "F").zip(node(&docs[1], "F")).is_some_and(|(a, b)| a.ptr_eq(&b)));
    }

    #[test]
    fn fragments_split_by_graphqls_lexical_rules() {
        let text = "# fragment Not on A { x }\nquery Q($a: In = {b: \"}\"}) { ...F }\n\
                    fragment F on T @d(x: {y: [1]}) { a { b } \"\"\"}\\\"\"\"\"\"\" }\n\
                    fragment G on T { c }";
        let chunks = fragment_chunks(text).expect("splits");
        let got: Vec<&str> = chunks.iter().map(|c| &text[c.start..c.end]).collect();
        assert_eq!(
            got,
            [
                "fragment F on T @d(x: {y: [1]}) { a { b } \"\"\"}\\\"\"\"\"\"\" }",
                "fragment G on T { c }"
            ]
        );
        // Names inside a selection set are not definitions.
        let inside = "query Q { fragment { on } }\nfragment H on T { fragment }";
        let chunks = fragment_chunks(inside).expect("splits");
        let got: Vec<&str> = chunks.iter().map(|c| &inside[c.start..c.end]).collect();
        assert_eq!(got, ["fragment H on T { fragment }"]);
        // Unbalanced or unterminated: parsed whole.
        assert!(fragment_chunks("fragment F on T { a ").is_none());
        assert!(fragment_chunks("query { a } }").is_none());
        assert!(fragment_chunks("fragment F on T { a(s: \"x) }").is_none());
    }
}
