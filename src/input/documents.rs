//! Operation documents read from their files: a `.graphql`/`.gql` file is
//! one document, and every GraphQL template of a TS/JS file (see
//! [`super::embedded`]) is one more, located in its file. Reading parses
//! each document (syntax findings, what it holds); validating the project's
//! documents together is `check::documents`. The lexical scan
//! ([`scan`], [`relevant_with`]) picks which of a project's other files a
//! run needs, before anything is parsed.

use super::embedded;
use crate::contract::graphql::apollo_diagnostics;
use crate::diagnostic::{Code, Diagnostic};
use crate::source::Source;
use apollo_compiler::ast;
// foldhash, not SipHash: the scan sets are made and probed for every project document.
use hashbrown::HashSet;
use std::sync::Arc;

mod copies;
mod scan;
#[cfg(test)]
pub(crate) use copies::shared_bodies;
pub(crate) use copies::{in_document, own_span, read_many, shared_at, with_own_places};
pub(crate) use scan::scan;

/// The parser every operation document is read with.
pub(crate) fn parser() -> apollo_compiler::parser::Parser {
    // Bounds on hostile documents: nesting and token count.
    apollo_compiler::parser::Parser::new().recursion_limit(256).token_limit(200_000)
}

/// What a document holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DocKind {
    /// Operations and fragments.
    Executable,
    /// Type definitions only: a schema.
    Schema,
    /// Both: an error.
    Mixed,
    /// Did not parse, or empty.
    Broken,
}

/// One GraphQL document of the project.
#[derive(Debug)]
pub(crate) struct Doc {
    /// The file it stands in.
    pub file: Arc<Source>,
    /// Byte offset of the document's text in the file (0 for a .graphql file).
    pub base: usize,
    /// The document's text (for a template, with interpolations blanked).
    pub text: String,
    /// The label apollo-compiler knows it by (unique in the run).
    pub label: String,
    /// The parsed document (partial when it did not parse).
    pub ast: Option<ast::Document>,
    /// Findings of reading it (syntax errors, an empty file, a mixed file).
    pub findings: Vec<Diagnostic>,
    /// What it holds.
    pub kind: DocKind,
    /// Fragment definitions parsed once for several files (see
    /// `copies`): the file id of that parse, and where the definition
    /// stands in this document's text. Empty for a document parsed whole.
    pub shared: Vec<(apollo_compiler::parser::FileId, usize)>,
}

/// The documents of one file: a `.graphql`/`.gql` file is one, a script holds
/// one per GraphQL template (none is fine).
pub(crate) fn read(src: &Arc<Source>) -> Vec<Doc> {
    let ext = std::path::Path::new(&src.path)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    if embedded::is_script(&ext) {
        return embedded::extract(&src.text)
            .into_iter()
            .filter(|e| !e.text.trim().is_empty())
            .map(|e| parse(src, e.start, format!("{}@{}", src.path, e.start), e.text))
            .collect();
    }
    if src.text.trim().is_empty() {
        return vec![Doc {
            file: src.clone(),
            base: 0,
            text: String::new(),
            label: src.path.clone(),
            ast: None,
            findings: vec![Diagnostic::at(Code::EmptyFile, "the GraphQL document is empty", src, 0, 0)],
            kind: DocKind::Broken,
            shared: Vec::new(),
        }];
    }
    vec![parse(src, 0, src.path.clone(), src.text.clone())]
}

fn parse(src: &Arc<Source>, base: usize, label: String, text: String) -> Doc {
    let parsed = parser().parse_ast(text.as_str(), &label);
    classify(src, base, label, text, parsed)
}

/// A parsed document, its syntax errors and what it holds.
fn classify(
    src: &Arc<Source>,
    base: usize,
    label: String,
    text: String,
    parsed: Result<ast::Document, apollo_compiler::validation::WithErrors<ast::Document>>,
) -> Doc {
    let place = |_: &str, off: usize| Some((src.clone(), base + off));
    let (ast, mut findings, broken) = match parsed {
        Ok(ast) => (ast, Vec::new(), false),
        Err(e) => (
            e.partial,
            apollo_diagnostics(&e.errors, Code::OperationSyntax, Code::OperationSyntax, place),
            true,
        ),
    };
    let mut kind = if broken { DocKind::Broken } else { DocKind::Executable };
    if !broken {
        let exec = ast.definitions.iter().filter(|d| d.is_executable_definition()).count();
        let first_type = ast.definitions.iter().find(|d| !d.is_executable_definition());
        match (exec, first_type) {
            (0, Some(_)) => kind = DocKind::Schema,
            (n, Some(def)) => {
                kind = DocKind::Mixed;
                let off = def.location().map_or(0, |l| l.offset());
                let len = def.location().map_or(0, |l| l.node_len().min(80));
                findings.push(
                    Diagnostic::at(
                        Code::MixedDocument,
                        format!(
                            "this file holds type definitions and {n} operation(s) or fragment(s); a document is either a schema or operations"
                        ),
                        src,
                        base + off,
                        len,
                    )
                    .with_note("keep the schema in its own file (e.g. schema.graphql) and point `--schema` or graphql-config's `schema` at it"),
                );
            }
            (0, None) => {
                kind = DocKind::Broken;
                findings.push(Diagnostic::at(
                    Code::EmptyFile,
                    "the GraphQL document holds no definition (only comments)",
                    src,
                    base,
                    0,
                ));
            }
            _ => {}
        }
    }
    Doc {
        file: src.clone(),
        base,
        text,
        label,
        ast: Some(ast),
        findings,
        kind,
        shared: Vec::new(),
    }
}

/// The names a file's text defines and spreads, found lexically (see [`relevant_with`]).
#[derive(Debug, Default, Clone)]
pub(crate) struct Scan {
    pub(crate) defs: hashbrown::HashSet<String>,
    pub(crate) spreads: hashbrown::HashSet<String>,
    pub(crate) ops: hashbrown::HashSet<String>,
}

/// Of the project's other files, those a run on `checked` needs, found by
/// a lexical scan (no parsing), to a fixpoint: files defining a fragment
/// the checked files spread (transitively), files spreading a fragment
/// they define (transitively: the operations that use it), and files
/// defining a fragment or an operation name they or the files taken define
/// (duplicates), and,
/// when the checked files define fragments, files spreading a name no file
/// defines (a fragment renamed or removed by the change). A pre-commit run
/// then parses and validates only those, not the whole project.
/// A name found in a comment only adds a file, which is harmless.
///
/// `known` holds the scans of some files already made (by source path; see
/// [`super::ReadAhead`]); the others are scanned in parallel.
pub(crate) fn relevant_with(
    checked: &[Arc<Source>],
    others: Vec<Arc<Source>>,
    known: Option<&hashbrown::HashMap<String, Scan>>,
) -> Vec<Arc<Source>> {
    use rayon::prelude::*;
    use std::borrow::Cow;
    if others.is_empty() {
        return others;
    }
    let scan_of = |s: &Arc<Source>| -> Cow<'_, Scan> {
        match known.and_then(|k| k.get(&s.path)) {
            Some(sc) => Cow::Borrowed(sc),
            None => Cow::Owned(scan(&s.text)),
        }
    };
    let mut needed = HashSet::new(); // fragments to find definitions of
    let mut users_of = HashSet::new(); // fragments whose users to find
    let mut ops = HashSet::new();
    for s in checked {
        let sc = scan_of(s);
        needed.extend(sc.spreads.iter().cloned());
        users_of.extend(sc.defs.iter().cloned());
        ops.extend(sc.ops.iter().cloned());
    }
    let defined_here = users_of.clone();
    let scanned: Vec<Cow<'_, Scan>> = others.par_iter().map(scan_of).collect();
    let mut taken = vec![false; others.len()];
    // When the checked files define fragments, one of them may have been
    // renamed or removed there: the files spreading a name no file defines
    // any more are its users.
    if !defined_here.is_empty() {
        let mut defined: HashSet<&str> = defined_here.iter().map(String::as_str).collect();
        defined.extend(scanned.iter().flat_map(|sc| sc.defs.iter().map(String::as_str)));
        for (k, sc) in scanned.iter().enumerate() {
            if sc.spreads.iter().any(|n| !defined.contains(n.as_str())) {
                taken[k] = true;
                needed.extend(sc.spreads.iter().cloned());
                users_of.extend(sc.defs.iter().cloned());
                ops.extend(sc.ops.iter().cloned());
            }
        }
    }
    loop {
        let mut changed = false;
        for (k, sc) in scanned.iter().enumerate() {
            if taken[k] {
                continue;
            }
            let (d, sp, o) = (&sc.defs, &sc.spreads, &sc.ops);
            let take = d.iter().any(|n| needed.contains(n) || defined_here.contains(n))
                || sp.iter().any(|n| users_of.contains(n))
                || o.iter().any(|n| ops.contains(n));
            if take {
                taken[k] = true;
                changed = true;
                needed.extend(sp.iter().cloned());
                users_of.extend(d.iter().cloned());
                // Its operations' names, for their duplicates elsewhere.
                ops.extend(o.iter().cloned());
            }
        }
        if !changed {
            break;
        }
    }
    drop(scanned);
    others.into_iter().zip(taken).filter(|(_, t)| *t).map(|(s, _)| s).collect()
}
