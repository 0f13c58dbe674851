//! `schema diff OLD NEW --against PATHS`: what the changes break in the
//! user's own operations and recorded exchanges.
//!
//! The paths are checked twice by the crate's own `check` entry point
//! ([`crate::check::check_paths_in`]), once under OLD and once under NEW
//! (same OpenAPI layer), in the client project when there is one: fragments
//! are resolved from the project's documents (graphql-config or `[check]
//! documents`) as `check` resolves them, so an operation whose fragments are
//! in other files is whole under both. An item (an operation, an exchange, a
//! request) with no error under OLD and errors under NEW is *broken*; its
//! findings are NEW's.
//!
//! Use sites come from walking the operation documents among the paths
//! (`.graphql`/`.gql` files and the GraphQL templates of TS/JS files, read
//! by [`crate::input::documents::read`] as `check` reads them), and the
//! fragments of the project's other documents that they spread, under OLD
//! with apollo-compiler's executable model: every field
//! selected (`Type.field`), argument given (`Type.field(arg:)`), type named
//! (variables, fragment conditions, field types), enum value and input field
//! written as a literal. A breaking change is *used* where its coordinate (or
//! the member it concerns: the field a required argument was added to, the
//! input type a required field was added to) is used; a dangerous enum-value
//! or union-member addition is used where a field of that enum or union is
//! selected. A broken item's causing changes are the used changes inside it
//! or inside the fragments it spreads, transitively;
//! for items outside operation documents (recorded exchanges), the changes
//! whose names its findings mention.

use super::diff::{Change, Criticality};
use super::LoadedSchema;
use crate::check::{self, operation::OpCache};
use crate::contract::{Contract, OpenApi};
use crate::input::{self, documents, ProjectDocs};
use crate::outcome::{self, Outcome};
use crate::settings::Settings;
use apollo_compiler::ast::{self, Value};
use apollo_compiler::executable::{Selection, SelectionSet};
use apollo_compiler::schema::ExtendedType;
use apollo_compiler::{ExecutableDocument, Node, Schema};
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

/// A place in a user's file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Use {
    /// The file.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// Byte offset (for attributing uses to operations).
    #[serde(skip)]
    pub offset: usize,
}

/// A finding under NEW.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    /// Diagnostic code.
    pub code: String,
    /// Message.
    pub message: String,
    /// The file, when it is not the item's (a fragment the item spreads).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
}

/// An operation or exchange valid under OLD and invalid under NEW.
#[derive(Debug, Clone, Serialize)]
pub struct Broken {
    /// The file.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// The item's name (`query Customer`, an exchange name).
    pub operation: String,
    /// What NEW says of it.
    pub findings: Vec<Finding>,
    /// Coordinates of the changes that cause it.
    pub changes: Vec<String>,
}

/// The impact of a diff on the given paths.
#[derive(Debug, Default)]
pub struct Impact {
    /// Broken items.
    pub broken: Vec<Broken>,
    /// Use sites per change, by the change's index.
    pub uses: Vec<Vec<Use>>,
    /// Items checked under NEW.
    pub items: usize,
}

/// Checks `paths` under both schemas and attributes what breaks.
/// `openapi` is the transport layer, loaded once for each side.
pub fn impact(
    old: LoadedSchema,
    new: LoadedSchema,
    changes: &[Change],
    paths: &[PathBuf],
    openapi: (OpenApi, OpenApi),
    settings: &Settings,
) -> Impact {
    impact_in(old, new, changes, paths, openapi, settings, &ProjectDocs::default())
}

/// [`impact`] in a client project: fragments are resolved from the
/// project's documents besides the paths, as `check` resolves them, so an
/// operation whose fragments are in other files is checked whole under both
/// schemas, and a change used in such a fragment is used by the operation.
pub(crate) fn impact_in(
    old: LoadedSchema,
    new: LoadedSchema,
    changes: &[Change],
    paths: &[PathBuf],
    openapi: (OpenApi, OpenApi),
    settings: &Settings,
    project: &ProjectDocs,
) -> Impact {
    let sites = collect_uses(&old.schema.schema, paths, &project.documents);
    let mut uses: Vec<Vec<Use>> = changes.iter().map(|c| uses_of(c, &sites.uses)).collect();
    // One run over all the paths, through `check`'s own entry point: each
    // operation is validated with exactly the fragments it spreads (see
    // check::documents), so a finding in one file hides none in another.
    let docs = ProjectDocs {
        documents: project.documents.clone(),
        schema_files: project.schema_files.clone(),
        read_ahead: None,
    };
    // The files of the fragments the paths spread are checked too, so what
    // NEW finds in them (a field removed from a fragment) is seen; their
    // findings count for the operations that spread them, and they are no
    // items of their own.
    let given: HashSet<String> = input::expand_paths(paths).iter().map(|p| p.display().to_string()).collect();
    let mut extra: Vec<String> = sites
        .spread_closure()
        .into_iter()
        .filter_map(|n| sites.fragments.get(&n).map(|s| s.file.clone()))
        .filter(|f| !given.contains(f))
        .collect();
    extra.sort();
    extra.dedup();
    let mut run_paths = paths.to_vec();
    run_paths.extend(extra.iter().map(PathBuf::from));
    let check_under = |openapi: OpenApi, schema: crate::contract::GraphqlSchema| -> Outcome {
        let contract = Contract { openapi, schema };
        let cache = OpCache::default();
        check::check_paths_in(&contract, &cache, settings, &run_paths, None, None, &docs)
    };
    let (oa_old, oa_new) = openapi;
    let (before, after) = std::thread::scope(|s| {
        let b = s.spawn(|| check_under(oa_old, old.schema));
        let a = check_under(oa_new, new.schema);
        (b.join().unwrap_or_default(), a)
    });
    let range_of = |i: &outcome::Item| match &i.scope {
        outcome::Scope::Range(a, b) => Some((*a, *b)),
        outcome::Scope::Operation(s) => Some((s.0, s.1)),
        _ => None,
    };
    // An item's errors: its own, and those in the fragments it spreads.
    let errors_of = |o: &Outcome, i: &outcome::Item| {
        let spread = range_of(i).map(|(a, b)| sites.spread_by(&i.file, a, b)).unwrap_or_default();
        o.diagnostics
            .iter()
            .filter(|d| d.is_error() && (i.owns(d) || spread.iter().any(|s| s.file == d.file && (s.start..s.end).contains(&d.span.0))))
            .cloned()
            .collect::<Vec<_>>()
    };
    // The items of the given paths only: checking a fragment's file also
    // validates the operations elsewhere that spread it (pre-commit's
    // verdict), and those are not what `--against` asked about.
    let items: Vec<&outcome::Item> = after
        .items
        .iter()
        .filter(|i| !extra.contains(&i.file) && given.contains(&i.file))
        .collect();
    let mut broken = Vec::new();
    for item in items.iter().copied() {
        let now = errors_of(&after, item);
        if now.is_empty() {
            continue;
        }
        let Some(was) = before
            .items
            .iter()
            .find(|b| b.file == item.file && b.line == item.line && b.column == item.column && b.name == item.name)
        else {
            continue;
        };
        if !errors_of(&before, was).is_empty() {
            continue;
        }
        let range = range_of(item);
        let mut causes: Vec<String> = Vec::new();
        let spread = range.map(|(a, b)| sites.spread_by(&item.file, a, b)).unwrap_or_default();
        for (c, u) in changes.iter().zip(uses.iter_mut()) {
            if c.criticality != Criticality::Breaking {
                continue;
            }
            // A use inside a fragment the item spreads (transitively, wherever
            // it is defined) is a use by the item.
            let inside = range.is_some_and(|(a, b)| {
                u.iter()
                    .any(|u| u.file == item.file && (a..b).contains(&u.offset) || spread.iter().any(|s| s.holds(u)))
            });
            // Outside operation documents (exchanges), the findings that name
            // the change are its use sites.
            let mut mentioned = false;
            if range.is_none() {
                for d in now.iter().filter(|d| mentions(&d.message, &c.coordinate)) {
                    mentioned = true;
                    let site = Use {
                        file: d.file.clone(),
                        line: d.line,
                        column: d.column,
                        offset: d.span.0,
                    };
                    if !u.contains(&site) {
                        u.push(site);
                    }
                }
            }
            if (inside || mentioned) && !causes.contains(&c.coordinate) {
                causes.push(c.coordinate.clone());
            }
        }
        broken.push(Broken {
            file: item.file.clone(),
            line: item.line,
            column: item.column,
            operation: item.name.clone(),
            findings: now
                .iter()
                .map(|d| Finding {
                    code: d.code.as_str().to_string(),
                    message: d.message.clone(),
                    file: (d.file != item.file).then(|| d.file.clone()),
                    line: d.line,
                    column: d.column,
                })
                .collect(),
            changes: causes,
        });
    }
    Impact {
        broken,
        uses,
        items: items.len(),
    }
}

/// Does a finding's message name every part of a coordinate (`T.f(a:)` → T, f, a)?
fn mentions(message: &str, coordinate: &str) -> bool {
    let parts: Vec<&str> = coordinate.split(['.', '(', ':', ')', '@']).filter(|p| !p.is_empty()).collect();
    let last = parts.last().copied().unwrap_or("");
    !last.is_empty() && message.contains(&format!("`{last}`")) || message.contains(&format!("`{coordinate}`"))
}

/// The use sites a change concerns.
fn uses_of(c: &Change, by: &HashMap<String, Vec<Use>>) -> Vec<Use> {
    let get = |k: &str| by.get(k).cloned().unwrap_or_default();
    match c.kind {
        // The member the new requirement applies to.
        "REQUIRED_ARG_ADDED" => get(c.coordinate.split('(').next().unwrap_or("")),
        "REQUIRED_INPUT_FIELD_ADDED" => get(c.coordinate.split('.').next().unwrap_or("")),
        "VALUE_ADDED_TO_ENUM" => get(&format!("select:{}", c.coordinate.split('.').next().unwrap_or(""))),
        "TYPE_ADDED_TO_UNION" => get(&format!("select:{}", c.coordinate)),
        k if k.starts_with("DIRECTIVE") => Vec::new(),
        _ if c.criticality == Criticality::Safe => Vec::new(),
        _ => get(&c.coordinate),
    }
}

/// A definition's place: the file and its byte range there.
#[derive(Debug, Clone, Default)]
struct Span {
    file: String,
    start: usize,
    end: usize,
}

impl Span {
    fn holds(&self, u: &Use) -> bool {
        u.file == self.file && (self.start..self.end).contains(&u.offset)
    }
}

/// What the documents use: use sites by key, and, for attributing them to
/// operations, every definition's place and the fragments it spreads.
#[derive(Debug, Default)]
struct Sites {
    uses: HashMap<String, Vec<Use>>,
    /// Fragment definitions by name (the first, if a name is defined twice).
    fragments: HashMap<String, Span>,
    /// The fragments each fragment spreads.
    fragment_spreads: HashMap<String, HashSet<String>>,
    /// Every operation and fragment of the paths, with the fragments it spreads.
    defs: Vec<(Span, HashSet<String>)>,
}

impl Sites {
    /// Every fragment the paths' definitions spread, transitively.
    fn spread_closure(&self) -> HashSet<String> {
        let mut todo: Vec<String> = self.defs.iter().flat_map(|(_, n)| n.iter().cloned()).collect();
        let mut seen = HashSet::new();
        while let Some(n) = todo.pop() {
            if seen.insert(n.clone()) {
                todo.extend(self.fragment_spreads.get(&n).into_iter().flatten().cloned());
            }
        }
        seen
    }

    /// The fragments spread, transitively, by the definitions that start in
    /// `start..end` of `file` (an item's range).
    fn spread_by(&self, file: &str, start: usize, end: usize) -> Vec<Span> {
        let mut todo: Vec<String> = self
            .defs
            .iter()
            .filter(|(s, _)| s.file == file && (start..end).contains(&s.start))
            .flat_map(|(_, names)| names.iter().cloned())
            .collect();
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        while let Some(n) = todo.pop() {
            if !seen.insert(n.clone()) {
                continue;
            }
            if let Some(span) = self.fragments.get(&n) {
                out.push(span.clone());
            }
            todo.extend(self.fragment_spreads.get(&n).into_iter().flatten().cloned());
        }
        out
    }
}

/// The fragment names a selection set spreads (directly, through its fields
/// and inline fragments; not into the fragments).
fn spreads_of(set: &[ast::Selection], out: &mut HashSet<String>, depth: usize) {
    if depth > 256 {
        return;
    }
    for sel in set {
        match sel {
            ast::Selection::Field(f) => spreads_of(&f.selection_set, out, depth + 1),
            ast::Selection::FragmentSpread(s) => {
                out.insert(s.fragment_name.to_string());
            }
            ast::Selection::InlineFragment(i) => spreads_of(&i.selection_set, out, depth + 1),
        }
    }
}

/// The operation documents among some files: `.graphql`/`.gql` files and
/// the GraphQL templates of TS/JS files, read as `check` reads them
/// ([`documents::read`]), with each file's canonical path (to tell a file
/// named twice).
fn operation_docs(files: &[PathBuf]) -> Vec<(PathBuf, Vec<documents::Doc>)> {
    files
        .iter()
        .filter(|f| {
            let ext = f
                .extension()
                .and_then(|e| e.to_str())
                .map(str::to_ascii_lowercase)
                .unwrap_or_default();
            ext == "graphql" || ext == "gql" || input::embedded::is_script(&ext)
        })
        .filter_map(|f| {
            let src = crate::input::read::read_source(f).ok()?;
            let key = std::fs::canonicalize(f).unwrap_or_else(|_| f.clone());
            Some((key, documents::read(&src)))
        })
        .collect()
}

/// Walks every operation document among `paths` under `schema` (operations
/// and fragments), and the fragments of the project's other `documents`
/// that they spread, transitively.
fn collect_uses(schema: &Schema, paths: &[PathBuf], project: &[PathBuf]) -> Sites {
    let mut sites = Sites::default();
    let valid = apollo_compiler::validation::Valid::assume_valid_ref(schema);
    let given = operation_docs(&input::expand_paths(paths));
    let known: HashSet<&PathBuf> = given.iter().map(|(k, _)| k).collect();
    let others: Vec<PathBuf> = project
        .iter()
        .filter(|p| !known.contains(&std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf())))
        .cloned()
        .collect();
    let others = operation_docs(&others);
    // Uses inside the fragments of other files, by fragment, kept until
    // it is known which of them the paths spread.
    let mut elsewhere: HashMap<String, HashMap<String, Vec<Use>>> = HashMap::new();
    for (in_paths, (_, docs)) in given.iter().map(|d| (true, d)).chain(others.iter().map(|d| (false, d))) {
        for doc in docs {
            let Some(ast) = &doc.ast else { continue };
            let span = |loc: Option<apollo_compiler::parser::SourceSpan>| Span {
                file: doc.file.path.clone(),
                start: doc.base + loc.map_or(0, |l| l.offset()),
                end: doc.base + loc.map_or(0, |l| l.end_offset()),
            };
            for def in &ast.definitions {
                match def {
                    ast::Definition::OperationDefinition(op) if in_paths => {
                        let mut names = HashSet::new();
                        spreads_of(&op.selection_set, &mut names, 0);
                        sites.defs.push((span(def.location()), names));
                    }
                    ast::Definition::FragmentDefinition(f) => {
                        let mut names = HashSet::new();
                        spreads_of(&f.selection_set, &mut names, 0);
                        if in_paths {
                            sites.defs.push((span(def.location()), names.clone()));
                        }
                        let name = f.name.to_string();
                        sites.fragments.entry(name.clone()).or_insert_with(|| span(def.location()));
                        sites.fragment_spreads.entry(name).or_insert(names);
                    }
                    _ => {}
                }
            }
            let exec = match ExecutableDocument::parse(valid, doc.text.as_str(), &doc.label) {
                Ok(d) => d,
                Err(with) => with.partial,
            };
            if in_paths {
                let mut w = Walker {
                    schema,
                    src: &doc.file,
                    base: doc.base,
                    out: &mut sites.uses,
                };
                w.document(&exec, None);
            } else {
                for name in exec.fragments.keys() {
                    let mut out = HashMap::new();
                    let mut w = Walker {
                        schema,
                        src: &doc.file,
                        base: doc.base,
                        out: &mut out,
                    };
                    w.document(&exec, Some(name.as_str()));
                    elsewhere.entry(name.to_string()).or_insert(out);
                }
            }
        }
    }
    // The fragments of other files that the paths spread, transitively.
    for n in sites.spread_closure() {
        for (key, list) in elsewhere.remove(&n).unwrap_or_default() {
            let into = sites.uses.entry(key).or_default();
            for u in list {
                if !into.contains(&u) {
                    into.push(u);
                }
            }
        }
    }
    sites
}

struct Walker<'a> {
    schema: &'a Schema,
    src: &'a crate::source::Source,
    /// Where the document's text starts in the file (a template's offset).
    base: usize,
    out: &'a mut HashMap<String, Vec<Use>>,
}

impl Walker<'_> {
    /// The operations and fragments of a document; only the fragment `only`
    /// when given.
    fn document(&mut self, doc: &ExecutableDocument, only: Option<&str>) {
        if only.is_none() {
            for op in doc.operations.iter() {
                for v in &op.variables {
                    self.add(v.ty.inner_named_type().as_str(), v.location());
                    if let Some(d) = &v.default_value {
                        self.value(d, &v.ty);
                    }
                }
                self.set(&op.selection_set);
            }
        }
        for (name, f) in &doc.fragments {
            if only.is_some_and(|o| o != name.as_str()) {
                continue;
            }
            self.add(f.selection_set.ty.as_str(), f.location());
            self.set(&f.selection_set);
        }
    }

    fn add(&mut self, key: &str, at: Option<apollo_compiler::parser::SourceSpan>) {
        let offset = self.base + at.map_or(0, |s| s.offset());
        let lc = self.src.line_col(offset);
        let u = Use {
            file: self.src.path.clone(),
            line: lc.line,
            column: lc.column,
            offset,
        };
        let list = self.out.entry(key.to_string()).or_default();
        if !list.contains(&u) {
            list.push(u);
        }
    }

    fn set(&mut self, set: &SelectionSet) {
        let parent = set.ty.as_str();
        for sel in &set.selections {
            match sel {
                Selection::Field(f) => {
                    if f.name.starts_with("__") {
                        continue;
                    }
                    let at = f.location();
                    self.add(&format!("{parent}.{}", f.name), at);
                    let ret = f.definition.ty.inner_named_type().as_str().to_string();
                    self.add(&ret, at);
                    if matches!(
                        self.schema.types.get(ret.as_str()),
                        Some(ExtendedType::Enum(_) | ExtendedType::Union(_))
                    ) {
                        self.add(&format!("select:{ret}"), at);
                    }
                    for arg in &f.arguments {
                        self.add(&format!("{parent}.{}({}:)", f.name, arg.name), arg.location());
                        if let Some(def) = f.definition.argument_by_name(&arg.name) {
                            let ty = def.ty.clone();
                            self.add(ty.inner_named_type().as_str(), arg.location());
                            self.value(&arg.value, &ty);
                        }
                    }
                    self.set(&f.selection_set);
                }
                Selection::InlineFragment(i) => {
                    if let Some(tc) = &i.type_condition {
                        self.add(tc.as_str(), i.location());
                    }
                    self.set(&i.selection_set);
                }
                Selection::FragmentSpread(_) => {}
            }
        }
    }

    /// Enum values and input fields written as literals.
    fn value(&mut self, v: &Node<Value>, ty: &apollo_compiler::ast::Type) {
        let named = ty.inner_named_type();
        match (&**v, self.schema.types.get(named)) {
            (Value::List(items), _) => {
                let item_ty = ty.item_type().clone();
                for i in items {
                    self.value(i, &item_ty);
                }
            }
            (Value::Enum(e), Some(ExtendedType::Enum(_))) => self.add(&format!("{named}.{e}"), v.location()),
            (Value::Object(fields), Some(ExtendedType::InputObject(def))) => {
                for (k, fv) in fields {
                    self.add(&format!("{named}.{k}"), fv.location());
                    if let Some(fd) = def.fields.get(k) {
                        let t = fd.ty.clone();
                        self.add(t.inner_named_type().as_str(), fv.location());
                        self.value(fv, &t);
                    }
                }
            }
            _ => {}
        }
    }
}
