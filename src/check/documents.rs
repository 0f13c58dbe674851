//! The document model of a client project: every `.graphql`/`.gql` file is
//! one document, and every GraphQL template of a TS/JS file (see
//! [`crate::input::embedded`]) is one more, located in its file (read by
//! [`crate::input::documents`]).
//!
//! An operation is validated with exactly the fragments it spreads,
//! transitively, found in any document of the project: the document
//! graphql-js would validate for it (the operation plus those fragments),
//! with every rule apollo-compiler implements of GraphQL §5. So unrelated
//! files never interfere (an anonymous query beside a named one in another
//! file, one operation name in two folders), and a pre-commit run on changed
//! files resolves fragments from files it was not given.
//!
//! What graphql-js would check across one document and is lost by splitting
//! it is checked here: two operations of one name in a document, an anonymous
//! operation beside others, two fragments of one name (anywhere in the
//! project: an error at both places). Across files, two operations of one
//! name are a warning (`GQ009`). A fragment no operation uses is validated on
//! its own and is a warning (`GQ007`), never an error: fragment files are
//! valid on their own.
//!
//! For speed, operations are validated a batch at a time: one document holds
//! several operations (distinct names) and every fragment they need, so a
//! fragment spread by a hundred operations is built and its fields merged
//! once, not a hundred times. The findings are those of one operation at a
//! time; where a batch cannot tell which operation a finding belongs to, those
//! operations are validated alone (see `validate_batch`; src/tests/batched.rs
//! compares both ways on Plain's SDK layout, the fixtures and the corpus).
//!
//! Files holding only type definitions are schemas, skipped with one
//! `GQ010` note (silently when they are the project's schema); a file mixing
//! type definitions with operations is one `GQ011` error.
//!
//! Only findings located in the files being checked are reported: a run on
//! some files of a project gives, for those files, what the run on all of
//! them gives (operations elsewhere that use a fragment of a checked file
//! are validated too, for the findings they cause in it).

use super::{deprecation, operation, plain};
use crate::contract::graphql::apollo_diagnostics;
use crate::contract::GraphqlSchema;
use crate::diagnostic::{Code, Diagnostic};
use crate::input::documents::{Doc, DocKind};
use crate::node::{Node, Value};
use crate::outcome::{Item, Outcome, Scope, Via};
use crate::source::Source;
use apollo_compiler::ast::{self, Definition, FragmentDefinition, OperationDefinition};
// hashbrown's maps (foldhash): the fragment index, places and verdicts are keyed by
// names and labels, hashed by the thousand on the run's one serial stretch.
use hashbrown::{HashMap, HashSet};
use std::collections::BTreeSet;
use std::sync::Arc;

/// Batches of operations validated together per thread of the pool (see
/// [`validate_batch`]): fewer share more fragments, more balance the load.
/// Four (cut at about equal estimated cost, the costliest first, see
/// [`batches`]): with two, one core of two was idle for up to a third of
/// the validation on Plain's SDK, at 1.5 to 3 % fewer instructions.
const BATCHES_PER_THREAD: usize = 4;

/// What validating an operation costs beyond the text it walks, in bytes of
/// that text (see [`cost`]): apollo-compiler's passes over each operation,
/// its variables and its fragments' definitions, and the project's own rules
/// after. On Plain's SDK the batches' times fitted about 17 µs an operation
/// beside 11 µs a kilobyte (timing marks): without it, a batch of two
/// hundred small operations was estimated cheaper than a batch of three
/// large ones and took half as long again, so one core finished the
/// validation alone. Over 1,000 to 5,000, 2,500 left the least idle time
/// (callgrind counts per batch, two cores simulated) on both layouts.
const OPERATION_COST: usize = 2_500;

/// Fragment names a selection set spreads (directly), with where each spread stands.
fn spreads(set: &[ast::Selection], out: &mut Vec<(apollo_compiler::Name, usize)>) {
    crate::visit::ast_spreads(set, &mut |s| {
        out.push((s.fragment_name.clone(), s.location().map_or(0, |l| l.offset())))
    });
}

type Frag<'d> = (usize, &'d apollo_compiler::Node<FragmentDefinition>);

/// A definition's address: with its document, it tells one parsed
/// definition from another (see [`Index`]'s `direct`).
fn address(f: &FragmentDefinition) -> usize {
    std::ptr::from_ref(f).addr()
}

/// A finding, with the operation (by index) it is about, if any.
type Owned = (Option<usize>, Diagnostic);

/// A spread that takes a fragment name from another document while the
/// project holds different definitions of that name: which one is meant is
/// ambiguous. (document of the spread, its offset in the document, the name)
type Ambiguous<'d> = (usize, usize, &'d str);

/// The fragments of the project by name (every definition, in document
/// order), and which definitions of one name are the same text.
struct Index<'d> {
    fragments: HashMap<&'d str, Vec<Frag<'d>>>,
    /// For each name, the group of each of its definitions (parallel to
    /// `fragments[name]`): definitions of one group are equal, ignoring
    /// places (apollo-compiler's structural equality).
    groups: HashMap<&'d str, Vec<usize>>,
    /// The file of each document (a script's templates share one).
    file_of: Vec<&'d str>,
    /// The names each definition spreads directly, with where each spread
    /// stands in its document, by (document, address of the definition):
    /// found once, where each operation's closure would walk a fragment as
    /// many times as operations use it (a fragment parsed once for several
    /// files has one address, so the document is part of the key).
    direct: Direct,
}

/// The names each fragment definition spreads directly, with where each
/// spread stands in its document, by (document, address of the definition).
type Direct = HashMap<(usize, usize), Vec<(apollo_compiler::Name, usize)>>;

/// What an operation (or a fragment validated on its own) needs.
struct Closure<'d> {
    /// The fragment definitions it binds to, in discovery order.
    frags: Vec<Frag<'d>>,
    /// Spreads whose binding is ambiguous.
    ambiguous: Vec<Ambiguous<'d>>,
    /// Names spread that no document defines.
    missing: bool,
}

impl<'d> Index<'d> {
    fn new(docs: &'d [Doc], usable: impl Fn(&Doc) -> bool) -> Index<'d> {
        let mut fragments: HashMap<&str, Vec<Frag>> = HashMap::new();
        for (di, d) in docs.iter().enumerate() {
            let Some(a) = d.ast.as_ref().filter(|_| usable(d)) else { continue };
            for def in &a.definitions {
                if let Definition::FragmentDefinition(f) = def {
                    fragments.entry(f.name.as_str()).or_default().push((di, f));
                }
            }
        }
        let all: Vec<Frag> = fragments.values().flatten().copied().collect();
        let direct = {
            use rayon::prelude::*;
            all.par_iter()
                .map(|&(dj, f)| {
                    let mut found = Vec::new();
                    spreads(&f.selection_set, &mut found);
                    for (_, o) in &mut found {
                        *o = crate::input::documents::in_document(&docs[dj], f, *o);
                    }
                    ((dj, address(f)), found)
                })
                .collect::<Vec<_>>()
                .into_iter()
                .collect()
        };
        let mut index = Index {
            fragments,
            groups: HashMap::new(),
            file_of: docs.iter().map(|d| d.file.path.as_str()).collect(),
            direct,
        };
        index.group();
        index
    }

    /// Sorts each name's definitions into groups of equal text: each is
    /// compared with the first of each group seen so far.
    fn group(&mut self) {
        for (name, defs) in &self.fragments {
            let mut heads: Vec<usize> = Vec::new(); // position of each group's first definition
            let mut g = Vec::with_capacity(defs.len());
            for (i, (_, f)) in defs.iter().enumerate() {
                match heads.iter().position(|&h| defs[h].1 == *f) {
                    Some(p) => g.push(p),
                    None => {
                        g.push(heads.len());
                        heads.push(i);
                    }
                }
            }
            self.groups.insert(name, g);
        }
    }

    /// Does the project hold different definitions of `name`?
    fn differs(&self, name: &str) -> bool {
        self.groups.get(name).is_some_and(|g| g.iter().any(|&x| x > 0))
    }

    /// The definition a spread of `name` in document `at` binds to, for an
    /// operation of document `op`: the spreading document's own, else the
    /// operation's document's, else one of the spreading or the operation's
    /// file (another template of a script: the file is the scope), else the
    /// project's first (the same text anywhere else, or an ambiguous choice,
    /// said by the bool).
    fn resolve(&self, name: &str, at: usize, op: usize) -> Option<(Frag<'d>, bool)> {
        let defs = self.fragments.get(name)?;
        for doc in [at, op] {
            let mut here = defs.iter().filter(|(di, _)| *di == doc);
            if let Some(f) = here.next() {
                // Two of one name in one document: ambiguous there too.
                return Some((*f, here.next().is_some()));
            }
        }
        let groups = self.groups.get(name);
        let group = |i: usize| groups.and_then(|g| g.get(i).copied()).unwrap_or(0);
        for doc in [at, op] {
            let file = self.file_of.get(doc).copied();
            let mut here = defs
                .iter()
                .enumerate()
                .filter(|(_, (di, _))| self.file_of.get(*di).copied() == file);
            if let Some((i, f)) = here.next() {
                // Different texts of one name in the file: ambiguous.
                return Some((*f, here.any(|(j, _)| group(j) != group(i))));
            }
        }
        Some((*defs.first()?, self.differs(name)))
    }

    /// The group of a definition among those of its name.
    fn group_of(&self, f: Frag<'d>) -> usize {
        let defs = &self.fragments[f.1.name.as_str()];
        defs.iter()
            .position(|(di, g)| *di == f.0 && std::ptr::eq(*g, f.1))
            .and_then(|p| self.groups.get(f.1.name.as_str()).and_then(|g| g.get(p).copied()))
            .unwrap_or(0)
    }

    /// The fragments `set` (in document `op`) needs, transitively, in
    /// discovery order, each name bound as [`Index::resolve`] says.
    fn closure(&self, set: &[ast::Selection], op: usize) -> Closure<'d> {
        let mut found = Vec::new();
        spreads(set, &mut found);
        let mut todo: Vec<(apollo_compiler::Name, usize, usize)> = found.into_iter().map(|(n, off)| (n, op, off)).collect();
        let mut seen = HashSet::new();
        let mut out = Closure {
            frags: Vec::new(),
            ambiguous: Vec::new(),
            missing: false,
        };
        while let Some((name, at, off)) = todo.pop() {
            if !seen.insert(name.clone()) {
                continue;
            }
            match self.resolve(name.as_str(), at, op) {
                Some(((dj, f), ambiguous)) => {
                    if ambiguous {
                        out.ambiguous.push((at, off, f.name.as_str()));
                    }
                    out.frags.push((dj, f));
                    // Every definition the index binds has its spreads there.
                    let more = self.direct.get(&(dj, address(f))).into_iter().flatten();
                    todo.extend(more.map(|(n, o)| (n.clone(), dj, *o)));
                }
                None => out.missing = true,
            }
        }
        out
    }
}

/// Where a finding stands: by apollo's source label, the file and offset.
struct Places<'p> {
    by_label: &'p HashMap<String, (Arc<Source>, usize)>,
    /// Fragment definitions parsed once for several files (see
    /// `input::documents::copies`): by the label of that parse, the copy the
    /// validated document holds (its file, where that copy starts).
    copies: HashMap<String, (Arc<Source>, usize)>,
}

impl<'p> Places<'p> {
    fn place(&self, label: &str, off: usize) -> Option<(Arc<Source>, usize)> {
        self.copies
            .get(label)
            .or_else(|| self.by_label.get(label))
            .map(|(s, b)| (s.clone(), b + off))
    }

    /// These places, with the fragment definitions a validated document
    /// holds: what is found in a definition parsed once stands in them.
    fn scoped<'f>(
        &self,
        docs: &[Doc],
        frags: impl IntoIterator<Item = (usize, &'f apollo_compiler::Node<FragmentDefinition>)>,
    ) -> Places<'p> {
        let mut copies = HashMap::new();
        for (dj, f) in frags {
            let d = &docs[dj];
            if let Some((label, start)) = crate::input::documents::shared_at(d, f) {
                copies.insert(label, (d.file.clone(), d.base + start));
            }
        }
        Places {
            by_label: self.by_label,
            copies,
        }
    }
}

/// Which files' findings a run reports, and which files are the project's schema.
#[derive(Debug, Default)]
pub(crate) struct Reported {
    /// Paths of the files being checked (None: all).
    pub files: Option<std::collections::HashSet<String>>,
    /// Paths of the schema's files (skipped without a note).
    pub schema_files: std::collections::HashSet<String>,
    /// Report only findings located in the files being checked (a shard:
    /// another shard reports the others), not those the checked operations
    /// cause in fragments elsewhere.
    pub strict: bool,
}

impl Reported {
    fn has(&self, path: &str) -> bool {
        self.files.as_ref().is_none_or(|f| f.contains(path))
    }
}

/// Checks the documents: those of the reported files, with fragments from all.
pub(crate) fn check(schema: &GraphqlSchema, docs: &[Doc], reported: &Reported, out: &mut Outcome) {
    check_with(schema, docs, reported, out, true);
}

/// [`check`], with the operations validated in batches (see
/// [`validate_batch`]) or each on its own (`batched` false: what the batches
/// must agree with, in tests).
pub(crate) fn check_with(schema: &GraphqlSchema, docs: &[Doc], reported: &Reported, out: &mut Outcome, batched: bool) {
    use rayon::prelude::*;
    let labels: HashMap<String, (Arc<Source>, usize)> = docs.iter().map(|d| (d.label.clone(), (d.file.clone(), d.base))).collect();
    let places = Places {
        by_label: &labels,
        copies: HashMap::new(),
    };
    let mut found: Vec<Diagnostic> = Vec::new();
    let mut schema_notes = HashSet::new();
    for d in docs {
        found.extend(d.findings.iter().cloned());
        if d.kind == DocKind::Schema && !reported.schema_files.contains(&d.file.path) && schema_notes.insert(d.file.path.clone()) {
            found.push(
                Diagnostic::at(
                    Code::SchemaFile,
                    "this file holds type definitions and no operation: a schema, so it is not checked as operations",
                    &d.file,
                    d.base,
                    0,
                )
                .with_note(format!(
                    "to check operations against it: --schema {} (or graphql-config's `schema:`)",
                    d.file.path
                )),
            );
        }
    }

    // Fragments and operations of the project.
    let usable = |d: &Doc| matches!(d.kind, DocKind::Executable | DocKind::Broken);
    let index = Index::new(docs, usable);
    let mut ops: Vec<(usize, &apollo_compiler::Node<OperationDefinition>)> = Vec::new();
    for (di, d) in docs.iter().enumerate() {
        let Some(a) = d.ast.as_ref().filter(|_| d.kind == DocKind::Executable) else {
            continue;
        };
        for def in &a.definitions {
            if let Definition::OperationDefinition(o) = def {
                ops.push((di, o));
            }
        }
    }
    let loc = |di: usize, l: Option<apollo_compiler::parser::SourceSpan>| {
        let d = &docs[di];
        let (off, end) = l.map_or((0, 0), |l| crate::input::documents::own_span(d, l));
        (d.base + off, d.base + end)
    };
    let place_of = |di: usize, at: usize| {
        let lc = docs[di].file.line_col(at);
        format!("{}:{}:{}", docs[di].file.path, lc.line, lc.column)
    };
    let closures: Vec<Closure> = ops.par_iter().map(|(di, o)| index.closure(&o.selection_set, *di)).collect();

    // Findings, each with the operation it is about (None: the document's
    // own, or a fragment's on its own).
    let mut owned: Vec<(Option<usize>, Diagnostic)> = found.into_iter().map(|d| (None, d)).collect();

    // One fragment name, different definitions: an error at each where an
    // operation takes the name from another document (which one it gets is
    // ambiguous), else a warning (each document binds its own).
    let mut ambiguous_uses: HashMap<&str, Vec<(usize, usize, usize)>> = HashMap::new();
    for (k, c) in closures.iter().enumerate() {
        for &(at, off, name) in &c.ambiguous {
            ambiguous_uses.entry(name).or_default().push((k, at, off));
        }
    }
    let mut names: Vec<&&str> = index.fragments.keys().collect();
    names.sort();
    // Definitions with a GQ008 error (by document and the offset of their
    // name): no GQ007 besides it, since a spread may take either of them.
    let mut duplicate: HashSet<(usize, usize)> = HashSet::new();
    for name in names {
        let defs = &index.fragments[*name];
        if defs.len() < 2 {
            continue;
        }
        let differs = index.differs(name);
        let texts = index.groups.get(*name).map_or(0, |g| g.iter().max().map_or(0, |m| m + 1));
        let uses = ambiguous_uses.get(*name);
        // Uses from a document that does not define the name.
        let cross = uses.and_then(|u| u.iter().find(|(_, ud, _)| !defs.iter().any(|(dj, _)| dj == ud)));
        for (k, (di, f)) in defs.iter().enumerate() {
            let here = defs.iter().filter(|(dj, _)| dj == di).count();
            if here < 2 && !differs {
                continue; // the same text in several documents
            }
            // Findings and notes point at the definition's name.
            let name_at = |dj: usize, g: &apollo_compiler::Node<FragmentDefinition>| loc(dj, g.name.location().or(g.location())).0;
            let others: Vec<String> = defs
                .iter()
                .enumerate()
                .filter(|(j, (dj, _))| *j != k && (here < 2 || dj == di))
                .map(|(_, (dj, g))| place_of(*dj, name_at(*dj, g)))
                .collect();
            let also = format!("also defined at {}", others.join(", "));
            let file = &docs[*di].file;
            let (from, len) = (name_at(*di, f), name.len());
            if here > 1 || cross.is_some() {
                duplicate.insert((*di, from));
            }
            let d = if here > 1 {
                Diagnostic::at(
                    Code::FragmentDuplicate,
                    format!("fragment `{name}` is defined {here} times in this document"),
                    file,
                    from,
                    len,
                )
                .with_note(also)
                .with_note("GraphQL validation rule: UniqueFragmentNames")
            } else if let Some(&(_, u_doc, u_off)) = cross {
                Diagnostic::at(
                    Code::FragmentDuplicate,
                    format!(
                        "fragment `{name}` has {texts} different definitions in the project, and an operation takes it from another document"
                    ),
                    file,
                    from,
                    len,
                )
                .with_note(also)
                .with_note(format!(
                    "spread at {} by a document that does not define it: which definition it gets is ambiguous",
                    place_of(u_doc, docs[u_doc].base + u_off)
                ))
                .with_note("GraphQL validation rule: UniqueFragmentNames")
            } else {
                Diagnostic::at(
                    Code::FragmentNameReused,
                    format!("fragment `{name}` has {texts} different definitions in the project; each document uses its own"),
                    file,
                    from,
                    len,
                )
                .with_note(also)
                .with_note("code generators and persisted documents key fragments by name: give each definition its own name")
            };
            for &(op, _, _) in uses.into_iter().flatten() {
                owned.push((Some(op), d.clone()));
            }
            owned.push((None, d));
        }
    }

    // Operation names: unique in a document (an error), across files (a warning).
    let mut by_name: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut per_doc: HashMap<usize, usize> = HashMap::new();
    for (k, (di, o)) in ops.iter().enumerate() {
        *per_doc.entry(*di).or_default() += 1;
        if let Some(n) = &o.name {
            by_name.entry(n.as_str()).or_default().push(k);
        }
    }
    for (k, (di, o)) in ops.iter().enumerate() {
        let (at, _) = loc(*di, o.name.as_ref().and_then(|n| n.location()).or(o.location()));
        let name_len = o.name.as_ref().map_or(1, |n| n.len());
        match &o.name {
            None if per_doc[di] > 1 => owned.push((
                Some(k),
                Diagnostic::at(
                    Code::OperationInvalid,
                    "this anonymous operation must be the only operation of its document",
                    &docs[*di].file,
                    at,
                    1,
                )
                .with_note("GraphQL validation rule: LoneAnonymousOperation"),
            )),
            None => {}
            Some(n) => {
                let same = &by_name[n.as_str()];
                let earlier_here = same.iter().any(|&j| j < k && ops[j].0 == *di);
                let elsewhere: Vec<String> = same
                    .iter()
                    .filter(|&&j| ops[j].0 != *di)
                    .map(|&j| {
                        let (dj, p) = ops[j];
                        place_of(dj, loc(dj, p.name.as_ref().and_then(|n| n.location()).or(p.location())).0)
                    })
                    .collect();
                if earlier_here {
                    owned.push((
                        Some(k),
                        Diagnostic::at(
                            Code::OperationInvalid,
                            format!("the operation `{n}` is defined more than once in this document"),
                            &docs[*di].file,
                            at,
                            name_len,
                        )
                        .with_note("GraphQL validation rule: UniqueOperationNames"),
                    ));
                } else if !elsewhere.is_empty() {
                    owned.push((
                        Some(k),
                        Diagnostic::at(
                            Code::OperationNameDuplicate,
                            format!("another document also defines an operation named `{n}`"),
                            &docs[*di].file,
                            at,
                            name_len,
                        )
                        .with_note(format!("also at {}", elsewhere.join(", ")))
                        .with_note("code generators and persisted queries key operations by name"),
                    ));
                }
            }
        }
    }

    // Which operations to validate: those of reported files, those
    // elsewhere that bind a fragment of a reported file, and, when the
    // reported files define fragments, those spreading a name no document
    // defines (a fragment renamed or removed there).
    let used: HashSet<(&str, usize)> = closures
        .iter()
        .flat_map(|c| c.frags.iter())
        .map(|&f| (f.1.name.as_str(), index.group_of(f)))
        .collect();
    let defines_fragments = reported.files.is_some()
        && docs.iter().any(|d| {
            reported.has(&d.file.path)
                && d.ast
                    .as_ref()
                    .is_some_and(|a| a.definitions.iter().any(|x| matches!(x, Definition::FragmentDefinition(_))))
        });
    let wanted: Vec<usize> = (0..ops.len())
        .filter(|&k| {
            let di = ops[k].0;
            reported.has(&docs[di].file.path)
                || closures[k].frags.iter().any(|(dj, _)| reported.has(&docs[*dj].file.path))
                || (defines_fragments && closures[k].missing)
        })
        .collect();
    // In batches, a few per core (see validate_batch), of about equal cost.
    let batch_count = if batched {
        rayon::current_num_threads().max(1) * BATCHES_PER_THREAD
    } else {
        0
    };
    // Self-contained documents each carry copies of the fragments they use:
    // a batch holds one copy of each text (the first of that very text), and
    // what is found in it is moved to each operation's own copy (see `Shared`).
    let shared = Shared::new(docs, &ops, &closures, &wanted, &loc);
    // The costliest batches first, each a task of its own: a core that is
    // done takes the next (the batches' costs are estimates).
    let cut = batches(&ops, &shared.frags, &wanted, &index.direct, batch_count);
    let mut order: Vec<usize> = (0..cut.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(cut[i].1));
    // Fragments no operation uses: on their own, with what they spread.
    let mut unused_checks = Vec::new();
    for (di, d) in docs.iter().enumerate() {
        let Some(a) = d
            .ast
            .as_ref()
            .filter(|_| d.kind == DocKind::Executable && reported.has(&d.file.path))
        else {
            continue;
        };
        for def in &a.definitions {
            if let Definition::FragmentDefinition(f) = def {
                // A definition with GQ008 (defined twice in its document, or
                // ambiguous for some operation) has that instead.
                let twice = duplicate.contains(&(di, loc(di, f.name.location().or(f.location())).0));
                if !twice && !used.contains(&(f.name.as_str(), index.group_of((di, f)))) {
                    unused_checks.push((di, f));
                }
            }
        }
    }
    let check_unused = |(di, f): (usize, &apollo_compiler::Node<FragmentDefinition>)| {
        let mut ds = validate(
            schema,
            docs,
            &places,
            di,
            Definition::FragmentDefinition(f.clone()),
            &index.closure(&f.selection_set, di).frags,
        );
        ds.retain(|d| {
            !d.notes
                .iter()
                .any(|n| n.ends_with("NoUnusedFragments") || n.ends_with("UnusedFragment"))
        });
        let (at, _) = loc(di, f.location());
        ds.push(Diagnostic::at(
            Code::FragmentUnused,
            format!("fragment `{}` is not used by any operation of the project", f.name),
            &docs[di].file,
            at + "fragment ".len(),
            f.name.len(),
        ));
        ds
    };
    // One list of tasks, each taken by a free core: the batches, costliest
    // first, then the unused fragments, which fill the time a core would
    // otherwise wait for the last batch.
    enum Task {
        Batch(usize),
        Unused(usize),
    }
    enum Done {
        Batch(usize, Vec<Owned>),
        Unused(Vec<Diagnostic>),
    }
    let tasks: Vec<Task> = order
        .iter()
        .map(|&i| Task::Batch(i))
        .chain((0..unused_checks.len()).map(Task::Unused))
        .collect();
    let done: Vec<Done> = tasks
        .par_iter()
        .with_max_len(1)
        .map(|t| match *t {
            Task::Batch(i) => Done::Batch(i, validate_batch(schema, docs, &places, &ops, &closures, &shared, &cut[i].0)),
            Task::Unused(j) => Done::Unused(check_unused(unused_checks[j])),
        })
        .collect();
    let mut validated: Vec<(usize, Vec<Owned>)> = Vec::with_capacity(order.len());
    let mut unused: Vec<Vec<Diagnostic>> = Vec::with_capacity(unused_checks.len());
    for d in done {
        match d {
            Done::Batch(i, v) => validated.push((i, v)),
            Done::Unused(u) => unused.push(u),
        }
    }
    // Back in the operations' order (batches group operations by the
    // fragments they share): an operation's findings at its place among
    // those validated, those of no one operation after the batch's last.
    let mut place = vec![0; ops.len()];
    for (p, &k) in wanted.iter().enumerate() {
        place[k] = p;
    }
    let mut flat: Vec<((usize, bool, usize, usize), Owned)> = Vec::new();
    for (i, v) in validated {
        let last = cut[i].0.iter().map(|&k| place[k]).max().unwrap_or(0);
        for (j, o) in v.into_iter().enumerate() {
            let key = match o.0 {
                Some(k) => (place[k], false, i, j),
                None => (last, true, i, j),
            };
            flat.push((key, o));
        }
    }
    flat.sort_unstable_by_key(|(key, _)| *key);
    owned.extend(flat.into_iter().map(|(_, o)| o));

    for v in unused {
        owned.extend(v.into_iter().map(|d| (None, d)));
    }

    // "Did you mean" on unknown fields, arguments and fragments.
    // A suggestion depends only on the finding's rule and message (the
    // names it quotes): self-contained documents repeat one finding in every
    // copy of a fragment, and the distances to every field of a large type
    // took a fifth of such a run, so each message is worked out once.
    let mut fragment_names: Vec<&str> = index.fragments.keys().copied().collect();
    fragment_names.sort_unstable();
    // The distinct messages are worked out on every core.
    let mut first: HashMap<(&str, Option<&str>), usize> = HashMap::new();
    let slots: Vec<usize> = owned
        .iter()
        .enumerate()
        .map(|(i, (_, d))| {
            let rule = d.notes.iter().find(|n| n.starts_with("GraphQL validation rule: "));
            *first.entry((d.message.as_str(), rule.map(String::as_str))).or_insert(i)
        })
        .collect();
    let mut reps: Vec<usize> = first.into_values().collect();
    reps.sort_unstable();
    let notes: HashMap<usize, String> = reps
        .par_iter()
        .filter_map(|&i| {
            let mut d = owned[i].1.clone();
            let before = d.notes.len();
            operation::suggest(&schema.schema, &mut d, &fragment_names);
            (d.notes.len() > before).then(|| (i, d.notes.swap_remove(0)))
        })
        .collect::<Vec<_>>()
        .into_iter()
        .collect();
    if !notes.is_empty() {
        for ((_, d), slot) in owned.iter_mut().zip(&slots) {
            if let Some(note) = notes.get(slot) {
                d.notes.insert(0, note.clone());
            }
        }
    }

    // Report: findings in reported files, and (unless the run reports only
    // its own files: a shard) those the operations it validated caused
    // elsewhere (in the fragments they bind), each once; in a file that
    // does not parse, only its syntax errors.
    let broken: HashSet<&str> = docs
        .iter()
        .filter(|d| d.kind == DocKind::Broken)
        .map(|d| d.file.path.as_str())
        .collect();
    let mut validated = vec![false; ops.len()];
    for &k in &wanted {
        validated[k] = true;
    }
    let mut via: HashMap<usize, Vec<Via>> = HashMap::new();
    let mut seen = HashSet::new();
    let mut kept = Vec::new();
    for (owner, d) in owned {
        let keep = (reported.has(&d.file) || (owner.is_some_and(|k| validated[k]) && !reported.strict))
            && (d.code != Code::OperationInvalid || !broken.contains(d.file.as_str()));
        if !keep {
            continue;
        }
        if let Some(k) = owner {
            // A finding outside the operation's text, in a fragment it binds.
            let (di, o) = ops[k];
            let (a, b) = loc(di, o.location());
            let own = d.file == docs[di].file.path && (a..b).contains(&d.span.0);
            let frag = closures[k].frags.iter().find(|(dj, f)| {
                let (a, b) = loc(*dj, f.location());
                d.file == docs[*dj].file.path && (a..b).contains(&d.span.0)
            });
            if let (false, Some((dj, f))) = (own, frag) {
                let list = via.entry(k).or_default();
                let name = f.name.as_str();
                let at = loc(*dj, f.location()).0;
                let path = &docs[*dj].file.path;
                let entry = match list.iter().position(|v| v.fragment == name && v.file == *path) {
                    Some(p) => &mut list[p],
                    None => {
                        let lc = docs[*dj].file.line_col(at);
                        list.push(Via {
                            fragment: name.to_string(),
                            file: path.clone(),
                            line: lc.line,
                            column: lc.column,
                            found: Vec::new(),
                        });
                        let last = list.len() - 1;
                        &mut list[last]
                    }
                };
                if !entry.found.contains(&(d.span.0, d.code)) {
                    entry.found.push((d.span.0, d.code));
                }
            }
        }
        if seen.insert((d.code, d.file.clone(), d.span, d.message.clone())) {
            kept.push(d);
        }
    }
    // Findings in reported files first (in the order found), then those
    // elsewhere by file and place.
    kept.sort_by_key(|d| !reported.has(&d.file));
    let split = kept.iter().position(|d| !reported.has(&d.file)).unwrap_or(kept.len());
    kept[split..].sort_by(|a, b| (&a.file, a.span.0).cmp(&(&b.file, b.span.0)));

    // Items: every operation and fragment of the reported documents, and
    // (unless strict) every other operation validated: it depends on them.
    let first_item = out.items.len();
    let dependents: HashSet<(usize, usize)> = if reported.strict {
        HashSet::new()
    } else {
        wanted
            .iter()
            .filter(|&&k| !reported.has(&docs[ops[k].0].file.path))
            .map(|&k| {
                let (di, o) = ops[k];
                (di, loc(di, o.location()).0)
            })
            .collect()
    };
    let op_at: HashMap<(usize, usize), usize> = ops
        .iter()
        .enumerate()
        .map(|(k, (di, o))| ((*di, loc(*di, o.location()).0), k))
        .collect();
    let dependent_docs: HashSet<usize> = dependents.iter().map(|(di, _)| *di).collect();
    let shown = |di: usize, d: &Doc| (usable(d) && reported.has(&d.file.path)) || dependent_docs.contains(&di);
    out.items.reserve(
        docs.iter()
            .enumerate()
            .filter(|(di, d)| shown(*di, d))
            .filter_map(|(_, d)| d.ast.as_ref())
            .map(|a| a.definitions.len())
            .sum(),
    );
    for (di, d) in docs.iter().enumerate() {
        let Some(a) = d.ast.as_ref().filter(|_| shown(di, d)) else {
            continue;
        };
        let whole = usable(d) && reported.has(&d.file.path);
        for def in &a.definitions {
            let (a0, a1) = loc(di, def.location());
            if !whole && !dependents.contains(&(di, a0)) {
                continue;
            }
            let (kind, name) = match def {
                Definition::OperationDefinition(o) => (
                    "operation",
                    o.name.as_ref().map_or_else(
                        || format!("anonymous {}", o.operation_type),
                        |n| format!("{} {n}", o.operation_type),
                    ),
                ),
                Definition::FragmentDefinition(f) => ("fragment", f.name.to_string()),
                _ => continue,
            };
            let lc = d.file.line_col(a0);
            let scope = match op_at.get(&(di, a0)).and_then(|k| via.remove(k)) {
                Some(v) => Scope::Operation(Box::new((a0, a1, v))),
                None => Scope::Range(a0, a1),
            };
            out.items.push(Item {
                kind,
                name,
                file: d.file.path.clone(),
                line: lc.line,
                column: lc.column,
                scope,
                omitted_errors: 0,
            });
        }
    }
    let mut files: HashSet<&str> = kept.iter().map(|d| d.file.as_str()).collect();
    files.extend(out.items[first_item..].iter().map(|i| i.file.as_str()));
    let files: HashSet<String> = files.into_iter().map(str::to_string).collect();
    out.extend(kept);
    for d in docs {
        if reported.has(&d.file.path) || files.contains(&d.file.path) {
            out.add_source(&d.file);
        }
    }
}

/// The document graphql-js would validate: `defs` (an operation, or several,
/// or a fragment, then the fragments they need), with the sources of the
/// documents `from` which they come.
fn assemble(docs: &[Doc], defs: Vec<Definition>, from: &BTreeSet<usize>) -> Option<ast::Document> {
    let mut from = from.iter();
    let first = docs.get(*from.next()?)?.ast.as_ref()?;
    let mut sources = (*first.sources).clone();
    for &dj in from {
        if let Some(b) = &docs[dj].ast {
            for (k, v) in b.sources.iter() {
                sources.insert(*k, v.clone());
            }
        }
    }
    Some(ast::Document {
        sources: Arc::new(sources),
        definitions: defs,
    })
}

/// Validates a document, where a fragment checked on its own is valid when
/// its only fault is being unused (reported apart, as a warning).
fn validate_doc(
    schema: &GraphqlSchema,
    doc: &ast::Document,
) -> Result<
    apollo_compiler::validation::Valid<apollo_compiler::ExecutableDocument>,
    apollo_compiler::validation::WithErrors<apollo_compiler::ExecutableDocument>,
> {
    doc.to_executable_validate(&schema.schema).or_else(|e| {
        let only_unused = e
            .errors
            .iter()
            .all(|d| d.error.unstable_error_name().is_some_and(|n| n.contains("UnusedFragment")));
        if only_unused {
            Ok(apollo_compiler::validation::Valid::assume_valid(e.partial))
        } else {
            Err(e)
        }
    })
}

/// apollo-compiler's findings on a document that did not validate, as ours;
/// those in `own` (the file of the definition validated) first.
fn findings_of(errors: &apollo_compiler::validation::DiagnosticList, docs: &[Doc], places: &Places, di: usize) -> Vec<Diagnostic> {
    let place = |label: &str, off: usize| places.place(label, off).or_else(|| Some((docs[di].file.clone(), docs[di].base)));
    let mut ds = apollo_diagnostics(errors, Code::OperationSyntax, Code::OperationInvalid, place);
    // Every fragment given is spread (syntactically, as graphql-js's
    // NoUnusedFragments sees it); apollo-compiler also calls a fragment
    // unused when it is reachable only under an invalid type condition,
    // which would put a finding in a fragment file that is fine.
    ds.retain(|d| !d.notes.iter().any(|n| n.ends_with("UnusedFragment")));
    // apollo-compiler drops undefined fields when it builds the
    // document, so a selection set made only of them looks empty and
    // gets a MissingSubselection besides each UndefinedField. The
    // selection is not empty in the text (graphql-js reports only the
    // fields): the consequence goes when a finding lies inside it.
    let inner: Vec<(String, usize, usize)> = ds
        .iter()
        .filter(|d| !d.notes.iter().any(|n| n.ends_with("MissingSubselection")))
        .map(|d| (d.file.clone(), d.span.0, d.span.0 + d.span.1))
        .collect();
    ds.retain(|d| {
        !d.notes.iter().any(|n| n.ends_with("MissingSubselection"))
            || !inner
                .iter()
                .any(|(f, a, b)| *f == d.file && *a > d.span.0 && *b <= d.span.0 + d.span.1)
    });
    // apollo-compiler orders its findings by file id, and ids are
    // handed out as files are parsed (in parallel): the definition's
    // own file first, then by path and place, so a report is the
    // same from run to run.
    alone_order(&mut ds, &docs[di].file.path);
    for d in &mut ds {
        if d.notes.iter().any(|n| n == "GraphQL validation rule: UndefinedFragment") {
            d.notes
                .push("no document of the project defines it (graphql-config `documents`, or the files given)".into());
        }
    }
    ds
}

/// Validation findings in the order a report gives them: those in `own`
/// (the file of the definition validated) first, then by file and place.
fn alone_order(ds: &mut [Diagnostic], own: &str) {
    ds.sort_by(|a, b| (a.file != own, &a.file, a.span.0).cmp(&(b.file != own, &b.file, b.span.0)));
}

/// The `@oneOf` literals of a valid document that break the rule, located.
fn one_of_findings(
    schema: &GraphqlSchema,
    valid: &apollo_compiler::validation::Valid<apollo_compiler::ExecutableDocument>,
    places: &Places,
) -> Vec<Diagnostic> {
    let mut ds = Vec::new();
    for (label, off, len, msg) in operation::one_of_literals(&schema.schema, valid) {
        if let Some((src, at)) = places.place(&label, off) {
            ds.push(
                Diagnostic::at(Code::OperationInvalid, msg, &src, at, len)
                    .with_note("GraphQL validation rule: OneOf Input Objects (spec §5.6.6 / RFC)"),
            );
        }
    }
    ds
}

/// What a valid operation of document `di` gets besides validation: its
/// deprecated uses and Plain's request rules on its literals.
fn op_checks(
    schema: &GraphqlSchema,
    docs: &[Doc],
    places: &Places,
    di: usize,
    valid: &apollo_compiler::validation::Valid<apollo_compiler::ExecutableDocument>,
    op: &apollo_compiler::Node<apollo_compiler::executable::Operation>,
) -> Vec<Diagnostic> {
    let mut ds = Vec::new();
    for u in deprecation::in_operation(&schema.schema, valid, op) {
        if let Some((src, at)) = places.place(&u.label, u.offset) {
            ds.push(u.diagnostic(&src, at));
        }
    }
    // Plain's request rules on the operation's literals (no variables here).
    // Findings are placed by the node's place alone (see
    // `operation::embedded_offset`): its value is not the text again, which
    // each of a document's operations copied.
    let d = &docs[di];
    let node = Node {
        start: d.base,
        len: d.text.len(),
        value: Value::String(String::new()),
    };
    let q = plain::QueryText {
        node: &node,
        text: &d.text,
        pointer: String::new(),
    };
    for mut p in plain::check_request(schema, valid, op, None, "", &q, &d.file) {
        p.pointer = None;
        ds.push(p);
    }
    ds
}

/// Validates one definition (an operation, or an unused fragment) with the
/// fragments it needs, as graphql-js validates a document holding just those.
fn validate(schema: &GraphqlSchema, docs: &[Doc], places: &Places, di: usize, def: Definition, frags: &[Frag]) -> Vec<Diagnostic> {
    let own = match &def {
        Definition::FragmentDefinition(f) => Some((di, f)),
        _ => None,
    };
    let places = &places.scoped(docs, own.into_iter().chain(frags.iter().copied()));
    let mut definitions = vec![def];
    let mut from: BTreeSet<usize> = BTreeSet::from([di]);
    for (dj, f) in frags {
        definitions.push(Definition::FragmentDefinition((*f).clone()));
        from.insert(*dj);
    }
    let Some(doc) = assemble(docs, definitions, &from) else {
        return Vec::new();
    };
    match validate_doc(schema, &doc) {
        Err(e) => {
            // What still resolves gets the other checks too (graphql-js
            // style: one fault does not hide the others).
            let mut ds = findings_of(&e.errors, docs, places, di);
            let partial = apollo_compiler::validation::Valid::assume_valid(e.partial);
            ds.extend(beyond_validation(schema, docs, places, di, &partial));
            ds
        }
        Ok(valid) => {
            let mut ds = one_of_findings(schema, &valid, places);
            ds.extend(beyond_validation(schema, docs, places, di, &valid));
            ds
        }
    }
}

/// The checks of a validated (or partly valid) document besides validation:
/// its operation's deprecated uses and Plain's rules, or, for a fragment on
/// its own, its deprecated uses.
fn beyond_validation(
    schema: &GraphqlSchema,
    docs: &[Doc],
    places: &Places,
    di: usize,
    valid: &apollo_compiler::validation::Valid<apollo_compiler::ExecutableDocument>,
) -> Vec<Diagnostic> {
    let mut ds = Vec::new();
    match valid.operations.iter().next() {
        Some(op) => ds.extend(op_checks(schema, docs, places, di, valid, op)),
        None => {
            for f in valid.fragments.values().take(1) {
                for u in deprecation::in_fragment(&schema.schema, valid, &f.selection_set) {
                    if let Some((src, at)) = places.place(&u.label, u.offset) {
                        ds.push(u.diagnostic(&src, at));
                    }
                }
            }
        }
    }
    ds
}

/// The validation rules whose findings in a fragment do not depend on the
/// operation spreading it (the fragment's own fields, arguments, values,
/// directives and spreads): an operation that needs the fragment has them.
const FRAGMENT_LOCAL: &[&str] = &[
    "UndefinedField",
    "UndefinedArgument",
    "UndefinedDirective",
    "UndefinedEnumValue",
    "UndefinedInputValue",
    "UndefinedFragment",
    "UndefinedTypeInNamedFragmentTypeCondition",
    "UndefinedTypeInInlineFragmentTypeCondition",
    "SubselectionOnScalarType",
    "SubselectionOnEnumType",
    "MissingSubselection",
    "RequiredArgument",
    "RequiredField",
    "UniqueArgument",
    "UniqueInputValue",
    "UniqueDirective",
    "UnsupportedLocation",
    "UnsupportedValueType",
    "IntCoercionError",
    "FloatCoercionError",
    "InvalidFragmentTarget",
    "InvalidFragmentSpread",
    "RecursiveFragmentDefinition",
];

/// Whether a finding is one of [`FRAGMENT_LOCAL`]'s rules.
fn fragment_local(d: &Diagnostic) -> bool {
    d.notes.iter().any(|n| {
        n.strip_prefix("GraphQL validation rule: ")
            .is_some_and(|rule| FRAGMENT_LOCAL.contains(&rule))
    })
}

/// Splits the operations to validate into `count` batches or more (each
/// operation alone for 0), each with distinct operation names, an
/// anonymous operation alone (one document cannot hold more), each fragment
/// name bound to one definition (documents may bind a name to their own).
///
/// Operations that share fragments go together: they are taken in the
/// order of the fragments they bind, costliest first (a fragment by its
/// place, for ties), so a batch builds and compares a shared fragment once
/// for many of its operations (apollo-compiler keeps the field merging of a
/// selection within a document). Against batches cut in file order, whose
/// operations drew on every fragment of the project, a first version of
/// this order (by each operation's largest fragment alone) took a fifth off
/// the validation's CPU time on Plain's SDK (timing marks).
///
/// The batches are cut at about equal estimated cost (see [`cost`]), not
/// equal counts: on Plain's SDK an operation's cost ranges over two orders of
/// magnitude, and batches of equal counts left one core of two idle for a
/// quarter of the validation. The estimate is rough, so the caller runs the
/// costliest first, each batch a task a free core takes. Each batch comes
/// with its estimate.
fn batches(
    ops: &[(usize, &apollo_compiler::Node<OperationDefinition>)],
    closures: &[Vec<Frag>],
    wanted: &[usize],
    direct: &Direct,
    count: usize,
) -> Vec<(Vec<usize>, usize)> {
    let mut memo = HashMap::new();
    let costs: Vec<usize> = wanted.iter().map(|&k| cost(ops[k].1, &closures[k], direct, &mut memo)).collect();
    // Each operation's fragments, costliest first, each named by its place.
    let affinity = |k: usize| -> Vec<(std::cmp::Reverse<usize>, usize, usize)> {
        let mut key: Vec<_> = closures[k]
            .iter()
            .map(|(dj, f)| {
                let c = memo.get(&(*dj, address(f))).copied().unwrap_or(0);
                (std::cmp::Reverse(c), *dj, f.location().map_or(0, |l| l.offset()))
            })
            .collect();
        key.sort_unstable();
        key
    };
    let mut taken: Vec<(Vec<_>, usize, usize)> = wanted.iter().zip(&costs).map(|(&k, &c)| (affinity(k), k, c)).collect();
    taken.sort_by(|a, b| a.0.cmp(&b.0));
    let budget = if count == 0 {
        0
    } else {
        costs.iter().fold(0usize, |a, c| a.saturating_add(*c)).div_ceil(count)
    };
    let mut out: Vec<(Vec<usize>, usize)> = Vec::new();
    let mut cur: Vec<usize> = Vec::new();
    let mut spent = 0;
    let mut names: HashSet<&str> = HashSet::new();
    let mut bound: HashMap<&str, (usize, *const FragmentDefinition)> = HashMap::new();
    let mut anonymous = false;
    let binding = |f: &Frag| (f.0, std::ptr::from_ref::<FragmentDefinition>(f.1));
    for (_, k, c) in taken {
        let name = ops[k].1.name.as_ref().map(|n| n.as_str());
        // An anonymous operation must be a document's only one.
        let clash = name.is_none_or(|n| anonymous || names.contains(n))
            || closures[k]
                .iter()
                .any(|f| bound.get(f.1.name.as_str()).is_some_and(|b| *b != binding(f)));
        if (clash || spent >= budget) && !cur.is_empty() {
            out.push((std::mem::take(&mut cur), spent));
            spent = 0;
            names.clear();
            bound.clear();
            anonymous = false;
        }
        match name {
            Some(n) => {
                names.insert(n);
            }
            None => anonymous = true,
        }
        for f in &closures[k] {
            bound.insert(f.1.name.as_str(), binding(f));
        }
        cur.push(k);
        spent = spent.saturating_add(c);
    }
    if !cur.is_empty() {
        out.push((cur, spent));
    }
    out
}

/// What validating an operation costs, about: the length of its text with
/// each fragment spread counted as the text it stands for (fragments inside
/// fragments too, to `node::MAX_DEPTH`), which is what apollo's validation
/// walks, and [`OPERATION_COST`] for the operation itself. Fragments'
/// expanded lengths are kept in `memo`, by document and definition (a
/// definition parsed once for several self-contained files is one node,
/// whose spreads each file binds to its own copies), and a fragment in a
/// cycle counts its own text where it spreads itself. A fragment's spreads are taken from the
/// index (`direct`): walking the definitions again here was a millisecond
/// of the run's one serial stretch on Plain's SDK.
fn cost(
    op: &apollo_compiler::Node<OperationDefinition>,
    frags: &[Frag],
    direct: &Direct,
    memo: &mut HashMap<(usize, usize), usize>,
) -> usize {
    type ByName<'a, 'd> = HashMap<&'a str, Frag<'d>>;
    fn len(l: Option<apollo_compiler::parser::SourceSpan>) -> usize {
        l.map_or(1, |l| l.node_len().max(1))
    }
    fn spread_cost(
        names: &[(apollo_compiler::Name, usize)],
        by_name: &ByName,
        direct: &Direct,
        memo: &mut HashMap<(usize, usize), usize>,
        depth: usize,
    ) -> usize {
        let mut sum = 0usize;
        for (name, _) in names {
            let Some(&(dj, f)) = by_name.get(name.as_str()) else {
                continue;
            };
            let key = (dj, address(f));
            let c = match memo.get(&key) {
                Some(c) => *c,
                None if depth >= crate::node::MAX_DEPTH => len(f.location()),
                None => {
                    memo.insert(key, len(f.location()));
                    let inner = direct
                        .get(&(dj, address(f)))
                        .map_or(0, |more| spread_cost(more, by_name, direct, memo, depth + 1));
                    let c = len(f.location()).saturating_add(inner);
                    memo.insert(key, c);
                    c
                }
            };
            sum = sum.saturating_add(c);
        }
        sum
    }
    let by_name: ByName = frags.iter().map(|&(dj, f)| (f.name.as_str(), (dj, f))).collect();
    let mut names = Vec::new();
    spreads(&op.selection_set, &mut names);
    len(op.location())
        .saturating_add(spread_cost(&names, &by_name, direct, memo, 0))
        .saturating_add(OPERATION_COST)
}

/// The fragments each operation is validated with in a batch: for each
/// fragment it binds, the first definition of the project with the very same
/// text (byte for byte) under that name, so operations of self-contained
/// documents, each binding its own copy, share one copy in a batch. `moves`
/// says, per operation, where each shared copy stands and where the
/// operation's own copy does: (shared document, start, end, own document, own start).
struct Shared<'d> {
    frags: Vec<Vec<Frag<'d>>>,
    moves: Vec<Vec<Move>>,
}

/// A shared copy and an operation's own: (shared document, start, end, own
/// document, own start).
type Move = (usize, usize, usize, usize, usize);

impl<'d> Shared<'d> {
    fn new(
        docs: &'d [Doc],
        ops: &[(usize, &apollo_compiler::Node<OperationDefinition>)],
        closures: &[Closure<'d>],
        wanted: &[usize],
        loc: &dyn Fn(usize, Option<apollo_compiler::parser::SourceSpan>) -> (usize, usize),
    ) -> Shared<'d> {
        let text = |(di, f): Frag<'d>| -> &'d str {
            let (a, b) = loc(di, f.location());
            let d = &docs[di];
            d.text.get(a - d.base..b - d.base).unwrap_or_default()
        };
        let mut first: HashMap<(&str, &str), Frag<'d>> = HashMap::new();
        // A definition parsed once for several files is one node in each:
        // its text is looked up once, not once per operation binding it.
        let mut by_node: HashMap<*const FragmentDefinition, Frag<'d>> = HashMap::new();
        let mut frags = vec![Vec::new(); ops.len()];
        let mut moves = vec![Vec::new(); ops.len()];
        for &k in wanted {
            for &f in &closures[k].frags {
                let c = *by_node
                    .entry(std::ptr::from_ref::<FragmentDefinition>(f.1))
                    .or_insert_with(|| *first.entry((f.1.name.as_str(), text(f))).or_insert(f));
                if c.0 != f.0 || !std::ptr::eq(c.1, f.1) {
                    let (ca, cb) = loc(c.0, c.1.location());
                    let (fa, _) = loc(f.0, f.1.location());
                    moves[k].push((c.0, ca, cb, f.0, fa));
                }
                frags[k].push(c);
            }
        }
        Shared { frags, moves }
    }

    /// A finding of operation `k` located in a shared copy, moved to the
    /// operation's own copy; None when it is not in a shared copy.
    fn moved(&self, docs: &[Doc], k: usize, d: &Diagnostic) -> Option<Diagnostic> {
        let &(_, ca, _, own, fa) = self
            .moves
            .get(k)?
            .iter()
            .find(|(cd, ca, cb, _, _)| d.file == docs[*cd].file.path && (*ca..*cb).contains(&d.span.0))?;
        let file = &docs[own].file;
        let at = fa + (d.span.0 - ca);
        let lc = file.line_col(at);
        let mut m = d.clone();
        m.file = file.path.clone();
        m.span = (at, d.span.1);
        m.line = lc.line;
        m.column = lc.column;
        Some(m)
    }

    /// Is this finding in a copy some operation of `batch` shares?
    fn in_shared(&self, docs: &[Doc], batch: &[usize], d: &Diagnostic) -> bool {
        batch.iter().any(|&k| {
            self.moves[k]
                .iter()
                .any(|(cd, ca, cb, _, _)| d.file == docs[*cd].file.path && (*ca..*cb).contains(&d.span.0))
        })
    }
}

/// Validates several operations of the project in one document holding them
/// and every fragment they need, so fragments shared by many operations are
/// built and compared once (apollo-compiler validates each operation of a
/// document with its own variables and fragments, and caches the field
/// merging of a fragment across them). The findings are those of validating
/// each operation on its own ([`validate`]): when the batch has findings,
/// the operations with none in their text or their fragments are valid on
/// their own too, and the others are validated on their own.
fn validate_batch(
    schema: &GraphqlSchema,
    docs: &[Doc],
    places: &Places,
    ops: &[(usize, &apollo_compiler::Node<OperationDefinition>)],
    closures: &[Closure],
    shared: &Shared,
    batch: &[usize],
) -> Vec<(Option<usize>, Diagnostic)> {
    let alone = |k: usize| -> Vec<(Option<usize>, Diagnostic)> {
        let (di, o) = ops[k];
        validate(
            schema,
            docs,
            places,
            di,
            Definition::OperationDefinition(o.clone()),
            &closures[k].frags,
        )
        .into_iter()
        .map(|d| (Some(k), d))
        .collect()
    };
    if batch.len() < 2 {
        return batch.iter().flat_map(|&k| alone(k)).collect();
    }
    let mut definitions = Vec::new();
    let mut from = BTreeSet::new();
    for &k in batch {
        definitions.push(Definition::OperationDefinition(ops[k].1.clone()));
        from.insert(ops[k].0);
    }
    let mut given = HashSet::new();
    for &k in batch {
        for (dj, f) in &shared.frags[k] {
            if given.insert(f.name.as_str()) {
                definitions.push(Definition::FragmentDefinition((*f).clone()));
                from.insert(*dj);
            }
        }
    }
    let Some(doc) = assemble(docs, definitions, &from) else {
        return Vec::new();
    };
    let scoped = places.scoped(docs, batch.iter().flat_map(|&k| shared.frags[k].iter().copied()));
    let (valid, errors) = match validate_doc(schema, &doc) {
        Ok(valid) => (valid, Vec::new()),
        Err(e) => {
            let errors = findings_of(&e.errors, docs, &scoped, ops[batch[0]].0);
            (apollo_compiler::validation::Valid::assume_valid(e.partial), errors)
        }
    };
    // Where each operation's text and its fragments' lie.
    let span = |di: usize, l: Option<apollo_compiler::parser::SourceSpan>| {
        let (a, b) = l.map_or((0, 0), |l| crate::input::documents::own_span(&docs[di], l));
        (docs[di].file.path.as_str(), docs[di].base + a, docs[di].base + b)
    };
    let ranges = |k: usize| -> Vec<(&str, usize, usize)> {
        let (di, o) = ops[k];
        std::iter::once(span(di, o.location()))
            .chain(shared.frags[k].iter().map(|(dj, f)| span(*dj, f.location())))
            .collect()
    };
    let inside = |d: &Diagnostic, r: &[(&str, usize, usize)]| r.iter().any(|(f, a, b)| d.file == *f && d.span.0 >= *a && d.span.0 < *b);
    let all: Vec<Vec<(&str, usize, usize)>> = batch.iter().map(|&k| ranges(k)).collect();
    // A finding outside every operation and fragment of the batch cannot be
    // told to one: then each is validated on its own.
    if errors.iter().any(|d| !all.iter().any(|r| inside(d, r))) {
        return batch.iter().flat_map(|&k| alone(k)).collect();
    }
    let op_of = |k: usize| {
        let o = ops[k].1;
        match &o.name {
            Some(n) => valid.operations.named.get(n.as_str()),
            None => valid.operations.anonymous.as_ref(),
        }
    };
    let one_of = one_of_findings(schema, &valid, &scoped);
    let mut ds = Vec::new();
    let mut taken = vec![false; errors.len()];
    for (j, &k) in batch.iter().enumerate() {
        let (own, frags) = all[j].split_at(1);
        // A finding in a fragment that may come from another operation's
        // use of it (its variables, field merging): validated on its own,
        // which tells exactly what it causes.
        if errors.iter().any(|d| !fragment_local(d) && !inside(d, own) && inside(d, frags)) {
            ds.extend(alone(k));
            continue;
        }
        // What was found in a shared copy stands in the operation's own copy.
        let mine = |d: &Diagnostic| shared.moved(docs, k, d).unwrap_or_else(|| d.clone());
        // Findings in the operation's own text, and those in a fragment it
        // binds that the fragment has whatever spreads it: the operation
        // has them on its own too, and in the order validating it on its
        // own gives them (see findings_of), which the batch's order is not.
        let mut found: Vec<Diagnostic> = Vec::new();
        for (i, d) in errors.iter().enumerate() {
            if inside(d, own) || (fragment_local(d) && inside(d, frags)) {
                taken[i] = true;
                found.push(mine(d));
            }
        }
        alone_order(&mut found, &docs[ops[k].0].file.path);
        // Then, as `validate` does: the `@oneOf` findings of an operation
        // that validates, and its deprecated uses and Plain's rules, on what
        // resolves.
        if found.is_empty() {
            found.extend(one_of.iter().filter(|d| inside(d, &all[j])).map(mine));
        }
        if let Some(op) = op_of(k) {
            found.extend(op_checks(schema, docs, &scoped, ops[k].0, &valid, op).iter().map(mine));
        }
        ds.extend(found.into_iter().map(|d| (Some(k), d)));
    }
    // Each finding of the batch is one of validating some operation alone
    // (apollo-compiler validates each with its own variables and fragments);
    // those in a shared copy are found again by the operation validated alone.
    ds.extend(
        errors
            .into_iter()
            .zip(taken)
            .filter(|(d, t)| !t && !shared.in_shared(docs, batch, d))
            .map(|(d, _)| (None, d)),
    );
    ds
}
