//! Fragment copies parsed once. Self-contained documents (persisted-document
//! folders, exported collections, per-operation snapshots) each carry a copy
//! of every fragment their operation uses: Plain's 577 SDK operations so laid
//! out are 3.4 MB of GraphQL, most of it the same fragment texts again, and
//! parsing them was half of a run.
//!
//! Here a fragment definition whose text (byte for byte) stands in more than
//! one file of a run is parsed once, on its own; each file is parsed with
//! that definition's selection set blanked to a one-field stub of the same
//! length, and its definition then takes the shared selection set. So the
//! definition itself (its name, type condition, directives and span) is the
//! file's own, at its own place, and only the nodes inside its selection set
//! are located in the shared parse: [`body_label`] tells such a definition,
//! and `Places::scoped` moves what is found there to the copy a validation
//! was given. Findings, items and verdicts are those of parsing every file
//! whole (src/tests/copies.rs compares both on self-contained projects).
//!
//! Written here, not taken from a crate: apollo-compiler parses whole
//! documents only, with no way to locate a node at a place of another file
//! (its spans have no public constructor), and the split below needs only
//! GraphQL's lexical rules (strings, block strings, comments, brackets). A
//! file that does not split cleanly, or whose stubbed text does not parse
//! without error, or is near the parser's token limit, is parsed whole.

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
/// to the end of its selection set, with where that selection set opens.
#[derive(Debug, Clone, Copy)]
struct Chunk {
    start: usize,
    open: usize,
    end: usize,
}

/// A fragment text parsed on its own.
struct Once {
    def: ast::Document,
}

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
        return srcs.par_iter().map(read).collect();
    }
    let once: std::collections::HashMap<&str, Once> = repeated
        .par_iter()
        .enumerate()
        .filter_map(|(n, t)| Some((*t, parse_once(t, n)?)))
        .collect();
    srcs.par_iter()
        .zip(chunks.par_iter())
        .map(|(s, cs)| {
            let shared: Vec<(Chunk, &Once)> = cs.iter().filter_map(|c| Some((*c, once.get(&s.text[c.start..c.end])?))).collect();
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

/// The file's document, its shared fragment definitions taking the
/// selection set parsed once; None when that cannot be done exactly (the
/// caller parses the file whole).
fn read_sharing(src: &Arc<Source>, shared: &[(Chunk, &Once)]) -> Option<Doc> {
    let text = src.text.as_str();
    let mut stub = String::with_capacity(text.len());
    let mut at = 0;
    for (c, _) in shared {
        let inner = text.get(c.open + 1..c.end - 1)?;
        stub.push_str(text.get(at..=c.open)?);
        // The stub's one field stands last: the parser looks one token past a
        // field's name (for an alias), which lexes the run of blanks after
        // it a second time; before the `}` it lexes them once.
        let last = inner.bytes().rposition(|b| b != b'\n' && b != b'\r')?;
        // Byte for byte: the body's last character may be several bytes long.
        blank(&mut stub, &inner.as_bytes()[..last]);
        stub.push('a');
        // Line breaks only, after the field.
        blank(&mut stub, &inner.as_bytes()[last + 1..]);
        at = c.end - 1;
    }
    stub.push_str(text.get(at..)?);
    let mut ast = parser().parse_ast(stub.as_str(), &src.path).ok()?;
    let mut sources = (*ast.sources).clone();
    let mut replaced = 0;
    for def in &mut ast.definitions {
        let Definition::FragmentDefinition(f) = def else { continue };
        let Some(loc) = f.location() else { continue };
        let Some((_, once)) = shared.iter().find(|(c, _)| c.start == loc.offset()) else {
            continue;
        };
        let Some(Definition::FragmentDefinition(body)) = once.def.definitions.first() else {
            return None;
        };
        if loc.end_offset() != loc.offset() + body.location()?.end_offset() {
            return None;
        }
        let own = FragmentDefinition {
            name: f.name.clone(),
            type_condition: f.type_condition.clone(),
            directives: f.directives.clone(),
            selection_set: body.selection_set.clone(),
        };
        *f = apollo_compiler::Node::new_parsed(own, loc);
        for (id, file) in once.def.sources.iter() {
            sources.insert(*id, file.clone());
        }
        replaced += 1;
    }
    if replaced != shared.len() {
        return None;
    }
    ast.sources = Arc::new(sources);
    Some(classify(src, 0, src.path.clone(), src.text.clone(), Ok(ast)))
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

/// For a fragment definition of `doc` whose selection set was parsed once
/// for several files, the label of that parse (its nodes' places are
/// relative to the definition's start); None for a definition parsed with
/// its file.
pub(crate) fn body_label(doc: &Doc, f: &FragmentDefinition) -> Option<String> {
    let own = doc.ast.as_ref()?.sources.keys().next().copied()?;
    let id = f.selection_set.first()?.location()?.file_id();
    if id == own {
        return None;
    }
    Some(doc.ast.as_ref()?.sources.get(&id)?.path().display().to_string())
}

/// Where a node of a definition's selection set stands in its document:
/// `off` itself, or, in a selection set parsed once, `off` past the
/// definition's start.
pub(crate) fn in_document(f: &apollo_compiler::Node<FragmentDefinition>, off: usize) -> usize {
    let own = f.location().map(|l| l.file_id());
    let body = f.selection_set.first().and_then(|s| s.location()).map(|l| l.file_id());
    if own.is_some() && body.is_some() && own != body {
        f.location().map_or(off, |l| l.offset() + off)
    } else {
        off
    }
}

/// The document of `doc` with every node at its place in the file: as
/// parsed, or, when some selection sets were parsed once for several files
/// (a walk locating every node, e.g. coverage's), parsed again whole.
pub(crate) fn with_own_places(doc: &Doc) -> Option<std::borrow::Cow<'_, ast::Document>> {
    let a = doc.ast.as_ref()?;
    let shares = a.definitions.iter().any(|d| match d {
        Definition::FragmentDefinition(f) => body_label(doc, f).is_some(),
        _ => false,
    });
    if !shares {
        return Some(std::borrow::Cow::Borrowed(a));
    }
    let (Ok(whole) | Err(apollo_compiler::validation::WithErrors { partial: whole, .. })) =
        parser().parse_ast(doc.text.as_str(), &doc.label);
    Some(std::borrow::Cow::Owned(whole))
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
        match b[i] {
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
                    if let Some((start, Some(open))) = cur {
                        out.push(Chunk { start, open, end: i + 1 });
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
        .filter(|(d, x)| matches!(x, Definition::FragmentDefinition(f) if body_label(d, f).is_some()))
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
            // White space to GraphQL: `{` stub `a }` parses as one field.
            let doc = format!("fragment F on T {{{stub}a}}");
            let ast = parser().parse_ast(doc.as_str(), "t.graphql").expect("parses");
            let [Definition::FragmentDefinition(f)] = ast.definitions.as_slice() else {
                panic!("one fragment: {doc:?}");
            };
            assert_eq!(f.selection_set.len(), 1);
            assert_eq!(f.location().map(|l| l.end_offset()), Some(doc.len()));
        }
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
        assert!(text[chunks[0].open..].starts_with("{ a {"), "{chunks:?}");
        // Unbalanced or unterminated: parsed whole.
        assert!(fragment_chunks("fragment F on T { a ").is_none());
        assert!(fragment_chunks("query { a } }").is_none());
        assert!(fragment_chunks("fragment F on T { a(s: \"x) }").is_none());
    }
}
